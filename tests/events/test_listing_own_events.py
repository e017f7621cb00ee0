"""The event list with events each test makes itself (none of test_listing.py's, which are built
once for that module): pagination, query counts as the list grows, approximate dates and what
a row offers, and following a filter."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.tests.utils import get_test_image_file

from events.models import EventIndexPage
from tests.events.helpers import (
    card_titles,
    conference,
    days_from_now,
    discussion,
    options,
    riga,
    seminar,
)
from tests.utils import soup
from website.models import CustomImage

pytestmark = pytest.mark.django_db


def test_pagination_keeps_filters_and_handles_bad_pages(client, event_index, monkeypatch):
    monkeypatch.setattr(EventIndexPage, "per_page", 2)
    for day in range(1, 6):
        conference(event_index["lv"], f"Konference {day}", riga(2019, 5, day, 10))
    discussion(event_index["lv"], "Diskusija", riga(2019, 6, 1, 10))

    first = client.get("/lv/pasakumi/?type=conference")
    assert card_titles(first) == ["Konference 5", "Konference 4"]
    next_link = soup(first).select_one(".pagination a[rel=next]")["href"]
    assert "type=conference" in next_link and "page=2" in next_link
    assert card_titles(client.get("/lv/pasakumi/?type=conference&page=abc")) == [
        "Konference 5",
        "Konference 4",
    ]
    assert card_titles(client.get("/lv/pasakumi/?type=conference&page=9999")) == ["Konference 1"]


def add_events(index, start, count):
    """`count` events of every type, past and upcoming, with images, topics and visits."""
    for number in range(start, start + count):
        image = CustomImage.objects.create(
            title=f"Attēls {number}", description="Konferences zāle", file=get_test_image_file()
        )
        conference(
            index,
            f"Konference {number}",
            riga(2016 + number % 8, 11, 17, 10),
            listing_image=image,
            topics=["Ētika"],
        )
        start_at, end_at = days_from_now(number + 1)
        discussion(index, f"Diskusija {number}", start_at, end_at, attendance_mode="mixed")
        seminar(
            index,
            f"Seminārs {number}",
            [
                (riga(2020, 5, 1, 10), riga(2020, 5, 1, 14), "Kuldīga", "kurzeme"),
                (riga(2020, 5, 8, 10), riga(2020, 5, 8, 14), "Preiļi", "latgale"),
            ],
            topics=["Vardarbība"],
        )


def count_queries(client, url):
    client.get(url)  # renditions and caches are made on the first view
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("query", ["", "?type=seminar", "?region=kurzeme&topic=vardarbība"])
def test_list_queries_do_not_grow_with_the_number_of_events(client, event_index, query):
    index = event_index["lv"]
    url = f"/lv/pasakumi/{query}"
    add_events(index, 0, 2)
    few, response = count_queries(client, url)
    assert len(card_titles(response)) >= 2
    add_events(index, 2, 4)  # three times as many events
    many, response = count_queries(client, url)
    assert len(card_titles(response)) >= 6
    assert many == few, f"{few} queries for 6 events, {many} for 18"


def test_rows_explain_an_approximate_date_once_and_say_what_there_is_to_see(client, event_index):
    index = event_index["lv"]
    conference(index, "Aptuvenā", riga(2019, 4, 12, 10), date_is_approximate=True)
    conference(index, "Vēl viena aptuvenā", riga(2019, 3, 12, 10), date_is_approximate=True)
    conference(
        index,
        "Ar ierakstu",
        riga(2019, 5, 14, 10),
        recordings=[{"type": "video", "value": {"video": "https://example.lv/v", "title": "x"}}],
    )
    html = soup(client.get("/lv/pasakumi/"))
    rows = {
        row.select_one(".listing-row__title").get_text(strip=True): row
        for row in html.select(".listing-row")
    }
    approximate = rows["Aptuvenā"].select_one(".listing-row__when time")
    assert approximate.get_text(strip=True) == "≈ 2019. gada aprīlis"
    assert approximate["datetime"] == "2019-04"
    assert rows["Ar ierakstu"].select_one(".listing-row__when").get_text(strip=True) == (
        "2019. gada 14. maijs"
    )
    # One explanation for the list, not "(aptuvens datums)" on every row.
    assert not any("aptuvens datums" in rows.get_text() for rows in html.select(".listing-rows"))
    assert len(html.select(".listing-rows__note")) == 1
    assert [
        li.get_text(strip=True) for li in rows["Ar ierakstu"].select(".listing-row__available li")
    ] == ["Ieraksts"]
    assert rows["Aptuvenā"].select_one(".listing-row__available") is None


@pytest.mark.parametrize("topics", [1, 12])
def test_counted_filters_cost_no_query_more_than_the_list_before_counts(
    client, event_index, topics, django_assert_max_num_queries
):
    """Every option's count comes from one aggregate query that also counts the list for its
    paginator: with 12 topics as with 1, and no more than the list needed before it showed
    counts (21 and 22 queries on main, measured with these events)."""
    from website.models import Topic

    index = event_index["lv"]
    add_events(index, 0, 2)
    for number in range(topics):
        conference(
            index,
            f"K {number}",
            riga(2021, 1, number + 1, 10),
            topics=[f"Tēma {number}"],
            region="riga",
        )
    slug = Topic.objects.get(name="Tēma 0", locale__language_code="lv").slug
    for url, ceiling in [
        ("/lv/pasakumi/", 21),
        (f"/lv/pasakumi/?type=conference&year=2021&region=riga&topic={slug}", 22),
    ]:
        client.get(url)  # renditions and caches are made on the first view
        with django_assert_max_num_queries(ceiling):
            response = client.get(url)
        assert response.status_code == 200
    html = soup(response)
    assert len(options(html, "topic")) == topics + 2  # add_events' Ētika and Vardarbība
    assert options(html, "topic")[slug] == "Tēma 0 (1)"


def test_a_followed_filter_the_list_does_not_offer_yet_follows_nothing_until_it_does(
    event_index,
):
    """A subscription means exactly its filters: following 2031's conferences before any is
    published must not mail the whole list (the page itself shows the whole list and says
    the value was left out), and the first such conference is then news."""
    index = event_index["lv"]
    conference(index, "Konference 2019", riga(2019, 5, 1, 10))
    params = {"type": "conference", "year": "2031"}
    assert list(index.followed_pages(params)) == []
    later = conference(index, "Konference 2031", riga(2031, 5, 1, 10))
    assert [page.title for page in index.followed_pages(params)] == [later.title]
