"""Research: the studies the projects commissioned, with what changed because of them, and the
monographs and books they published.

Both live under one section page, which lists the studies grouped by year (newest first) and
the publications after them: a reader looking for what is known about a subject finds both in
one place, and a publication without a year needs no year group.
"""

from itertools import groupby

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, PageManager
from wagtail.search import index

from research.validators import validate_isbn
from sitesearch.text import stream_text
from website.blocks import BodyStreamBlock, VideoBlock
from website.choices import EsfProject
from website.languages import prefetch_text_languages
from website.listing import ListingRow
from website.models import (
    AttachedDocument,
    BasePage,
    PersonLink,
    SectionIndexPage,
    people_in_language,
)
from website.models.pages import BasePageQuerySet
from website.numbers import quantity
from website.panels import InlinePanel

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class ResearchIndexPage(SectionIndexPage):
    follow_parameters = ()  # no filters; followers hear of each new study and publication

    subpage_types = ["research.ResearchPage", "research.PublicationPage"]

    class Meta:
        verbose_name = _("research index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = Locale.get_active()
        studies = ResearchPage.objects.child_of(self).live().public().filter(locale=locale)
        publications = PublicationPage.objects.child_of(self).live().public().filter(locale=locale)
        studies = prefetch_text_languages(list(studies.newest_first().for_listing()))
        context["years"] = [
            (year, list(items)) for year, items in groupby(studies, key=lambda study: study.year)
        ]
        context["publications"] = prefetch_text_languages(
            list(publications.newest_first().for_listing())
        )
        return context


class ResearchQuerySet(BasePageQuerySet):
    def newest_first(self):
        return self.order_by(models.F("year").desc(nulls_last=True), "title")

    def in_year(self, year):
        return self.filter(year=year)

    def for_listing(self):
        """What a row shows, in the list's own query: a study's number of reports; a
        publication's number of volumes, first author and number of authors."""
        if issubclass(self.model, PublicationPage):
            authors = PublicationAuthor.objects.filter(page=models.OuterRef("pk"))
            return self.annotate(
                volume_count=models.Count("volumes", distinct=True),
                author_count=models.Count("authors", distinct=True),
                first_author=models.Subquery(
                    authors.order_by("sort_order", "pk").values("person__name")[:1]
                ),
            )
        return self.annotate(report_count=models.Count("reports"))


ResearchPageManager = PageManager.from_queryset(ResearchQuerySet)


class ResearchPage(BasePage):
    """One study: who commissioned and performed it, what it found and what it changed."""

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What the study looked at and found, in a few sentences."),
    )
    impact = models.TextField(
        _("impact"), blank=True, help_text=_("What changed because of the study.")
    )

    # A study may have only its impact written (four in the demo do).
    description_fields = ("introduction", "impact", "body")
    commissioned_by = models.CharField(_("commissioned by"), max_length=255, blank=True)
    performed_by = models.CharField(_("performed by"), max_length=255, blank=True)
    project = models.CharField(_("project"), max_length=32, choices=EsfProject, blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    presentation = StreamField(
        [("video", VideoBlock())],
        blank=True,
        max_num=1,
        verbose_name=_("presentation video"),
    )

    objects = ResearchPageManager()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("year"),
        FieldPanel("introduction"),
        FieldPanel("impact"),
        MultiFieldPanel(
            [FieldPanel("commissioned_by"), FieldPanel("performed_by"), FieldPanel("project")],
            _("Who"),
        ),
        InlinePanel(
            "reports",
            heading=_("Report documents"),
            label=_("Report document"),
            add_label=_("Add a report document"),
        ),
        FieldPanel("presentation"),
        FieldPanel("body"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("impact"),
        index.SearchField("body"),
        index.SearchField("commissioned_by"),
        index.SearchField("performed_by"),
        index.FilterField("year"),
    ]

    parent_page_types = ["research.ResearchIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("research report")
        verbose_name_plural = _("research reports")

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.introduction,
            self.impact,
            self.commissioned_by,
            self.performed_by,
            *stream_text(self.body),
        ]

    @cached_property
    def report_links(self):
        return list(self.reports.select_related("document"))

    def get_search_documents(self):
        return [item.document for item in self.report_links]

    def get_search_year(self):
        return self.year

    @property
    def summary(self):
        return super().summary or self.introduction

    @property
    def card_meta(self):
        return str(self.year)

    @property
    def listing_row(self):
        """The study in the list (under its year): who performed and commissioned it, what it
        changed, and whether its report and a presentation video are there to take."""
        details = []
        if self.performed_by:
            details.append(gettext("Performed by: %(name)s") % {"name": self.performed_by})
        if self.commissioned_by:
            details.append(gettext("Commissioned by: %(name)s") % {"name": self.commissioned_by})
        available = []
        reports = getattr(self, "report_count", None)
        if reports is None:  # not from for_listing()
            reports = self.reports.count()
        if reports:
            available.append(ngettext("Report", "Reports", reports))
        if self.presentation:
            available.append(gettext("Presentation video"))
        return ListingRow(
            details=details,
            note=self.impact,
            note_label=gettext("Impact"),
            available=available,
        )


class ResearchReportDocument(AttachedDocument):
    page = ParentalKey(ResearchPage, related_name="reports", on_delete=models.CASCADE)


class PublicationPage(BasePage):
    """A monograph or book, in one or more volumes, each a document to download."""

    class Kind(models.TextChoices):
        MONOGRAPH = "monograph", _("Monograph")
        BOOK = "book", _("Book")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.BOOK)
    introduction = models.TextField(_("introduction"), blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    isbn = models.CharField(
        _("ISBN"),
        max_length=20,
        blank=True,
        validators=[validate_isbn],
        help_text=_("Of the whole work; volumes may have their own."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    objects = ResearchPageManager()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldPanel("introduction"),
        InlinePanel(
            "authors", heading=_("Authors"), label=_("Author"), add_label=_("Add an author")
        ),
        MultiFieldPanel(
            [FieldPanel("publisher"), FieldPanel("year"), FieldPanel("isbn")], _("Publication")
        ),
        InlinePanel(
            "volumes",
            heading=_("Volumes"),
            label=_("Volume"),
            add_label=_("Add a volume"),
            help_text=_("One row per volume; a book in one volume has one row."),
        ),
        FieldPanel("body"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.SearchField("publisher"),
        index.FilterField("year"),
    ]

    parent_page_types = ["research.ResearchIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.introduction,
            self.publisher,
            self.isbn,
            *(item.person.name for item in self.authors.all()),
            *stream_text(self.body),
        ]

    @cached_property
    def volume_links(self):
        return list(self.volumes.select_related("document"))

    def get_search_documents(self):
        return [volume.document for volume in self.volume_links]

    def get_search_year(self):
        return self.year

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = people_in_language(
            (item.person for item in self.authors.select_related("person")), self.locale_id
        )
        return context

    @property
    def card_label(self):
        return self.get_kind_display()

    @property
    def card_meta(self):
        return str(self.year or "")

    @property
    def listing_row(self):
        """The publication in the list: its year, kind, first author ("et al." when there are
        more) and publisher, and how many volumes there are to download."""
        volumes = getattr(self, "volume_count", None)
        if volumes is None:  # not from the index
            volumes = self.volumes.count()
        available = []
        if volumes:
            available.append(
                ngettext("%(count)s volume", "%(count)s volumes", volumes)
                % {"count": quantity(volumes)}
            )
        if hasattr(self, "author_count"):  # from for_listing()
            first, count = self.first_author, self.author_count
        else:
            names = [item.person.name for item in self.authors.select_related("person")]
            first, count = (names[0] if names else ""), len(names)
        authors = gettext("%(name)s et al.") % {"name": first} if count > 1 else first
        return ListingRow(
            when=str(self.year or ""),
            when_iso=str(self.year or ""),
            kind=self.get_kind_display(),
            details=[part for part in (authors, self.publisher) if part],
            available=available,
        )

    @property
    def summary(self):
        return super().summary or self.introduction


class PublicationAuthor(PersonLink):
    page = ParentalKey(PublicationPage, related_name="authors", on_delete=models.CASCADE)


class PublicationVolume(Orderable):
    page = ParentalKey(PublicationPage, related_name="volumes", on_delete=models.CASCADE)
    title = models.CharField(
        _("volume"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Volume 1”; leave empty for a book in one volume."),
    )
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True, validators=[validate_isbn])

    panels = [FieldPanel("title"), FieldPanel("document"), FieldPanel("isbn")]
