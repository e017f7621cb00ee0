"""Tests: the same settings locally and in CI (pyproject.toml names this module).

DATABASE_URL chooses SQLite (default) or PostgreSQL, exactly as in production.
"""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret-3a8e51"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The Django test client's host: absolute URLs in tests are http://testserver/….
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["*"]
# Tests render every request (their query counts measure rendering, not the cache);
# tests/website/test_pagecache.py turns the caches on for itself (bench/ through the
# environment).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))  # noqa: F405
HOME_SECTIONS_CACHE_SECONDS = int(os.environ.get("HOME_SECTIONS_CACHE_SECONDS", "0"))  # noqa: F405
LISTING_CACHE_SECONDS = int(os.environ.get("LISTING_CACHE_SECONDS", "0"))  # noqa: F405
