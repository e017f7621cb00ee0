"""The dictionary's entries (Term: a concept with its Latvian term, English equivalents and
definitions, as a TBX concept entry), what they hold (equivalents, synonyms, relations, subject
fields), the addresses they had, and their search tokens."""

import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from dictionary.analysis import analysed_column, folded_name
from sitesearch.analysis import analyse
from website import alphabet
from website.panels import InlinePanel

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

    @staticmethod
    def dictionary_page(language, request=None):
        """The dictionary page of a language, which serves the entries (dictionary.models.page;
        looked up by name: that module imports this one)."""
        return apps.get_model("dictionary", "DictionaryPage").for_language(language, request)

    def get_url(self, request=None, language=None):
        """The entry's address on the dictionary page of the given (or active) language."""
        page = self.dictionary_page(language or get_language(), request)
        return page.entry_url(self) if page else None

    @property
    def url(self):
        return self.get_url()

    # Preview in the admin ------------------------------------------------------------------

    def get_preview_template(self, request, mode_name):
        return "dictionary/term.html"

    def get_preview_context(self, request, mode_name):
        page = self.dictionary_page(get_language(), request)
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
