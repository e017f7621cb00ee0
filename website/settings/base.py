"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the environment, with
defaults that suit a laptop: SQLite in the project folder, local-memory cache, database search.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sitesearch import configuration as search_configuration
from website.siteurl import normalise as normalise_site_url

from .email_url import EmailURLError, email_settings
from .media_storage import media_origins, s3_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The site's public address (website.siteurl): every absolute URL the site writes — sitemap,
# feeds, calendars, JSON-LD, OAI-PMH, share and canonical links, e-mails — is built from it, and
# the default Wagtail Site follows it. A laptop's `make run` serves http://127.0.0.1:8000.
SITE_URL = normalise_site_url(os.environ.get("SITE_URL") or "http://127.0.0.1:8000")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The project's apps come first so that their templates and catalogues win.
    "website",
    # The site search: engine, backends, Latvian analysis, facts table (sitesearch/README.md).
    "sitesearch",
    "methodologies",
    "research",
    "events",
    "podcast",
    "periodical",
    "dictionary",
    "campaign",
    "projects",
    "subscriptions",
    "registrations",
    "wagtail_localize",
    "wagtail_localize.locales",
    "axes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # The task queue in the database (production's background indexing, sitesearch.indexing).
    "django_tasks_db",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Its Latvian catalogue: Wagtail's admin shows times with its naturaltime ("pirms 5 minūtēm").
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # The content version (website.cache) read once per request, for every cache below.
    "website.cache.ContentVersionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the CSP middleware, so that the policy it writes is the previews' own.
    "website.security.PreviewFramingMiddleware",
    "website.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "website.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A filtered list linked with a merged topic's old address goes to the topic's own.
    "website.topics.FormerTopicAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Wagtail's few hard-coded English admin words, in the admin's language.
    "website.admin_text.AdminHardcodedTextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    # A request that needed the media storage while it was down gets a 503 page saying so.
    "website.storage.StorageUnavailableMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL (e.g. postgres://user@host:5432/name), else SQLite in the project folder.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A PostgreSQL that does not answer (down, hung, unreachable) fails a request within this
    # many seconds with the error page, instead of holding a worker until gunicorn kills it.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache_settings(url):
    """A cache in Redis that a Redis outage slows down but never stops (website.redis_cache).

    Production's Redis needs a memory limit with an eviction policy (README: maxmemory and
    maxmemory-policy allkeys-lru): every cache entry has a timeout, but many may be written.
    """
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return {
        "BACKEND": "website.redis_cache.FailFastRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "sdp",
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.5,
            # Errors reach FailFastRedisCache, which stops asking for a while.
            "IGNORE_EXCEPTIONS": False,
            "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
        },
    }


# Cache: Redis when REDIS_URL is set (shared by every worker), else this process's memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": redis_cache_settings(REDIS_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The address OAI-PMH harvesters write to (Identify's adminEmail, periodical/oai.py); required
# in production. The periodical's and the site's contact addresses are given after it.
OAI_PMH_ADMIN_EMAIL = os.environ.get("OAI_PMH_ADMIN_EMAIL", "").strip()

# Anonymous page views are served from the cache above (website.pagecache) until content
# changes, or at most PAGE_CACHE_SECONDS: lists that depend on the clock (upcoming events)
# are then at most that late; 0 turns the cache off. Browsers and proxies may keep a page
# PAGE_CACHE_BROWSER_SECONDS.
# Every cache of derived content (website.cache) lives in this cache, under the content version.
SITE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))
# nginx's front cache (deploy/nginx/cache.conf.template, website.frontcache): the address of its
# loopback PURGE server, e.g. http://127.0.0.1:8070; when content changes, every page nginx
# keeps is purged through Wagtail's frontend cache. Unset: nothing is purged (no front cache).
# (Its app is not installed: its own signal handlers would purge only the published page, in
# the middle of the transaction; website.frontcache purges every kept page after it.)
FRONT_CACHE_PURGE_URL = os.environ.get("FRONT_CACHE_PURGE_URL", "")
if FRONT_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "website.frontcache.PurgeBackend",
            "LOCATION": FRONT_CACHE_PURGE_URL,
        }
    }
# Purged addresses are exactly those nginx keeps, not repeated for each language.
WAGTAILFRONTENDCACHE_LANGUAGES = []
# The home page's sections, rendered, under the same version (website.home).
HOME_SECTIONS_CACHE_SECONDS = int(os.environ.get("HOME_SECTIONS_CACHE_SECONDS", "600"))
# A section list's filter options and their counts, under the same version (website.listing):
# one aggregate query over the whole section, the costliest part of rendering a list.
LISTING_CACHE_SECONDS = int(os.environ.get("LISTING_CACHE_SECONDS", "600"))

# Login throttling (django-axes, website.security.LoginThrottleHandler): a login is refused, even
# with the right password, for AXES_COOLOFF_TIME after any of these counts of wrong passwords:
# 5 for one user name from one address (typos: an office behind one address is not locked out
# by one person, nor an editor by someone elsewhere), 20 for one user name from any addresses
# (guessing from many addresses locks that account only), 40 from one address for any user
# names. `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS` / `axes_reset` lift them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMITS = [
    (["username", "ip_address"], 5),
    (["username"], 20),
    (["ip_address"], 40),
]
AXES_HANDLER = "website.security.LoginThrottleHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [parameters for parameters, _limit in LOGIN_FAILURE_LIMITS]
# Shared-password forms and password resets (website.throttle) count in this cache.
THROTTLE_CACHE_ALIAS = "default"
AXES_RESET_ON_SUCCESS = True
# Failed attempts are recorded (they must be, to be counted); successful logins are not.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_CALLABLE = "website.security.login_locked_out"
AXES_COOLOFF_MESSAGE = _("Too many login attempts. Please try again later.")
AXES_CLIENT_IP_CALLABLE = "website.security.client_ip_address"
# Reverse proxies in front of the site that append the client's address to X-Forwarded-For
# (0: the site is reached directly and REMOTE_ADDR is the client).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Latvian is the default and the source locale, English the translation.
LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", "Latviešu"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# In the admin the languages of content are named in the admin's language ("Angļu"); readers'
# language links name each language in itself (LANGUAGES).
WAGTAIL_CONTENT_LANGUAGES = [("lv", _("Latvian")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The project's catalogue first; then website/locale, the Latvian for what Wagtail's and
# wagtail-localize's catalogues lack or say wrongly (written by hand; `make messages` never
# touches it). It is the first app's catalogue anyway; it is named here too because Wagtail's
# and wagtail-localize's JavaScript catalogues read only their own package and LOCALE_PATHS.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "website" / "locale"]
# A new translation is created unpublished, whatever the state of its source: it is published
# when it has been translated and a moderator approves it (website.editorial).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
TIME_ZONE = "Europe/Riga"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["website.formats"]

# Static files: compressed and fingerprinted by whitenoise, served by the site itself (no CDN).
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# S3-compatible media storage when a bucket is configured: workers keep nothing on local disk
# (website/settings/media_storage.py, website.storage).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    globals().update(s3_settings(os.environ, STORAGES))

# Headers every response carries (production adds the HTTPS-only ones).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from the site itself
# only, no inline scripts or styles (templates keep JavaScript in static files; JSON-LD data
# blocks are not scripts), videos framed from YouTube and Vimeo only. Images are also allowed
# from the media bucket when media is on S3; CSP_MEDIA_ORIGINS adds further origins.
# Not applied to Wagtail's admin, which needs inline scripts, nor to document downloads (never
# HTML; a policy on a PDF can stop the browser's PDF viewer). The admin's previews get the
# public policy with frame-ancestors 'self' (website.security.PreviewFramingMiddleware).
CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")
if AWS_STORAGE_BUCKET_NAME:
    # Images and audio are sent on to the bucket's endpoint after the site's check.
    CSP_MEDIA_ORIGINS.extend(media_origins(os.environ))
CSP_VIDEO_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/documents/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *CSP_MEDIA_ORIGINS],
        "media-src": [SELF, *CSP_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": CSP_VIDEO_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Mail: one address says where and how (website/settings/email_url.py, README), by default a
# relay on this machine. The workflow's notifications go to each recipient in their language
# (website.notifications).
try:
    globals().update(email_settings(os.environ.get("EMAIL_URL") or "smtp://localhost:25"))
except EmailURLError as error:
    raise ImproperlyConfigured(str(error)) from None
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Pages, collections and files behind a shared password ask for it with the site's own form.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "website/password_required.html"
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "website/password_required.html"
# After the front-end login, or a password form given a foreign return address: the home page.
LOGIN_REDIRECT_URL = "/"

# Uploaded files (website.files): every document and image request is checked by the site first.
# In production nginx then sends the file: MEDIA_ACCEL_REDIRECT names its internal location that
# aliases MEDIA_ROOT (e.g. /_media/); empty, the site streams files itself. With media on
# S3-compatible storage, clients are redirected to a link that expires after this many seconds.
MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT", "")
MEDIA_SIGNED_URL_SECONDS = int(os.environ.get("MEDIA_SIGNED_URL_SECONDS", "300"))

# Wagtail
WAGTAIL_SITE_NAME = "Sociālā darba portāls"
# Links in the admin's e-mails (password reset, workflow notifications).
WAGTAILADMIN_BASE_URL = SITE_URL
# No avatars from gravatar.com: they break offline and send a hash of each editor's e-mail
# address to a third party with every admin page. Wagtail shows its default image instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_IMAGE_MODEL = "website.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "website.CustomDocument"
# Documents are downloaded through Django (not redirected to the storage), so that access rules
# and Range requests (audio seeking) are handled by one view.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "odt",
    "pptx",
    "xlsx",
    "csv",
    "mp3",
    "m4a",
    "ogg",
    "vtt",
]
# Uploaded documents must be what their extension says (website.forms.DocumentForm), images must
# decode to the last pixel (website.forms.ImageForm); the upload forms say beforehand which types
# and sizes are accepted (website.upload_help).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "website.upload_help.DocumentUploadForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "website.upload_help.ImageUploadForm"
# An hour and a half of podcast audio at 128 kbit/s is about 90 MB.
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENTS_MAX_UPLOAD_MB", "100")) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# The video block sizes its frame in CSS; Wagtail's responsive wrapper would need an inline style.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
TAGGIT_CASE_INSENSITIVE = True

# Search: Wagtail's database backend unless SEARCH_ENGINE_URL names a cluster
# (sitesearch.configuration: "opensearch+http://…" or "elasticsearch+https://…";
# ELASTICSEARCH_URL, a plain address, still means Elasticsearch).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database backend with the site search's fast ranking and its facts table.
        "BACKEND": "sitesearch.backends.database",
        # PostgreSQL has no Latvian configuration; the project analyses the text itself
        # (sitesearch.analysis) and must not have it stemmed again as English.
        "SEARCH_CONFIG": "simple",
    }
}
try:
    SEARCH_ENGINE_URL = search_configuration.engine_url(os.environ)
    # One backend per language, each with the site's analysis of its language and its own
    # indexes. The database index above is kept current too: the search page falls back to it
    # when the cluster does not answer.
    WAGTAILSEARCH_BACKENDS.update(
        search_configuration.cluster_backends(
            SEARCH_ENGINE_URL,
            [code for code, _name in LANGUAGES],
            search_configuration.index_prefix(os.environ),
        )
    )
except search_configuration.SearchEngineURLError as error:
    raise ImproperlyConfigured(str(error)) from None

# Days after an event ends that its participants' personal data are kept (registrations; the
# command process_registrations deletes them).
REGISTRATION_RETENTION_DAYS = int(os.environ.get("REGISTRATION_RETENTION_DAYS", "180"))

# Certificates of attendance (registrations.certificates): the folder of DejaVuSans.ttf and
# DejaVuSans-Bold.ttf (Debian's fonts-dejavu-core), read when a certificate's PDF is made.
CERTIFICATE_FONT_DIR = os.environ.get("CERTIFICATE_FONT_DIR", "/usr/share/fonts/truetype/dejavu")

# Tasks (django-tasks). "default" runs at once (Wagtail's own tasks, the database index).
# "background" holds the work no request should wait for, one queue each: "search" (updating the
# search cluster, sitesearch.indexing) and "mail" (sending, website.mail). It runs at once
# too, unless BACKGROUND_WORKER=1: then the tasks are queued in the database and one worker,
# `manage.py db_worker --backend background --queue-name '*'`, runs them (production, README).
BACKGROUND_WORKER = env_bool("BACKGROUND_WORKER")
if os.environ.get("SEARCH_INDEXING"):
    raise ImproperlyConfigured(
        "SEARCH_INDEXING is no longer read: set BACKGROUND_WORKER=1 (search indexing and mail "
        "go through the worker, README: Production)"
    )
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if BACKGROUND_WORKER
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["search", "mail"],
    },
}
# With the worker, a mail is queued by the request and sent by the worker with the backend
# EMAIL_URL names (website.mail); without it, it is sent in the request.
if BACKGROUND_WORKER:
    EMAIL_DELIVERY_BACKEND = globals()["EMAIL_BACKEND"]  # from EMAIL_URL, above
    EMAIL_BACKEND = "website.mail.QueuedEmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["console"],
            "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}
