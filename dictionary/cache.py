"""What the dictionary caches (downloads, letter counts), under one version of its entries.

dictionary.signals gives the version a new value after any change to an entry is committed,
so cached values are never read again once they might be stale, and need no deleting.
"""

import uuid

from django.core.cache import cache

VERSION_KEY = "dictionary:version"
CACHE_SECONDS = 24 * 60 * 60


def cache_key(*parts):
    version = cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None)
    return ":".join(("dictionary", version, *map(str, parts)))


def entries_changed():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
