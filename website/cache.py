"""Every cache of the site, and the one rule that drops them: content changed.

What readers see is derived from published content, and working out which cached values
show a given object (menus, home sections, related items, search results, feeds…) would be
fragile. So every cache of derived content is keyed by one *content version*, kept in the
shared cache (Redis in production): when anything published changes, the version moves on and
every entry of the old version is never read again (each expires on its own timeout).

The version moves on when content changes (website.pagecache connects the signals), after a
restore (restore_site), a migration (post_migrate) and a rebuild of the search index
(update_index). It moves at once — so that code later in the same transaction, and tests,
which never commit, see the change — and again when the transaction commits: a request that
read the old rows while the change was being saved may have cached them under the first new
version, and they must not be served.

A cache here is a `Versioned` namespace with its own timeout. The caches the site keeps
(each justified by what it saves; see bench/caches.py):

- `page`: whole anonymous responses (website.pagecache), the largest gain;
- `chrome`: menus, footer and settings shown on every page, and `page-chrome`: a page's
  translations, breadcrumb trail and whether it is public (website.chrome), four queries;
- `home`: the home page's sections (website.home), about twenty queries;
- `listing-row`: the rendered rows of the section lists (website.listing), a third of a list's
  rendering;
- `listing`: a section list's filter options and their counts (website.listing), one
  aggregate query whose building was a third of the events list's time;
- `files`: whether a document or image is public (website.files);
- `search`: the search catalogue's version and result cards (sitesearch);
- `dictionary`: downloads and letter counts (dictionary).

Values derived from a file's bytes (podcast audio details, transcript cues) are keyed by the
file's hash instead (`by_content=True`): they cannot go stale, and outlive content changes.
"""

import contextvars
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from wagtail.models.pages import COMMENTS_RELATION_NAME

VERSION_KEY = "content:version"

# A draft saved by an editor updates only these columns of the live row (Wagtail's
# save_revision): the published content is unchanged.
DRAFT_BOOKKEEPING_FIELDS = {
    COMMENTS_RELATION_NAME,
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def is_draft_bookkeeping(update_fields):
    return bool(update_fields) and set(update_fields) <= DRAFT_BOOKKEEPING_FIELDS


def _store():
    return caches[settings.SITE_CACHE_ALIAS]


# Within a request (ContentVersionMiddleware) the version is read from the shared cache once,
# not by every cache the page uses; a change made by the request itself moves it on here too.
_UNREAD = object()
_request_version = contextvars.ContextVar("content_version", default=None)


def content_version():
    """(version, when it started as a Unix time)."""
    remembered = _request_version.get()
    if remembered is not None and remembered is not _UNREAD:
        return remembered
    store = _store()
    value = store.get(VERSION_KEY)
    if value is None:
        value = (uuid.uuid4().hex, time.time())
        # Another worker may have started one meanwhile: theirs wins.
        store.add(VERSION_KEY, value, None)
        value = store.get(VERSION_KEY) or value
    if remembered is _UNREAD:
        _request_version.set(value)
    return value


def _new_version():
    value = (uuid.uuid4().hex, time.time())
    _store().set(VERSION_KEY, value, None)
    if _request_version.get() is not None:
        _request_version.set(value)


class ContentVersionMiddleware:
    """Reads the content version once per request (the first cache that needs it): a list
    page uses a dozen versioned caches, each of which read it again from Redis."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set(_UNREAD)
        try:
            return self.get_response(request)
        finally:
            _request_version.reset(token)


def content_changed():
    """Drop every versioned cache now, and again when the current transaction commits; purge
    nginx's front cache once it has committed (website.frontcache)."""
    from website import frontcache

    _new_version()
    if not transaction.get_autocommit():
        transaction.on_commit(_new_version)
    frontcache.content_changed()


class Versioned:
    """Cached values of one kind, under the content version (or the file's own hash)."""

    def __init__(self, name, timeout, by_content=False):
        self.name = name
        self._timeout = timeout
        self.by_content = by_content

    @property
    def timeout(self):
        timeout = self._timeout
        return getattr(settings, timeout) if isinstance(timeout, str) else timeout

    def _prefix(self):
        return self.name if self.by_content else f"{self.name}:{content_version()[0]}"

    def key(self, *parts, prefix=None):
        return ":".join((prefix or self._prefix(), *map(str, parts)))

    def get(self, *parts):
        return _store().get(self.key(*parts)) if self.timeout else None

    def set(self, value, *parts):
        if self.timeout:
            _store().set(self.key(*parts), value, self.timeout)

    def get_or_build(self, build, *parts):
        """The cached value, or build() kept for next time."""
        value = self.get(*parts)
        if value is None:
            value = build()
            self.set(value, *parts)
        return value

    def get_many(self, parts_list):
        """{parts: value} for those cached."""
        if not self.timeout:
            return {}
        prefix = self._prefix()  # one version for all of them (and one read of it)
        keys = {self.key(*parts, prefix=prefix): parts for parts in parts_list}
        found = _store().get_many(list(keys))
        return {keys[key]: value for key, value in found.items()}

    def set_many(self, values):
        """values: {parts: value}."""
        if self.timeout:
            prefix = self._prefix()
            _store().set_many(
                {self.key(*parts, prefix=prefix): value for parts, value in values.items()},
                self.timeout,
            )
