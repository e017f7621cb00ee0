"""Production: refuses to start without its secrets and hosts, and sets the HTTPS headers.

Required: SITE_URL (the public address, e.g. https://socialais-darbs.lv: every absolute URL
is built from it), SECRET_KEY, ALLOWED_HOSTS (comma-separated), DATABASE_URL and
OAI_PMH_ADMIN_EMAIL (the address the OAI-PMH interface names for harvesters: a real mailbox,
with a dot in its domain, as the protocol's schema requires).
Cookies are marked Secure, plain HTTP is redirected and pages ask browsers to upgrade insecure
requests when SITE_URL is https (always, in production): an http SITE_URL is only for a test
stack on loopback, and `manage.py check --deploy` says so.
Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=1: the proxy must then set
X-Forwarded-Proto itself and strip it from clients' requests, or any client could claim HTTPS.
Set TRUSTED_PROXY_COUNT to the number of proxies that append the client's address to
X-Forwarded-For, so that failed logins are counted per client and not per proxy (see base.py).
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

_REQUIRED = ("SITE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "OAI_PMH_ADMIN_EMAIL")
_missing = [name for name in _REQUIRED if not os.environ.get(name, "").strip()]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )
if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s.]+", OAI_PMH_ADMIN_EMAIL):  # noqa: F405
    raise ImproperlyConfigured(
        f"OAI_PMH_ADMIN_EMAIL is not an e-mail address with a domain: {OAI_PMH_ADMIN_EMAIL!r}"  # noqa: F405
    )

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405

if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
_HTTPS = SITE_URL.startswith("https://")  # noqa: F405
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# nosniff, Referrer-Policy, Cross-Origin-Opener-Policy, Permissions-Policy and the
# Content-Security-Policy are set in base.py for every environment; over HTTPS the policy also
# upgrades any http:// address a page still contains.
if _HTTPS:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405
SESSION_COOKIE_SECURE = _HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = _HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# The anonymous page cache is dropped as a whole when content changes, by a version kept in the
# cache. Without REDIS_URL every gunicorn worker has a cache of its own and would go on serving
# its old pages after another worker saw the change: off unless asked for explicitly.
if not REDIS_URL:  # noqa: F405
    PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))

# Mail is read from EMAIL_URL and DEFAULT_FROM_EMAIL in base.py, as everywhere. The separate
# variables read before EMAIL_URL existed would now be ignored: say so rather than send nothing.
_superseded = [name for name in ("EMAIL_HOST", "EMAIL_BACKEND") if os.environ.get(name)]
if _superseded and not os.environ.get("EMAIL_URL"):
    raise ImproperlyConfigured(
        f"{' and '.join(_superseded)} are no longer read: set EMAIL_URL instead, "
        "e.g. smtp://user:password@mail.example.lv:587/?tls=1 (see README)"
    )
