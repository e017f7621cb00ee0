"""What a page shows around its content from the published tree — its translations in the
language switcher, the breadcrumb trail, whether its list can be followed — is kept per page
(website.chrome.page_chrome) and follows every change, as readers would notice."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.utils import add_page, soup, translate
from website.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_chrome_cached(settings):
    # The whole-page cache off, so that each request renders and reads the page-chrome cache.
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def pages(site_tree):
    parent = add_page(site_tree["lv"], StandardPage, title="Par portālu", slug="par-portalu")
    child = add_page(parent, StandardPage, title="Komanda", slug="komanda")
    return {"parent": parent, "child": child}


def html(url):
    return soup(Client().get(url))


def english_link(page_html):
    return page_html.select_one('a[hreflang="en"]')["href"]


def trail(page_html):
    return [item.get_text(strip=True) for item in page_html.select(".breadcrumbs li")]


def test_the_language_switcher_follows_a_translation_published_and_restricted(site_tree, pages):
    child = pages["child"]
    assert english_link(html(child.url)) == site_tree["en"].url  # no translation yet: home
    translate(pages["parent"], slug="about", title="About")
    english = translate(child, slug="team", title="Team")
    assert english_link(html(child.url)) == english.url
    PageViewRestriction.objects.create(
        page=english, restriction_type=PageViewRestriction.PASSWORD, password="slepeni"
    )
    assert english_link(html(child.url)) == site_tree["en"].url


def test_the_breadcrumbs_follow_a_renamed_parent(pages):
    child = pages["child"]
    assert "Par portālu" in trail(html(child.url))
    parent = pages["parent"]
    parent.title = "Par mums"
    parent.save_revision().publish()
    shown = trail(html(child.url))
    assert "Par mums" in shown and "Par portālu" not in shown


def test_a_list_stops_offering_its_feed_once_restricted(client, site_tree):
    from events.models import EventIndexPage

    index = add_page(site_tree["lv"], EventIndexPage, title="Pasākumi", slug="pasakumi")
    assert html(index.url).select_one('link[type="application/atom+xml"]') is not None
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    from django.contrib.auth import get_user_model

    reader = get_user_model().objects.create_user("lasitajs", password="x")
    client.force_login(reader)
    response = client.get(index.url)
    assert response.status_code == 200
    assert b"application/atom+xml" not in response.content
