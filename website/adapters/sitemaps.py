"""Django's private Sitemap._urls(page, protocol, domain), for building a sitemap page at once.

Written against Django 5.2.19 and Wagtail 8.0.1. Django's Sitemap.get_urls(page, site,
protocol) hands the work to the private _urls(page, protocol, domain), which makes the URL
entries of one paginator page and records latest_lastmod, the sitemap view's Last-Modified.
Wagtail's Sitemap overrides _urls to ask each page for its entries (get_sitemap_urls) one by
one. BatchSitemap overrides it once more so that a subclass gets all items of the sitemap page
together (urls_for_items) and can look up what they share in one query.

When check() fails: read the new Sitemap.get_urls and _urls of django.contrib.sitemaps (and
Wagtail's wagtail.contrib.sitemaps.Sitemap), move the override to whatever get_urls now calls
for one page's entries, keep latest_lastmod set as Django does, and update check().
"""

import datetime
import inspect

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps import Sitemap

from website.adapters import outdated


class BatchSitemap(Sitemap):
    """A Wagtail sitemap whose entries are made for a whole sitemap page at once."""

    def urls_for_items(self, items):
        """The URL entries (dicts as Page.get_sitemap_urls returns) of these items."""
        raise NotImplementedError

    def _urls(self, page, protocol, domain):
        urls = self.urls_for_items(list(self.paginator.page(page).object_list))
        # As Django's and Wagtail's _urls: the latest lastmod, only when every entry has one.
        last_mods = {url.get("lastmod") for url in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class _Site:
    domain = "adapter-check.invalid"


def check():
    """Raises AdapterOutdated unless get_urls still goes through _urls as BatchSitemap assumes."""
    module = __name__
    for cls in (DjangoSitemap, Sitemap):
        method = cls.__dict__.get("_urls")
        if method is None:
            if cls is Sitemap:
                raise outdated(
                    "wagtail", "wagtail.contrib.sitemaps.Sitemap no longer overrides _urls", module
                )
            raise outdated("Django", "django.contrib.sitemaps.Sitemap has no _urls", module)
        parameters = list(inspect.signature(method).parameters)
        if parameters != ["self", "page", "protocol", "domain"]:
            package = "Django" if cls is DjangoSitemap else "wagtail"
            raise outdated(
                package,
                f"{cls.__module__}.Sitemap._urls takes ({', '.join(parameters)}), "
                "not (self, page, protocol, domain)",
                module,
            )

    calls = []

    class Recording(Sitemap):
        def _urls(self, page, protocol, domain):
            calls.append((page, protocol, domain))
            return []

    Recording().get_urls(page=2, site=_Site(), protocol="https")
    if calls != [(2, "https", _Site.domain)]:
        raise outdated(
            "Django",
            "Sitemap.get_urls(page, site, protocol) no longer calls "
            f"self._urls(page, protocol, domain) (calls seen: {calls})",
            module,
        )

    # Django's own _urls records the sitemap's Last-Modified: ours must keep doing so.
    when = datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC)

    class Dated(DjangoSitemap):
        def items(self):
            return ["/a/"]

        def location(self, item):
            return item

        def lastmod(self, item):
            return when

    dated = Dated()
    dated.get_urls(site=_Site(), protocol="https")
    if getattr(dated, "latest_lastmod", None) != when:
        raise outdated(
            "Django",
            "Sitemap._urls no longer records latest_lastmod (the sitemap's Last-Modified)",
            module,
        )
