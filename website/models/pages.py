"""The abstract page every page type extends, and the site-wide page types."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks import StreamValue
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from sitesearch import indexing
from sitesearch.analysis import analyse
from sitesearch.participants import analysed_field
from sitesearch.text import stream_text
from website.blocks import BodyStreamBlock, StandardPageStreamBlock
from website.cache import is_draft_bookkeeping
from website.files import restricted_collection_ids
from website.languages import page_text_language
from website.models.media import optional_image
from website.models.topics import topics_for
from website.panels import InlinePanel
from website.topics import BasePageForm


class TopicsField(ClusterTaggableManager):
    """The free-typed topic tags pages had before website.models.topics.

    Only the historical migrations still name it (they import it by this path): no model uses
    it any more. It once interpolated "%(app_label)s" in a related name, which taggit's
    contribute_to_class does not; a migration never gives it one (taggit's deconstruct leaves
    related_name out), so the plain field is all they need.
    """


class BasePageQuerySet(PageQuerySet):
    """Queries every page type shares; section apps extend it for their own managers."""

    def with_topic(self, topic):
        """Pages with this topic, whichever language's version of it they link to."""
        return self.filter(topic_items__topic__translation_key=topic.translation_key).distinct()

    def with_image(self, field="listing_image"):
        """The pages with the image of `field` (a join) and its renditions (one more query), so
        that a list shows any number of them in the same number of queries."""
        return self.select_related(field).prefetch_related(f"{field}__renditions")


BasePageManager = PageManager.from_queryset(BasePageQuerySet)


class BasePage(Page):
    """Fields, search and listing behaviour shared by every page type of the site."""

    listing_summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    listing_image = optional_image(_("listing image"))
    # The topics are PageTopic rows ("topic_items"), chosen in BasePageForm's checkboxes.

    objects = BasePageManager()
    base_form_class = BasePageForm

    # Wagtail indexes a page on post_save, before modelcluster writes its child rows (topics,
    # authors, occurrences, guests…), and its index task reads the page back from the
    # database: the index would hold the previous children. Page types index themselves once
    # the whole save is done instead (see save()); sitesearch.receivers removes a deleted
    # page.
    search_auto_update = False

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("listing_summary"), FieldPanel("listing_image"), FieldPanel("topics")],
            _("Lists and search"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("listing_summary"),
        # Folded, stemmed text (see sitesearch.analysis): what makes "senioriem" find
        # "seniori" on databases whose full-text configurations know no Latvian.
        index.SearchField("search_analysed_title", boost=3),
        index.SearchField("search_analysed_text"),
        index.FilterField("locale"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # A draft changes only bookkeeping columns of the live row, which is what is indexed.
        if not is_draft_bookkeeping(kwargs.get("update_fields")):
            indexing.enqueue(self)
        return result

    # Search -------------------------------------------------------------------------------

    def get_search_title_parts(self):
        return [self.title]

    def get_search_text_parts(self):
        """The text a reader would search this page by. Page types add their own fields."""
        return [self.listing_summary, self.search_description, *self.topic_names]

    @cached_property
    def topics(self):
        """The page's topics as readers of its language see them (published, translated)."""
        return topics_for(self.topic_items.all(), self.locale_id)

    @property
    def topic_names(self):
        return [topic.name for topic in self.topics]

    def get_search_documents(self):
        """Documents this page publishes; their extracted text is searched with the page.

        By default the documents its own fields link to: document choosers and document blocks
        in StreamFields (``Block.extract_references``, what Wagtail's reference index reads).
        Page types that keep documents in inline child objects add those.
        """
        document_model = get_document_model()
        ids = set()
        for field in self._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and issubclass(
                field.related_model, document_model
            ):
                ids.add(getattr(self, field.attname))
            elif isinstance(field, StreamField):
                value = getattr(self, field.attname)
                for model, pk, _path, _content_path in field.stream_block.extract_references(value):
                    if issubclass(model, document_model):
                        ids.add(pk)
        ids.discard(None)
        if not ids:
            return []
        return list(
            document_model.objects.filter(pk__in=ids).only("pk", "extracted_text", "collection_id")
        )

    def get_search_year(self):
        """The year the content belongs to (an event's, a report's…), for facets and lists."""
        return None

    @property
    def search_language(self):
        return self.locale.language_code

    @cached_property
    def text_language(self):
        """The language its title and text are written in: its locale's, or for an alias (an
        untranslated copy wagtail-localize keeps in step with a page in another language), the
        source's. Lists set it in bulk with website.languages.prefetch_text_languages."""
        return page_text_language(self)

    @analysed_field
    def search_analysed_title(self):
        return analyse(" ".join(filter(None, self.get_search_title_parts())), self.search_language)

    @analysed_field
    def search_analysed_text(self):
        # Not the text of documents in a restricted collection: search would tell anyone
        # whether such a document contains a word.
        hidden = restricted_collection_ids()
        parts = [
            *self.get_search_text_parts(),
            *(
                document.extracted_text
                for document in self.get_search_documents()
                if document and document.collection_id not in hidden
            ),
        ]
        return analyse(" ".join(filter(None, parts)), self.search_language)

    # Listing ------------------------------------------------------------------------------

    @property
    def summary(self):
        return self.listing_summary or self.search_description

    # The fields whose text describes a page without a summary, in order: an introduction (a
    # section's list, a study), a podcast's or episode's description, a portrait's quote, the
    # home page's hero text, else the start of the body or story. Page types may name others.
    description_fields = ("introduction", "description", "quote", "hero_text", "body", "story")

    @property
    def meta_description(self):
        """<meta name="description">: what the editor wrote for search engines, else the
        summary, else the start of the first description field with text; "" when none has."""
        text = self.search_description or self.listing_summary
        for name in self.description_fields:
            if text:
                break
            value = getattr(self, name, None)
            if isinstance(value, StreamValue):
                text = " ".join(stream_text(value))
            elif isinstance(value, str):
                text = value
        return Truncator(" ".join((text or "").split())).words(35)

    # A page that is a section of the site (it lists what is under it): "Sadaļa" in results,
    # not the page type's name, which is the admin's ("Metodiku saraksta lapa").
    section_index = False

    @property
    def card_label(self):
        """The kind of page, shown above its title in lists and search results."""
        if self.section_index:
            return _("Section")
        return capfirst(self._meta.verbose_name)

    @property
    def card_meta(self):
        """A date or year shown under the title in lists; page types say what fits them."""
        return ""

    # Following a list (by mail or Atom feed: the subscriptions app) ----------------------

    # A list readers may follow names the GET parameters that filter it, () for none; None: not
    # a list to follow.
    follow_parameters = None

    # A list with filters names their form (a website.filters.ListFilters) and gives the
    # live, public pages they filter (listed_pages).
    filters_class = None

    def listed_pages(self):
        return Page.objects.descendant_of(self).live().public()

    def list_filters(self, params):
        """The list's filters as these GET parameters set them."""
        return self.filters_class(params, self.listed_pages(), self)

    def followed_pages(self, params):
        """The live, public pages this list shows for these GET parameters (any order): what its
        followers are mailed and its feed holds: the filtered list, as its own page filters it,
        so that a subscription means exactly the list it was made on."""
        if self.filters_class is None:
            return self.listed_pages()
        return self.list_filters(params).filtered(strict=True)

    def follow_value_label(self, name, value):
        """How a reader names the value of one of follow_parameters ("seminari" → "Semināri"),
        for the list's title and its followers' mails; None: as the value reads."""
        return None

    # A list whose news are not pages but entries of a model with Wagtail's draft state (the
    # dictionary: "dictionary.Term"; publishing one is what is news) names that model here, the
    # entries it follows (followed_entries) and where each one is (followed_entry_url).
    followed_entry_model = None

    def followed_entries(self, params):
        """The approved entries of followed_entry_model this list follows (a QuerySet)."""
        return None

    def followed_entry_url(self, entry):
        """The absolute address of one of followed_entries() in this list's language."""
        raise NotImplementedError

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        translations = getattr(self, "sitemap_translations", None)  # set by BilingualSitemap
        if translations is None:
            translations = (
                self.get_translations(inclusive=True).live().public().select_related("locale")
            )
        alternates = [
            {"location": page.get_full_url(request), "lang_code": page.locale.language_code}
            for page in translations
        ]
        if len(alternates) > 1:
            for url in urls:
                url["alternates"] = alternates
        return urls


class SectionIndexPage(BasePage):
    """The page of one section (Methodologies, Events…): one per home page, an introduction
    and a body around the section's list, which each page type builds in get_context."""

    section_index = True

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    parent_page_types = ["website.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_search_text_parts(self):
        return [*super().get_search_text_parts(), self.introduction, *stream_text(self.body)]


class HomePage(BasePage):
    section_index = True

    hero_title = models.CharField(_("hero heading"), max_length=255)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = optional_image(_("hero image"))
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(_("hero link text"), max_length=100, blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_text"),
            ],
            _("Hero"),
        ),
        InlinePanel(
            "featured_items",
            heading=_("Featured"),
            label=_("Featured page"),
            add_label=_("Add a featured page"),
            max_num=8,
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    # subpage_types: the section index pages that name HomePage as their parent (website.apps).

    class Meta:
        verbose_name = _("home page")

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.hero_title,
            self.hero_text,
            *stream_text(self.body),
        ]

    def get_context(self, request, *args, **kwargs):
        from website.home import rendered_home_sections

        context = super().get_context(request, *args, **kwargs)
        context["sections_html"] = rendered_home_sections(request, self)
        return context


class HomeFeaturedItem(Orderable):
    home = ParentalKey(HomePage, related_name="featured_items", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]


class StandardPage(BasePage):
    """Any page of plain content: about the project, accessibility statement, privacy, contacts."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(StandardPageStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    parent_page_types = ["website.HomePage", "website.StandardPage"]
    subpage_types = ["website.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_search_text_parts(self):
        return [*super().get_search_text_parts(), self.introduction, *stream_text(self.body)]
