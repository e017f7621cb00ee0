"""Sections of the home page contributed by the apps, without the home page importing them.

An app shows something on the home page by registering a function with the
``register_home_section`` hook that returns a ``HomeSection`` (or None when it has nothing to
show). Each function must load its items with a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail import hooks

from website.cache import Versioned

HOOK_NAME = "register_home_section"
HOME_SECTIONS = Versioned("home", "HOME_SECTIONS_CACHE_SECONDS")


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
    and content version (website.cache), a home page view that misses the page cache — an
    editor's, or the first after a change — costs the page's own queries only. Lists that
    depend on the clock (upcoming events) are at most HOME_SECTIONS_CACHE_SECONDS late.
    """
    from website.listing import specific_pages, with_listing_images

    def render():
        featured_ids = [item.page_id for item in home_page.featured_items.all()]
        return render_to_string(
            "website/includes/home_sections.html",
            {
                "page": home_page,
                "featured_pages": with_listing_images(specific_pages(featured_ids)),
                "home_sections": home_sections(request, home_page),
            },
            request=request,
        )

    html = HOME_SECTIONS.get_or_build(render, home_page.pk, get_language())
    # Rendered by our own templates, which escaped every value.
    return mark_safe(html)  # noqa: S308
