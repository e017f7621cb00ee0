"""Run daily (or more often) by a timer: deploy/systemd/socialais-darbs-registrations.timer."""

from django.conf import settings
from django.core.management.base import BaseCommand

from registrations.maintenance import purge_expired, send_reminders


class Command(BaseCommand):
    help = (
        "Send the reminder to each confirmed participant of a sitting that starts tomorrow (once "
        "per participant; with BACKGROUND_WORKER=1 the mails are queued for the worker), and "
        "delete the participants of sittings that ended more than REGISTRATION_RETENTION_DAYS "
        "ago."
    )

    def handle(self, *args, **options):
        reminded = send_reminders()
        deleted = purge_expired()
        if options["verbosity"]:
            self.stdout.write(
                f"{reminded} reminder(s) sent, {deleted} participant(s) deleted after "
                f"{settings.REGISTRATION_RETENTION_DAYS} days"
            )
