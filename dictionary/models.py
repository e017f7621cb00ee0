"""The terminology dictionary: entries (Term) and the page that serves them (DictionaryPage).

An entry is a concept with its Latvian term, its English equivalents and a definition in each
language, as in TBX (ISO 30042), where one concept entry holds a section per language. It is a
snippet rather than a page: entries have no place in the page tree, there may be thousands of
them, and the dictionary page serves them at permanent addresses through its routes.
"""

import json
import re
from urllib.parse import urlencode, urljoin

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as route
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from dictionary import alphabet
from dictionary.analysis import analysed_column, folded_name
from dictionary.cache import DICTIONARY
from website.models import BasePage
from website.panels import InlinePanel
from website.search.analysis import analyse
from website.siteurl import absolute

# Entry addresses (<slug>/) share the dictionary's URL space with its one-part routes.
RESERVED_SLUGS = frozenset({"meklet", "search", "ieteikumi", "suggest"})


class SubjectField(models.Model):
    """A field of social work (and its subfields) that entries are classified under."""

    name = models.CharField(_("field name"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("main field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subfields",
        help_text=_("Choose a field to make this one of its subfields."),
    )

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("parent")]

    class Meta:
        verbose_name = _("subject field")
        verbose_name_plural = _("subject fields")
        ordering = ["name"]

    def __str__(self):
        return self.path("lv")

    def clean(self):
        if self.parent_id and (self.parent.parent_id or self.parent_id == self.pk):
            raise ValidationError({"parent": _("A subfield cannot have subfields of its own.")})

    def label(self, language=None):
        language = language or get_language()
        return self.name_en if language == "en" and self.name_en else self.name

    def path(self, language=None):
        """ "Field › subfield" in the given language."""
        labels = [self.label(language)]
        if self.parent_id:
            labels.insert(0, self.parent.label(language))
        return " › ".join(labels)


class TermQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def approved(self):
        """Entries readers may see: published (approved) ones. Drafts never leave the admin."""
        return self.filter(live=True)

    def in_latvian_order(self):
        return self.order_by("sort_key", "pk")


class Term(
    WorkflowMixin,
    PreviewableMixin,
    DraftStateMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """One dictionary entry: a concept with its Latvian term and English equivalents.

    Publishing an entry approves it; a draft (never published, or unpublished) is hidden from
    readers. Edits to an approved entry wait in a new revision until they are published.
    Editors submit entries to the moderators' workflow (dictionary migration 0002), as pages.
    """

    class PartOfSpeech(models.TextChoices):
        # The TBX-Basic picklist, so that entries export without loss.
        NOUN = "noun", _("noun")
        ADJECTIVE = "adjective", _("adjective")
        VERB = "verb", _("verb")
        ADVERB = "adverb", _("adverb")
        OTHER = "other", _("other")

    class Gender(models.TextChoices):
        MASCULINE = "masculine", _("masculine")
        FEMININE = "feminine", _("feminine")
        OTHER = "other", _("other")

    headword = models.CharField(
        _("Latvian term"),
        max_length=200,
        unique=True,
        help_text=_("The term in its dictionary form (nominative), e.g. “sociālais darbinieks”."),
    )
    slug = models.SlugField(
        _("address"),
        max_length=220,
        unique=True,
        editable=False,
        help_text=_("Made from the term; earlier addresses keep redirecting here."),
    )
    part_of_speech = models.CharField(
        _("part of speech"), max_length=20, choices=PartOfSpeech.choices, blank=True
    )
    grammatical_gender = models.CharField(
        _("grammatical gender"), max_length=20, choices=Gender.choices, blank=True
    )
    definition = models.TextField(_("definition"))
    definition_en = models.TextField(_("definition in English"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    notes_en = models.TextField(_("notes in English"), blank=True)
    examples = models.TextField(
        _("usage examples"), blank=True, help_text=_("One example per line, in Latvian.")
    )
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("The publication the term or its definition comes from."),
    )
    source_page = models.CharField(_("source page"), max_length=50, blank=True)
    subject_field = models.ForeignKey(
        SubjectField,
        verbose_name=_("subject field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="terms",
    )

    # Computed on save (see compute_search_columns): lists are ordered by the sort keys,
    # autocomplete reads the indexed folded and analysed term, and the site-wide search index
    # the analysed names (its indexing may run before the inline children are written).
    # The dictionary's own search reads SearchToken rows, written on save too.
    sort_key = models.CharField(max_length=400, editable=False, db_index=True)
    en_sort_key = models.CharField(max_length=400, editable=False, blank=True)
    initial = models.CharField(max_length=1, editable=False)
    headword_folded = models.CharField(max_length=200, editable=False, db_index=True)
    headword_analysed = models.CharField(max_length=220, editable=False, db_index=True)
    synonyms_analysed = models.TextField(editable=False, blank=True)
    equivalents_analysed = models.TextField(editable=False, blank=True)

    objects = TermQuerySet.as_manager()

    panels = [
        FieldPanel("headword"),
        InlinePanel(
            "equivalents",
            heading=_("English equivalents"),
            label=_("equivalent"),
            add_label=_("Add an equivalent"),
        ),
        InlinePanel(
            "synonyms",
            heading=_("Latvian synonyms"),
            label=_("synonym"),
            add_label=_("Add a synonym"),
        ),
        FieldRowPanel(
            [FieldPanel("part_of_speech"), FieldPanel("grammatical_gender")],
            heading=_("Grammar"),
        ),
        FieldPanel("definition"),
        FieldPanel("definition_en"),
        MultiFieldPanel(
            [FieldPanel("notes"), FieldPanel("notes_en"), FieldPanel("examples")],
            heading=_("Notes and usage"),
        ),
        FieldRowPanel([FieldPanel("source"), FieldPanel("source_page")], heading=_("Source")),
        FieldPanel("subject_field"),
        InlinePanel(
            "related_links",
            heading=_("Related terms"),
            label=_("related term"),
            add_label=_("Add a related term"),
        ),
    ]

    search_fields = [
        index.SearchField("headword", boost=4),
        index.AutocompleteField("headword"),
        index.AutocompleteField("headword_folded"),
        # Folded, stemmed text stored on the row: what makes "supervīzijai" and "supervizija"
        # find this entry in the site-wide search, on databases with no Latvian configuration.
        index.SearchField("search_analysed_title", boost=3),
        index.SearchField("search_analysed_text"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("dictionary entry")
        verbose_name_plural = _("dictionary entries")
        ordering = ["sort_key", "pk"]
        indexes = [
            # The alphabet's counts come from this index alone, and a letter's page of entries
            # is read in order from it (every index ends with the primary key).
            models.Index(fields=["initial", "live", "sort_key"], name="dictionary_term_letter_idx"),
        ]

    def __str__(self):
        return self.headword

    # Saving -------------------------------------------------------------------------------

    CONTENT_FIELDS = frozenset(
        {"headword", "definition", "definition_en", "notes", "notes_en", "examples"}
    )
    COMPUTED_FIELDS = frozenset(
        {
            "slug",
            "sort_key",
            "en_sort_key",
            "initial",
            "headword_folded",
            "headword_analysed",
            "synonyms_analysed",
            "equivalents_analysed",
        }
    )

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        former_slug = None
        if update_fields is None or self.CONTENT_FIELDS & set(update_fields):
            former_slug = self._stored_slug()
            self.compute_search_columns()
            self.slug = self._unique_slug()
            if update_fields is not None:
                kwargs["update_fields"] = set(update_fields) | self.COMPUTED_FIELDS
        tokens = getattr(self, "_search_tokens", None)
        super().save(*args, **kwargs)
        if tokens is not None:
            self.search_tokens.all().delete()
            SearchToken.objects.bulk_create(
                SearchToken(term=self, field=field, token=token) for field, token in tokens
            )
            del self._search_tokens
        if former_slug and former_slug != self.slug:
            FormerSlug.objects.update_or_create(slug=former_slug, defaults={"term": self})
        # A headword changed back: its address is current again, not a redirect.
        FormerSlug.objects.filter(term=self, slug=self.slug).delete()

    def compute_search_columns(self):
        """Sort keys, folded/analysed columns and the search tokens of the entry's content."""
        synonyms = [s.text for s in self.synonyms.all() if s.text]
        equivalents = [e.text for e in self.equivalents.all() if e.text]
        self._search_tokens = SearchToken.tokens_for(self, synonyms, equivalents)
        self.sort_key = alphabet.latvian.sort_key(self.headword)[:400]
        # Entries without an English equivalent are listed by their Latvian term in English.
        english_name = equivalents[0] if equivalents else self.headword
        self.en_sort_key = alphabet.english.sort_key(english_name)[:400]
        self.initial = alphabet.latvian.initial(self.headword)
        self.headword_folded = folded_name(self.headword)[:200]
        self.headword_analysed = analysed_column([self.headword], "lv")[:220]
        self.synonyms_analysed = analysed_column(synonyms, "lv")
        self.equivalents_analysed = analysed_column(equivalents, "en")

    def _stored_slug(self):
        if self.pk is None:
            return None
        return Term.objects.filter(pk=self.pk).values_list("slug", flat=True).first()

    def _unique_slug(self):
        base = slugify(self.headword)[:200].strip("-") or "terms"
        if self.slug and re.fullmatch(rf"{re.escape(base)}(-\d+)?", self.slug):
            return self.slug
        candidate, number = base, 1
        while candidate in RESERVED_SLUGS or self._slug_taken(candidate):
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def _slug_taken(self, slug):
        # An address that once led to another entry keeps leading there.
        return (
            Term.objects.filter(slug=slug).exclude(pk=self.pk).exists()
            or FormerSlug.objects.filter(slug=slug).exclude(term_id=self.pk).exists()
        )

    # Reading ------------------------------------------------------------------------------

    @cached_property
    def equivalent_list(self):
        return [e.text for e in self.equivalents.all()]

    @cached_property
    def synonym_list(self):
        return [s.text for s in self.synonyms.all()]

    @property
    def equivalent(self):
        """The main English equivalent (the first)."""
        return self.equivalent_list[0] if self.equivalent_list else ""

    @property
    def example_list(self):
        return [line.strip() for line in self.examples.splitlines() if line.strip()]

    def definition_in(self, language):
        """The definition in the reader's language; Latvian when no translation is written."""
        return self.definition_en if language == "en" and self.definition_en else self.definition

    def notes_in(self, language):
        return self.notes_en if language == "en" and self.notes_en else self.notes

    def title_in(self, language):
        """How the entry is named in lists: by the English equivalent on the English site."""
        if language == "en" and self.equivalent:
            return self.equivalent
        return self.headword

    @property
    def title(self):
        return self.title_in(get_language())

    @property
    def title_language(self):
        """The language of `title`: English when it is the English equivalent."""
        return "en" if get_language() == "en" and self.equivalent else "lv"

    @property
    def summary(self):
        return self.definition_in(get_language())

    @property
    def summary_language(self):
        """The language of `summary`: Latvian when no English definition is written."""
        return "en" if get_language() == "en" and self.definition_en else "lv"

    @property
    def card_label(self):
        return _("Dictionary entry")

    @property
    def grammar_label(self):
        parts = [self.get_part_of_speech_display(), self.get_grammatical_gender_display()]
        return ", ".join(str(part) for part in parts if part)

    def related_terms(self):
        """Approved entries linked to this one, whichever of the two made the link."""
        pairs = TermRelation.objects.filter(
            models.Q(term=self) | models.Q(related=self)
        ).values_list("term_id", "related_id")
        ids = {pk for pair in pairs for pk in pair} - {self.pk}
        return (
            Term.objects.approved()
            .filter(pk__in=ids)
            .prefetch_related("equivalents")
            .in_latvian_order()
        )

    def see_also(self, exclude=(), limit=5):
        """Approved entries whose term shares a word with this one ("darbs" → "sociālais darbs")."""
        stems = [stem for stem in self.headword_analysed.split() if len(stem) > 3]
        if not stems:
            return Term.objects.none()
        sharing = SearchToken.objects.filter(field=SearchToken.Field.TERM, token__in=stems)
        return (
            Term.objects.approved()
            .filter(pk__in=sharing.values("term_id"))
            .exclude(pk__in=[self.pk, *exclude])
            .prefetch_related("equivalents")
            .in_latvian_order()[:limit]
        )

    # Search (the site-wide index) -------------------------------------------------------

    @property
    def search_analysed_title(self):
        return " ".join(
            (self.headword_analysed, self.synonyms_analysed, self.equivalents_analysed)
        ).replace("|", " ")

    @property
    def search_analysed_text(self):
        return " ".join(
            (
                analyse(f"{self.definition} {self.notes}", "lv"),
                analyse(f"{self.definition_en} {self.notes_en}", "en"),
            )
        )

    # Addresses ----------------------------------------------------------------------------

    def get_url(self, request=None, language=None):
        """The entry's address on the dictionary page of the given (or active) language."""
        page = DictionaryPage.for_language(language or get_language(), request)
        return page.entry_url(self) if page else None

    @property
    def url(self):
        return self.get_url()

    # Preview in the admin ------------------------------------------------------------------

    def get_preview_template(self, request, mode_name):
        return "dictionary/term.html"

    def get_preview_context(self, request, mode_name):
        page = DictionaryPage.for_language(get_language(), request)
        if page is None:
            return {"term": self, "request": request}
        return page.entry_context(request, self, preview=True)


class Equivalent(Orderable):
    """An English equivalent; the English site lists entries by these, in English order."""

    term = ParentalKey(Term, related_name="equivalents", on_delete=models.CASCADE)
    text = models.CharField(_("English equivalent"), max_length=200)
    folded = models.CharField(max_length=200, editable=False, db_index=True)
    sort_key = models.CharField(max_length=400, editable=False)
    initial = models.CharField(max_length=1, editable=False)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("English equivalent")
        verbose_name_plural = _("English equivalents")
        indexes = [models.Index(fields=["initial", "sort_key"], name="dictionary_equiv_letter_idx")]

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        self.compute_search_columns()
        super().save(*args, **kwargs)

    def compute_search_columns(self):
        self.folded = folded_name(self.text)[:200]
        self.sort_key = alphabet.english.sort_key(self.text)[:400]
        self.initial = alphabet.english.initial(self.text)


class Synonym(Orderable):
    """Another Latvian term for the same concept, or a spelling variant ("mērķgrupa")."""

    term = ParentalKey(Term, related_name="synonyms", on_delete=models.CASCADE)
    text = models.CharField(_("synonym"), max_length=200)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")

    def __str__(self):
        return self.text


class TermRelation(Orderable):
    """A link between two entries; it is shown on both of them."""

    term = ParentalKey(Term, related_name="related_links", on_delete=models.CASCADE)
    related = models.ForeignKey(
        Term, verbose_name=_("related term"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = _("related term")
        verbose_name_plural = _("related terms")
        constraints = [
            models.UniqueConstraint(fields=["term", "related"], name="dictionary_unique_relation")
        ]


class FormerSlug(models.Model):
    """An address an entry had before its term was changed; it redirects to the entry."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=220, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")

    def __str__(self):
        return self.slug


class SearchToken(models.Model):
    """The dictionary's inverted index: one analysed word (or whole name) of an entry per row.

    Search looks tokens up by equality or by prefix on the (token, field) index and ranks the
    entries in Python (dictionary.search), so its cost follows the number of matches, not the
    size of the dictionary: scanning 10,000 entries' text with LIKE took 20 ms per column.
    """

    class Field(models.IntegerChoices):
        TERM = 1  # stems of the Latvian term
        SYNONYM = 2  # stems of the Latvian synonyms
        EQUIVALENT = 3  # words of the English equivalents, analysed as English
        DEFINITION = 4  # stems of the Latvian definition and notes
        DEFINITION_EN = 5  # words of the English definition and notes
        NAME = 6  # the term, a synonym or an equivalent, whole and folded (exact match)
        TERM_PHRASE = 7  # the whole term, analysed
        SYNONYM_PHRASE = 8  # a whole synonym, analysed

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="search_tokens")
    field = models.PositiveSmallIntegerField(choices=Field.choices)
    token = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["token", "field"], name="dictionary_token_idx")]

    def __str__(self):
        return self.token

    @classmethod
    def tokens_for(cls, term, synonyms, equivalents):
        """(field, token) pairs of an entry's content, each once."""
        field = cls.Field
        words = {
            field.TERM: analyse(term.headword, "lv").split(),
            field.SYNONYM: " ".join(analyse(s, "lv") for s in synonyms).split(),
            field.EQUIVALENT: " ".join(analyse(e, "en") for e in equivalents).split(),
            field.DEFINITION: analyse(f"{term.definition} {term.notes}", "lv").split(),
            field.DEFINITION_EN: analyse(f"{term.definition_en} {term.notes_en}", "en").split(),
            field.NAME: [folded_name(name) for name in (term.headword, *synonyms, *equivalents)],
            field.TERM_PHRASE: [analyse(term.headword, "lv")],
            field.SYNONYM_PHRASE: [analyse(s, "lv") for s in synonyms],
        }
        return list(
            dict.fromkeys(
                (kind, token[:200]) for kind, tokens in words.items() for token in tokens if token
            )
        )


def localised_route(name, lv, en):
    """A route with a Latvian and an English path: /lv/vardnica/burts/a/, /en/dictionary/letter/a/.

    Each page answers only the path of its own language (see DictionaryPage.resolve_subpage).
    """

    def decorator(view):
        return route(en, name=f"{name}-en")(route(lv, name=f"{name}-lv")(view))

    return decorator


class DictionaryPage(RoutablePageMixin, BasePage):
    """The dictionary: alphabetical index, letter pages, search and one address per entry."""

    section_index = True

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    PER_PAGE = 50
    RESULTS_PER_PAGE = 20
    USED_ON_LIMIT = 5

    class Meta:
        verbose_name = _("dictionary")

    def get_search_text_parts(self):
        return [*super().get_search_text_parts(), self.introduction]

    # Addresses ----------------------------------------------------------------------------

    @classmethod
    def for_language(cls, language, request=None):
        """The live dictionary page of a language (remembered for the request)."""
        memo = getattr(request, "_dictionary_pages", None) if request is not None else None
        if memo is not None and language in memo:
            return memo[language]
        page = cls.objects.live().filter(locale__language_code=language).first()
        if request is not None:
            request._dictionary_pages = {**(memo or {}), language: page}
        return page

    @property
    def full_title(self):
        """ "Sociālā darba terminoloģijas vārdnīca" where the menu says "Vārdnīca"."""
        return self.seo_title or self.title

    @cached_property
    def language(self):
        return self.locale.language_code

    @cached_property
    def base_url(self):
        return self.get_url()

    def resolve_subpage(self, path):
        match = super().resolve_subpage(path)
        name = match.url_name or ""
        if name[-3:] in ("-lv", "-en") and name[-2:] != self.language:
            raise Http404
        return match

    def route_url(self, name, **kwargs):
        return self.base_url + self.reverse_subpage(f"{name}-{self.language}", kwargs=kwargs)

    def entry_url(self, term):
        return self.base_url + self.reverse_subpage("entry", kwargs={"slug": term.slug})

    def letter_url(self, letter):
        return self.route_url("letter", letter=alphabet.Alphabet.slug_for_letter(letter))

    def _translations(self):
        return (
            DictionaryPage.objects.live()
            .filter(translation_key=self.translation_key)
            .select_related("locale")
        )

    # Sitemap ------------------------------------------------------------------------------

    def get_sitemap_urls(self, request=None):
        """The index, each letter that has entries, and each entry's permanent address.

        An entry is the same concept in every language: its addresses in the other dictionaries
        are its alternates. A letter has none (another alphabet, other terms).
        """
        urls = super().get_sitemap_urls(request)
        translations = list(self._translations().public())
        bases = {page.pk: page.get_full_url(request) for page in translations}
        base = bases.get(self.pk) or self.get_full_url(request)
        if not base:
            return urls
        letter_dates = self._letter_last_published()
        for letter in self.letters():
            if letter["url"]:
                urls.append(
                    {
                        "location": urljoin(base, letter["url"]),
                        "lastmod": letter_dates.get(letter["letter"]),
                    }
                )
        for term in Term.objects.approved().only("slug", "last_published_at").order_by("pk"):
            url = {
                "location": urljoin(base, self.entry_url(term)),
                "lastmod": term.last_published_at,
            }
            if len(translations) > 1:
                url["alternates"] = [
                    {
                        "location": urljoin(bases[page.pk], page.entry_url(term)),
                        "lang_code": page.language,
                    }
                    for page in translations
                ]
            urls.append(url)
        return urls

    def _letter_last_published(self):
        """{initial: when an entry under it was last published} for this language's letters."""
        if self.language == "en":
            rows = Equivalent.objects.filter(term__live=True).values("initial")
            rows = rows.annotate(last=models.Max("term__last_published_at"))
        else:
            rows = Term.objects.approved().values("initial")
            rows = rows.annotate(last=models.Max("last_published_at"))
        return {row["initial"]: row["last"] for row in rows.order_by()}

    # Following (the subscriptions app): the news of the dictionary are its new entries ------

    follow_parameters = ()
    followed_entry_model = "dictionary.Term"

    def followed_pages(self, params):
        return Page.objects.none()

    def followed_entries(self, params):
        return Term.objects.approved()

    def followed_entry_url(self, entry):
        return absolute(self.entry_url(entry))

    # Views --------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["dictionary"] = self
        context["search_url"] = self.route_url("search")
        context["suggest_url"] = self.route_url("suggest")
        return context

    def letters(self):
        """Every letter of the alphabet, linked when it has entries, with their number."""
        alpha = alphabet.for_language(self.language)
        # Counting by English equivalent joins every equivalent to its entry: kept in the
        # cache until an entry changes, like the downloads.
        counts = DICTIONARY.get("letters", self.language)
        if counts is None:
            if self.language == "en":
                rows = Equivalent.objects.filter(term__live=True)
            else:
                rows = Term.objects.approved()
            counts = dict(rows.order_by().values_list("initial").annotate(count=models.Count("pk")))
            DICTIONARY.set(counts, "letters", self.language)
        letters = list(alpha.letters)
        # Letters outside the alphabet (Q, W, X, Y in Latvian; digits) only when used.
        extra = [letter for letter in counts if letter not in letters]
        letters += sorted(extra, key=lambda letter: (letter == alphabet.OTHER_INITIAL, letter))
        return [
            {
                "letter": letter,
                "count": counts.get(letter, 0),
                "url": self.letter_url(letter) if counts.get(letter) else "",
            }
            for letter in letters
        ]

    @route("")
    def index_route(self, request):
        return self.render(
            request,
            context_overrides={
                "letters": self.letters(),
                "downloads": self._downloads(),
            },
        )

    def _downloads(self):
        return [
            {"format": "CSV", "url": self.route_url("download", format="csv")},
            {
                "format": gettext("CSV for Excel"),
                "url": self.route_url("download", format="csv-excel"),
            },
            {"format": "TBX", "url": self.route_url("download", format="tbx")},
        ]

    @localised_route("letter", "burts/<str:letter>/", "letter/<str:letter>/")
    def letter_route(self, request, letter):
        alpha = alphabet.for_language(self.language)
        initial = alpha.letter_for_slug(letter)
        if initial is None:
            raise Http404
        if self.language == "en":
            rows = (
                Equivalent.objects.filter(term__live=True, initial=initial)
                .select_related("term")
                .order_by("sort_key", "pk")
            )
        else:
            rows = (
                Term.objects.approved()
                .filter(initial=initial)
                .prefetch_related("equivalents")
                .in_latvian_order()
            )
        page_obj = paginate(request, rows, self.PER_PAGE)
        return self.render(
            request,
            template="dictionary/letter.html",
            context_overrides={
                "letter": initial,
                "letters": self.letters(),
                "page_obj": page_obj,
                "entries": [self._list_item(row) for row in page_obj],
                # A letter lists one language's terms under a letter of its alphabet: no page
                # in another language is its translation (no hreflang); the other language's
                # link opens that language's dictionary.
                "translation_urls": {self.language: self.letter_url(initial)},
                "translation_fallbacks": {
                    page.language: {"url": page.base_url, "title": page.title}
                    for page in self._translations()
                    if page.pk != self.pk
                },
            },
        )

    def _list_item(self, row):
        """A row of a list: the name here, the name in the other language, the definition."""
        if isinstance(row, Equivalent):
            term, label, other, other_lang = row.term, row.text, row.term.headword, "lv"
        elif self.language == "en" and row.equivalent:
            term, label, other, other_lang = row, row.equivalent, row.headword, "lv"
        else:
            term, label, other, other_lang = row, row.headword, ", ".join(row.equivalent_list), "en"
        return {
            **self._link(term, label),
            "other": other,
            "other_lang": other_lang,
            "definition": term.definition_in(self.language),
            "definition_lang": self._definition_language(term),
        }

    def _link(self, term, label=None):
        label = label or term.title_in(self.language)
        return {
            "label": label,
            "lang": "lv" if label == term.headword else "en",
            "url": self.entry_url(term),
        }

    def _definition_language(self, term):
        return "en" if self.language == "en" and term.definition_en else "lv"

    def _translation_urls(self, url_for):
        return {page.locale.language_code: url_for(page) for page in self._translations()}

    @localised_route("search", "meklet/", "search/")
    def search_route(self, request):
        from dictionary.search import Query, corrected, rank_terms, terms_in_order

        query = Query.parse(request.GET.get("q"))
        # A misspelt word is searched corrected, and the reader told, with a link to search
        # what was typed exactly (dictionary.search.corrected).
        searched = None if request.GET.get("exact") == "1" else corrected(query, self.language)
        page_obj = paginate(
            request, rank_terms(searched or query, self.language), self.RESULTS_PER_PAGE
        )
        terms = terms_in_order(page_obj.object_list, Term.objects.prefetch_related("equivalents"))
        return self.render(
            request,
            template="dictionary/search.html",
            context_overrides={
                "query": query.text,
                "corrected": searched.text if searched else "",
                "page_obj": page_obj,
                "entries": [self._list_item(term) for term in terms],
                "letters": self.letters(),
                "translation_urls": self._translation_urls(
                    lambda page: (
                        page.route_url("search")
                        + (f"?{urlencode({'q': query.text})}" if query.text else "")
                    )
                ),
            },
        )

    @localised_route("suggest", "ieteikumi/", "suggest/")
    def suggest_route(self, request):
        """Autocomplete: a JSON list of {label, detail, url, label_lang, detail_lang}; an empty
        list for no match. The languages let the page mark the English equivalent on the
        Latvian dictionary and the Latvian headword on the English one (WCAG 3.1.2)."""
        from dictionary.search import suggest_equivalents, suggest_terms

        raw = request.GET.get("q", "")
        if self.language == "en":
            items = [
                {
                    "label": e.text,
                    "label_lang": "en",
                    "detail": e.term.headword,
                    "detail_lang": "lv",
                    "url": self.entry_url(e.term),
                }
                for e in suggest_equivalents(raw)
            ]
        else:
            found = suggest_terms(raw)
            models.prefetch_related_objects(found, "equivalents")
            items = [
                {
                    "label": t.headword,
                    "label_lang": "lv",
                    "detail": t.equivalent,
                    "detail_lang": "en",
                    "url": self.entry_url(t),
                }
                for t in found
            ]
        response = JsonResponse(items, safe=False, json_dumps_params={"ensure_ascii": False})
        patch_cache_control(response, public=True, max_age=300)
        return response

    @localised_route("download", "lejupielade/<str:format>/", "download/<str:format>/")
    def download_route(self, request, format):
        from dictionary.exchange import FILE_SUFFIXES, FORMATS, export_terms

        if format not in FORMATS:
            raise Http404
        # Writing 10,000 entries takes seconds: the file is made once per change of entries.
        data = DICTIONARY.get("export", self.pk, format)
        if data is None:
            _content_type, data = export_terms(
                Term.objects.approved(), format, title=self.full_title
            )
            DICTIONARY.set(data, "export", self.pk, format)
        response = HttpResponse(data, content_type=FORMATS[format])
        filename = f"{slugify(self.title)}{FILE_SUFFIXES[format]}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @route("<slug:slug>/", name="entry")
    def entry_route(self, request, slug):
        term = (
            Term.objects.approved()
            .select_related("subject_field__parent")
            .prefetch_related("equivalents", "synonyms")
            .filter(slug=slug)
            .first()
        )
        if term is None:
            former = (
                FormerSlug.objects.filter(slug=slug, term__live=True).select_related("term").first()
            )
            if former is None:
                raise Http404
            return HttpResponsePermanentRedirect(self.entry_url(former.term))
        return self.render(
            request,
            template="dictionary/term.html",
            context_overrides=self.entry_context(request, term),
        )

    def entry_context(self, request, term, preview=False):
        related = list(term.related_terms()) if term.pk else []
        see_also = list(term.see_also(exclude=[t.pk for t in related])) if term.pk else []
        url = absolute(self.entry_url(term)) if term.slug else ""
        return {
            "page": self,
            "dictionary": self,
            "search_url": self.route_url("search"),
            "suggest_url": self.route_url("suggest"),
            "term": term,
            "term_title": term.title_in(self.language),
            "definition": term.definition_in(self.language),
            "notes": term.notes_in(self.language),
            "notes_lang": "en" if self.language == "en" and term.notes_en else "lv",
            "definition_lang": self._definition_language(term),
            "field": term.subject_field.path(self.language) if term.subject_field else "",
            "related": [self._link(other) for other in related],
            "see_also": [self._link(other) for other in see_also],
            "used_on": [] if preview else self._used_on(request, term),
            "json_ld": json_ld(self._defined_term(request, term, url)),
            "translation_urls": {}
            if preview
            else self._translation_urls(lambda page: page.entry_url(term)),
        }

    def _used_on(self, request, term):
        """Pages of this language whose text has the term in any inflected form."""
        words = term.headword if self.language == "lv" else (term.equivalent or term.headword)
        query = analyse(words, self.language)
        if not query:
            return []
        pages = (
            Page.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .search(query, operator="and")[: self.USED_ON_LIMIT]
        )
        return [{"title": page.title, "url": page.get_url(request)} for page in pages]

    def _defined_term(self, request, term, url):
        names = [term.headword, *term.synonym_list] if self.language == "en" else term.synonym_list
        data = {
            "@context": "https://schema.org",
            "@type": "DefinedTerm",
            "name": term.title_in(self.language),
            "description": term.definition_in(self.language),
            "inLanguage": self.language,
            "termCode": term.slug,
            "inDefinedTermSet": {
                "@type": "DefinedTermSet",
                "@id": absolute(self.base_url),
                "name": self.full_title,
                "url": absolute(self.base_url),
            },
        }
        if url:
            data["@id"] = data["url"] = url
        if names:
            data["alternateName"] = names
        return data


def paginate(request, items, per_page):
    """A page of `items`: page 1 for a value that is not a number, the last for one too big."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def json_ld(data):
    """A JSON-LD script element; "<", ">" and "&" escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
