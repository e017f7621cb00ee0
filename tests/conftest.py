"""The page tree every test starts from: root → Site → lv HomePage → its en translation."""

import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale, Page, Site

from tests.utils import translate
from website.models import HomePage


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    # The cache outlives each test's rolled-back transaction: start every test with none.
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    # A request or a test may leave another language active in this thread: start from Latvian.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.deactivate()


@pytest.fixture
def locales(db):
    lv = Locale.objects.get(language_code="lv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return {"lv": lv, "en": en}


@pytest.fixture
def home_page(locales):
    """The Latvian home page, root of the default Site (Wagtail's welcome page removed)."""
    root = Page.get_first_root_node()
    for welcome in root.get_children():
        welcome.delete()
    home = HomePage(
        title="Sākums",
        slug="sakums",
        locale=locales["lv"],
        hero_title="Sociālā darba portāls",
        hero_text="Materiāli sociālā darba speciālistiem.",
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test"
    )
    return HomePage.objects.get(pk=home.pk)


@pytest.fixture
def home_page_en(home_page):
    return translate(
        home_page,
        slug="home",
        title="Home",
        hero_title="Social Work Portal",
        hero_text="Materials for social work specialists.",
    )


@pytest.fixture
def site_tree(home_page, home_page_en):
    return {"lv": home_page, "en": home_page_en}
