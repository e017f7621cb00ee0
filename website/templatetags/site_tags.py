import datetime

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.html import format_html
from wagtail.models import Page

from website.chrome import get_chrome, page_chrome
from website.languages import differs_from_page
from website.listing import render_rows
from website.siteurl import absolute
from website.structured_data import breadcrumb_list, json_ld_script

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)


@register.simple_tag(takes_context=True)
def site_chrome(context):
    request = context.get("request")
    return get_chrome(request) if request is not None else {}


@register.simple_tag
def lang_attribute(language):
    """` lang="en"` for an element whose text is in `language`, when that is not the page's
    language (WCAG 3.1.2, language of parts); nothing otherwise, and nothing when unknown.

    `language` comes from data (website.languages): ``{% lang_attribute item.text_language %}``.
    """
    if not differs_from_page(language):
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def in_other_language(language):
    """Whether text in `language` is in another language than the page's."""
    return differs_from_page(language)


@register.simple_tag(takes_context=True)
def menu_current(context, link):
    """` aria-current="page"` on the menu link to the page shown, ` aria-current="true"` on
    the link to the section it is in (a page the shown one is under), nothing otherwise.

    "true" rather than "page" for the section: the link leads to another page than this one,
    and a screen reader says "current page" for "page" (WAI-ARIA 1.2, aria-current).
    """
    page = context.get("page")
    request = context.get("request")
    if isinstance(page, Page) and page.path and link.get("path"):
        # A route of the page (a dictionary letter, an entry) is under it, not the page itself.
        here = request is None or request.path == link.get("url")
        if page.path == link["path"] and here:
            return format_html(' aria-current="{}"', "page")
        if page.path.startswith(link["path"]):
            return format_html(' aria-current="{}"', "true")
        return ""
    if request is not None and request.path == link.get("url"):
        return format_html(' aria-current="{}"', "page")
    return ""


@register.simple_tag(takes_context=True)
def section_name(context):
    """The main menu's name of the section the page shown is under, for its <title> ("… |
    Pasākumi | Sociālā darba portāls": an event and a podcast episode of the same title are
    told apart); "" for a section's own page and pages in no section of the menu."""
    page = context.get("page")
    chrome = context.get("chrome") or {}
    if not isinstance(page, Page) or not page.path:
        return ""
    for link in chrome.get("main_menu", ()):
        path = link.get("path")
        if path and page.path.startswith(path) and page.path != path:
            return link["text"]
    return ""


@register.filter
def datetime_attribute(value):
    """A date and time for <time datetime>: local time to the second, "2026-12-06T04:54:54+02:00".

    Django's "c" format writes Python's microseconds, and HTML allows at most three decimals.
    """
    if not isinstance(value, datetime.datetime):
        return value.isoformat() if isinstance(value, datetime.date) else ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This address without its query string: filtered and paged lists are not canonical."""
    request = context.get("request")
    return absolute(request.path) if request is not None else ""


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per site language: to this page's translation, or that language's home page.

    A view that is not a Wagtail page (search, a dictionary entry…) may put ``translation_urls``
    (language code → URL) in its context; otherwise Django's own URL translation is used.
    Each link says whether it leads to a translation of what is shown now. A view with no
    translation may also put ``translation_fallbacks`` (language code → {"url", "title"}):
    where the other languages' links lead instead of their home pages.
    """
    request = context.get("request")
    current = translation.get_language()
    page = context.get("page")
    explicit = context.get("translation_urls")
    chrome = get_chrome(request) if request is not None else {}
    home_urls = chrome.get("home_urls", {})

    fallbacks = context.get("translation_fallbacks") or {}

    translated = {}
    if explicit:
        translated = dict(explicit)
    elif isinstance(page, Page) and page.pk:

        def translations():
            others = page.get_translations(inclusive=True).live().public()
            return {
                other.locale.language_code: other.get_url(request)
                for other in others.select_related("locale")
            }

        translated = page_chrome(request, page, "translations", translations)
    elif request is not None:
        for code in LANGUAGE_NAMES:
            url = translate_url(request.get_full_path(), code)
            if code == current or url != request.get_full_path():
                translated[code] = url

    links = []
    for code, name in settings.LANGUAGES:
        url = translated.get(code)
        fallback = fallbacks.get(code) if url is None else None
        target = url or (fallback and fallback["url"]) or home_urls.get(code) or f"/{code}/"
        links.append(
            {
                "code": code,
                "name": name,
                "url": target,
                "absolute_url": absolute(target),
                "is_current": code == current,
                "is_translation": url is not None,
                "fallback_title": fallback["title"] if fallback else "",
            }
        )
    return links


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, current=""):
    """The page's place in the site, from the home page: shown as links, and described to search
    engines as a schema.org BreadcrumbList with the same names and addresses.

    A view inside a page (a dictionary letter or entry) gives its own name as `current`: the
    page is then a link too, and the view is the last step.
    """
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page):
        return {"trail": []}
    steps = page_chrome(
        request,
        page,
        "ancestors",
        lambda: [
            (ancestor.title, ancestor.get_url(request)) for ancestor in page.get_ancestors()[1:]
        ],
    )
    steps = [*steps, (page.title, page.get_url(request))]
    if current:
        steps.append((str(current), request.path))
    trail = [{"name": name, "url": url} for name, url in steps]
    absolute_steps = [(name, absolute(url)) for name, url in steps]
    return {"trail": trail, "json_ld": json_ld_script(breadcrumb_list(absolute_steps))}


@register.simple_tag(takes_context=True)
def listing_rows(context, items, heading_level=3):
    """{% listing_rows items %}: the rows of a section's list, each
    components/listing_row.html (kept rendered: website.listing.render_rows)."""
    return render_rows(context.get("request"), items, heading_level)
