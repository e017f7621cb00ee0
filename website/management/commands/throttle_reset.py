from django.core.management.base import BaseCommand

from website import throttle


class Command(BaseCommand):
    help = (
        "Lift every lock on shared-password forms and password resets (website.throttle). "
        "Login locks are django-axes's: axes_reset_username NAME, axes_reset_ip ADDRESS, "
        "axes_reset."
    )

    def handle(self, *args, **options):
        throttle.reset_all()
        self.stdout.write("Locks on password forms and password resets lifted.")
