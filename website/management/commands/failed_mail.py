"""The mail the worker could not send (website.mail), and sending it again.

manage.py failed_mail            # one line per failed message: when, to whom, subject, error
manage.py failed_mail --resend   # queue each again for the worker; the failed record goes
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from website import mail

TASK_PATH = mail.deliver.module_path


class Command(BaseCommand):
    help = "Lists the mail the worker failed to send; --resend queues it again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--resend", action="store_true", help="queue every failed message again"
        )

    def handle(self, *args, resend=False, **options):
        failed = DBTaskResult.objects.failed().filter(task_path=TASK_PATH).order_by("enqueued_at")
        count = 0
        for result in failed:
            kwargs = result.args_kwargs.get("kwargs", {})
            message = mail.unpack(**kwargs)
            error = (result.traceback.strip().splitlines() or [result.exception_class_path])[-1]
            when = timezone.localtime(result.finished_at or result.enqueued_at)
            self.stdout.write(
                f"{when:%Y-%m-%d %H:%M} {', '.join(message.recipients())} "
                f"{message.subject!r}: {error}"
            )
            if resend:
                with transaction.atomic():
                    mail.deliver.enqueue(**kwargs)
                    result.delete()
            count += 1
        if resend:
            self.stdout.write(f"{count} message(s) queued again.")
        elif not count:
            self.stdout.write("No failed mail.")
