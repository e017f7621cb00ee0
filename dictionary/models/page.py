"""The dictionary page: the alphabetical index, letter pages, search, suggestions, downloads and
one permanent address per entry, as routes of one page per language."""

from urllib.parse import urlencode, urljoin

from django.db import models
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as route
from wagtail.models import (
    Page,
)

from dictionary.cache import DICTIONARY

# Entry addresses (<slug>/) share the dictionary's URL space with its one-part routes.
from dictionary.models.entries import Equivalent, FormerSlug, Term
from sitesearch.analysis import analyse
from website import alphabet
from website.listing import page_of
from website.models import SectionIndexPage
from website.siteurl import absolute
from website.structured_data import json_ld_script


def localised_route(name, lv, en):
    """A route with a Latvian and an English path: /lv/vardnica/burts/a/, /en/dictionary/letter/a/.

    Each page answers only the path of its own language (see DictionaryPage.resolve_subpage).
    """

    def decorator(view):
        return route(en, name=f"{name}-en")(route(lv, name=f"{name}-lv")(view))

    return decorator


class DictionaryPage(RoutablePageMixin, SectionIndexPage):
    """The dictionary: alphabetical index, letter pages, search and one address per entry."""

    subpage_types = []

    PER_PAGE = 50
    RESULTS_PER_PAGE = 20
    USED_ON_LIMIT = 5

    class Meta:
        verbose_name = _("dictionary")

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
        page_obj = page_of(rows, self.PER_PAGE, request.GET.get("page"))
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
        page_obj = page_of(
            rank_terms(searched or query, self.language),
            self.RESULTS_PER_PAGE,
            request.GET.get("page"),
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
            "json_ld": json_ld_script(self._defined_term(request, term, url)),
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
