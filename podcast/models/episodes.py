"""An episode of the podcast (EpisodePage), the people in it and their credits."""

import uuid
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager
from wagtail.search import index

from podcast.blocks import ChaptersBlock
from podcast.forms import EpisodePageForm
from podcast.media import (
    check_webvtt,
    format_timestamp,
    inspect_audio,
    iso_duration,
    record_audio_facts,
    webvtt_cues,
)
from podcast.models.choices import SHOW_NOTES_FEATURES, EpisodeType, PersonRole
from podcast.structured_data import episode_json_ld
from website.listing import ListingRow
from website.models import BasePage, Person, PersonLink, people_in_language
from website.models.media import optional_document
from website.models.pages import BasePageQuerySet
from website.panels import InlinePanel


class EpisodeQuerySet(BasePageQuerySet):
    def newest_first(self):
        """By release (the publish date given, else the first publication), then by number."""
        return self.annotate(sort_date=Coalesce("publish_date", "first_published_at")).order_by(
            F("sort_date").desc(nulls_last=True), "-number", "-pk"
        )

    def with_audio(self):
        return self.filter(audio__isnull=False)


EpisodePageManager = PageManager.from_queryset(EpisodeQuerySet)


@dataclass(frozen=True)
class Credit:
    role: str
    role_label: str
    person: Person


@dataclass(frozen=True)
class Chapter:
    start: int
    title: str
    url: str

    @property
    def timestamp(self):
        return format_timestamp(self.start)

    @property
    def iso_start(self):
        return iso_duration(self.start)


class EpisodePage(BasePage):
    number = models.PositiveIntegerField(_("episode number"))
    season = models.PositiveSmallIntegerField(
        pgettext_lazy("podcast", "season"), null=True, blank=True
    )
    episode_type = models.CharField(
        _("episode type"), max_length=10, choices=EpisodeType.choices, default=EpisodeType.FULL
    )
    publish_date = models.DateTimeField(
        _("release date"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the time the episode is first published on this site."),
    )
    audio = optional_document(
        _("audio file"),
        help_text=_(
            "The recording: an MP3, M4A or Ogg file. Without it the episode is not in the feed."
        ),
    )
    duration = models.DurationField(
        _("duration"),
        null=True,
        blank=True,
        help_text=_(
            "Read from the audio file when the episode is saved. Type it (h:mm:ss) only if "
            "the file does not tell."
        ),
    )
    description = models.TextField(
        _("description"), help_text=_("What the episode is about; podcast apps show it.")
    )
    show_notes = RichTextField(_("show notes"), blank=True, features=SHOW_NOTES_FEATURES)
    chapters = StreamField(ChaptersBlock(), blank=True, verbose_name=_("chapters"))
    transcript = models.TextField(
        _("transcript"),
        blank=True,
        help_text=_("What is said in the episode, as text. Separate paragraphs with a blank line."),
    )
    transcript_file = optional_document(
        _("transcript file (WebVTT)"),
        help_text=_("Captions with times, as a .vtt file; shown on the page if there is no text."),
    )
    # The feed item's GUID: given once, never derived from the title or address an editor may
    # change, so podcast apps never see a published episode as a new one.
    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, editable=False)

    objects = EpisodePageManager()
    base_form_class = EpisodePageForm

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("season"),
                FieldPanel("episode_type"),
                FieldPanel("publish_date"),
            ],
            _("Episode"),
        ),
        MultiFieldPanel([FieldPanel("audio"), FieldPanel("duration")], _("Recording")),
        FieldPanel("description"),
        FieldPanel("show_notes"),
        InlinePanel(
            "people",
            heading=_("Guests and hosts"),
            label=_("Guest or host"),
            add_label=_("Add a guest or host"),
        ),
        FieldPanel("chapters"),
        MultiFieldPanel([FieldPanel("transcript"), FieldPanel("transcript_file")], _("Transcript")),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.SearchField("show_notes"),
        index.SearchField("transcript"),
        index.FilterField("number"),
    ]
    exclude_fields_in_copy = ["guid"]

    parent_page_types = ["podcast.PodcastPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("podcast episode")
        verbose_name_plural = _("podcast episodes")

    def clean(self):
        super().clean()
        errors = {}
        if self.audio_id:
            try:
                info = inspect_audio(self.audio)
            except ValidationError as error:
                errors["audio"] = error
            else:
                if info.duration:
                    self.duration = info.duration
                record_audio_facts(self.audio, info)
        if self.transcript_file_id:
            try:
                check_webvtt(self.transcript_file)
            except ValidationError as error:
                errors["transcript_file"] = error
        if self.duration and "audio" not in errors:
            length = self.duration.total_seconds()
            late = [chapter for chapter in self.chapter_list if chapter.start >= length]
            if late:
                errors["chapters"] = ValidationError(
                    _(
                        "The chapter “%(title)s” starts at %(start)s, after the end of the "
                        "recording (%(length)s)."
                    ),
                    params={
                        "title": late[0].title,
                        "start": late[0].timestamp,
                        "length": format_timestamp(length),
                    },
                )
        if errors:
            raise ValidationError(errors)

    # Facts --------------------------------------------------------------------------------

    @property
    def release_date(self):
        return self.publish_date or self.first_published_at

    @property
    def duration_seconds(self):
        return int(self.duration.total_seconds()) if self.duration else None

    @property
    def duration_timestamp(self):
        return format_timestamp(self.duration_seconds) if self.duration else ""

    @property
    def duration_iso(self):
        return iso_duration(self.duration_seconds) if self.duration else ""

    @property
    def chapter_list(self):
        return [
            Chapter(child.value["start"], child.value["title"], child.value["url"] or "")
            for child in self.chapters
            if child.value["start"] is not None
        ]

    @cached_property
    def transcript_cues(self):
        return webvtt_cues(self.transcript_file) if self.transcript_file_id else []

    @property
    def episode_label(self):
        if self.season:
            return _("Season %(season)s, episode %(number)s") % {
                "season": self.season,
                "number": self.number,
            }
        return _("Episode %(number)s") % {"number": self.number}

    @cached_property
    def credits(self):
        # The links and their people in one query (a preview holds them in memory instead).
        links = [(self, link) for link in self.people.select_related("person")]
        return credits_for([self], links)[self.pk]

    # Listing and search -------------------------------------------------------------------

    @property
    def summary(self):
        return self.listing_summary or self.description

    @property
    def listing_row(self):
        """The episode in the list: when it came out, its number, how long it is, and whether
        the recording and a transcript are there."""
        released = timezone.localtime(self.release_date) if self.release_date else None
        details = []
        if self.duration:
            details.append(gettext("Duration %(time)s") % {"time": self.duration_timestamp})
        available = []
        if self.audio_id:
            available.append(gettext("Recording"))
        else:
            details.append(gettext("recording not available yet"))
        if self.transcript or self.transcript_file_id:
            available.append(gettext("Transcript"))
        return ListingRow(
            when=formats.date_format(released, "DATE_FORMAT") if released else "",
            when_iso=released.date().isoformat() if released else "",
            kind=str(self.episode_label),
            details=details,
            available=available,
        )

    @property
    def card_meta(self):
        parts = [str(self.episode_label)]
        if self.release_date:
            parts.append(formats.date_format(self.release_date, "DATE_FORMAT"))
        if self.duration:
            parts.append(self.duration_timestamp)
        return " · ".join(parts)

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.description,
            strip_tags(self.show_notes),
            self.transcript,
            *(cue.text for cue in self.transcript_cues),
            *(chapter.title for chapter in self.chapter_list),
            *(
                text
                for credit in self.credits
                for text in (credit.person.name, credit.person.description)
            ),
        ]

    def get_search_year(self):
        return self.release_date.year if self.release_date else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The show (podcast.models.show, which imports this module: by name).
        show = apps.get_model("podcast", "PodcastPage").objects.parent_of(self).first()
        context["show"] = show
        context["feed_url"] = show.feed_url(request) if show else None
        context["structured_data"] = episode_json_ld(self, show, request)
        return context


class EpisodePerson(PersonLink):
    """A guest or host of an episode (podcast:person in the feed)."""

    episode = ParentalKey(EpisodePage, related_name="people", on_delete=models.CASCADE)
    role = models.CharField(
        pgettext_lazy("podcast", "role"),
        max_length=10,
        choices=PersonRole.choices,
        default=PersonRole.GUEST,
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(PersonLink.Meta):
        verbose_name = _("guest or host")
        verbose_name_plural = _("guests and hosts")


CREDITS_PREFETCH = models.Prefetch(
    "people", queryset=EpisodePerson.objects.select_related("person")
)


def credits_for(episodes, links=None):
    """{episode pk: [Credit]}, each person in the episode's own language where translated.

    Pages copied for translation keep the source's people; their translations are looked up
    here (website.models.people_in_language), in one query per language of the episodes.
    `links` are (episode, EpisodePerson) pairs, by default from each episode's "people"
    (prefetch them with CREDITS_PREFETCH).
    """
    if links is None:
        links = [(episode, link) for episode in episodes for link in episode.people.all()]
    shown = {}  # (person pk, language) -> the person in that language
    for locale_id in {episode.locale_id for episode, _link in links}:
        people = [link.person for episode, link in links if episode.locale_id == locale_id]
        for person, in_language in zip(people, people_in_language(people, locale_id), strict=True):
            shown[person.pk, locale_id] = in_language
    credits = {episode.pk: [] for episode in episodes}
    for episode, link in links:
        person = shown[link.person.pk, episode.locale_id]
        credits[episode.pk].append(Credit(link.role, link.get_role_display(), person))
    return credits
