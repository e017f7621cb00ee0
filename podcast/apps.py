from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastConfig(AppConfig):
    name = "podcast"
    verbose_name = _("Podcast")
    default_auto_field = "django.db.models.BigAutoField"
