"""django-redis that does not make a page wait on a Redis that is down or hung.

Every cache call of a page (there are dozens) would otherwise wait for its own connection
timeout, and redis-py retries. Here the socket timeouts are short, redis-py does not retry,
and after a failure this process does not ask Redis again for DOWN_SECONDS: each call answers
at once as a miss (get), or does nothing (set). The site is then slower — everything is
rendered — but answers; the first call after the pause tries Redis again.
"""

import logging
import threading
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DOWN_SECONDS = 15
# Per process and Redis address: Django builds a cache object per thread.
_down_until = {}
_lock = threading.Lock()

# The calls the site makes, with what each answers while Redis is away.
FALLBACKS = {
    "get": lambda *args, **kwargs: kwargs.get("default", args[1] if len(args) > 1 else None),
    "get_many": lambda *args, **kwargs: {},
    "set": lambda *args, **kwargs: False,
    "add": lambda *args, **kwargs: False,
    "set_many": lambda *args, **kwargs: [],
    "delete": lambda *args, **kwargs: False,
    "delete_many": lambda *args, **kwargs: 0,
    "delete_pattern": lambda *args, **kwargs: 0,
    "has_key": lambda *args, **kwargs: False,
    "incr": lambda *args, **kwargs: 0,
    "touch": lambda *args, **kwargs: False,
    "clear": lambda *args, **kwargs: False,
}


class FailFastRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.redis_address = server

    def _guarded(self, name, *args, **kwargs):
        location = self.redis_address
        if time.monotonic() < _down_until.get(location, 0):
            return FALLBACKS[name](*args, **kwargs)
        try:
            return getattr(super(), name)(*args, **kwargs)
        except (ConnectionInterrupted, RedisError, OSError) as error:
            with _lock:
                was_up = time.monotonic() >= _down_until.get(location, 0)
                _down_until[location] = time.monotonic() + DOWN_SECONDS
            if was_up:
                logger.warning("Redis does not answer (%s); not asked for %ss", error, DOWN_SECONDS)
            return FALLBACKS[name](*args, **kwargs)

    def get(self, *args, **kwargs):
        return self._guarded("get", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._guarded("get_many", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._guarded("set", *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._guarded("add", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._guarded("set_many", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._guarded("delete", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._guarded("delete_many", *args, **kwargs)

    def delete_pattern(self, *args, **kwargs):
        return self._guarded("delete_pattern", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._guarded("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._guarded("incr", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._guarded("touch", *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self._guarded("clear", *args, **kwargs)
