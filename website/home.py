"""Sections of the home page contributed by the apps, without the home page importing them.

An app shows something on the home page by registering a function with the
``register_home_section`` hook that returns a ``HomeSection`` (or None when it has nothing to
show). Each function must load its items with a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail import hooks

HOOK_NAME = "register_home_section"


@dataclass
class HomeSection:
    key: str
    title: str
    template: str
    items: list = field(default_factory=list)
    more_url: str = ""
    more_text: str = ""
    order: int = 100


def home_sections(request, home_page):
    sections = []
    for build in hooks.get_hooks(HOOK_NAME):
        section = build(request, home_page)
        if section is not None:
            sections.append(section)
    return sorted(sections, key=lambda section: section.order)


def rendered_home_sections(request, home_page):
    """The featured pages and the apps' sections as HTML, kept in the cache until content changes.

    The sections cost a few queries each (about twenty together): rendered once per language
    and content version (website.pagecache), a home page view that misses the page cache — an
    editor's, or the first after a change — costs the page's own queries only. Lists that
    depend on the clock (upcoming events) are at most HOME_SECTIONS_CACHE_SECONDS late.
    """
    from website.listing import specific_pages, with_listing_images
    from website.pagecache import current_version

    seconds = settings.HOME_SECTIONS_CACHE_SECONDS
    key = f"home-sections:{current_version()}:{home_page.pk}:{get_language()}"
    html = cache.get(key) if seconds else None
    if html is None:
        featured_ids = [item.page_id for item in home_page.featured_items.all()]
        html = render_to_string(
            "website/includes/home_sections.html",
            {
                "page": home_page,
                "featured_pages": with_listing_images(specific_pages(featured_ids)),
                "home_sections": home_sections(request, home_page),
            },
            request=request,
        )
        if seconds:
            cache.set(key, html, seconds)
    # Rendered by our own templates, which escaped every value.
    return mark_safe(html)  # noqa: S308
