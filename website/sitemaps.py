from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class BilingualSitemap(Sitemap):
    """Every live public page of the site, in every language, with hreflang alternates."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        descendants = Page.objects.none()
        for tree_root in roots:
            descendants |= Page.objects.descendant_of(tree_root, inclusive=True)
        return descendants.live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        # As Wagtail's Sitemap._urls, with the translations of the whole sitemap page looked up
        # in one query (BasePage.get_sitemap_urls would otherwise ask once per page).
        pages = list(self.paginator.page(page).object_list)
        translations = defaultdict(list)
        for translation in (
            Page.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in pages})
            .select_related("locale")
            .order_by("path")
        ):
            translations[translation.translation_key].append(translation)
        urls = []
        last_mods = set()
        for item in pages:
            item.sitemap_translations = translations[item.translation_key]
            for url_info in item.get_sitemap_urls(self.request):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
