"""The ESF projects: what each project is, its indicators by year and its supervision approaches."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager, TranslatableMixin
from wagtail.search import index

from projects.blocks import ActivitiesBlock, FiguresBlock
from projects.charts import bar_chart, row_chart
from projects.forms import ProjectPageForm
from sitesearch.text import stream_text
from website.blocks import BodyStreamBlock
from website.choices import EsfProject
from website.models import BasePage, SectionIndexPage
from website.models.pages import BasePageQuerySet
from website.numbers import quantity
from website.panels import InlinePanel


class ProjectIndexPage(SectionIndexPage):
    """The "Projekti" section: the ministry's social work development projects."""

    subpage_types = ["projects.ProjectPage"]

    class Meta:
        verbose_name = _("project index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = ProjectPage.objects.child_of(self).live().public().for_listing()
        return context


class ProjectPageQuerySet(BasePageQuerySet):
    def for_listing(self):
        return self.with_image()


class ProjectPage(BasePage):
    """One ESF project: facts, activities, indicators, supervision approaches and figures."""

    esf_project = models.CharField(
        _("ESF project"),
        max_length=32,
        choices=EsfProject.choices,
        help_text=_("Which of the ministry's projects this page describes."),
    )
    project_number = models.CharField(_("project number"), max_length=40, blank=True)
    measure_number = models.CharField(_("measure"), max_length=40, blank=True)
    fund = models.CharField(_("fund"), max_length=120, blank=True)
    implementing_body = models.CharField(_("implementing body"), max_length=200, blank=True)
    start_date = models.DateField(
        _("start"), help_text=_("Only the month and year are shown: use the 1st of the month.")
    )
    end_date = models.DateField(_("end"), null=True, blank=True)
    total_funding = models.DecimalField(
        _("total funding, EUR"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    esf_funding = models.DecimalField(
        _("of which ESF or ESF+ funding, EUR"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    funding_details = models.TextField(
        _("more about the funding"),
        blank=True,
        help_text=_("Shown under the funding, e.g. a later amended total."),
    )
    target_group = models.TextField(_("target group"))
    aim = models.TextField(_("aim"))
    expected_results = models.TextField(_("expected results"), blank=True)
    activities = StreamField(ActivitiesBlock(), blank=True, verbose_name=_("activities"))
    contact_person = models.ForeignKey(
        "website.Person",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supervision_introduction = models.TextField(
        _("introduction to the supervision approaches"), blank=True
    )
    supervision_note = models.TextField(
        _("note under the supervision approaches"),
        blank=True,
        help_text=_("Shown to readers, e.g. how certain the years are."),
    )
    figures_heading = models.CharField(_("heading of the figures"), max_length=120, blank=True)
    figures = StreamField(FiguresBlock(), blank=True, verbose_name=_("figures"))
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("more about the project"))
    editor_notes = models.TextField(
        _("notes for editors"),
        blank=True,
        help_text=_(
            "Not shown on the site: sources, discrepancies between them, what to check "
            "before changing a figure."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("esf_project"),
                FieldRowPanel([FieldPanel("project_number"), FieldPanel("measure_number")]),
                FieldPanel("fund"),
                FieldPanel("implementing_body"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            _("Project"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("total_funding"), FieldPanel("esf_funding")]),
                FieldPanel("funding_details"),
            ],
            _("Funding"),
        ),
        FieldPanel("target_group"),
        FieldPanel("aim"),
        FieldPanel("expected_results"),
        FieldPanel("activities"),
        FieldPanel("contact_person"),
        InlinePanel(
            "indicators",
            heading=_("Indicators"),
            label=_("Indicator"),
            add_label=_("Add an indicator"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("supervision_introduction"),
                InlinePanel(
                    "supervision_approaches",
                    label=_("Supervision approach"),
                    add_label=_("Add a supervision approach"),
                ),
                FieldPanel("supervision_note"),
            ],
            _("Supervision compensation approaches"),
        ),
        MultiFieldPanel([FieldPanel("figures_heading"), FieldPanel("figures")], _("Figures")),
        FieldPanel("body"),
        FieldPanel("editor_notes"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("project_number"),
        index.FilterField("esf_project"),
    ]

    base_form_class = ProjectPageForm
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(ProjectPageQuerySet)()

    class Meta:
        verbose_name = _("project page")

    @property
    def period(self):
        """ "2015. gada aprīlis – 2022. gada decembris" (or "April 2015 – December 2022")."""
        start = formats.date_format(self.start_date, "YEAR_MONTH_FORMAT")
        if self.end_date is None:
            return start
        return f"{start} – {formats.date_format(self.end_date, 'YEAR_MONTH_FORMAT')}"

    @property
    def esf_share(self):
        """The ESF share of the total in per cent (one decimal), computed, not typed."""
        if not self.total_funding or self.esf_funding is None:
            return None
        share = Decimal(100) * self.esf_funding / self.total_funding
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def card_label(self):
        return _("Project")

    @property
    def card_meta(self):
        return self.period

    def get_search_year(self):
        return self.start_date.year

    def get_search_title_parts(self):
        return [self.title, self.project_number]

    def get_search_text_parts(self):
        # What the reader sees of the figures: the measure, the funding in whole euros, each
        # indicator's name and target ("2000 unikālas personas").
        funding = [f"{amount:.0f}" for amount in (self.total_funding, self.esf_funding) if amount]
        indicators = [
            f"{indicator.name} {indicator.target or ''} {indicator.unit}"
            for indicator in self.indicators.all()
        ]
        return [
            *super().get_search_text_parts(),
            self.measure_number,
            *funding,
            *indicators,
            self.funding_details,
            self.aim,
            self.target_group,
            self.expected_results,
            *stream_text(self.activities),
            *stream_text(self.figures),
            *stream_text(self.body),
        ]

    @cached_property
    def activity_groups(self):
        """The activities with consecutive activity blocks gathered into one numbered list."""
        groups = []
        for block in self.activities:
            if block.block_type == "activity":
                if not groups or groups[-1]["type"] != "list":
                    groups.append({"type": "list", "items": []})
                groups[-1]["items"].append(block.value)
            else:
                groups.append({"type": block.block_type, "value": block.value})
        return groups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Two queries for all indicators and their values, however many there are.
        prefetch_related_objects([self], "indicators__values", "supervision_approaches")
        context["indicators"] = list(self.indicators.all())
        return context


class Indicator(TranslatableMixin, Orderable, ClusterableModel):
    """An output or result indicator of a project, with its values by year."""

    CUMULATIVE = "cumulative"
    ANNUAL = "annual"
    MEASURE_CHOICES = [
        (CUMULATIVE, _("Running total, with each year's increase")),
        (ANNUAL, _("A value for each year")),
    ]

    project = ParentalKey(ProjectPage, related_name="indicators", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200)
    measure = models.CharField(_("values are"), max_length=20, choices=MEASURE_CHOICES)
    target = models.PositiveIntegerField(_("target"), null=True, blank=True)
    unit = models.CharField(
        _("unit"), max_length=100, blank=True, help_text=_("e.g. unique persons")
    )
    editor_note = models.TextField(
        _("note for editors"), blank=True, help_text=_("Not shown on the site.")
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("measure"), FieldPanel("target"), FieldPanel("unit")]),
        InlinePanel("values", label=_("Value for a year"), add_label=_("Add a value for a year")),
        FieldPanel("editor_note"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order"]

    def __str__(self):
        return self.name

    @property
    def is_cumulative(self):
        return self.measure == self.CUMULATIVE

    @cached_property
    def rows(self):
        """The values in year order (from the prefetched rows, no query of their own)."""
        return sorted(self.values.all(), key=lambda row: row.year)

    @cached_property
    def chart(self):
        return bar_chart(self.rows, target=self.target, cumulative=self.is_cumulative)

    @cached_property
    def narrow_chart(self):
        """The same values as rows, for a phone (projects.charts.row_chart)."""
        return row_chart(self.rows, target=self.target)

    @property
    def chart_description(self):
        """The chart's numbers as one sentence, for screen readers (the table has them too)."""
        parts = []
        for row in self.rows:
            if self.is_cumulative and row.increment is not None:
                parts.append(f"{row.year}: {quantity(row.value)} (+{quantity(row.increment)})")
            else:
                parts.append(f"{row.year}: {quantity(row.value)}")
        return "; ".join(parts)


class IndicatorValue(Orderable):
    """One year's value of an indicator, as the source states it."""

    indicator = ParentalKey(Indicator, related_name="values", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    value = models.PositiveIntegerField(
        _("value"), help_text=_("For a running total: the total at the end of the year.")
    )
    increment = models.PositiveIntegerField(
        _("increase in the year"),
        null=True,
        blank=True,
        help_text=_("Running totals only: the increase the source states for the year."),
    )
    note = models.CharField(
        _("note for editors"), max_length=500, blank=True, help_text=_("Not shown on the site.")
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("value"), FieldPanel("increment")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("value for a year")
        verbose_name_plural = _("values by year")

    def __str__(self):
        return f"{self.year}: {self.value}"


class SupervisionApproach(TranslatableMixin, Orderable):
    """One way the project compensated municipalities for supervision, from a given year."""

    project = ParentalKey(
        ProjectPage, related_name="supervision_approaches", on_delete=models.CASCADE
    )
    start_year = models.PositiveSmallIntegerField(
        _("from the year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("Leave empty if the year is not known."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    compensation_percent = models.PositiveSmallIntegerField(
        _("compensation, %"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )

    panels = [
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("compensation_percent")]),
        FieldPanel("title"),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("supervision approach")
        verbose_name_plural = _("supervision approaches")
        ordering = ["sort_order"]

    def __str__(self):
        return self.title
