"""Limits on guessing: shared passwords of pages and collections, and password-reset requests.

Logins are limited by django-axes (see `LoginThrottleHandler` and the settings), which records
failures in the database. Everything else that can be guessed at or used to flood a mailbox is
limited here, with counters in the shared cache (Redis in production):

- a page's or collection's password form: PASSWORD_FORM_LIMITS wrong passwords per client
  address for one restriction, and in all for one restriction (a guessing botnet);
- the admin's password reset: PASSWORD_RESET_LIMITS requests per client address and per e-mail
  address, so that nobody's inbox can be flooded with reset mails.

A counter starts at the first failure and its window does not slide: after `seconds` it is gone
and with it the lock. The client address is the one django-axes counts (website.security,
TRUSTED_PROXY_COUNT), so that one client behind the proxy does not lock out everybody else.
`python manage.py throttle_reset` lifts every lock of this module at once.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render

from website.security import client_ip_address

KEY_PREFIX = "throttle"


@dataclass(frozen=True)
class Limit:
    name: str
    attempts: int
    seconds: int

    def _key(self, parts):
        digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
        return f"{KEY_PREFIX}:{self.name}:{digest}"

    def exceeded(self, *parts):
        return (_cache().get(self._key(parts)) or 0) >= self.attempts

    def count(self, *parts):
        key = self._key(parts)
        cache = _cache()
        cache.add(key, 0, self.seconds)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.seconds)


def _cache():
    return caches[settings.THROTTLE_CACHE_ALIAS]


def reset_all():
    """Lift every lock of this module (`manage.py throttle_reset`)."""
    cache = _cache()
    if hasattr(cache, "delete_pattern"):  # django-redis
        cache.delete_pattern(f"{KEY_PREFIX}:*")
    else:
        cache.clear()


PASSWORD_FORM_PER_ADDRESS = Limit("password-form-address", 10, 15 * 60)
PASSWORD_FORM_PER_RESTRICTION = Limit("password-form", 100, 60 * 60)
PASSWORD_RESET_PER_ADDRESS = Limit("password-reset-address", 10, 60 * 60)
PASSWORD_RESET_PER_EMAIL = Limit("password-reset-email", 3, 60 * 60)


def too_many(request, limit):
    response = render(
        request, "website/throttled.html", {"minutes": max(1, limit.seconds // 60)}, status=429
    )
    response["Retry-After"] = str(limit.seconds)
    response["Cache-Control"] = "private, no-store"
    return response


def refused(request, limits):
    """The 429 page when one of `limits` — (Limit, its key parts) pairs — is exceeded, else
    None."""
    for limit, parts in limits:
        if limit.exceeded(*parts):
            return too_many(request, limit)
    return None


def count_all(limits):
    for limit, parts in limits:
        limit.count(*parts)


def take(request, limits):
    """One attempt against every limit: the 429 page if one is exceeded (nothing counted),
    else None, the attempt counted on all of them."""
    response = refused(request, limits)
    if response is None:
        count_all(limits)
    return response


def password_form(view, kind, restriction_argument):
    """Wrap Wagtail's view that checks a page's or collection's shared password.

    Only wrong passwords count (the view answers them with the form again, 200); while a limit
    is exceeded, every password — the right one too — gets the 429 page, so that a guesser
    learns nothing from it.
    """

    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        restriction_id = kwargs[restriction_argument]
        address = client_ip_address(request)
        limits = [
            (PASSWORD_FORM_PER_ADDRESS, (kind, restriction_id, address)),
            (PASSWORD_FORM_PER_RESTRICTION, (kind, restriction_id)),
        ]
        if (response := refused(request, limits)) is not None:
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            count_all(limits)
        return response

    return wrapped


def password_reset(view):
    """Wrap the admin's password-reset view: every request sent counts, found or not."""

    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        email = (request.POST.get("email") or "").strip().lower()
        limits = [
            (PASSWORD_RESET_PER_ADDRESS, (client_ip_address(request),)),
            (PASSWORD_RESET_PER_EMAIL, (email,)),
        ]
        if (response := take(request, limits)) is not None:
            return response
        return view(request, *args, **kwargs)

    return wrapped
