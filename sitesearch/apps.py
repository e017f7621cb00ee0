from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSearchConfig(AppConfig):
    name = "sitesearch"
    verbose_name = _("Site search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from sitesearch import indexing, receivers  # noqa: F401
        from sitesearch.backends import opensearch_client

        # Before any other thread runs: see sitesearch.backends.opensearch_client.
        backends = settings.WAGTAILSEARCH_BACKENDS.values()
        if any(params.get("BACKEND") == opensearch_client.BACKEND for params in backends):
            opensearch_client.import_opensearchpy()

        indexing.connect_cluster_receivers()
