"""The periodical "Sociālais darbs Latvijā": the publication, its issues and their articles.

PeriodicalPage (one per language home) → IssuePage ("1/2023") → ArticlePage. An article's
issue and periodical are its parent and grandparent pages, so moving an article to another
issue in the admin is all it takes to re-file it.
"""

from itertools import groupby

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.search import index

from periodical.blocks import ReferenceStreamBlock
from periodical.choices import SECTION_ORDER, Season, Section, validate_issn
from periodical.forms import IssuePageForm
from sitesearch.text import stream_text
from website.blocks import BodyStreamBlock
from website.languages import Text, prefetch_text_languages
from website.listing import ListingRow
from website.models import BasePage
from website.models.media import optional_document, optional_image
from website.models.pages import BasePageQuerySet
from website.panels import InlinePanel
from website.siteurl import absolute

# The publication ------------------------------------------------------------------------------


class PeriodicalPage(BasePage):
    section_index = True
    # Followers hear of each new issue and article (BasePage.followed_pages: its descendants).
    follow_parameters = ()

    description = models.TextField(
        _("description"), help_text=_("What the periodical is about, in one or two sentences.")
    )
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    issn_print = models.CharField(
        _("ISSN (print)"),
        max_length=9,
        blank=True,
        validators=[validate_issn],
        help_text=_("Leave empty while the periodical has none."),
    )
    issn_online = models.CharField(
        _("ISSN (online)"), max_length=9, blank=True, validators=[validate_issn]
    )
    frequency = models.CharField(
        _("frequency"), max_length=100, blank=True, help_text=_("For example: twice a year.")
    )
    formats = models.CharField(
        _("formats"),
        max_length=255,
        blank=True,
        help_text=_("For example: printed and distributed electronically."),
    )
    publisher_url = models.URLField(
        _("publisher's page about the periodical"), blank=True, max_length=500
    )
    contact_email = models.EmailField(
        _("editorial office e-mail"),
        blank=True,
        help_text=_("Shown to authors; harvesters of the OAI-PMH interface write to it too."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("about the periodical"))
    submission_guidelines = StreamField(
        BodyStreamBlock(), blank=True, verbose_name=_("submission guidelines")
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("publisher"),
                FieldPanel("publisher_url"),
                FieldRowPanel([FieldPanel("issn_print"), FieldPanel("issn_online")]),
                FieldPanel("frequency"),
                FieldPanel("formats"),
                FieldPanel("contact_email"),
            ],
            _("Publication details"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "content_plan",
            heading=_("Content of each issue"),
            label=_("Issue"),
            add_label=_("Add an issue's content"),
        ),
        InlinePanel(
            "board_members",
            heading=_("Editorial board"),
            label=_("Board member"),
            add_label=_("Add a board member"),
        ),
        FieldPanel("submission_guidelines"),
    ]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["periodical.IssuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("periodical")

    def clean(self):
        super().clean()
        self.issn_print = self.issn_print.upper()
        self.issn_online = self.issn_online.upper()

    @property
    def issns(self):
        return [issn for issn in (self.issn_print, self.issn_online) if issn]

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.description,
            *stream_text(self.body),
            *stream_text(self.submission_guidelines),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        issues = IssuePage.objects.child_of(self).live().public().with_covers().newest_first()
        issues = prefetch_text_languages(list(issues))
        for issue in issues:
            issue.periodical = self
        current = issues[0] if issues else None
        context["current_issue"] = current
        context["current_contents"] = current.table_of_contents() if current else []
        context["issues_by_year"] = [
            (year, list(group)) for year, group in groupby(issues, key=lambda issue: issue.year)
        ]
        context["board_members"] = self.board_members.select_related("person")
        return context


class PeriodicalContentShare(TranslatableMixin, Orderable):
    """One line of the planned content structure: which part of an issue goes to what."""

    page = ParentalKey(PeriodicalPage, related_name="content_plan", on_delete=models.CASCADE)
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    share = models.CharField(
        _("share of the issue"), max_length=100, help_text=_("For example: about a third.")
    )
    description = models.TextField(_("what it covers"))

    panels = [FieldPanel("section"), FieldPanel("share"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("content share")


class EditorialBoardMember(TranslatableMixin, Orderable):
    page = ParentalKey(PeriodicalPage, related_name="board_members", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "website.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        _("role on the board"), max_length=100, blank=True, help_text=_("E.g. editor-in-chief.")
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("editorial board member")


# Issues ----------------------------------------------------------------------------------------


class IssuePageQuerySet(BasePageQuerySet):
    def newest_first(self):
        return self.order_by("-year", "-number", "-path")

    def with_covers(self):
        return self.with_image("cover_image")


class IssuePage(BasePage):
    number = models.PositiveSmallIntegerField(
        _("number"),
        validators=[MinValueValidator(1)],
        help_text=_("The issue's number within its year: 1 for the year's first issue."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    season = models.CharField(_("season"), max_length=10, choices=Season.choices, blank=True)
    publication_date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("When the issue came out. Citations give this date, or the year alone."),
    )
    cover_image = optional_image(_("cover"))
    pdf = optional_document(_("full issue (PDF)"))
    editorial = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("editorial"))
    is_example = models.BooleanField(
        _("example issue"),
        default=False,
        help_text=_(
            "Created by the demo content loader: the issue and its articles say they are examples."
        ),
    )

    objects = PageManager.from_queryset(IssuePageQuerySet)()
    base_form_class = IssuePageForm

    content_panels = [
        TitleFieldPanel("title", help_text=_("The theme of the issue.")),
        FieldRowPanel([FieldPanel("number"), FieldPanel("year"), FieldPanel("season")]),
        FieldPanel("publication_date"),
        FieldPanel("cover_image"),
        FieldPanel("pdf"),
        FieldPanel("editorial"),
        FieldPanel("is_example"),
    ]

    parent_page_types = ["periodical.PeriodicalPage"]
    subpage_types = ["periodical.ArticlePage"]

    search_fields = [*BasePage.search_fields, index.FilterField("year")]

    class Meta:
        verbose_name = _("issue")

    def clean(self):
        super().clean()
        if self.publication_date and self.year and self.publication_date.year != self.year:
            raise ValidationError(
                {"publication_date": _("The publication date must be in the issue's year.")}
            )

    @property
    def label(self):
        """The issue as the periodical numbers it: "1/2023"."""
        return f"{self.number}/{self.year}"

    @property
    def listing_row(self):
        """The issue in the archive (under its year): its number, season, whether it is the
        demo's example and whether the whole issue is there as a PDF."""
        return ListingRow(
            when=gettext("No. %(label)s") % {"label": self.label},
            kind=self.get_season_display() if self.season else "",
            details=[gettext("Example issue")] if self.is_example else [],
            available=["PDF"] if self.pdf_id else [],
        )

    @cached_property
    def periodical(self):
        parent = self.get_parent()
        parent = parent.specific if parent is not None else None
        return parent if isinstance(parent, PeriodicalPage) else None

    def table_of_contents(self):
        """The issue's live articles grouped by section, each group in page order.

        A list of (section label, articles); sections follow the Section order, empty ones are
        left out. Articles without page numbers follow the numbered ones in the editors' order.
        """
        articles = list(ArticlePage.objects.child_of(self).live().public().with_authors())
        for article in articles:
            article.issue = self
        articles.sort(key=ArticlePage.contents_order)
        return [
            (Section(section).label, list(group))
            for section, group in groupby(articles, key=lambda article: article.section)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contents"] = self.table_of_contents()
        return context

    def get_search_title_parts(self):
        return [self.title, self.label]

    def get_search_text_parts(self):
        return [*super().get_search_text_parts(), *stream_text(self.editorial)]

    def get_search_documents(self):
        return [self.pdf] if self.pdf_id else []

    def get_search_year(self):
        return self.year

    @property
    def card_label(self):
        return gettext("Issue %(label)s") % {"label": self.label}

    @property
    def card_meta(self):
        return self.get_season_display() if self.season else ""


# Articles --------------------------------------------------------------------------------------


class Keyword(TagBase):
    """Authors' keywords: many, specific and in the article's language, so they are kept out
    of the site-wide topic vocabulary (website.Topic) that every section's filters use."""

    free_tagging = True

    class Meta:
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")


class ArticleKeyword(ItemBase):
    tag = models.ForeignKey(Keyword, related_name="tagged_articles", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "periodical.ArticlePage", related_name="keyword_items", on_delete=models.CASCADE
    )


def authors_prefetch():
    return Prefetch("authors", queryset=ArticleAuthor.objects.select_related("person"))


class ArticlePageQuerySet(BasePageQuerySet):
    def with_authors(self):
        return self.prefetch_related(authors_prefetch())

    def with_keywords(self):
        return self.prefetch_related("keyword_items__tag")


class ArticlePage(BasePage):
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    abstract = models.TextField(_("abstract"))
    summary_en = models.TextField(
        _("summary in English"),
        blank=True,
        help_text=_("Shown on the pages in other languages, marked as English."),
    )
    keywords = ClusterTaggableManager(
        through=ArticleKeyword, blank=True, verbose_name=_("keywords"), related_name="articles"
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("full text"),
        help_text=_("Leave empty when the article is published as a PDF only."),
    )
    pdf = optional_document(_("article (PDF)"))
    first_page = models.PositiveIntegerField(
        _("first page"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    last_page = models.PositiveIntegerField(
        _("last page"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    references = StreamField(ReferenceStreamBlock(), blank=True, verbose_name=_("references"))

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        InlinePanel(
            "authors", heading=_("Authors"), label=_("Author"), add_label=_("Add an author")
        ),
        FieldPanel("section"),
        FieldPanel("abstract"),
        FieldPanel("summary_en"),
        FieldPanel("keywords"),
        FieldRowPanel(
            [FieldPanel("first_page"), FieldPanel("last_page")], heading=_("Printed pages")
        ),
        FieldPanel("pdf"),
        FieldPanel("body"),
        FieldPanel("references"),
    ]

    parent_page_types = ["periodical.IssuePage"]
    subpage_types = []

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("abstract"),
        index.FilterField("section"),
    ]

    class Meta:
        verbose_name = _("article")

    def clean(self):
        super().clean()
        if self.last_page and not self.first_page:
            raise ValidationError({"first_page": _("Give the first page too.")})
        if self.first_page and self.last_page and self.last_page < self.first_page:
            raise ValidationError(
                {"last_page": _("The last page cannot come before the first page.")}
            )

    def contents_order(self):
        """Sort key of the table of contents: section, then printed page, then tree order."""
        return (
            SECTION_ORDER.get(self.section, len(SECTION_ORDER)),
            self.first_page is None,
            self.first_page or 0,
            self.path,
        )

    @cached_property
    def issue(self):
        # A page that Wagtail routed to has its parent cached: no query then.
        parent = self.get_parent()
        parent = parent.specific if parent is not None else None
        return parent if isinstance(parent, IssuePage) else None

    @cached_property
    def author_list(self):
        """The authors' Person snippets, in order (prefetch with ``with_authors()``)."""
        return [author.person for author in self.authors.all()]

    @cached_property
    def keyword_names(self):
        return [item.tag.name for item in self.keyword_items.all()]

    @property
    def reference_list(self):
        return [block.value for block in self.references if block.block_type == "reference"]

    @property
    def page_range(self):
        """ "12–24", "7" or "" (an en dash, as bibliographies write ranges)."""
        if self.first_page and self.last_page and self.last_page != self.first_page:
            return f"{self.first_page}–{self.last_page}"
        return str(self.first_page) if self.first_page else ""

    @property
    def pages_label(self):
        if self.first_page and self.last_page and self.last_page != self.first_page:
            return gettext("pp. %(first)s–%(last)s") % {
                "first": self.first_page,
                "last": self.last_page,
            }
        if self.first_page:
            return gettext("p. %(page)s") % {"page": self.first_page}
        return ""

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.abstract,
            Text(self.summary_en, "en"),
            *self.keyword_names,
            *(person.name for person in self.author_list),
            *stream_text(self.body),
        ]

    def get_search_documents(self):
        return [self.pdf] if self.pdf_id else []

    def get_search_year(self):
        return self.issue.year if self.issue else None

    @property
    def card_label(self):
        return pgettext("periodical", "Article")

    @property
    def card_meta(self):
        return self.get_section_display()

    def get_context(self, request, *args, **kwargs):
        from periodical.citation import Citation

        if not getattr(request, "is_preview", False):
            # A preview shows the editor's unsaved authors and keywords, which live in memory.
            prefetch_related_objects([self], authors_prefetch(), "keyword_items__tag")
        context = super().get_context(request, *args, **kwargs)
        context["issue"] = self.issue
        context["periodical"] = self.issue.periodical if self.issue else None
        citation = Citation.for_article(self, request)
        context["citation"] = citation
        # What reference managers and Google Scholar read (citation_* tags): the original.
        context["scholar_citation"] = citation
        versions = list(
            ArticlePage.objects.live()
            .public()
            .filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .select_related("locale")
        )
        original = self.original_in(versions)
        if original is not None:
            prefetch_related_objects([original], authors_prefetch(), "keyword_items__tag")
            attach_issues([original])
            context["scholar_citation"] = Citation.for_article(original, request)
            citation.translation_of = _version(original, request)
        elif self.live:
            citation.translations = [_version(version, request) for version in versions]
        return context

    def original_in(self, versions):
        """The article this page translates, among its live language versions; None for the
        original. The periodical is published in the site's main language (Latvian): a
        version in that language is the original, and Google Scholar indexes that one."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return None
        for version in versions:
            if version.locale.language_code == settings.LANGUAGE_CODE:
                return version
        return None


class ArticleAuthor(TranslatableMixin, Orderable):
    """An author of an article; their Person's organisation is the affiliation at the time."""

    page = ParentalKey(ArticlePage, related_name="authors", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "website.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("person")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


def _version(article, request):
    return {
        "url": absolute(article.get_url(request)),
        "title": article.title,
        "language": article.locale.language_code,
    }


def attach_issues(articles):
    """Set each article's issue and each issue's periodical, in two queries for any number."""
    steplen = Page.steplen
    issues = IssuePage.objects.filter(
        path__in={article.path[:-steplen] for article in articles}
    ).in_bulk(field_name="path")
    periodicals = PeriodicalPage.objects.filter(
        path__in={issue.path[:-steplen] for issue in issues.values()}
    ).in_bulk(field_name="path")
    for issue in issues.values():
        issue.periodical = periodicals.get(issue.path[:-steplen])
    for article in articles:
        article.issue = issues.get(article.path[:-steplen])
    return articles
