"""nginx's front cache (deploy/nginx/cache.conf.template): which pages it keeps, and their purge.

nginx keeps an anonymous page only as long as the site's Cache-Control allows, and tells the
site under which key it would keep it (the request header X-Front-Cache-Key, set only by nginx
and only for requests it may cache: no cookie, no credentials, no query string). When this
site answers such a request with a page it lets shared caches keep (website.pagecache), it
notes the key in Redis. When content changes — the same rule that drops the site's own caches
(website.cache.content_changed: publish, unpublish, move, delete, any snippet, document or
setting) — every noted key is purged once the transaction has committed, through Wagtail's
frontend cache (wagtail.contrib.frontend_cache, HTTP backend: `PURGE /lv/page/` to nginx's
loopback purge server, FRONT_CACHE_PURGE_URL). So home sections, listings, related items,
feeds and sitemaps are dropped with the page, as the Redis page cache is.

If Redis lost the noted keys (down, or evicted), pages are at most PAGE_CACHE_BROWSER_SECONDS
old: nginx never keeps a page longer than the site's max-age.
"""

import logging
import threading
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from redis.exceptions import RedisError
from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

logger = logging.getLogger(__name__)

HEADER = "HTTP_X_FRONT_CACHE_KEY"
NOTED = "frontcache:keys"

# Without Redis (development, tests) the keys are this process's.
_local_keys = set()
_local_lock = threading.Lock()


class PurgeBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend with a timeout: a save never waits long on nginx (its own
    urlopen has none). The request is Wagtail's: PURGE to LOCATION with the page's Host."""

    PURGE_TIMEOUT = 2

    def purge(self, url):
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")),
            headers={"Host": parts.netloc, "User-Agent": f"Wagtail-frontendcache/{__version__}"},
        )
        try:
            with urlopen(request, timeout=self.PURGE_TIMEOUT):  # noqa: S310 - LOCATION is ours
                return True
        except (HTTPError, URLError, OSError) as error:
            logger.error("front cache: %s not purged (%s)", url, error)
            return False

    def purge_batch(self, urls):
        """Stop at the first failure: an nginx that does not answer would otherwise cost the
        timeout once per kept page (the rest age out within the pages' max-age)."""
        for url in urls:
            if not self.purge(url):
                logger.error("front cache: purge stopped; the other pages age out")
                return


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _redis():
    cache = caches[settings.SITE_CACHE_ALIAS]
    client = getattr(cache, "client", None)
    if client is None or not hasattr(client, "get_client"):
        return None, None
    return client.get_client(write=True), cache.make_key(NOTED)


def note(request):
    """Remember the key nginx keeps this (cacheable) answer under."""
    key = request.META.get(HEADER, "")
    if not key or not enabled() or not key.startswith("/"):
        return
    redis, name = _redis()
    if redis is None:
        with _local_lock:
            _local_keys.add(key)
        return
    try:
        redis.sadd(name, key)
    except (RedisError, OSError) as error:
        logger.warning("front cache: the key of %s not noted (%s)", key, error)


def _take_keys():
    redis, name = _redis()
    if redis is None:
        with _local_lock:
            keys = set(_local_keys)
            _local_keys.clear()
        return keys
    try:
        pipe = redis.pipeline(transaction=True)
        pipe.smembers(name)
        pipe.delete(name)
        members, _ = pipe.execute()
    except (RedisError, OSError) as error:
        logger.warning("front cache: noted keys unavailable (%s); pages age out instead", error)
        return set()
    return {member.decode() if isinstance(member, bytes) else member for member in members}


def purge_all():
    """Purge every page nginx may keep (those noted since the last purge)."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    keys = _take_keys()
    if keys:
        base = settings.SITE_URL.rstrip("/")
        purge_urls_from_cache(sorted(base + key for key in keys))


def content_changed():
    """Called by website.cache.content_changed: purge once the change is visible to readers."""
    if not enabled():
        return
    if transaction.get_autocommit():
        purge_all()
    else:
        # Each change of a transaction asks; the first purge takes every key, the rest none.
        transaction.on_commit(purge_all)
