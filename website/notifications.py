"""The workflow's e-mails (submitted, approved, rejected), each in its recipient's language.

Wagtail writes them in the recipient's preferred admin language, but a recipient who never
chose one gets the language of whoever triggered the mail (a moderator reading the admin in
English sends an English mail to a Latvian editor), and a mail server that refuses the login
raises through the approval itself. These notifiers take Wagtail's own (same recipients, same
templates, same preferences) and change only that: no preference means the site's language
(Latvian), and no mail failure stops the workflow; it is logged. (With the background worker,
BACKGROUND_WORKER=1, the connection only queues the messages: website.mail.)

They are connected under Wagtail's own dispatch_uids from website.apps, which Django runs
before wagtail.admin (INSTALLED_APPS order): Wagtail's connect then finds the receivers in
place and adds none, so each mail is sent once.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.admin import mail
from wagtail.admin.localization import get_available_admin_languages
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted
from wagtail.users.models import UserProfile

logger = logging.getLogger("website.notifications")


def recipient_language(user):
    """The user's chosen admin language, else the site's: never the sender's."""
    chosen = UserProfile.get_for_user(user).preferred_language
    if chosen in dict(get_available_admin_languages()):
        return chosen
    return settings.LANGUAGE_CODE


class InRecipientLanguage:
    def send_emails(self, template_set, context, recipients, **kwargs):
        use_html = getattr(settings, "WAGTAILADMIN_NOTIFICATION_USE_HTML", False)
        from_email = getattr(
            settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", settings.DEFAULT_FROM_EMAIL
        )
        messages = []
        for recipient in recipients:
            language = recipient_language(recipient)
            with translation.override(language):
                context["user"] = recipient
                subject = " ".join(render_to_string(template_set["subject"], context).split())
                message = EmailMultiAlternatives(
                    subject,
                    render_to_string(template_set["text"], context).strip(),
                    from_email,
                    [recipient.email],
                    headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
                )
                if use_html:
                    message.attach_alternative(
                        render_to_string(template_set["html"], context), "text/html"
                    )
            messages.append(message)
        connection = get_connection(fail_silently=False)
        try:
            connection.open()
        except Exception:
            logger.exception(
                "No %s notification sent: the mail server could not be reached", self.notification
            )
            return False
        sent = 0
        try:
            for message in messages:
                try:
                    sent += connection.send_messages([message])
                except Exception:
                    logger.exception(
                        "The %s notification to %s was not sent", self.notification, message.to
                    )
        finally:
            try:
                connection.close()
            except Exception:
                logger.warning("The mail server connection did not close cleanly", exc_info=True)
        return sent == len(messages)


class TaskSubmitted(InRecipientLanguage, mail.GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class WorkflowSubmitted(InRecipientLanguage, mail.WorkflowStateSubmissionEmailNotifier):
    pass


class WorkflowApproved(InRecipientLanguage, mail.WorkflowStateApprovalEmailNotifier):
    pass


class WorkflowRejected(InRecipientLanguage, mail.WorkflowStateRejectionEmailNotifier):
    pass


# Signal, sender, notifier and the dispatch_uid wagtail.admin.signal_handlers connects it with.
NOTIFIERS = [
    (
        task_submitted,
        TaskState,
        TaskSubmitted(),
        "group_approval_task_submitted_email_notification",
    ),
    (
        workflow_submitted,
        WorkflowState,
        WorkflowSubmitted(),
        "workflow_state_submitted_email_notification",
    ),
    (
        workflow_rejected,
        WorkflowState,
        WorkflowRejected(),
        "workflow_state_rejected_email_notification",
    ),
    (
        workflow_approved,
        WorkflowState,
        WorkflowApproved(),
        "workflow_state_approved_email_notification",
    ),
]


def connect():
    for signal, sender, notifier, dispatch_uid in NOTIFIERS:
        signal.connect(notifier, sender=sender, dispatch_uid=dispatch_uid)
