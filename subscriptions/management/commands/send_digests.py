"""Weekly digests: run once a week by a timer (deploy/systemd/socialais-darbs-digests.timer)."""

from django.core.management.base import BaseCommand

from subscriptions.models import Subscription
from subscriptions.sending import purge_unconfirmed, send_digests


class Command(BaseCommand):
    help = (
        "Send each weekly subscription the pages its list got since its last digest (each page "
        "once; with BACKGROUND_WORKER=1 the mails are queued for the worker), and delete the "
        "subscriptions whose confirmation link expired unused."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        purged = purge_unconfirmed()
        if options["verbosity"]:
            self.stdout.write(
                f"{sent} digest(s) sent, {purged} unconfirmed subscription(s) deleted, "
                f"{Subscription.objects.confirmed().count()} confirmed subscription(s)"
            )
