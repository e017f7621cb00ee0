from django.conf import settings
from django.core.management.base import BaseCommand

from website.siteurl import apply_to_site


class Command(BaseCommand):
    help = (
        "Give the default Wagtail Site the host and port of SITE_URL, the site's public address "
        "(also done by every migrate)."
    )

    def handle(self, *args, **options):
        site = apply_to_site()
        if site is not None:
            self.stdout.write(f"The default site's address is now {site.root_url}.")
        else:
            self.stdout.write(f"The default site's address is already {settings.SITE_URL}.")
