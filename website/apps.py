from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.models import get_page_models

        from website import notifications, pagecache, security  # noqa: F401
        from website.models import HomePage

        # Before wagtail.admin connects its own under the same names (website.notifications).
        notifications.connect()

        # The home page accepts the section index pages that name it as their parent, so a new
        # section is added to the tree by its own app alone.
        HomePage.subpage_types = [
            model._meta.label
            for model in get_page_models()
            if "website.HomePage" in (getattr(model, "parent_page_types", None) or [])
        ]

        # The default Site takes SITE_URL's host and port after every migrate (website.siteurl).
        post_migrate.connect(_apply_site_url, sender=self)


def _apply_site_url(using="default", **kwargs):
    import sys

    from django.db import connections

    from website.siteurl import apply_to_site

    if "wagtailcore_site" not in connections[using].introspection.table_names():
        return  # migrated only part of the way
    site = apply_to_site(using=using)
    if site is not None and kwargs.get("verbosity", 1) >= 1:
        stdout = kwargs.get("stdout") or sys.stdout
        stdout.write(f"  The default site's address is now {site.root_url} (SITE_URL).\n")
