"""The site-wide demo content: home page (lv + en), standard pages, footer, menus."""

from pathlib import Path

from django.conf import settings
from wagtail.models import Page, Site

from website.demo.loader import text_paragraphs, texts_of
from website.models import (
    AccessibilityStatement,
    FooterText,
    HomePage,
    NavigationMenu,
    NavigationMenuItem,
    SiteSettings,
    StandardPage,
)
from website.siteurl import apply_to_site, site_hostname
from website.siteurl import parse as parse_site_url

DATA = Path(__file__).with_name("site.json")
HOME_TEXTS = ("title", "hero_title", "hero_text", "hero_link_text", "listing_summary")


def load(loader):
    data = loader.read_json(DATA, required_keys=("home", "standard_pages", "footer", "menu_order"))
    loader.step("Site, home page and standard pages")
    home = _home(loader, data["home"])
    for spec in data["standard_pages"]:
        blocks = spec.get("blocks", ())
        loader.pair(
            home,
            StandardPage,
            spec,
            texts=("title", "introduction"),
            lv={"body": text_paragraphs(spec["lv"]["body"], blocks)},
            en={"body": text_paragraphs(spec["en"]["body"], blocks)},
            show_in_menus=spec.get("in_footer", False),
        )
    for language, fields in data["footer"].items():
        if not FooterText.objects.filter(locale=loader.locales[language]).exists():
            FooterText.objects.create(locale=loader.locales[language], **fields)
            loader.created += 1
    site = Site.objects.get(is_default_site=True)
    # A setting's row may exist already (a page shown before the demo was loaded makes it
    # empty): the demo fills what is empty and never overwrites what an editor wrote.
    for model, key in (
        (SiteSettings, "settings"),
        (AccessibilityStatement, "accessibility_statement"),
    ):
        found, _created = model.objects.get_or_create(site=site)
        missing = {
            name: value for name, value in data.get(key, {}).items() if not getattr(found, name)
        }
        if missing:
            for name, value in missing.items():
                setattr(found, name, value)
            found.full_clean()
            found.save()
            loader.created += 1
    # The privacy notice that forms asking for consent link to (a standard page of the demo).
    site_settings = SiteSettings.objects.get(site=site)
    if site_settings.privacy_page_id is None and data.get("privacy_page"):
        site_settings.privacy_page = home.get_children().filter(slug=data["privacy_page"]).first()
        site_settings.save(update_fields=["privacy_page"])
        loader.created += 1


def finish(loader):
    """After every section exists: the menus, which link to the sections' pages."""
    data = loader.read_json(DATA, required_keys=("home", "standard_pages", "menu_order"))
    loader.step("Menus")
    home = loader.home()
    order = {slug: position for position, slug in enumerate(data["menu_order"])}
    sections = [child for child in home.get_children().live() if child.slug in order]
    sections.sort(key=lambda child: order[child.slug])
    footer_slugs = {spec["lv"]["slug"] for spec in data["standard_pages"] if spec.get("in_footer")}
    footer_pages = [child for child in home.get_children().live() if child.slug in footer_slugs]
    _menu(loader, NavigationMenu.MAIN, sections)
    _menu(loader, NavigationMenu.FOOTER, footer_pages)
    _hero_link(loader, home, data["home"]["hero_link_slug"])


def _hero_link(loader, home, slug):
    """The hero's button ("Par projektiem") leads to the projects' index, in each language."""
    target = home.get_children().live().filter(slug=slug).first()
    if target is None:
        return
    en_locale = loader.locales["en"]
    pairs = [(home, target)]
    en_home, en_target = home.get_translation_or_none(en_locale), None
    if en_home is not None:
        en_target = target.get_translation_or_none(en_locale)
        pairs.append((en_home, en_target))
    for page, link in pairs:
        page = page.specific
        if link is None or page.hero_link_id is not None:
            continue  # an editor's choice is kept
        page.hero_link = link
        page.save_revision().publish()


def _menu(loader, handle, pages):
    """The menu in both languages, with a link to each page that it does not link to yet."""
    lv_menu = loader.snippet(NavigationMenu, {"handle": handle})
    en_locale = loader.locales["en"]
    en_menu = NavigationMenu.objects.filter(handle=handle, locale=en_locale).first()
    if en_menu is None:
        # Created directly rather than with copy_for_translation, which would carry the
        # Latvian items over; the English menu links to the English pages.
        en_menu = NavigationMenu.objects.create(
            handle=handle, locale=en_locale, translation_key=lv_menu.translation_key
        )
        loader.created += 1
    _add_links(loader, lv_menu, pages)
    translations = [page.get_translation_or_none(en_locale) for page in pages]
    _add_links(loader, en_menu, [page for page in translations if page is not None])


def _add_links(loader, menu, pages):
    linked = set(menu.items.values_list("link_page_id", flat=True))
    position = menu.items.count()
    for page in pages:
        if page.pk not in linked:
            NavigationMenuItem.objects.create(menu=menu, link_page=page, sort_order=position)
            position += 1
            loader.created += 1


def _home(loader, spec):
    """The Latvian home page as the site root, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    root = Page.get_first_root_node()
    lv_locale = loader.locales["lv"]
    home = HomePage.objects.filter(locale=lv_locale, depth=2).first()
    if home is None:
        home = HomePage(slug=spec["slug"], locale=lv_locale, **texts_of(spec["lv"], HOME_TEXTS))
        root.add_child(instance=home)
        home.save_revision().publish()
        loader.created += 1
    if site is None:
        site = Site.objects.create(
            hostname=site_hostname(),
            port=parse_site_url(settings.SITE_URL)[2],
            root_page=home,
            is_default_site=True,
            site_name="Sociālā darba portāls",
        )
    elif site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.site_name = "Sociālā darba portāls"
        site.save()
        # Wagtail's "Welcome to your new Wagtail site!" page, left by its first migration.
        if welcome.specific_class is Page and welcome.depth == 2:
            welcome.delete()
    # The demo answers where SITE_URL says (a laptop: http://127.0.0.1:8000).
    apply_to_site(site)
    loader.translate(home, **texts_of(spec["en"], ("slug", *HOME_TEXTS)))
    return home
