"""Mail off the request path: the request queues each message, the worker sends it.

With BACKGROUND_WORKER=1 (production, settings.TASKS) EMAIL_BACKEND is ``QueuedEmailBackend``:
``send_messages`` turns each message into the bytes Django would hand the mail server
(``message().as_bytes()``: headers, text, HTML alternative, attachments, every charset already
encoded) and the envelope (the sender and every recipient, Bcc included, which is not in the
headers), and queues the task ``deliver`` with them on the task backend "background", queue
"mail" — the same backend and worker as the search cluster's updates (sitesearch.indexing).
The queue row is written in the request's transaction: a request that is rolled back sends
nothing, and the worker sees the message only once it is committed.

The worker (``manage.py db_worker --backend background --queue-name '*'``) sends the message
byte for byte with the backend EMAIL_URL names (EMAIL_DELIVERY_BACKEND). A send that fails (the
mail server refuses, is down or does not answer within EMAIL_URL's timeout) fails the task: it
stays in the table ``django_tasks_db_dbtaskresult`` with status FAILED and the error, with the
message itself, and nothing waits for it. ``manage.py failed_mail`` lists such messages and
sends them again.

Without the worker (development, tests) the site uses the EMAIL_URL backend directly.
"""

import base64
import email
import email.message
import email.policy
import logging
from email.parser import BytesHeaderParser

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django_tasks import task

logger = logging.getLogger(__name__)

TASK_BACKEND = "background"
QUEUE = "mail"


class _Sent(email.message.Message):
    """A message parsed back from its bytes, which it gives out again unchanged (re-serialising a
    parsed message can re-fold headers and re-encode parts)."""

    raw = None

    def as_bytes(self, unixfrom=False, linesep="\n", policy=None):
        if self.raw is None:  # a part of the message
            return super().as_bytes(unixfrom=unixfrom, policy=policy)
        return linesep.encode("ascii").join(self.raw.splitlines()) + linesep.encode("ascii")

    def as_string(self, unixfrom=False, maxheaderlen=0, policy=None):
        if self.raw is None:
            return super().as_string(unixfrom=unixfrom, maxheaderlen=maxheaderlen, policy=policy)
        return self.as_bytes().decode("utf-8", errors="surrogateescape")


class QueuedMessage(EmailMessage):
    """A message as it was queued: its bytes and its envelope. Any Django mail backend sends it
    (they ask only for message(), recipients() and from_email)."""

    def __init__(self, data, from_email, recipients):
        self.data = data
        self.envelope_recipients = list(recipients)
        headers = BytesHeaderParser(policy=email.policy.default).parsebytes(data)
        super().__init__(
            subject=" ".join(str(headers["Subject"] or "").split()),
            from_email=from_email,
            to=self.envelope_recipients,
        )

    def message(self):
        parsed = email.message_from_bytes(self.data, _class=_Sent)
        parsed.raw = self.data
        return parsed

    def recipients(self):
        return list(self.envelope_recipients)


def pack(message):
    """What the task needs to send the message again (JSON for the queue)."""
    return {
        "message": base64.b64encode(message.message().as_bytes()).decode("ascii"),
        "from_email": message.from_email,
        "recipients": [str(address) for address in message.recipients()],
    }


def unpack(message, from_email, recipients):
    return QueuedMessage(base64.b64decode(message), from_email, recipients)


@task(backend=TASK_BACKEND, queue_name=QUEUE)
def deliver(message, from_email, recipients):
    """Send one queued message with the EMAIL_URL backend. Raises (the task is recorded as failed,
    with the error) when the message was not sent."""
    queued = unpack(message, from_email, recipients)
    backend = getattr(settings, "EMAIL_DELIVERY_BACKEND", "")
    if not backend or backend == f"{__name__}.QueuedEmailBackend":
        raise ImproperlyConfigured("EMAIL_DELIVERY_BACKEND must name the backend that sends")
    connection = get_connection(backend, fail_silently=False)
    sent = connection.send_messages([queued])
    if not sent:
        raise RuntimeError(f"the mail backend did not send {queued.subject!r} to {recipients}")
    return sent


class QueuedEmailBackend(BaseEmailBackend):
    """Queues every message for the worker; never connects to a mail server."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                packed = pack(message)
                with transaction.atomic():
                    deliver.enqueue(**packed)
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("A mail to %s could not be queued", message.recipients())
                continue
            queued += 1
        return queued
