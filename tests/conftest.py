"""The page tree every test starts from: root → Site → lv HomePage → its en translation."""

import json

import pytest
from django.core.cache import cache
from django.db import connections
from django.utils import translation
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Locale, Page, Site

from tests.utils import translate
from website.models import HomePage


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test that commits (django_db(transaction=True)) ends with every table emptied; put the
    rows the migrations wrote (locales, the root page, content types…) back, so that the tests
    after it in this process (and the demo sites that modules build once) start from the same
    database as every other test. It must ask for serialized_rollback=True: then the emptying
    does not re-create content types under new ids, which the rows put back would clash with.
    """
    yield
    if nextitem is None:
        # The last test of this process: no test follows, and the session's teardown, which
        # ran within this test's, has already dropped the test database.
        return
    marker = item.get_closest_marker("django_db")
    committing = {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    if not committing and not (marker and marker.kwargs.get("transaction")):
        return
    assert marker and marker.kwargs.get("serialized_rollback"), (
        f"{item.nodeid}: a committing test (or one with a live server) needs "
        "django_db(transaction=True, serialized_rollback=True) (tests/conftest.py)"
    )
    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                # Content types first: receivers of the rows loaded before them would create
                # the ones they look up under new ids.
                rows = json.loads(contents)
                rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
                connection.creation.deserialize_db_from_string(json.dumps(rows))


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
