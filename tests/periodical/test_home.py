import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from periodical.wagtail_hooks import latest_issue_section
from tests.periodical.conftest import make_article, make_image, make_issue, make_person

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_latest_issue_and_its_articles(client, periodical):
    make_issue(periodical["lv"], 1, 2023, title="Vecāks numurs")
    latest = make_issue(periodical["lv"], 2, 2023, title="Jaunākais", cover_image=make_image())
    make_article(latest, "Ziņa", section="news", first_page=9)
    make_article(latest, "Teorija", section="theory", first_page=1)
    html = BeautifulSoup(client.get("/lv/").content, "html.parser")
    section = html.select_one(".home-section--periodical")
    assert section.select_one("h2").get_text() == "Sociālais darbs Latvijā: jaunākais numurs"
    assert section.select_one("h3").get_text(strip=True) == "Jaunākais"
    assert [a.get_text() for a in section.select(".home-issue__articles a")] == ["Teorija", "Ziņa"]
    assert section.select_one(".home-section__more a")["href"] == "/lv/socialais-darbs-latvija/"


def test_home_page_cover_costs_no_query_once_its_rendition_is_cached(client, periodical):
    make_issue(periodical["lv"], 1, 2023, cover_image=make_image())
    client.get("/lv/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/lv/")
    assert not [query for query in captured if "rendition" in query["sql"]]


def test_home_section_is_left_out_without_issues(client, periodical, site_tree):
    request = RequestFactory().get("/lv/")
    assert latest_issue_section(request, site_tree["lv"]) is None
    html = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert html.select_one(".home-section--periodical") is None


def test_home_section_queries_do_not_grow(periodical, site_tree):
    request = RequestFactory().get("/lv/")
    people = [make_person("Anna Bērziņa")]

    def add(start, count):
        for index in range(start, start + count):
            issue = make_issue(periodical["lv"], 1, 2000 + index, cover_image=make_image())
            for section in ("theory", "practice", "news"):
                make_article(issue, f"Raksts {index} {section}", section=section, authors=people)

    add(0, 1)
    latest_issue_section(request, site_tree["lv"])  # content types and locales get cached
    with CaptureQueriesContext(connection) as few:
        assert latest_issue_section(request, site_tree["lv"]) is not None
    add(1, 3)
    with CaptureQueriesContext(connection) as many:
        section = latest_issue_section(request, site_tree["lv"])
    assert section.items[0].year == 2003
    assert len(few) == len(many) <= 4
