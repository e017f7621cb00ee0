"""The information campaign "Ceļamies kopā": social workers' portraits and diaries, and the
memorandum on social work in municipalities with the tracker of the municipalities that joined.
"""

from dataclasses import dataclass, field
from operator import attrgetter

from django.db import models
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index

from campaign import latvia_map
from campaign.blocks import CommitmentsBlock, VideoStoriesBlock
from campaign.sharing import share_context
from sitesearch.text import stream_text
from website.alphabet import latvian_sorted
from website.blocks import BodyStreamBlock
from website.choices import PlanningRegion
from website.listing import page_of
from website.models import BasePage
from website.models.media import optional_image
from website.models.pages import BasePageQuerySet


def paragraph_texts(stream_value):
    """The text of a body's paragraphs, without markup (a description for link previews)."""
    return [
        strip_tags(block.value.source)
        for block in stream_value or []
        if block.block_type == "paragraph"
    ]


def first_image(stream_value):
    """The first image block of a body, with its alt text, as (image, alt) or (None, "")."""
    for block in stream_value or []:
        if block.block_type == "image":
            image = block.value["image"]
            return image, image.contextual_alt_text or image.default_alt_text
    return None, ""


class SharedPageMixin:
    """What a campaign page shows when it is shared (see campaign.sharing)."""

    def get_share_image(self):
        """(image, alternative text) for the preview, or (None, "")."""
        if self.listing_image is None:
            return None, ""
        return self.listing_image, self.listing_image.default_alt_text

    def get_share_description(self):
        return self.summary


class CampaignPage(SharedPageMixin, BasePage):
    """The campaign's own page: what it is, its video stories, its portraits and diaries."""

    section_index = True

    introduction = models.TextField(_("introduction"))
    website_url = models.URLField(_("campaign website"), blank=True)
    video_stories = StreamField(VideoStoriesBlock(), blank=True, verbose_name=_("video stories"))
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("website_url"),
        FieldPanel("video_stories"),
        FieldPanel("body"),
    ]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["campaign.PortraitPage", "campaign.DiaryEntryPage", "campaign.MemorandumPage"]
    max_count_per_parent = 1

    DIARY_ENTRIES_PER_PAGE = 6

    class Meta:
        verbose_name = _("campaign page")

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.introduction,
            *stream_text(self.video_stories),
            *stream_text(self.body),
        ]

    @property
    def card_label(self):
        return _("Campaign")

    def get_share_description(self):
        return self.summary or self.introduction

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["portraits"] = (
            PortraitPage.objects.child_of(self).live().public().with_image("photo")
        )
        entries = (
            DiaryEntryPage.objects.child_of(self)
            .live()
            .public()
            .latest_first()
            .select_related("author")
            .with_image()
        )
        context["diary_page"] = page_of(
            entries, self.DIARY_ENTRIES_PER_PAGE, request.GET.get("page")
        )
        context["memorandum"] = MemorandumPage.objects.child_of(self).live().public().first()
        context.update(share_context(self, request))
        return context


class PortraitPage(SharedPageMixin, BasePage):
    """A social worker's portrait: who they are, where they work and their story."""

    person_name = models.CharField(_("name or pseudonym"), max_length=120)
    is_pseudonym = models.BooleanField(
        _("the name is a pseudonym"),
        default=False,
        help_text=_("Readers are told that the name has been changed."),
    )
    role = models.CharField(_("role"), max_length=200)
    municipality = models.CharField(_("municipality"), max_length=120)
    planning_region = models.CharField(
        _("planning region"), max_length=20, choices=PlanningRegion.choices, blank=True
    )
    photo = optional_image(_("photo"))
    photo_alt = models.CharField(
        _("alternative text of the photo"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the photo shows, in this page's language. Leave empty to use the image's own "
            "alternative text."
        ),
    )
    quote = models.TextField(_("quote"), blank=True, help_text=_("A sentence from the story."))
    story = StreamField(BodyStreamBlock(), verbose_name=_("story"))
    is_example = models.BooleanField(
        _("example content"),
        default=False,
        help_text=_("Written for the demo site: readers are told it is not a real person's story."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("person_name"),
                FieldPanel("is_pseudonym"),
                FieldPanel("role"),
                FieldPanel("municipality"),
                FieldPanel("planning_region"),
            ],
            _("Social worker"),
        ),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], _("Photo")),
        FieldPanel("quote"),
        FieldPanel("story"),
        FieldPanel("is_example"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("person_name", boost=2),
        index.SearchField("municipality"),
    ]

    parent_page_types = ["campaign.CampaignPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("portrait")
        verbose_name_plural = _("portraits")

    @property
    def photo_alt_text(self):
        if self.photo is None:
            return ""
        return self.photo_alt or self.photo.default_alt_text

    @property
    def card_meta(self):
        return ", ".join(part for part in (self.role, self.municipality) if part)

    def get_search_title_parts(self):
        return [self.title, self.person_name]

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.role,
            self.municipality,
            self.quote,
            *stream_text(self.story),
        ]

    def get_share_image(self):
        if self.photo is not None:
            return self.photo, self.photo_alt_text
        return super().get_share_image()

    def get_share_description(self):
        return self.summary or self.quote

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # By translation key: a translated entry may still point at the Latvian portrait.
        context["diary_entries"] = (
            DiaryEntryPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, author__translation_key=self.translation_key)
            .latest_first()
        )
        context.update(share_context(self, request))
        return context


class DiaryEntryQuerySet(BasePageQuerySet):
    def latest_first(self):
        return self.order_by("-date", "-pk")


class DiaryEntryPage(SharedPageMixin, BasePage):
    """A dated entry of a social worker's diary."""

    author = models.ForeignKey(
        "campaign.PortraitPage",
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="diary_entries",
        help_text=_("The portrait of the social worker who wrote the entry."),
    )
    date = models.DateField(_("date"))
    body = StreamField(BodyStreamBlock(), verbose_name=_("text"))
    is_example = models.BooleanField(
        _("example content"),
        default=False,
        help_text=_("Written for the demo site: readers are told it is not a real diary."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("author"),
        FieldPanel("date"),
        FieldPanel("body"),
        FieldPanel("is_example"),
    ]

    search_fields = [*BasePage.search_fields, index.FilterField("date")]

    parent_page_types = ["campaign.CampaignPage"]
    subpage_types = []

    objects = PageManager.from_queryset(DiaryEntryQuerySet)()

    class Meta:
        verbose_name = _("diary entry")
        verbose_name_plural = _("diary entries")

    @property
    def card_meta(self):
        date = formats.date_format(self.date)
        if self.author_id and self.author:
            return f"{date} · {self.author.person_name}"
        return date

    def get_search_text_parts(self):
        author = [self.author.person_name] if self.author_id and self.author else []
        return [*super().get_search_text_parts(), *author, *stream_text(self.body)]

    def get_search_year(self):
        return self.date.year

    def get_share_description(self):
        return self.summary or " ".join(paragraph_texts(self.body))

    def get_share_image(self):
        if self.listing_image is not None:
            return super().get_share_image()
        image, alt = first_image(self.body)
        if image is not None:
            return image, alt
        if self.author_id and self.author and self.author.photo is not None:
            return self.author.photo, self.author.photo_alt_text
        return None, ""

    @cached_property
    def localized_author(self):
        """The author's portrait in this entry's language, when it has been translated."""
        if not self.author_id or self.author is None:
            return None
        return (
            PortraitPage.objects.live()
            .filter(translation_key=self.author.translation_key, locale=self.locale_id)
            .first()
            or self.author
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(share_context(self, request))
        return context


class MemorandumPage(SharedPageMixin, BasePage):
    """The memorandum: its text, its commitments and who has joined it."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("text of the memorandum"))
    commitments = StreamField(CommitmentsBlock(), verbose_name=_("commitments"))
    tracker_introduction = models.TextField(
        _("introduction to the list of municipalities"),
        blank=True,
        help_text=_("For example, how a municipality joins the memorandum."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("commitments"),
        FieldPanel("tracker_introduction"),
    ]

    parent_page_types = ["campaign.CampaignPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("memorandum")
        verbose_name_plural = _("memoranda")

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.introduction,
            *stream_text(self.body),
            *stream_text(self.commitments),
        ]

    def get_share_description(self):
        return self.summary or self.introduction

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tracker"] = Municipality.objects.tracker()
        context.update(share_context(self, request))
        return context


@dataclass
class RegionGroup:
    region: str
    label: str
    municipalities: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.municipalities)


@dataclass
class Tracker:
    """The municipalities that joined, by planning region, with totals counted from them."""

    groups: list
    total: int
    has_demo_records: bool
    map_regions: list
    map_width: int = latvia_map.WIDTH
    map_height: int = latvia_map.HEIGHT


class MunicipalityQuerySet(models.QuerySet):
    def tracker(self):
        """Everything the tracker shows, from one query."""
        municipalities = latvian_sorted(self, key=attrgetter("name"))
        groups = {
            region.value: RegionGroup(region=region.value, label=str(region.label))
            for region in PlanningRegion
        }
        for municipality in municipalities:
            groups[municipality.planning_region].municipalities.append(municipality)
        counts = {key: group.count for key, group in groups.items()}
        return Tracker(
            groups=list(groups.values()),
            total=len(municipalities),
            has_demo_records=any(m.is_demo for m in municipalities),
            map_regions=latvia_map.map_regions(counts),
        )


class Municipality(models.Model):
    """A municipality that joined the memorandum.

    One record per municipality for both languages: joining is one fact, so the Latvian and the
    English tracker count the same records. The name is the municipality's official Latvian
    name, which the English page shows as such.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    planning_region = models.CharField(
        _("planning region"), max_length=20, choices=PlanningRegion.choices
    )
    date_joined = models.DateField(
        _("date joined"), null=True, blank=True, help_text=_("Leave empty if it is not known.")
    )
    decision_reference = models.CharField(
        _("council decision"),
        max_length=255,
        blank=True,
        help_text=_(
            'The decision\'s reference, e.g. "Domes 2022. gada 15. decembra lēmums Nr. 5".'
        ),
    )
    decision_url = models.URLField(_("link to the council decision"), blank=True)
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("Created for the demo site: not a record of a municipality that joined."),
    )

    objects = MunicipalityQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("planning_region"),
        FieldPanel("date_joined"),
        FieldPanel("decision_reference"),
        FieldPanel("decision_url"),
        FieldPanel("is_demo"),
    ]

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities that joined the memorandum")
        ordering = ["name"]

    def __str__(self):
        return self.name
