"""Vocabularies shared by several sections."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanningRegion(models.TextChoices):
    """Latvia's five planning regions (plānošanas reģioni)."""

    KURZEME = "kurzeme", _("Kurzeme")
    LATGALE = "latgale", _("Latgale")
    RIGA = "riga", _("Rīga")
    VIDZEME = "vidzeme", _("Vidzeme")
    ZEMGALE = "zemgale", _("Zemgale")


class EsfProject(models.TextChoices):
    """The Ministry of Welfare's two social work development projects the site publishes."""

    MUNICIPALITIES_2015 = (
        "9.2.1.1/15/I/001",
        _("Development of Professional Social Work in Municipalities (2015–2023)"),
    )
    MODERN_2022 = (
        "4.3.5.4",
        _("Development of Professional and Modern Social Work (2022–2028)"),
    )


class ContentLanguage(models.TextChoices):
    """The languages content is written in (the site's LANGUAGES, named in the reader's)."""

    LATVIAN = "lv", _("Latvian")
    ENGLISH = "en", _("English")
