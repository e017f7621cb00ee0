"""Mail off the request path (website.mail): the request queues, the worker sends.

With BACKGROUND_WORKER=1 a message is queued in the database by the request that causes it and
sent by the worker (`manage.py db_worker --backend background`) to the server EMAIL_URL names.
Checked as a real mail server (aiosmtpd on 127.0.0.1) receives it: byte for byte what Django
built, Latvian text, the HTML alternative, attachments and Bcc intact; with the server down or
hung the request does not even connect, and the worker records the send as failed, message
and error kept, until `manage.py failed_mail --resend`.
"""

import base64
import email
import email.policy
import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail as django_mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tests import production
from tests.network import free_port
from tests.smtp import SMTPServer
from tests.worker import FROM, run_worker
from website import mail

PROJECT = Path(__file__).resolve().parents[2]
# The worker takes tasks in transactions of its own: these tests commit (and put the migrations'
# rows back afterwards for the tests that follow).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SUBJECT = "Jūsu lapa „Ģimeņu atbalsts” ir apstiprināta — paldies!"
TEXT = "Sveiki, Žanete!\n\nLapa „Ģimeņu atbalsts” ir publicēta. Ķēķis, ūdens, čaula, ņaudēt.\n"
HTML = "<p>Sveiki, <b>Žanete</b>! Lapa „Ģimeņu atbalsts” ir publicēta.</p>"
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40  # every byte value, as a binary file has
CSV = "Termins;Skaidrojums\nSociālais darbs;Profesionāla darbība\n"


def subject(message):
    """As a mail client shows it: a long header is folded on the wire."""
    return " ".join(str(message["Subject"]).split())


def unwire(text):
    """Text as written: lines end in CRLF on the wire."""
    return text.replace("\r\n", "\n")


def mail_tasks():
    return DBTaskResult.objects.filter(task_path=mail.deliver.module_path)


def latvian_message():
    message = EmailMultiAlternatives(
        SUBJECT,
        TEXT,
        FROM,
        ["zanete@example.lv"],
        cc=["moderatore@example.lv"],
        bcc=["arhivs@example.lv"],
        reply_to=["redakcija@example.lv"],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": "lv"},
    )
    message.attach_alternative(HTML, "text/html")
    message.attach("pārskats-2024.pdf", PDF, "application/pdf")
    message.attach("terminu-vārdnīca.csv", CSV, "text/csv")
    return message


def test_a_message_reaches_the_server_as_django_built_it_once_the_worker_runs(worker_mail):
    with SMTPServer() as server:
        worker_mail(f"smtp://127.0.0.1:{server.port}")
        assert latvian_message().send() == 1
        # Queued, not sent: the request is done without the mail server.
        assert server.inbox.messages == []
        (queued,) = mail_tasks()
        assert queued.status == "READY" and queued.queue_name == "mail"
        run_worker()

        (received,) = server.inbox.messages
        assert mail_tasks().get().status == "SUCCESSFUL"
    # The envelope: the sender's address, and every recipient, Bcc included.
    assert received.mail_from == "portals@lm.example.lv"
    assert sorted(received.rcpt_tos) == [
        "arhivs@example.lv",
        "moderatore@example.lv",
        "zanete@example.lv",
    ]
    # Byte for byte what Django built in the request (the wire's CRLF aside).
    built = base64.b64decode(queued.args_kwargs["kwargs"]["message"])
    assert received.raw.replace(b"\r\n", b"\n") == built
    # And as a mail client reads it.
    message = received.message
    assert subject(message) == SUBJECT
    assert message["From"] == FROM
    assert message["To"] == "zanete@example.lv" and message["Cc"] == "moderatore@example.lv"
    assert message["Bcc"] is None
    assert message["Reply-To"] == "redakcija@example.lv"
    assert message["Content-Language"] == "lv"
    assert unwire(message.get_body(preferencelist=("plain",)).get_content()) == TEXT
    assert unwire(message.get_body(preferencelist=("html",)).get_content()).strip() == HTML
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    assert attachments["pārskats-2024.pdf"].get_content() == PDF
    assert attachments["pārskats-2024.pdf"].get_content_type() == "application/pdf"
    assert unwire(attachments["terminu-vārdnīca.csv"].get_content()) == CSV


def test_a_queued_message_is_sent_by_any_mail_backend(worker_mail, settings):
    """The worker's backend is EMAIL_URL's, whatever it is (here Django's in-memory one)."""
    worker_mail("locmem://")
    latvian_message().send()
    assert django_mail.outbox == []
    run_worker()
    (sent,) = django_mail.outbox
    assert sent.subject == SUBJECT
    parsed = email.message_from_bytes(sent.message().as_bytes(), policy=email.policy.default)
    assert subject(parsed) == SUBJECT
    assert unwire(parsed.get_body(preferencelist=("plain",)).get_content()) == TEXT
    assert sorted(sent.recipients()) == [
        "arhivs@example.lv",
        "moderatore@example.lv",
        "zanete@example.lv",
    ]


def test_a_failed_send_is_recorded_and_sent_again_when_asked(worker_mail):
    port = free_port()  # nothing listens there yet: the mail server is down
    worker_mail(f"smtp://127.0.0.1:{port}")
    assert latvian_message().send() == 1
    run_worker()
    (failed,) = mail_tasks()
    assert failed.status == "FAILED"
    assert failed.exception_class_path == "builtins.ConnectionRefusedError"
    assert "ConnectionRefusedError" in failed.traceback

    listed = io.StringIO()
    call_command("failed_mail", stdout=listed)
    assert "zanete@example.lv" in listed.getvalue()
    assert SUBJECT in listed.getvalue()
    assert "Connection refused" in listed.getvalue()

    with SMTPServer(port=port) as server:
        again = io.StringIO()
        call_command("failed_mail", "--resend", stdout=again)
        assert "1 message(s) queued again." in again.getvalue()
        run_worker()
        (received,) = server.inbox.messages
    assert subject(received.message) == SUBJECT
    assert [task.status for task in mail_tasks()] == ["SUCCESSFUL"]
    nothing = io.StringIO()
    call_command("failed_mail", stdout=nothing)
    assert nothing.getvalue().strip() == "No failed mail."


def test_a_password_reset_never_waits_on_a_hung_mail_server(client, worker_mail, hung_server):
    port, accepted = hung_server.port, hung_server.accepted
    worker_mail(f"smtp://127.0.0.1:{port}/?timeout=1")
    get_user_model().objects.create_user(
        "zanete", email="zanete@example.lv", password="sena-parole-123"
    )
    response = client.post("/admin/password_reset/", {"email": "zanete@example.lv"})
    assert response.status_code == 302
    assert accepted == [], "the request connected to the mail server"
    (queued,) = mail_tasks()
    assert queued.status == "READY"
    assert queued.args_kwargs["kwargs"]["recipients"] == ["zanete@example.lv"]

    run_worker()  # the worker waits the timeout (1 s), then records the failure
    assert len(accepted) == 1
    failed = mail_tasks().get()
    assert failed.status == "FAILED"
    assert "timed out" in failed.traceback


def test_a_message_without_recipients_is_not_queued(worker_mail):
    worker_mail("locmem://")
    assert EmailMultiAlternatives("Tukšs", "Nav saņēmēju.", FROM, []).send() == 0
    assert not mail_tasks().exists()


def settings_of(**env):
    return production.settings(
        "s.EMAIL_BACKEND",
        "getattr(s, 'EMAIL_DELIVERY_BACKEND', '-')",
        "s.EMAIL_HOST",
        "s.TASKS['background']['BACKEND']",
        env={"EMAIL_URL": "smtp://mail.example.lv/?tls=1", **env},
        unset=("EMAIL_URL", "BACKGROUND_WORKER", "SEARCH_INDEXING"),
    )


@pytest.mark.django_db(transaction=False)
def test_production_queues_mail_only_with_the_worker():
    with_worker = settings_of(BACKGROUND_WORKER="1")
    assert with_worker.returncode == 0, with_worker.stderr
    assert with_worker.stdout.split() == [
        "website.mail.QueuedEmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.lv",
        "django_tasks_db.DatabaseBackend",
    ]
    without = settings_of()
    assert without.returncode == 0, without.stderr
    assert without.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "-",
        "mail.example.lv",
        "django_tasks.backends.immediate.ImmediateBackend",
    ]
    # The setting it replaces is not silently ignored.
    old = settings_of(SEARCH_INDEXING="background")
    assert old.returncode != 0 and "BACKGROUND_WORKER" in old.stderr
