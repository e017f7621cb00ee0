"""Anonymous page views come from the cache, and nothing stale is served after a change."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from tests.utils import add_page
from website.cache import VERSION_KEY
from website.models import FooterText, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def page(site_tree):
    # The site settings row is created on the first view of a new site; create it before, as
    # the demo loader does, so that the first view below is not also the first change.
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return add_page(
        site_tree["lv"],
        StandardPage,
        title="Supervīzija sociālajā darbā",
        slug="supervizija",
        listing_summary="Kā pašvaldībās organizē supervīziju.",
    )


def test_a_second_anonymous_view_is_served_from_the_cache_without_queries(
    client, page, django_assert_num_queries
):
    first = client.get(page.url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]

    with django_assert_num_queries(0):
        second = client.get(page.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_publishing_a_change_shows_at_once(client, page):
    client.get(page.url)
    page.title = "Supervīzija: jauna redakcija"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Supervīzija: jauna redakcija" in response.text


def test_unpublishing_removes_the_page_from_every_cached_list(client, site_tree, page):
    home = site_tree["lv"]
    client.get(home.url)
    client.get(page.url)
    Page.objects.get(pk=page.pk).specific.unpublish()
    assert client.get(page.url).status_code == 404
    assert client.get(home.url)["X-Page-Cache"] == "miss"


def test_a_snippet_change_reaches_pages_that_show_it(client, site_tree, page):
    client.get(page.url)
    FooterText.objects.update_or_create(
        locale=site_tree["lv"].locale,
        defaults={
            "organisation": "Labklājības ministrijas Sociālo pakalpojumu departaments",
            "funding_statement": "<p>Projektu līdzfinansē Eiropas Sociālais fonds.</p>",
        },
    )
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Sociālo pakalpojumu departaments" in response.text


def test_draft_saves_do_not_empty_the_cache(client, page):
    client.get(page.url)
    version = cache.get(VERSION_KEY)
    page.title = "Melnraksts"
    page.save_revision()  # a draft: the live page is unchanged
    assert cache.get(VERSION_KEY) == version
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Melnraksts" not in response.text


def test_each_query_string_is_its_own_entry(client, site_tree, page):
    search = "/lv/meklet/"
    found = client.get(search, {"q": "supervizija"})
    nothing = client.get(search, {"q": "kosmonautika"})
    assert "Supervīzija sociālajā darbā" in found.text
    assert "Supervīzija sociālajā darbā" not in nothing.text
    assert client.get(search, {"q": "supervizija"})["X-Page-Cache"] == "hit"


def test_signed_in_editors_are_never_served_or_stored(admin_client, client, page):
    response = admin_client.get(page.url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    # What the editor saw (with the user bar) was not stored for anonymous readers.
    assert client.get(page.url)["X-Page-Cache"] == "miss"


def test_the_admin_is_never_cached(admin_client, page):
    for url in ("/admin/", f"/admin/pages/{page.pk}/edit/"):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")


def test_not_found_is_not_cached(client, site_tree):
    assert client.get("/lv/nav-tadas-lapas/").status_code == 404
    assert client.get("/lv/nav-tadas-lapas/").get("X-Page-Cache") is None


def test_turned_off_with_zero_seconds(client, page, settings):  # as in the other tests
    settings.PAGE_CACHE_SECONDS = 0
    client.get(page.url)
    assert "X-Page-Cache" not in client.get(page.url)


@pytest.mark.parametrize(
    ("redis_url", "expected"), [("", "0"), ("redis://127.0.0.1:6379/15", "600")]
)
def test_production_caches_pages_only_with_a_cache_shared_by_the_workers(redis_url, expected):
    from tests import production

    result = production.settings(
        "s.PAGE_CACHE_SECONDS", env={"REDIS_URL": redis_url}, unset=("PAGE_CACHE_SECONDS",)
    )
    assert result.stdout.strip() == expected, result.stderr


def test_home_sections_are_rendered_once_per_content_version(
    client, site_tree, settings, django_assert_max_num_queries
):
    from website.models import HomeFeaturedItem

    settings.PAGE_CACHE_SECONDS = 0  # every view renders; only the sections are kept
    settings.HOME_SECTIONS_CACHE_SECONDS = 600
    home = site_tree["lv"]
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # as the `page` fixture
    first = add_page(home, StandardPage, title="Izcelta lapa", slug="izcelta")
    HomeFeaturedItem.objects.create(home=home, page=first, sort_order=0)
    client.get("/lv/")
    with django_assert_max_num_queries(15):
        response = client.get("/lv/")
    assert "Izcelta lapa" in response.text

    second = add_page(home, StandardPage, title="Jauna izcelta lapa", slug="jauna")
    HomeFeaturedItem.objects.create(home=home, page=second, sort_order=1)
    assert "Jauna izcelta lapa" in client.get("/lv/").text
    # Each language has its own rendering.
    assert 'lang="en"' in client.get("/en/").text


def test_an_image_rendered_for_the_first_time_changes_nothing(client, page):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(
        title="Foto", file=get_test_image_file(), description="Sociālā darbiniece"
    )
    version = cache.get(VERSION_KEY) or cache.get_or_set(VERSION_KEY, "v1", None)
    image.get_rendition("fill-100x100")
    assert cache.get(VERSION_KEY) == version
