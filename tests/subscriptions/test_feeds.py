"""Atom feeds of every list as filtered, read by feedparser, linked from the list's head; only
public, published pages."""

import feedparser
import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from research.models import ResearchIndexPage
from tests.subscriptions.conftest import methodology
from tests.utils import add_page

pytestmark = pytest.mark.django_db


def feed_link(client, path):
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    (link,) = soup.find_all("link", rel="alternate", type="application/atom+xml")
    return link["href"]


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed


def test_each_list_and_filter_has_its_feed(client, listing, groups):
    seniors = methodology(listing["lv"], "Darbs ar senioriem", [groups["seniori"]])
    methodology(listing["lv"], "Kopienas darbs", [groups["kopiena"]])
    methodology(listing["lv"], "Melnraksts senioriem", [groups["seniori"]], publish=False)

    url = feed_link(client, "/lv/metodikas/?target=seniori")
    assert "target=seniori" in url
    feed = read(client, url)
    assert [entry.title for entry in feed.entries] == ["Darbs ar senioriem"]
    (entry,) = feed.entries
    assert entry.link == seniors.get_full_url()
    assert entry.summary == "Par Darbs ar senioriem."
    assert "Metodikas" in feed.feed.title

    everything = read(client, feed_link(client, "/lv/metodikas/"))
    assert {entry.title for entry in everything.entries} == {
        "Darbs ar senioriem",
        "Kopienas darbs",
    }
    # The home page: everything new in its language.
    site = read(client, feed_link(client, "/lv/"))
    assert {entry.title for entry in site.entries} >= {"Darbs ar senioriem", "Kopienas darbs"}
    assert "Melnraksts senioriem" not in {entry.title for entry in site.entries}


def test_search_filters_have_a_feed(client, listing, groups, site_tree):
    methodology(listing["lv"], "Darbs ar senioriem", [groups["seniori"]])
    research = add_page(site_tree["lv"], ResearchIndexPage, title="Pētījumi", slug="petijumi")
    soup = BeautifulSoup(
        client.get("/lv/meklet/?type=methodologies.methodologypage").content, "html.parser"
    )
    (link,) = soup.find_all("link", rel="alternate", type="application/atom+xml")
    feed = read(client, link["href"])
    assert [entry.title for entry in feed.entries] == ["Darbs ar senioriem"]
    # Without a filter the search page has nothing to follow.
    plain = BeautifulSoup(client.get("/lv/meklet/?q=darbs").content, "html.parser")
    assert not plain.find_all("link", type="application/atom+xml")
    assert research.live


def test_restricted_lists_have_no_feed_and_restricted_pages_are_left_out(
    client, listing, groups, site_tree
):
    methodology(listing["lv"], "Darbs ar senioriem", [groups["seniori"]])
    restricted = PageViewRestriction.objects.create(
        page=listing["lv"], restriction_type=PageViewRestriction.PASSWORD, password="slepens"
    )
    assert client.get(f"/lv/sekot/atom/{listing['lv'].pk}/").status_code == 404
    site = read(client, "/lv/sekot/atom/")
    assert "Darbs ar senioriem" not in {entry.title for entry in site.entries}
    restricted.delete()
    assert "Darbs ar senioriem" in {e.title for e in read(client, "/lv/sekot/atom/").entries}


def test_english_lists_have_english_feeds(client, listing, groups):
    url = feed_link(client, "/en/methodologies/")
    assert url.startswith("/en/follow/atom/")
    feed = read(client, url)
    assert feed.feed.title.startswith("Methodologies")
    assert client.get("/lv/sekot/atom/999999/").status_code == 404
