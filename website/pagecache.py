"""Anonymous page views served from the cache, dropped as a whole when anything published changes.

Most readers are anonymous and most pages change only when an editor publishes, so a page is
rendered once and then served from the cache (Redis when REDIS_URL is set, local memory
otherwise) under the content version (website.cache): saving or deleting any content (pages,
snippets, documents, images, tags, redirects, site settings) moves to a new version, at once
and again when the transaction commits.

The key of a page is its host, the language of its address, its path and the values of the
query parameters the view read when it rendered that path (learnt by watching request.GET; a
view that iterates over the query reads all of them). So `?utm_source=…` or a cookie makes
no new entry, `?b=2&a=1` is `?a=1&b=2`, and a view's own parameters each make their own
entry. Production's Redis needs a memory limit and an eviction policy (allkeys-lru, README).

A cached page answers If-None-Match and If-Modified-Since with 304: it carries the ETag of
its bytes and the time it was rendered.

Never cached: anything but GET and HEAD, requests carrying a session cookie (editors: their
pages show the user bar and drafts are previewed in the admin), the admin and the document and
media files, responses that are not 200, that stream, that set cookies or that say
private/no-store themselves.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from django.http import QueryDict
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from wagtail.images.models import AbstractRendition
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from website import frontcache
from website.cache import Versioned, content_changed, is_draft_bookkeeping

PAGES = Versioned("page", "PAGE_CACHE_SECONDS")
# For each address, the query parameters its view reads ("*": all of them).
READ_NAMES = Versioned("page-names", "PAGE_CACHE_SECONDS")
ALL = "*"

# Apps whose saved objects can appear on public pages.
CONTENT_APPS = {
    "website",
    "methodologies",
    "research",
    "events",
    "podcast",
    "periodical",
    "dictionary",
    "campaign",
    "projects",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailembeds",
    "taggit",
}
# …except bookkeeping that never shows publicly (and changes while editors work on drafts).
# wagtail-localize is not content either: its strings reach readers when a translated page is
# published, which is a page change.
NOT_CONTENT = {
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
}

SKIPPED_PATH_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/media/", "/static/")


class ReadRecordingQueryDict(QueryDict):
    """request.GET that notes the names a view reads: all of them once it looks at the whole
    (iterates, counts, copies or re-encodes the query)."""

    def __init__(self, query_string=None, mutable=False, encoding=None):
        self.names_read = set()
        super().__init__(query_string, mutable=mutable, encoding=encoding)
        self.names_read = set()  # what building the dictionary looked at does not count

    def _note(self, name):
        if self.names_read != ALL:
            self.names_read.add(name)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return super().getlist(key, default)

    def __iter__(self):
        self.names_read = ALL
        return super().__iter__()

    def __len__(self):
        self.names_read = ALL
        return super().__len__()

    def keys(self):
        self.names_read = ALL
        return super().keys()

    def items(self):
        self.names_read = ALL
        return super().items()

    def values(self):
        self.names_read = ALL
        return super().values()

    def lists(self):
        self.names_read = ALL
        return super().lists()

    def dict(self):
        self.names_read = ALL
        return super().dict()

    def urlencode(self, safe=None):
        self.names_read = ALL
        return super().urlencode(safe)

    def __deepcopy__(self, memo):
        # copy() deep-copies; the copy is an ordinary QueryDict.
        self.names_read = ALL
        result = QueryDict(mutable=True, encoding=self.encoding)
        for key, values in super().lists():
            result.setlist(key, values)
        return result


def _address(request):
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    return f"{request.get_host()}:{language}:{request.path}"


def _page_key(address, query, names):
    if names == ALL:
        pairs = sorted(query.lists())
    else:
        pairs = sorted((name, query.getlist(name)) for name in names if name in query)
    query_string = urlencode([(name, value) for name, values in pairs for value in values])
    digest = hashlib.sha256(query_string.encode()).hexdigest()[:32]
    return f"{address}?{digest}"


def _request_is_cacheable(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(SKIPPED_PATH_PREFIXES)
    )


def _response_is_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the cache; fill it on a miss.

    Sits after SecurityMiddleware and WhiteNoise (their headers are added to every response,
    cached or not) and before SessionMiddleware (so that a cached view reads no session).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_is_cacheable(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # A signed-in editor's view must not be kept by a shared proxy either.
                patch_cache_control(response, private=True)
            return response

        address = _address(request)
        query = request.GET
        names = READ_NAMES.get(address)
        if names is not None:
            cached = PAGES.get(_page_key(address, query, names))
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                frontcache.note(request)
                return _conditional(request, cached)

        request.GET = ReadRecordingQueryDict(
            request.META.get("QUERY_STRING", ""), encoding=request.encoding
        )
        response = self.get_response(request)
        if not _response_is_cacheable(response):
            return response

        read = request.GET.names_read
        if names is not None and read != ALL and names != ALL:
            read = read | names
        elif names == ALL:
            read = ALL
        READ_NAMES.set(read, address)
        key = _page_key(address, query, read)
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
        # Template responses are rendered by now (Django renders them inside the view layer).
        _store(key, response)
        response["X-Page-Cache"] = "miss"
        frontcache.note(request)
        return _conditional(request, response)


def _store(key, response):
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(time.time())
    PAGES.set(response, key)


def _conditional(request, response):
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=_timestamp(response.get("Last-Modified")),
        response=response,
    )


def _timestamp(value):
    return parse_http_date_safe(value) if value else None


@receiver(post_save)
@receiver(post_delete)
def _content_changed(sender, **kwargs):
    if kwargs.get("raw") or is_draft_bookkeeping(kwargs.get("update_fields")):
        return
    meta = sender._meta
    if meta.app_label not in CONTENT_APPS or meta.label_lower in NOT_CONTENT:
        return
    if issubclass(sender, AbstractRendition):
        # Made while a page renders an image for the first time: nothing changed.
        return
    content_changed()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def _page_changed(**kwargs):
    # Publishing saves the page row too; moves and slug changes rewrite descendants' paths and
    # URLs with queryset updates, which send no post_save.
    content_changed()


@receiver(post_migrate)
def _migrated(**kwargs):
    # A data migration may have changed anything that is shown.
    content_changed()
