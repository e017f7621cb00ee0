from collections import defaultdict

from wagtail.models import Page

from website.adapters.sitemaps import BatchSitemap


class BilingualSitemap(BatchSitemap):
    """Every live public page of the site, in every language, with hreflang alternates."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        descendants = Page.objects.none()
        for tree_root in roots:
            descendants |= Page.objects.descendant_of(tree_root, inclusive=True)
        return descendants.live().public().order_by("path").defer_streamfields().specific()

    def urls_for_items(self, pages):
        # The translations of the whole sitemap page in one query (BasePage.get_sitemap_urls
        # would otherwise ask once per page).
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
        for item in pages:
            item.sitemap_translations = translations[item.translation_key]
            urls.extend(item.get_sitemap_urls(self.request))
        return urls
