"""What every page shows around its content: menus, footer, language homes.

Built once per site and language and kept in the cache, so a page view costs no query for it;
website.signals clears it when a menu, the footer, the site settings or any page changes.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale, Page, Site

from website.models import FooterText, NavigationMenu, SiteSettings

CACHE_KEY = "site-chrome:v1:{site_id}:{language}"
CACHE_SECONDS = 60 * 60


def clear_chrome_cache():
    keys = [
        CACHE_KEY.format(site_id=site_id, language=code)
        for site_id in Site.objects.values_list("id", flat=True)
        for code, _name in settings.LANGUAGES
    ]
    cache.delete_many(keys)


def get_chrome(request):
    site = Site.find_for_request(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    if site is None:
        return _build(None, language)
    key = CACHE_KEY.format(site_id=site.pk, language=language)
    chrome = cache.get(key)
    if chrome is None:
        chrome = _build(site, language)
        cache.set(key, chrome, CACHE_SECONDS)
    return chrome


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
            links.append({"text": item.text, "url": url})
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
            "address": footer.address,
            "funding_statement": footer.funding_statement,
        }
    if site is not None:
        site_settings = SiteSettings.for_site(site)
        chrome["settings"] = {
            "contact_email": site_settings.contact_email,
            "contact_phone": site_settings.contact_phone,
            "social_links": site_settings.social_links,
        }
        homes = Page.objects.filter(translation_key=site.root_page.translation_key).live()
        chrome["home_urls"] = {
            page.locale.language_code: page.get_url() for page in homes.select_related("locale")
        }
        chrome["home_url"] = chrome["home_urls"].get(language, "")
    return chrome
