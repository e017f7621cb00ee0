"""The podcast "Ne tikai par sociālo darbu": the show (PodcastPage) and its episodes.

The show page lists the episodes and serves, as routes of its own, the RSS feed podcast apps
subscribe to, each episode's JSON chapters and its plain-text transcript. One show per locale:
the Latvian and the English page each have their own feed.
"""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, PageManager
from wagtail.search import index
from wagtail_localize.fields import BaseTranslatableField, SynchronizedField

from podcast.blocks import ChaptersBlock
from podcast.feeds import chapters_document, feed_response, podcast_guid
from podcast.forms import EpisodePageForm
from podcast.media import (
    check_artwork,
    check_webvtt,
    format_timestamp,
    inspect_audio,
    iso_duration,
    record_audio_facts,
    webvtt_cues,
)
from podcast.structured_data import episode_json_ld, series_json_ld
from website.choices import EsfProject
from website.listing import ListingRow, counted_paginator, facet_counts, listing_option_label
from website.models import BasePage, Person
from website.models.pages import BasePageQuerySet
from website.panels import InlinePanel
from website.topics import offered_topics, topic_for_slug, topic_q

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


class PodcastGuidPanel(FieldPanel):
    """The podcast GUID field, with the GUID the Podcasting 2.0 rule gives the feed's current
    address (on SITE_URL) in its help text, for a moderator to compare or copy."""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            show = self.instance
            feed_url = show.feed_url(absolute=True) if show.pk and show.url_path else None
            if feed_url and self.help_text:
                self.help_text = _(
                    "%(help)s The rule gives %(guid)s for the feed address %(address)s."
                ) % {"help": self.help_text, "guid": podcast_guid(feed_url), "address": feed_url}


class PodcastPage(RoutablePageMixin, BasePage):
    """The show: what podcast directories list, and the page that lists its episodes."""

    section_index = True

    description = models.TextField(
        _("description"),
        help_text=_("What the podcast is about, in a few sentences. Podcast apps show it."),
    )
    artwork = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("artwork"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Square JPEG or PNG, 1400 × 1400 to 3000 × 3000 pixels."),
    )
    language = models.CharField(
        _("spoken language"),
        max_length=8,
        choices=SpokenLanguage.choices,
        default=SpokenLanguage.LATVIAN,
        help_text=_(
            "The language spoken in the episodes, which podcast apps show; not the language "
            "of this page."
        ),
    )
    category = models.CharField(
        _("category"),
        max_length=100,
        choices=ApplePodcastCategory.choices,
        default=ApplePodcastCategory.EDUCATION,
        help_text=_("Where podcast directories (Apple Podcasts and others) list the show."),
    )
    secondary_category = models.CharField(
        _("second category"), max_length=100, choices=ApplePodcastCategory.choices, blank=True
    )
    show_type = models.CharField(
        _("type"), max_length=10, choices=ShowType.choices, default=ShowType.EPISODIC
    )
    author = models.CharField(
        _("author"), max_length=255, help_text=_("Who makes the show, as podcast apps show it.")
    )
    owner_name = models.CharField(_("owner's name"), max_length=255)
    owner_email = models.EmailField(
        _("owner's e-mail"),
        help_text=_(
            "Podcast directories write here to confirm who owns the show; it is in the feed."
        ),
    )
    explicit = models.BooleanField(
        _("explicit content"),
        default=False,
        help_text=_("Tick only if episodes contain language or content unsuitable for children."),
    )
    copyright = models.CharField(_("copyright"), max_length=255, blank=True)
    esf_project = models.CharField(
        _("ESF project"),
        max_length=32,
        choices=EsfProject.choices,
        blank=True,
        help_text=_("The European Social Fund project the show is made in, stated on its pages."),
    )
    feed_locked = models.BooleanField(
        _("locked against moving"),
        default=True,
        help_text=_(
            "Tells other podcast hosting services not to import the feed without the owner's "
            "confirmation."
        ),
    )
    # Podcasting 2.0's global identifier of the show: a UUIDv5 of the feed address (on
    # SITE_URL) when the show was first published, then never changed, whatever happens to the
    # address. Moderators may set it (PodcastGuidPanel), e.g. to keep a show's identifier from
    # another host; editors see it in the feed only.
    podcast_guid = models.UUIDField(
        _("podcast GUID"),
        null=True,
        blank=True,
        help_text=_(
            "The show's permanent identifier in podcast apps (podcast:guid). Left empty, it is "
            "made from the feed's address when the show is first published and then kept, "
            "even if the address changes. Change it only to keep the identifier the show "
            "already has elsewhere; a cleared field keeps the current one."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        FieldPanel("artwork"),
        MultiFieldPanel(
            [
                FieldPanel("language"),
                FieldPanel("category"),
                FieldPanel("secondary_category"),
                FieldPanel("show_type"),
                FieldPanel("explicit"),
                PodcastGuidPanel("podcast_guid", permission="podcast.change_podcast_guid"),
            ],
            _("Podcast directories"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("owner_name"),
                FieldPanel("owner_email"),
                FieldPanel("copyright"),
                FieldPanel("feed_locked"),
            ],
            _("Owner"),
        ),
        FieldPanel("esf_project"),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("description")]
    # Each language's show has its own feed and so its own GUID: never copied to a translation.
    override_translatable_fields = [
        SynchronizedField("owner_email"),
        BaseTranslatableField("podcast_guid"),
    ]
    exclude_fields_in_copy = ["podcast_guid"]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["podcast.EpisodePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("podcast")
        verbose_name_plural = _("podcasts")
        permissions = [("change_podcast_guid", "Can change the podcast GUID")]

    def clean(self):
        super().clean()
        if self.artwork_id:
            try:
                check_artwork(self.artwork)
            except ValidationError as error:
                raise ValidationError({"artwork": error}) from error

    def save(self, *args, **kwargs):
        if self.podcast_guid is None and self.pk:
            # Publishing a revision saved before the GUID was assigned must not lose it.
            self.podcast_guid = (
                PodcastPage.objects.filter(pk=self.pk)
                .values_list("podcast_guid", flat=True)
                .first()
            )
        result = super().save(*args, **kwargs)
        if self.podcast_guid is None and self.live:
            feed_url = self.feed_url(absolute=True)
            if feed_url:
                self.podcast_guid = podcast_guid(feed_url)
                PodcastPage.objects.filter(pk=self.pk).update(podcast_guid=self.podcast_guid)
        return result

    # Text ---------------------------------------------------------------------------------

    @property
    def summary(self):
        return self.listing_summary or self.description

    def get_search_text_parts(self):
        return [*super().get_search_text_parts(), self.description, self.author]

    @property
    def funding_statement(self):
        if not self.esf_project:
            return ""
        return _(
            "The podcast is made in the European Social Fund project “%(project)s” "
            "(No. %(number)s)."
        ) % {"project": EsfProject(self.esf_project).label, "number": self.esf_project}

    @property
    def directory_categories(self):
        """[(category, subcategory or None)] for itunes:category, the main category first."""
        values = [self.category, self.secondary_category]
        return [ApplePodcastCategory.split(value) for value in values if value]

    # Episodes -----------------------------------------------------------------------------

    def episodes(self):
        return EpisodePage.objects.child_of(self).live().public()

    follow_parameters = ("season", "topic")

    def followed_pages(self, params):
        """The episodes the list shows for these filters (a season no episode has: none)."""
        episodes = self.episodes()
        season = _int_or_none(params.get("season"))
        if season is not None:
            episodes = episodes.filter(season=season)
        if (params.get("topic") or "").strip():
            topic = topic_for_slug(offered_topics(self.episodes(), self.locale_id), params["topic"])
            episodes = episodes.with_topic(topic) if topic else episodes.none()
        return episodes

    def feed_url(self, request=None, absolute=False):
        return self.route_url(request, "feed", absolute=absolute)

    def route_url(self, request, name, *args, absolute=False):
        """The URL of one of this page's routes (None while the page has no URL)."""
        url = self.get_full_url(request) if absolute else self.get_url(request)
        return url + self.reverse_subpage(name, args=args) if url else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        every_episode = self.episodes()  # (each call reads the view restrictions: once here)
        episodes = every_episode
        filters = {}

        seasons = list(
            episodes.exclude(season=None)
            .order_by("season")
            .values_list("season", flat=True)
            .distinct()
        )
        season = _int_or_none(request.GET.get("season"))
        if season in seasons:
            episodes = episodes.filter(season=season)
            filters["season"] = season

        topics = offered_topics(every_episode, self.locale_id)
        topic = topic_for_slug(topics, request.GET.get("topic", ""))
        if topic is not None:
            episodes = episodes.with_topic(topic)
            filters["topic"] = topic.slug

        # Each option with how many episodes it gives with the other filter, and the list's
        # own count, in one query.
        counts = facet_counts(
            every_episode,
            {
                "season": (
                    Q(season=season) if "season" in filters else None,
                    {value: Q(season=value) for value in seasons},
                ),
                "topic": (
                    topic_q(topic) if topic is not None else None,
                    {item.slug: topic_q(item) for item in topics},
                ),
            },
        )
        # The list's count came with the options' counts, in the same query.
        paginator = counted_paginator(episodes.newest_first(), EPISODES_PER_PAGE, counts.total)
        context.update(
            page_obj=paginator.get_page(request.GET.get("page")),
            seasons=[(value, counts["season"][value]) for value in seasons]
            if len(seasons) > 1
            else [],
            topics=[
                (item.slug, listing_option_label(item.name, counts["topic"][item.slug]))
                for item in topics
            ],
            filters=filters,
            feed_url=self.feed_url(request),
            feed_address=self.feed_url(request, absolute=True),
            structured_data=series_json_ld(self, request),
        )
        return context

    # Routes: the feed and what it links to ------------------------------------------------

    @path("feed/")
    def feed(self, request):
        episodes = list(
            self.episodes()
            .with_audio()
            .newest_first()
            .select_related("audio", "transcript_file")
            .prefetch_related(CREDITS_PREFETCH)
        )
        return feed_response(request, self, episodes, credits_for(episodes))

    def episode_or_404(self, episode_id):
        # By id, not pk: pk is the pointer to the page row, whose lookup sends any number to
        # the database (SQLite raises OverflowError past 64 bits); the id lookup answers "no
        # such episode" for a number no row can have.
        return get_object_or_404(self.episodes(), id=episode_id)

    @path("chapters/<int:episode_id>/")
    def chapters(self, request, episode_id):
        episode = self.episode_or_404(episode_id)
        if not episode.chapter_list:
            raise Http404("This episode has no chapters.")
        response = JsonResponse(
            chapters_document(request, self, episode),
            content_type="application/json+chapters",
            json_dumps_params={"ensure_ascii": False},
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response

    @path("transcripts/<int:episode_id>/")
    def transcript(self, request, episode_id):
        episode = self.episode_or_404(episode_id)
        if not episode.transcript:
            raise Http404("This episode has no written transcript.")
        response = HttpResponse(episode.transcript, content_type="text/plain; charset=utf-8")
        response["Access-Control-Allow-Origin"] = "*"
        return response


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


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
    audio = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("audio file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
    transcript_file = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("transcript file (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
        show = PodcastPage.objects.parent_of(self).first()
        context["show"] = show
        context["feed_url"] = show.feed_url(request) if show else None
        context["structured_data"] = episode_json_ld(self, show, request)
        return context


class EpisodePerson(Orderable):
    """A guest or host of an episode (podcast:person in the feed)."""

    episode = ParentalKey(EpisodePage, related_name="people", on_delete=models.CASCADE)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(
        pgettext_lazy("podcast", "role"),
        max_length=10,
        choices=PersonRole.choices,
        default=PersonRole.GUEST,
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("guest or host")
        verbose_name_plural = _("guests and hosts")


CREDITS_PREFETCH = models.Prefetch(
    "people", queryset=EpisodePerson.objects.select_related("person")
)


def credits_for(episodes, links=None):
    """{episode pk: [Credit]}, each person in the episode's own language where translated.

    Pages copied for translation keep the source's people; their translations are looked up
    here, in one query for any number of episodes. `links` are (episode, EpisodePerson) pairs,
    by default from each episode's "people" (prefetch them with CREDITS_PREFETCH).
    """
    if links is None:
        links = [(episode, link) for episode in episodes for link in episode.people.all()]
    wanted = {
        link.person.translation_key
        for episode, link in links
        if link.person.locale_id != episode.locale_id
    }
    translated = {}
    if wanted:
        locale_ids = {episode.locale_id for episode in episodes}
        for person in Person.objects.filter(translation_key__in=wanted, locale_id__in=locale_ids):
            translated[person.translation_key, person.locale_id] = person
    credits = {episode.pk: [] for episode in episodes}
    for episode, link in links:
        person = translated.get((link.person.translation_key, episode.locale_id), link.person)
        credits[episode.pk].append(Credit(link.role, link.get_role_display(), person))
    return credits
