from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings
        from wagtail.models import get_page_models

        from website import notifications, pagecache, security  # noqa: F401
        from website.models import HomePage
        from website.search import receivers  # noqa: F401
        from website.search.backends import opensearch_client

        # Before any other thread runs: see website.search.backends.opensearch_client.
        backends = settings.WAGTAILSEARCH_BACKENDS.values()
        if any(params.get("BACKEND") == opensearch_client.BACKEND for params in backends):
            opensearch_client.import_opensearchpy()

        # Before wagtail.admin connects its own under the same names (website.notifications).
        notifications.connect()

        # The home page accepts the section index pages that name it as their parent, so a new
        # section is added to the tree by its own app alone.
        HomePage.subpage_types = [
            model._meta.label
            for model in get_page_models()
            if "website.HomePage" in (getattr(model, "parent_page_types", None) or [])
        ]
