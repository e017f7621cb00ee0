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
