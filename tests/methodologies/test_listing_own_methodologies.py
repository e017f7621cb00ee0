"""The methodology list with methodologies each test makes itself (test_listing.py has the three
it builds once for that module): pagination, query counts, what a row says in both languages."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from methodologies.models import MethodologyIndexPage, MethodologyPage
from tests.methodologies.test_listing import create_methodologies, options, titles
from tests.utils import add_page, translate
from website.models import Topic

pytestmark = pytest.mark.django_db


def test_pagination_keeps_the_filters_and_clamps_to_the_last_page(
    client, index_pages, target_groups
):
    index = index_pages["lv"]
    seniors = target_groups["seniors"]["lv"]
    create_methodologies(index, MethodologyIndexPage.per_page + 2, groups=[seniors])
    create_methodologies(index, 5, start=100)
    first = client.get("/lv/metodikas/?target=seniori")
    assert len(titles(first)) == MethodologyIndexPage.per_page
    html = BeautifulSoup(first.content, "html.parser")
    assert html.select_one(".pagination a[rel=next]")["href"] == "?target=seniori&page=2"
    last = titles(client.get("/lv/metodikas/?target=seniori&page=9999"))
    assert last == ["Metodika 012", "Metodika 013"]


def test_index_lists_in_a_fixed_number_of_queries_for_3_methodologies_or_more_than_a_page(
    client, index_pages, target_groups
):
    index = index_pages["lv"]
    groups = [target_groups["seniors"]["lv"], target_groups["community"]["lv"]]

    def queries(url):
        client.get(url)  # fills the site chrome cache
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), titles(response)

    create_methodologies(index, 3, groups=groups, topics=["aprūpe"], year=2020)
    urls = ("/lv/metodikas/", "/lv/metodikas/?target=seniori&topic=aprūpe&year=2020")
    few = {url: queries(url) for url in urls}
    # A full page and a next one: what grows with the number of methodologies shows there
    # (300 took the same number of queries, and thirty times as long to build).
    more = MethodologyIndexPage.per_page + 2
    create_methodologies(index, more - 3, start=3, groups=groups, topics=["aprūpe"], year=2020)
    for url, (count, shown) in few.items():
        many, many_shown = queries(url)
        assert len(shown) == 3 and len(many_shown) == MethodologyIndexPage.per_page
        assert many == count, f"{url}: {count} queries for 3 methodologies, {many} for {more}"
    assert MethodologyPage.objects.count() == more


def test_rows_say_year_target_groups_and_what_there_is_to_take_in_both_languages(
    client, index_pages, target_groups
):
    from tests.methodologies.utils import make_document

    page = add_page(
        index_pages["lv"],
        MethodologyPage,
        title="Metodika ar materiāliem",
        slug="ar-materialiem",
        year=2021,
        target_groups=[target_groups["seniors"]["lv"], target_groups["community"]["lv"]],
        methodical_material=make_document("Materiāls"),
        elearning_url="https://example.lv/kurss",
    )
    translate(page, slug="with-materials", title="Methodology with materials")

    def row(url):
        html = BeautifulSoup(client.get(url).content, "html.parser")
        (found,) = html.select(".listing-row")
        return {
            "title": found.select_one(".listing-row__title").get_text(strip=True),
            "when": found.select_one(".listing-row__when time")["datetime"],
            "kind": found.select_one(".listing-row__kind").get_text(strip=True),
            "available": [li.get_text() for li in found.select(".listing-row__available li")],
            "summary": found.select_one(".card__summary"),
        }

    assert row("/lv/metodikas/") == {
        "title": "Metodika ar materiāliem",
        "when": "2021",
        "kind": "Kopiena, Seniori",
        "available": ["Metodiskais materiāls", "E-mācības"],
        "summary": None,
    }
    assert row("/en/methodologies/") == {
        "title": "Methodology with materials",
        "when": "2021",
        "kind": "Community, Seniors",
        "available": ["Methodological material", "E-learning"],
        "summary": None,
    }


@pytest.mark.parametrize("topics", [1, 12])
def test_counted_filters_cost_no_query_more_than_the_list_before_counts(
    client, index_pages, target_groups, topics, django_assert_max_num_queries
):
    """The options' counts and the list's own count come from one aggregate query: with 12
    topics and years as with 1, and no more queries than the list needed before it showed
    counts (21 and 23 on main, measured with these methodologies)."""
    index = index_pages["lv"]
    groups = [target_groups["seniors"]["lv"], target_groups["community"]["lv"]]
    for number in range(topics):
        create_methodologies(
            index, 2, start=number * 2, groups=groups, topics=[f"Tēma {number}"], year=2010 + number
        )
    slug = Topic.objects.get(name="Tēma 0", locale__language_code="lv").slug
    for url, ceiling in [
        ("/lv/metodikas/", 21),
        (f"/lv/metodikas/?target=seniori&topic={slug}&year=2010", 23),
    ]:
        client.get(url)  # fills the site chrome cache
        with django_assert_max_num_queries(ceiling):
            response = client.get(url)
        assert titles(response)
    html = BeautifulSoup(response.content, "html.parser")
    assert len(options(html, "topic")) == topics
    assert options(html, "year")["2010"] == "2010 (2)"
