"""Topics: one managed vocabulary for every section, in both languages.

Editors pick a page's topics from the vocabulary (never type new ones); moderators extend it
and translate it (wagtail-localize), and a topic is shown to readers only once published in
their language: a new topic, or its new English translation, is a draft until a moderator
publishes it, so an English page never shows a topic in Latvian.

A topic in Latvian and its English translation share a translation_key, and that key is what
a page's topic means: a page links (PageTopic) to a topic of any language, and readers of each
language see that topic's published version in their language. An English page copied or
synced from its Latvian source by wagtail-localize thereby keeps its topics, translated.

Each topic has an address (slug) used by the lists' filters (?topic=…): it follows the name
until the topic is first published and never changes after that, so that filtered lists that
were linked to keep working; the addresses of variants merged into it are kept too
(former_slugs) and redirect to it (website.topics.FormerTopicAddressMiddleware).
"""

from operator import attrgetter

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail_localize.fields import TranslatableField

from sitesearch.analysis import fold
from website.alphabet import latvian_sorted


class TopicQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def in_locale(self, locale):
        return self.filter(locale=locale)


class Topic(TranslatableMixin, DraftStateMixin, RevisionMixin, models.Model):
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_(
            "As readers see it in lists and filters, with a capital initial, e.g. "
            "“Vardarbība ģimenē”. One topic per concept: check the list first."
        ),
    )
    slug = models.SlugField(
        _("address"),
        max_length=100,
        allow_unicode=True,
        editable=False,
        help_text=_("Made from the name; kept once the topic is published."),
    )
    former_slugs = models.JSONField(
        _("earlier addresses"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Addresses of topics merged into this one; they lead here."),
    )

    objects = TopicQuerySet.as_manager()

    # A translation (a copy, until translated) gets its own address and publication record.
    exclude_fields_in_copy = [
        "slug",
        "former_slugs",
        "first_published_at",
        "last_published_at",
        "live_revision",
    ]

    panels = [FieldPanel("name")]
    # Only the name is translated; the address is made from the translated name.
    translatable_fields = [TranslatableField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="website_topic_unique_slug"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Also when wagtail-localize saves a translation it has just filled in.
        if not self.slug or self.first_published_at is None:
            self.slug = self.available_slug(
                Topic.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
            )
        super().save(*args, **kwargs)

    @property
    def slugs(self):
        """Every address that leads to this topic: its own first."""
        return [self.slug, *self.former_slugs]

    def clean(self):
        super().clean()
        self.name = " ".join((self.name or "").split())
        if not self.name:
            return
        same_locale = Topic.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
        folded = fold(self.name)
        for other in same_locale.only("name", "slug"):
            if fold(other.name) == folded:
                raise ValidationError(
                    {"name": _("The topic “%(name)s” already exists.") % {"name": other.name}}
                )
        # Until readers have seen the topic, its address follows its name.
        if not self.slug or self.first_published_at is None:
            self.slug = self.available_slug(same_locale)

    def available_slug(self, others):
        base = slugify(self.name, allow_unicode=True)[:90] or "tema"
        taken = set()
        for slug, former in others.values_list("slug", "former_slugs"):
            taken.add(slug)
            taken.update(former or ())
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug


class PageTopic(models.Model):
    """One topic of a page. The page's language does not matter here: see the module."""

    page = ParentalKey("wagtailcore.Page", related_name="topic_items", on_delete=models.CASCADE)
    topic = models.ForeignKey(Topic, related_name="page_items", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("page topic")
        verbose_name_plural = _("page topics")
        constraints = [
            models.UniqueConstraint(fields=["page", "topic"], name="website_pagetopic_unique")
        ]

    def __str__(self):
        return str(self.topic)


def sorted_topics(topics):
    """In the site's alphabetical order (website.alphabet): "Ētika" among the E's."""
    return latvian_sorted(topics, key=attrgetter("name"))


def topics_for(items, locale_id):
    """The published topics, in the given language, that these PageTopic items stand for."""
    topic_ids = {item.topic_id for item in items}
    if not topic_ids:
        return []
    keys = Topic.objects.filter(pk__in=topic_ids).values("translation_key")
    return sorted_topics(Topic.objects.live().filter(locale_id=locale_id, translation_key__in=keys))
