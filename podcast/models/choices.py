"""The podcast's fixed lists: Apple Podcasts categories, languages, show and episode types,
the roles of people in an episode."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

EPISODES_PER_PAGE = 12
SHOW_NOTES_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class ApplePodcastCategory(models.TextChoices):
    """The Apple Podcasts categories that suit the portal; "A > B" is category B inside A.

    The values are written into the feed as they are, so they stay in Apple's English.
    """

    EDUCATION = "Education", _("Education")
    EDUCATION_COURSES = "Education > Courses", _("Education › Courses")
    EDUCATION_HOW_TO = "Education > How To", _("Education › How To")
    EDUCATION_SELF_IMPROVEMENT = "Education > Self-Improvement", _("Education › Self-Improvement")
    GOVERNMENT = "Government", _("Government")
    HEALTH_MENTAL_HEALTH = "Health & Fitness > Mental Health", _("Health & Fitness › Mental Health")
    NEWS_POLITICS = "News > Politics", _("News › Politics")
    SCIENCE_SOCIAL_SCIENCES = "Science > Social Sciences", _("Science › Social Sciences")
    SOCIETY_CULTURE = "Society & Culture", _("Society & Culture")
    SOCIETY_DOCUMENTARY = "Society & Culture > Documentary", _("Society & Culture › Documentary")
    SOCIETY_RELATIONSHIPS = (
        "Society & Culture > Relationships",
        _("Society & Culture › Relationships"),
    )

    @staticmethod
    def split(value):
        """("Society & Culture", "Relationships") for "Society & Culture > Relationships"."""
        category, _separator, subcategory = value.partition(" > ")
        return category, subcategory or None


class SpokenLanguage(models.TextChoices):
    LATVIAN = "lv", _("Latvian")
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")


class ShowType(models.TextChoices):
    EPISODIC = "episodic", _("Episodic: newest episode first")
    SERIAL = "serial", _("Serial: listen in order, oldest first")


class EpisodeType(models.TextChoices):
    FULL = "full", _("Full episode")
    TRAILER = "trailer", _("Trailer")
    BONUS = "bonus", _("Bonus")


class PersonRole(models.TextChoices):
    """Roles of the Podcast Taxonomy (podcast:person role=…)."""

    GUEST = "guest", pgettext_lazy("podcast", "Guest")
    HOST = "host", pgettext_lazy("podcast", "Host")
