"""Everything a reader of one language may find, as a compact in-memory table.

For each visible object (live, not behind a view restriction, in this locale or in every
locale): its content type, year, date and topics. The search page filters the backend's ranked
ids through it and counts the facets from it in Python, a few milliseconds for 10,000 objects,
whichever backend found the ids. It is built with two queries and kept per process until
``changed()`` is called (on every index update, publish, unpublish and privacy change) or
``MAX_AGE`` passes. Its version is the content version (website.cache), in the shared cache: with
Redis every worker sees a change at once, and without it a worker is at most MAX_AGE behind.
A large catalogue is frozen out of the garbage collector's walks once built (website.memory).
"""

import time
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from sitesearch.models import SearchEntry
from website import memory
from website.cache import content_changed, content_version

MAX_AGE = 60  # seconds
# From this many objects, a new catalogue is frozen (website.memory.settle: a full collection
# first, ~0.1 s in a worker): below it, the collector's walks of it cost little.
SETTLE_FROM = 5_000

_built = {}  # locale id -> (version, built at, Catalogue)


@dataclass(frozen=True, slots=True)
class Item:
    key: tuple  # (root content type id, object id)
    content_type_id: int
    year: int | None
    date: float  # timestamp, 0 when unknown
    topic_ids: tuple = ()
    title_terms: frozenset = frozenset()


@dataclass
class Catalogue:
    items: dict = field(default_factory=dict)
    newest: list = field(default_factory=list)  # items, newest first
    topics: dict = field(default_factory=dict)  # topic id -> (slug, name)
    # What an empty query without filters shows (the commonest visit), counted once.
    browse: tuple | None = None


def changed():
    """What may be found changed: so did what the site shows (search pages, result cards)."""
    content_changed()


def current_version():
    return content_version()[0]


def for_locale(locale):
    version = current_version()
    cached = _built.get(locale.pk)
    if cached and cached[0] == version and time.monotonic() - cached[1] < MAX_AGE:
        return cached[2]
    catalogue = build(locale)
    _built[locale.pk] = (version, time.monotonic(), catalogue)
    if len(catalogue.items) >= SETTLE_FROM:
        memory.settle()
    return catalogue


def build(locale):
    from website.models import PageTopic, Topic

    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    rows = (
        SearchEntry.objects.filter(live=True)
        .filter(Q(locale=locale) | Q(locale__isnull=True))
        .values_list(
            "root_content_type_id",
            "object_id",
            "content_type_id",
            "year",
            "date",
            "path",
            "title_terms",
        )
    )
    # A page's topic is its translation_key: readers see the topic published in their language.
    published = {
        key: (pk, slug, name)
        for pk, key, slug, name in Topic.objects.live()
        .filter(locale=locale)
        .values_list("pk", "translation_key", "slug", "name")
    }
    topics_of = {}
    topic_names = {}
    page_topics = PageTopic.objects.filter(page__live=True, page__locale=locale).values_list(
        "page_id", "topic__translation_key"
    )
    for page_id, key in page_topics:
        if key in published:
            topic_id, slug, name = published[key]
            topics_of.setdefault(page_id, []).append(topic_id)
            topic_names[topic_id] = (slug, name)

    page_root = ContentType.objects.get_for_model(Page).pk
    catalogue = Catalogue(topics=topic_names)
    for root, object_id, content_type_id, year, date, path, title_terms in rows:
        if path and restricted and path.startswith(restricted):
            continue
        key = (root, object_id)
        topics = tuple(topics_of.get(object_id, ())) if root == page_root else ()
        catalogue.items[key] = Item(
            key,
            content_type_id,
            year,
            date.timestamp() if date else 0.0,
            topics,
            frozenset(title_terms.split()),
        )
    catalogue.newest = sorted(
        catalogue.items.values(), key=lambda item: (item.date, item.key[1]), reverse=True
    )
    return catalogue
