"""Anonymous page views served from the cache, dropped as a whole when anything published changes.

Most readers are anonymous and most pages change only when an editor publishes, so a page is
rendered once and then served from the cache (Redis when REDIS_URL is set, local memory
otherwise) until something it could show changes. Working out which pages show a given
object (menus, home sections, related items, search results, feeds…) would be fragile, so the
whole cache is versioned instead: every key carries the current version, and saving or
deleting any content (pages, snippets, documents, images, tags, redirects, site settings)
moves to a new version. Old entries are never read again and expire on their own.

Never cached: anything but GET and HEAD, requests carrying a session cookie (editors: their
pages show the user bar and drafts are previewed in the admin), the admin and the document and
media files, responses that are not 200, that set cookies or that say private/no-store
themselves. Pages vary on Cookie (the user bar reads the session); the key includes the
Cookie header then, as with Django's own cache middleware, and without a session cookie the
page cannot depend on one.
"""

import uuid

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.cache import (
    get_cache_key,
    learn_cache_key,
    patch_cache_control,
)
from wagtail.images.models import AbstractRendition
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

VERSION_KEY = "page-cache:version"

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
    "wagtail_localize",
}
# …except bookkeeping that never shows publicly (and changes while editors work on drafts).
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

# A draft saved by an editor updates only these columns of the live row (Wagtail's
# save_revision): the published page is unchanged.
DRAFT_BOOKKEEPING_FIELDS = {
    "comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}

SKIPPED_PATH_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/media/", "/static/")


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_version():
    return _cache().get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None)


def invalidate():
    """Start a new version: every cached page is rendered again on its next view."""
    _cache().set(VERSION_KEY, uuid.uuid4().hex, None)


def _key_prefix():
    return f"page-cache:{current_version()}"


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

        prefix = _key_prefix()
        cache = _cache()
        key = get_cache_key(request, prefix, "GET", cache=cache)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                return cached

        response = self.get_response(request)
        if _response_is_cacheable(response):
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
            key = learn_cache_key(request, response, settings.PAGE_CACHE_SECONDS, prefix, cache)
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(
                    lambda rendered: cache.set(key, rendered, settings.PAGE_CACHE_SECONDS)
                )
            else:
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response


@receiver(post_save)
@receiver(post_delete)
def _content_changed(sender, **kwargs):
    update_fields = kwargs.get("update_fields")
    if kwargs.get("raw") or (update_fields and update_fields <= DRAFT_BOOKKEEPING_FIELDS):
        return
    meta = sender._meta
    if meta.app_label not in CONTENT_APPS or meta.label_lower in NOT_CONTENT:
        return
    if issubclass(sender, AbstractRendition):
        # Made while a page renders an image for the first time: nothing changed.
        return
    invalidate()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def _page_changed(**kwargs):
    # Publishing saves the page row too; moves and slug changes rewrite descendants' paths and
    # URLs with queryset updates, which send no post_save.
    invalidate()
