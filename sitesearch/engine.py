"""The site-wide search: from what a reader typed and picked to one page of results.

1. The query is cleaned and analysed (sitesearch.analysis) for the page's language.
2. A backend returns the ranked ids of matching objects (all words first; any word when all
   find nothing; a search cluster forgives typos and an extra word itself, see
   sitesearch.backends.cluster). The language's Elasticsearch or OpenSearch backend when
   one is configured and reachable, else the database.
3. Ids are kept when the catalogue of the locale has them (visible, right language), then
   filtered by the chosen content type, year and topic. Each facet is counted with the other
   two facets applied, so a reader sees what choosing another value would give.
4. The caller shows one page of those keys (sitesearch.views loads or reuses their cards).
"""

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError
from django.utils.text import capfirst
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from sitesearch import catalogue as catalogues
from sitesearch import spelling
from sitesearch.analysis import analyse, stem, tokens
from sitesearch.backends import WORD_WEIGHT, CoordinatedMatchesMixin, TermLookups
from website.listing import page_of

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
# Beyond this many words a query is a pasted text, not a search: the rest are ignored.
MAX_QUERY_WORDS = 12
# Matches counted for facets (all of them on any realistic query; Elasticsearch's default
# result window), and how many of them are ordered by relevance: the first 50 pages of
# results. Further matches follow, newest first.
MAX_MATCHES = 10_000
RANKED = 500
RESULTS_PER_PAGE = 10
# What a title with every word of the query adds to a match's score: less than one more matched
# word is worth (sitesearch.backends.WORD_WEIGHT), more than any relevance.
TITLE_WEIGHT = WORD_WEIGHT / 2
# How long an unreachable search cluster is left alone before it is tried again.
RETRY_AFTER = 30  # seconds


def clean_query(raw, max_length=MAX_QUERY_LENGTH):
    """The query as typed, cut to a sane length, without control characters (every search box
    of the site: this one, the dictionary's)."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:max_length].strip()


def analysed_query(query, language):
    """The query's terms as they are indexed; stop words are kept when nothing else is left."""
    words = tokens(query)[:MAX_QUERY_WORDS]
    text = " ".join(words)
    return analyse(text, language) or analyse(text, language, keep_stop_words=True)


# Backends ---------------------------------------------------------------------------------


class _Outage:
    """Remembers that a backend failed, so a down cluster costs one warning and one timeout."""

    def __init__(self):
        self.down_until = {}

    def is_down(self, name):
        return time.monotonic() < self.down_until.get(name, 0)

    def failed(self, name, error):
        if name not in self.down_until:
            logger.warning(
                "Search backend %r is unreachable (%s); searching the database instead.",
                name,
                error.__class__.__name__,
            )
        self.down_until[name] = time.monotonic() + RETRY_AFTER

    def recovered(self, name):
        if self.down_until.pop(name, None) is not None:
            logger.warning("Search backend %r answers again.", name)


outage = _Outage()


def backends_for(language):
    """Names of the backends to ask, in order: the language's own (if any), then the default."""
    configured = settings.WAGTAILSEARCH_BACKENDS
    own = [
        name
        for name, params in configured.items()
        if name != "default" and params.get("LANGUAGE") == language
    ]
    return [*own, "default"]


_backends = {}


def backend_named(name):
    """One backend object per configuration: a cluster's client keeps its connections."""
    params = settings.WAGTAILSEARCH_BACKENDS.get(name, {})
    key = (name, repr(sorted(params.items())))
    if key not in _backends:
        _backends[key] = get_search_backend(name)
    return _backends[key]


def lookups_of_database():
    """The reads of the database's index one search shares (sitesearch.backends), or None
    when its backend cannot list a term's entries."""
    backend = backend_named("default")
    return TermLookups(backend) if isinstance(backend, CoordinatedMatchesMixin) else None


def matches(analysed, language, lookups=None):
    """(ranked, everything, backend name): see sitesearch.backends.

    Enough of the words must match; when that finds nothing, any word may. `lookups` are the
    database's reads this search has already made (lookups_of_database).
    """
    for name in backends_for(language):
        if name != "default" and outage.is_down(name):
            continue
        backend = backend_named(name)
        shared = lookups if name == "default" else None
        try:
            ranked, everything = backend.site_matches(analysed, "and", RANKED, shared)
            if not everything and " " in analysed:
                ranked, everything = backend.site_matches(analysed, "or", RANKED, shared)
        except DatabaseError:
            # The analysed text has only letters and digits, so an index that cannot parse it
            # is a bug worth a log line, not a reader's 500.
            logger.exception("Search failed for %r", analysed)
            return [], [], name
        except Exception as error:  # noqa: BLE001 - any client or transport error of a cluster
            if name == "default":
                raise
            outage.failed(name, error)
            continue
        if name != "default":
            outage.recovered(name)
        return ranked, everything, name
    return [], [], "default"


def correct_spelling(result, language, catalogue, lookups):
    """Search for the nearest indexed words instead of those nothing has (sitesearch.spelling).

    On the database: a search cluster forgives typos itself (fuzziness). `lookups` are shared
    with the matching that follows (lookups_of_database), so a word is looked up once.
    """
    if backends_for(language) != ["default"] or lookups is None:
        return
    backend = lookups.backend
    if not hasattr(backend, "vocabulary"):
        return

    def visible(term):
        """Whether a reader may see an object with the term (the first few hundred suffice)."""
        entries = sorted(lookups.entries_with(term))
        for start in range(0, len(entries), 500):
            keys = lookups.keys_of(entries[start : start + 500]).values()
            if any(key in catalogue.items for key in keys):
                return True
        return False

    version = catalogues.current_version()
    written = {stem(word, language): word for word in tokens(result.query)}
    corrections = spelling.correct(
        result.analysed, lambda: spelling.vocabulary_of(backend, version), visible, written
    )
    if corrections:
        result.analysed = " ".join(corrections.get(term, term) for term in result.analysed.split())
        result.corrected = spelling.corrected_text(
            result.query, corrections, lambda word: stem(word, language)
        )


def titles_first(scored, analysed):
    """The ranked items, each raised by the share of the query's words its title has, so that
    among matches with as many words the page about them comes before pages that mention them
    ("Ne tikai par sociālo darbu", "projekts 9.2.1.1")."""
    terms = set(analysed.split())
    if not terms:
        return [item for item, _score in scored]
    rescored = [
        (score + TITLE_WEIGHT * len(terms & item.title_terms) / len(terms), position, item)
        for position, (item, score) in enumerate(scored)
    ]
    rescored.sort(key=lambda entry: (-entry[0], entry[1]))
    return [item for _score, _position, item in rescored]


# Facets -----------------------------------------------------------------------------------


@dataclass
class Choice:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""  # the search with this choice added, or removed when selected


@dataclass
class Filters:
    content_type_id: int | None = None
    year: int | None = None
    topic_id: int | None = None


def filter_and_count(items, filters, hidden=frozenset()):
    """The keys that pass every filter, and each facet's counts with the other two applied.

    Each facet is counted as if its own choice were not made, so a reader sees what choosing
    another value would give. Without filters (most searches) the counting runs in C loops.
    """
    if filters == Filters():
        counts = {
            "type": Counter(map(attrgetter("content_type_id"), items)),
            "year": Counter(filter(None, map(attrgetter("year"), items))),
            "topic": Counter(chain.from_iterable(map(attrgetter("topic_ids"), items))),
        }
        keys = map(attrgetter("key"), items)
        return [key for key in keys if key not in hidden] if hidden else list(keys), counts
    types, years, topics = Counter(), Counter(), Counter()
    shown = []
    type_id, year, topic_id = filters.content_type_id, filters.year, filters.topic_id
    for item in items:
        type_ok = type_id is None or item.content_type_id == type_id
        year_ok = year is None or item.year == year
        topic_ok = topic_id is None or topic_id in item.topic_ids
        if year_ok and topic_ok:
            types[item.content_type_id] += 1
        if type_ok and topic_ok and item.year:
            years[item.year] += 1
        if type_ok and year_ok:
            topics.update(item.topic_ids)
            if topic_ok and item.key not in hidden:
                shown.append(item.key)
    return shown, {"type": types, "year": years, "topic": topics}


def type_value(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._meta.label_lower if model else ""


def parse_filters(params, catalogue):
    """Filters from GET parameters; an unknown or malformed value is ignored, never an error."""
    filters = Filters()
    label = (params.get("type") or "").strip().lower()
    if label.count(".") == 1:
        try:
            model = apps.get_model(label)
        except LookupError:
            model = None
        if model is not None:
            filters.content_type_id = ContentType.objects.get_for_model(model).pk
    year = (params.get("year") or "").strip()
    if year.isascii() and year.isdigit() and len(year) == 4:
        filters.year = int(year)
    slug = (params.get("topic") or "").strip()
    filters.topic_id = next(
        (topic_id for topic_id, (own, _name) in catalogue.topics.items() if own == slug),
        None,
    )
    return filters


def facet_choices(counts, filters, catalogue):
    types, years, topics = counts["type"], counts["year"], counts["topic"]
    # A chosen value stays listed (with 0) so that it can be seen and removed.
    if filters.content_type_id:
        types.setdefault(filters.content_type_id, 0)
    if filters.year:
        years.setdefault(filters.year, 0)
    if filters.topic_id:
        topics.setdefault(filters.topic_id, 0)

    def type_label(content_type_id):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            return "?"
        # The plural only when the model names one: Django's default adds an English "s".
        plural = model._meta.original_attrs.get("verbose_name_plural")
        return capfirst(plural or model._meta.verbose_name)

    def is_section(content_type_id):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        return getattr(model, "section_index", False)

    # Sections of the site are found, but are no kind of content to filter by: their type's
    # name is the admin's ("Metodiku saraksta lapa").
    type_choices = sorted(
        (
            Choice(type_value(ct), type_label(ct), count, ct == filters.content_type_id)
            for ct, count in types.items()
            if not is_section(ct) or ct == filters.content_type_id
        ),
        key=lambda choice: (-choice.count, choice.label),
    )
    year_choices = [
        Choice(str(year), str(year), count, year == filters.year)
        for year, count in sorted(years.items(), reverse=True)
    ]
    topic_choices = sorted(
        (
            Choice(
                catalogue.topics[tag][0], catalogue.topics[tag][1], count, tag == filters.topic_id
            )
            for tag, count in topics.items()
            if tag in catalogue.topics
        ),
        key=lambda choice: (-choice.count, choice.label.casefold()),
    )
    return {"type": type_choices, "year": year_choices, "topic": topic_choices}


# Results ----------------------------------------------------------------------------------


def load_objects(keys):
    """{key: specific object} for these keys (a query per model)."""
    page_root = ContentType.objects.get_for_model(Page).pk
    by_root = {}
    for root, pk in keys:
        by_root.setdefault(root, []).append(pk)
    found = {}
    for root, ids in by_root.items():
        if root == page_root:
            objects = Page.objects.filter(pk__in=ids).specific().in_bulk()
        else:
            model = ContentType.objects.get_for_id(root).model_class()
            objects = model._default_manager.in_bulk(ids) if model else {}
        for pk, obj in objects.items():
            found[(root, pk)] = obj
    return found


@dataclass
class SearchResult:
    query: str = ""
    # What was searched instead when words of the query were misspelt ("" when nothing was).
    corrected: str = ""
    analysed: str = ""
    backend: str = "default"
    page_obj: object = None
    facets: dict = field(default_factory=dict)
    filters: Filters = field(default_factory=Filters)
    promoted: list = field(default_factory=list)

    @property
    def total(self):
        return self.page_obj.paginator.count if self.page_obj else 0


def run(locale, params, promotions=()):
    """Search the locale's content for the GET parameters `params` (q, type, year, topic, page).

    `promotions` are keys shown by the caller above the results; they are left out of the list.
    """
    language = locale.language_code
    catalogue = catalogues.for_locale(locale)
    result = SearchResult(query=clean_query(params.get("q")))
    result.filters = parse_filters(params, catalogue)
    result.analysed = analysed_query(result.query, language) if result.query else ""
    lookups = lookups_of_database() if result.analysed else None
    if result.analysed and params.get("exact") != "1":
        correct_spelling(result, language, catalogue, lookups)
    if result.analysed:
        ranked, everything, result.backend = matches(result.analysed, language, lookups)
        found = catalogue.items
        items = titles_first(
            [(found[key], score) for key, score in ranked if key in found], result.analysed
        )
        seen = {item.key for item in items}
        rest = [found[key] for key in everything if key in found and key not in seen]
        rest.sort(key=lambda item: item.date, reverse=True)
        items.extend(rest)
    elif result.query:
        items = []  # only punctuation or symbols: nothing can match
    else:
        items = catalogue.newest
    if items is catalogue.newest and result.filters == Filters() and not promotions:
        if catalogue.browse is None:
            catalogue.browse = filter_and_count(items, result.filters)
        shown, counts = catalogue.browse
        counts = {name: Counter(values) for name, values in counts.items()}
    else:
        shown, counts = filter_and_count(items, result.filters, frozenset(promotions))
    result.facets = facet_choices(counts, result.filters, catalogue)
    result.page_obj = page_of(shown, RESULTS_PER_PAGE, params.get("page"))
    return result
