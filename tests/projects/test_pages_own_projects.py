"""Project pages each test makes itself, under the project index only (test_pages.py has the ones
on conftest.py's project, built once for that module): activity headings, the tree rules, query
counts, a project without funding, and counts in each language."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import ProjectIndexPage, ProjectPage
from tests.projects.conftest import output_indicator, project_fields
from tests.projects.test_pages import facts
from tests.utils import add_page, soup, text, translate
from website.models import HomePage

pytestmark = pytest.mark.django_db


def test_activity_headings_and_text_split_the_list(client, project_index):
    page = add_page(
        project_index["lv"],
        ProjectPage,
        **project_fields(
            slug="otrs",
            activities=[
                ("heading", "Turpinās"),
                ("activity", {"title": "Supervīzija", "summary": ""}),
                ("paragraph", "<p>Projekta darbības ietver arī:</p>"),
                ("activity", {"title": "Līderības mācības", "summary": ""}),
                ("activity", {"title": "Grāmata", "summary": ""}),
            ],
        ),
    )
    html = soup(client.get(page.url))
    section = html.select_one(".project__activities")
    assert section.h3.get_text() == "Turpinās"
    assert [len(ol.find_all("li")) for ol in section.select("ol")] == [1, 2]
    assert "Projekta darbības ietver arī:" in text(section)


def test_tree_rules(project_index):
    assert ProjectIndexPage in HomePage.allowed_subpage_models()
    assert ProjectIndexPage.allowed_subpage_models() == [ProjectPage]
    assert ProjectPage.allowed_parent_page_models() == [ProjectIndexPage]
    assert ProjectPage.allowed_subpage_models() == []
    assert not ProjectIndexPage.can_create_at(project_index["lv"].get_parent())


def test_project_page_queries_do_not_grow_with_indicators(client, project_index):
    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = add_page(project_index["lv"], ProjectPage, **project_fields(slug="mazs"))
    many_rows = [(year, year - 2000, 1) for year in range(2000, 2024)]
    big = add_page(
        project_index["lv"],
        ProjectPage,
        **project_fields(
            slug="liels",
            indicators=[output_indicator(f"Rādītājs {n}", many_rows) for n in range(6)],
        ),
    )
    assert count(big.url) == count(small.url)


def test_index_queries_do_not_grow_with_projects(client, project_index):
    def count():
        client.get("/lv/projekti/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/lv/projekti/")
        return len(queries)

    add_page(project_index["lv"], ProjectPage, **project_fields(slug="p0"))
    one = count()
    for number in range(1, 4):
        add_page(project_index["lv"], ProjectPage, **project_fields(slug=f"p{number}"))
    assert count() == one


def test_project_without_funding_or_end_date_renders(client, project_index):
    page = add_page(
        project_index["lv"],
        ProjectPage,
        **project_fields(
            slug="bez-summas",
            total_funding=None,
            esf_funding=None,
            end_date=None,
            start_date=date(2022, 10, 1),
            indicators=[],
            supervision_approaches=[],
            figures=[],
        ),
    )
    html = soup(client.get(page.url))
    assert facts(html)["Īstenošanas laiks"] == "2022. gada oktobris"
    assert "Kopējais finansējums" not in facts(html)
    assert html.select_one(".project__supervision") is None
    assert "Šī projekta rādītāji vēl nav publicēti." in text(
        html.select_one(".project__indicators")
    )


def test_counts_read_one_way_in_each_language(client, project_index):
    """Figures typed as "3 099" and as "2603" and the indicators' values read alike: Latvian
    groups thousands with a no-break space, English with a comma; years and text stay as typed."""
    figures = [
        ("figure", {"value": "3 099", "text": "personas"}),
        ("figure", {"value": "2603", "text": "no tām"}),
        ("figure", {"value": "85 %", "text": "ESF+"}),
    ]
    lv = add_page(
        project_index["lv"], ProjectPage, **project_fields(slug="skaitli", figures=figures)
    )
    en = translate(lv, slug="figures", title="Figures")
    expected = {lv.url: ("3\xa0099", "2\xa0603", "1\xa0161"), en.url: ("3,099", "2,603", "1,161")}
    for url, (planned, improved, total) in expected.items():
        html = soup(client.get(url))
        values = [v.get_text() for v in html.select(".figures__value")]
        assert values == [planned, improved, "85 %"], url
        row = [cell.get_text(strip=True) for cell in html.select(".indicator tbody tr")[1]("td")]
        assert html.select(".indicator tbody tr")[1].th.get_text() == "2016"
        assert row == [total, "+592"], url
