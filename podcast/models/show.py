"""The show (PodcastPage): its episode list and the routes podcast apps read (feed, chapters,
transcripts)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index
from wagtail_localize.fields import BaseTranslatableField, SynchronizedField

from podcast.feeds import chapters_document, feed_response, podcast_guid
from podcast.filters import EpisodeFilters
from podcast.media import (
    check_artwork,
)
from podcast.models.choices import (
    EPISODES_PER_PAGE,
    ApplePodcastCategory,
    ShowType,
    SpokenLanguage,
)
from podcast.models.episodes import CREDITS_PREFETCH, EpisodePage, credits_for
from podcast.structured_data import series_json_ld
from website.choices import EsfProject
from website.listing import page_of
from website.models import BasePage
from website.models.media import optional_image


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
    artwork = optional_image(
        _("artwork"),
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

    def listed_pages(self):
        return EpisodePage.objects.child_of(self).live().public()

    filters_class = EpisodeFilters
    follow_parameters = ("season", "topic")

    def feed_url(self, request=None, absolute=False):
        return self.route_url(request, "feed", absolute=absolute)

    def route_url(self, request, name, *args, absolute=False):
        """The URL of one of this page's routes (None while the page has no URL)."""
        url = self.get_full_url(request) if absolute else self.get_url(request)
        return url + self.reverse_subpage(name, args=args) if url else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = self.list_filters(request.GET)
        # The list's count came with the options' counts, in the same query.
        page_obj = page_of(
            filters.filtered().newest_first(),
            EPISODES_PER_PAGE,
            request.GET.get("page"),
            filters.counts.total,
        )
        context.update(
            page_obj=page_obj,
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
            self.listed_pages()
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
        return get_object_or_404(self.listed_pages(), id=episode_id)

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
