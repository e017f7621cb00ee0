"""What every page shows around its content: menus, footer, language homes, and each page's
own links around it (its translations, the trail to it, whether it is public).

Built once per site, language and content version (website.cache), so a page view costs no
query for it; a change to a menu, the footer, the site settings or any page starts a new version.
"""

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from website.cache import Versioned
from website.models import FooterText, NavigationMenu, SiteSettings

CHROME = Versioned("chrome", 60 * 60)
PAGE_CHROME = Versioned("page-chrome", 60 * 60)


def get_chrome(request):
    site = Site.find_for_request(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    if site is None:
        return _build(None, language)
    return CHROME.get_or_build(lambda: _build(site, language), site.pk, language)


def page_chrome(request, page, part, build):
    """build()'s value for what the published tree says around `page` (`part` names it),
    cached per site, page and language. The same for every reader: build() may look only at
    live, public pages. Previews build it every time (their page is not the published one)."""
    if getattr(request, "is_preview", False) or not page.pk:
        return build()
    site = Site.find_for_request(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    return PAGE_CHROME.get_or_build(build, getattr(site, "pk", None), page.pk, language, part)


def _menu_links(locale, handle):
    menu = (
        NavigationMenu.objects.filter(locale=locale, handle=handle)
        .prefetch_related("items__link_page")
        .first()
    )
    if menu is None:
        return []
    links = []
    for item in menu.items.all():
        if item.link_page_id and not item.link_page.live:
            continue
        url = item.url
        if url:
            # The page's place in the tree marks the menu's current section (site_tags).
            path = item.link_page.path if item.link_page_id else ""
            links.append({"text": item.text, "url": url, "path": path})
    return links


def _build(site, language):
    locale = Locale.objects.filter(language_code=language).first()
    chrome = {
        "main_menu": [],
        "footer_menu": [],
        "footer": None,
        "settings": None,
        "home_urls": {},
        "home_url": "",
    }
    if locale is None:
        return chrome
    chrome["main_menu"] = _menu_links(locale, NavigationMenu.MAIN)
    chrome["footer_menu"] = _menu_links(locale, NavigationMenu.FOOTER)
    footer = FooterText.objects.filter(locale=locale).first()
    if footer is not None:
        chrome["footer"] = {
            "organisation": footer.organisation,
            "funding_statement": footer.funding_statement,
        }
    if site is not None:
        site_settings = SiteSettings.for_site(site)
        chrome["settings"] = {
            "contact_email": site_settings.contact_email,
            "contact_phone": site_settings.contact_phone,
            "contact_address": site_settings.contact_address,
            "social_links": site_settings.social_links,
        }
        homes = Page.objects.filter(translation_key=site.root_page.translation_key).live()
        chrome["home_urls"] = {
            page.locale.language_code: page.get_url() for page in homes.select_related("locale")
        }
        chrome["home_url"] = chrome["home_urls"].get(language, "")
    return chrome
