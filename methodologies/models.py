"""Methodologies: bundles of materials that social workers use in practice.

A methodology is published with up to four components, always shown in the same order: the
methodological material, the in-person training programme, the e-learning programme and extra
guidelines. It is aimed at one or more client target groups, which readers filter the list by.
"""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.search import index

from methodologies.filters import MethodologyFilters
from sitesearch.text import stream_text
from website.blocks import BodyStreamBlock
from website.listing import ListingRow, page_of, specific_pages, with_listing_images
from website.models import (
    AttachedDocument,
    BasePage,
    PersonLink,
    SectionIndexPage,
    people_in_language,
)
from website.models.media import optional_document
from website.models.pages import BasePageQuerySet
from website.panels import InlinePanel
from website.topics import BasePageForm

# Pages of these apps may be linked as related to a methodology besides other methodologies.
# Named by app label so that this app does not import the events app.
RELATED_APP_LABELS = ("events",)

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class TargetGroup(TranslatableMixin, models.Model):
    """A client group a methodology is meant for: seniors, families with children, community…"""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_(
            "Used in the address of the filtered list of methodologies, e.g. ?target=seniori. "
            "Write it in the language of this target group."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_target_group_slug")
        ]

    def __str__(self):
        return self.name


class MethodologyIndexPage(SectionIndexPage):
    """The section page: every methodology of its language, filtered and paginated."""

    subpage_types = ["methodologies.MethodologyPage"]

    per_page = 12
    filters_class = MethodologyFilters
    follow_parameters = ("target", "topic", "year")

    class Meta:
        verbose_name = _("methodology index page")

    def listed_pages(self):
        return MethodologyPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = self.list_filters(request.GET)
        # The count of the filtered list comes with the options' counts (one query for both).
        page_obj = page_of(
            # The rows load what they show themselves, only when not kept (render_rows).
            filters.filtered().newest_first(),
            self.per_page,
            request.GET.get("page"),
            filters.counts.total,
        )
        context.update(filters=filters, page_obj=page_obj, methodologies=list(page_obj))
        return context


class MethodologyQuerySet(BasePageQuerySet):
    def for_target_group(self, group):
        """Methodologies for this group, whichever language's copy of the group they link to."""
        links = MethodologyPage.target_groups.through.objects.filter(
            targetgroup__translation_key=group.translation_key
        )
        return self.filter(pk__in=links.values("methodologypage_id"))

    def in_year(self, year):
        return self.filter(year=year)

    def newest_first(self):
        return self.order_by(models.F("year").desc(nulls_last=True), "title")

    def for_listing(self):
        """What a list card shows, loaded in a fixed number of queries for any number of pages."""
        guidelines = MethodologyGuideline.objects.filter(page=models.OuterRef("pk"))
        return (
            self.with_image()
            .prefetch_related("target_groups")
            .annotate(has_guidelines=models.Exists(guidelines))
        )


MethodologyPageManager = PageManager.from_queryset(MethodologyQuerySet)


class MethodologyPageForm(BasePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer the target groups of the page's own language only, not every translation.
        if "target_groups" in self.fields and self.instance.locale_id:
            self.fields["target_groups"].queryset = TargetGroup.objects.filter(
                locale_id=self.instance.locale_id
            )


@dataclass
class Component:
    """One of the four parts of a methodology, as the page lists it."""

    key: str
    label: str
    documents: list = field(default_factory=list)  # {"document": …, "title": …} for the template
    url: str = ""


class MethodologyPage(BasePage):
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What the methodology is for and how it helps; shown at the top of the page."),
    )
    target_groups = ParentalManyToManyField(
        TargetGroup, blank=True, related_name="methodologies", verbose_name=_("target groups")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    methodical_material = optional_document(_("methodological material"))
    training_programme = optional_document(_("in-person training programme"))
    elearning_document = optional_document(_("e-learning programme (document)"))
    elearning_url = models.URLField(
        _("e-learning programme (address)"),
        blank=True,
        help_text=_("Where the e-learning course is taken, if it is online."),
    )

    pilot_municipalities = models.PositiveIntegerField(
        _("pilot municipalities"), null=True, blank=True
    )
    pilot_participants = models.PositiveIntegerField(_("pilot participants"), null=True, blank=True)
    pilot_information = models.TextField(_("about the pilot"), blank=True)

    objects = MethodologyPageManager()
    base_form_class = MethodologyPageForm

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("year"),
        MultiFieldPanel(
            [
                FieldPanel("methodical_material"),
                FieldPanel("training_programme"),
                FieldPanel("elearning_document"),
                FieldPanel("elearning_url"),
                InlinePanel(
                    "guidelines",
                    heading=_("Additional guidelines"),
                    label=_("Guidelines document"),
                    add_label=_("Add a guidelines document"),
                ),
            ],
            _("Components"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "authors",
            heading=_("Developers and authors"),
            label=_("Developer or author"),
            add_label=_("Add a developer or author"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("pilot_municipalities"), FieldPanel("pilot_participants")]
                ),
                FieldPanel("pilot_information"),
            ],
            _("Pilot"),
        ),
        InlinePanel(
            "related_links",
            heading=_("Related methodologies and events"),
            label=_("Related page"),
            add_label=_("Add a related page"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.SearchField("pilot_information"),
        index.RelatedFields("target_groups", [index.SearchField("name")]),
        index.FilterField("year"),
    ]

    parent_page_types = ["methodologies.MethodologyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("methodology")
        verbose_name_plural = _("methodologies")

    def save(self, *args, **kwargs):
        self._link_own_language_target_groups()
        super().save(*args, **kwargs)

    def _link_own_language_target_groups(self):
        """Point a translated page at the target groups of its own language.

        Translating a page copies its links to the source language's groups, and
        wagtail-localize does not translate many-to-many fields; where a group has a
        translation in this page's language, link that instead.
        """
        groups = list(self.target_groups.all())
        keys = {group.translation_key for group in groups if group.locale_id != self.locale_id}
        if not keys or not self.locale_id:
            return
        own = {
            group.translation_key: group
            for group in TargetGroup.objects.filter(
                locale_id=self.locale_id, translation_key__in=keys
            )
        }
        self.target_groups.set([own.get(group.translation_key, group) for group in groups])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index = self.get_parent()
        context.update(
            index_url=index.get_url(request) if index else "",
            target_groups=list(self.target_groups.all()),
            topics=self.topics,
            authors=people_in_language(
                (item.person for item in self.authors.select_related("person")), self.locale_id
            ),
            related_pages=self.get_related_pages(),
        )
        return context

    # Components ---------------------------------------------------------------------------

    @cached_property
    def components(self):
        """The components this methodology has, in their fixed order, with their labels."""
        fields = [
            self.methodical_material_id,
            self.training_programme_id,
            self.elearning_document_id,
        ]
        # Two queries for any number of documents: the three choosers, then the guidelines.
        by_id = get_document_model().objects.in_bulk([pk for pk in fields if pk])
        guidelines = list(self.guidelines.select_related("document"))

        def documents(*pairs):
            return [{"document": doc, "title": title} for doc, title in pairs if doc is not None]

        candidates = [
            Component(
                "methodical_material",
                _("Methodological material"),
                documents((by_id.get(self.methodical_material_id), "")),
            ),
            Component(
                "training_programme",
                _("In-person training programme"),
                documents((by_id.get(self.training_programme_id), "")),
            ),
            Component(
                "elearning",
                _("E-learning programme"),
                documents((by_id.get(self.elearning_document_id), "")),
                url=self.elearning_url,
            ),
            Component(
                "guidelines",
                _("Additional guidelines"),
                documents(*((item.document, item.title) for item in guidelines)),
            ),
        ]
        return [item for item in candidates if item.documents or item.url]

    @property
    def component_documents(self):
        return [entry["document"] for item in self.components for entry in item.documents]

    # Related pages ------------------------------------------------------------------------

    def get_related_pages(self):
        """Linked live pages in this page's language (their translation where one exists).

        Translations keep the source page's links (page links are localised when shown, as
        wagtail-localize expects), so each link is resolved by translation key.
        """
        ids = [link.related_page_id for link in self.related_links.all()]
        if not ids:
            return []
        keys = dict(Page.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        own = dict(
            Page.objects.filter(
                translation_key__in=keys.values(), locale_id=self.locale_id
            ).values_list("translation_key", "pk")
        )
        wanted = [own.get(keys[pk], pk) for pk in ids if pk in keys]
        pages = [page for page in specific_pages(list(dict.fromkeys(wanted))) if page.pk != self.pk]
        # What their cards show, in a fixed number of queries.
        prefetch_related_objects(
            [page for page in pages if isinstance(page, MethodologyPage)], "target_groups"
        )
        return with_listing_images(pages)

    # Search and lists ---------------------------------------------------------------------

    @cached_property
    def target_group_names(self):
        return [group.name for group in self.target_groups.all()]

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.introduction,
            *stream_text(self.body),
            *self.target_group_names,
            *(str(item.label) for item in self.components),
            self.pilot_information,
        ]

    def get_search_documents(self):
        return self.component_documents

    def get_search_year(self):
        return self.year

    @property
    def summary(self):
        return super().summary or self.introduction

    @property
    def card_meta(self):
        return " · ".join(filter(None, [", ".join(self.target_group_names), str(self.year or "")]))

    @property
    def _has_guidelines(self):
        # Annotated by MethodologyQuerySet.for_listing(); else from the prefetched guidelines.
        if hasattr(self, "has_guidelines"):
            return self.has_guidelines
        return self.guidelines.exists()

    # What listing_row reads from related tables (website.listing.render_rows loads them).
    listing_row_related = ("target_groups", "guidelines")

    @property
    def listing_row(self):
        """The methodology in the list: its year, whom it is for and which of its components
        there are to take (from the documents' ids: no query for the documents themselves;
        the target groups and guidelines prefetched by render_rows)."""
        parts = [
            (self.methodical_material_id, _("Methodological material")),
            (self.training_programme_id, _("Training programme")),
            (self.elearning_document_id or self.elearning_url, _("E-learning")),
            (self._has_guidelines, _("Guidelines")),
        ]
        return ListingRow(
            when=str(self.year or ""),
            when_iso=str(self.year or ""),
            kind=", ".join(self.target_group_names),
            available=[str(label) for present, label in parts if present],
        )


class MethodologyGuideline(AttachedDocument):
    """An extra guidelines document, e.g. for work during social distancing."""

    page = ParentalKey(MethodologyPage, related_name="guidelines", on_delete=models.CASCADE)


class MethodologyAuthor(PersonLink):
    page = ParentalKey(MethodologyPage, related_name="authors", on_delete=models.CASCADE)


def is_relatable(page):
    """Whether a page may be linked as related to a methodology: a methodology or an event."""
    model = page.specific_class
    return model is not None and (
        issubclass(model, MethodologyPage) or model._meta.app_label in RELATED_APP_LABELS
    )


class MethodologyRelatedPage(Orderable):
    page = ParentalKey(MethodologyPage, related_name="related_links", on_delete=models.CASCADE)
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("methodology or event"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("related_page")]

    def clean(self):
        super().clean()
        if self.related_page_id and not is_relatable(self.related_page):
            raise ValidationError({"related_page": _("Choose a methodology or an event.")})
