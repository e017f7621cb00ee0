"""The site's public address, SITE_URL, and every absolute URL the site writes.

Feeds, calendars, the sitemap, JSON-LD, OAI-PMH, share links, canonical links and e-mails are
read far from the request that produced them: a podcast app, a harvester or a search engine
keeps the address it was given. So an absolute URL is never taken from the request's Host
(a proxy, a laptop's "localhost" or a health check would leak into them) but from the one
setting SITE_URL, e.g. "https://socialais-darbs.lv" (default on a laptop
"http://127.0.0.1:8000", where `make run` serves).

The default Wagtail Site record follows SITE_URL (hostname and port): after every `migrate`,
with `manage.py apply_site_url`, and when the demo is loaded. Pages' full URLs are built from
the Site record (Wagtail's Page.get_full_url), so change SITE_URL, never the Site's address in
the admin: the next `migrate` would set it back.
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def parse(value):
    """(scheme, hostname, port) of a SITE_URL value; ImproperlyConfigured if it is not one."""
    parts = urlsplit((value or "").strip())
    try:
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(f"SITE_URL has an invalid port: {value!r}") from error
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
    ):
        raise ImproperlyConfigured(
            "SITE_URL must be the site's public address, scheme and host only, "
            f"e.g. https://socialais-darbs.lv (got {value!r})"
        )
    port = port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https" and port != 443:
        # Wagtail's Site writes http://host:port for any port but 443 and 80.
        raise ImproperlyConfigured(
            f"SITE_URL: an https address must be on port 443 (got {value!r}); Wagtail's Site "
            "record cannot hold https on another port"
        )
    return parts.scheme, parts.hostname, port


def normalise(value):
    """SITE_URL as written in URLs: no trailing slash, no default port."""
    scheme, hostname, port = parse(value)
    default = 443 if scheme == "https" else 80
    host = f"[{hostname}]" if ":" in hostname else hostname
    return f"{scheme}://{host}" if port == default else f"{scheme}://{host}:{port}"


def site_url():
    """The public address, e.g. "https://socialais-darbs.lv" (no trailing slash)."""
    return normalise(settings.SITE_URL)


def site_hostname():
    """The public host name without the port: the domain of OAI identifiers, iCal UIDs."""
    return parse(settings.SITE_URL)[1]


def absolute(url):
    """`url` (a path such as "/lv/", or already absolute) as an absolute URL on SITE_URL."""
    if url is None or url == "":
        return url
    return urljoin(site_url() + "/", str(url))


def apply_to_site(site=None, using="default"):
    """Give the default Wagtail Site (or `site`) SITE_URL's hostname and port.

    Returns the site if it changed, else None.
    """
    from wagtail.models import Site

    if site is None:
        site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None:
        return None
    _scheme, hostname, port = parse(settings.SITE_URL)
    if (site.hostname, site.port) == (hostname, port):
        return None
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"], using=using)
    return site
