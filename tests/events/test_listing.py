"""The event list: order, groups, filters (valid and not), pagination, query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.tests.utils import get_test_image_file

from events.dates import riga as riga_time
from events.models import EventIndexPage
from tests.events.helpers import conference, days_from_now, discussion, riga, seminar
from tests.utils import soup, translate
from website.models import CustomImage

pytestmark = pytest.mark.django_db


def card_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".listing-row__title a")]


def group_headings(response):
    return [h.get_text(strip=True) for h in soup(response).select(".events-group h2")]


@pytest.fixture
def events(event_index):
    index = event_index["lv"]
    soon, soon_end = days_from_now(10)
    later, later_end = days_from_now(40)
    pages = {
        "conf_2022": conference(
            index, "Viņi ir mēs", riga(2022, 11, 17, 10), topics=["Dažādība"], region="riga"
        ),
        "conf_2023": conference(index, "Bērns. Pusaudzis. Jaunietis", riga(2023, 11, 16, 10)),
        "disc_2023": discussion(
            index, "Profesionālā valoda sociālajā darbā", riga(2023, 4, 20, 13), topics=["Valoda"]
        ),
        "kuldiga": seminar(
            index,
            "Attālinātās mācīšanas sekas bērnos",
            [(riga(2020, 9, 10, 10), riga(2020, 9, 10, 14), "Kuldīga", "kurzeme")],
            topics=["Dažādība"],
        ),
        "later": discussion(index, "Vēlāk", later, later_end),
        "soon": seminar(
            index, "Drīz", [(soon, soon_end, "Preiļi", "latgale")], topics=["Dažādība"]
        ),
    }
    translate(pages["conf_2022"], slug="they-are-us", title="They Are Us", theme="They Are Us")
    return pages


def test_upcoming_first_soonest_first_then_past_by_year(client, events):
    response = client.get("/lv/pasakumi/")
    assert response.status_code == 200
    assert card_titles(response) == [
        "Drīz",
        "Vēlāk",
        "Bērns. Pusaudzis. Jaunietis",
        "Profesionālā valoda sociālajā darbā",
        "Viņi ir mēs",
        "Attālinātās mācīšanas sekas bērnos",
    ]
    assert group_headings(response) == ["Gaidāmie pasākumi", "2023", "2022", "2020"]
    html = soup(response)
    assert html.html["lang"] == "lv"
    assert "6 pasākumi" in html.select_one(".events-count").get_text()
    # Rows say when, what kind of event it is and where.
    first = html.select_one(".listing-row")
    assert first.select_one(".listing-row__kind").get_text(strip=True) == "Reģionālais seminārs"
    assert "Preiļi" in first.select_one(".listing-row__meta").get_text()
    assert first.select_one(".listing-row__when time")["datetime"].startswith(
        str(events["soon"].start.year)
    )


def test_only_the_active_language_is_listed(client, events):
    response = client.get("/en/events/")
    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    assert card_titles(response) == ["They Are Us"]
    assert group_headings(response) == ["2022"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=conference", ["Bērns. Pusaudzis. Jaunietis", "Viņi ir mēs"]),
        ("type=seminar", ["Drīz", "Attālinātās mācīšanas sekas bērnos"]),
        ("year=2023", ["Bērns. Pusaudzis. Jaunietis", "Profesionālā valoda sociālajā darbā"]),
        ("region=kurzeme", ["Attālinātās mācīšanas sekas bērnos"]),
        ("region=riga", ["Viņi ir mēs"]),
        ("topic=dažādība", ["Drīz", "Viņi ir mēs", "Attālinātās mācīšanas sekas bērnos"]),
        ("type=seminar&topic=dažādība&year=2020", ["Attālinātās mācīšanas sekas bērnos"]),
        ("type=discussion&year=2022", []),
    ],
)
def test_filters_work_alone_and_combined(client, events, query, expected):
    response = client.get(f"/lv/pasakumi/?{query}")
    assert response.status_code == 200
    assert card_titles(response) == expected
    if not expected:
        assert "Šai atlasei neatbilst neviens pasākums." in response.content.decode()


def test_filter_form_offers_what_exists_and_keeps_the_choice(client, events):
    html = soup(client.get("/lv/pasakumi/?year=2022&type=conference"))
    form = html.select_one("form.filters")
    assert form["method"] == "get"
    years = [option["value"] for option in form.select("select[name=year] option")]
    upcoming_years = {str(riga_time(events[key].start).year) for key in ("soon", "later")}
    assert years == ["", *sorted(upcoming_years, reverse=True), "2023", "2022", "2020"]
    topics = [option.get_text() for option in form.select("select[name=topic] option")]
    # Each option says how many events it gives with the other filters (2022, conferences).
    assert topics == ["Visas tēmas", "Dažādība (1)", "Valoda (0)"]
    assert form.select_one("select[name=year] option[selected]")["value"] == "2022"
    assert form.select_one("select[name=type] option[selected]")["value"] == "conference"
    # Every control has a label.
    for control in form.select("select"):
        assert form.select_one(f"label[for={control['id']}]") is not None


def options(html, name):
    return {
        option["value"]: option.get_text()
        for option in html.select(f"select[name={name}] option")
        if option["value"]
    }


def test_filter_options_count_seminars_by_the_regions_they_visit(client, events):
    html = soup(client.get("/lv/pasakumi/?type=seminar"))
    regions = options(html, "region")
    assert regions["kurzeme"] == "Kurzeme (1)"
    assert regions["latgale"] == "Latgale (1)"
    assert regions["riga"] == "Rīga (0)"
    # The type's own options are counted without the type filter.
    assert options(html, "type") == {
        "conference": "Konferences (2)",
        "discussion": "Tematiskās diskusijas (2)",
        "seminar": "Reģionālie semināri (2)",
    }
    html = soup(client.get("/lv/pasakumi/?region=kurzeme"))
    assert options(html, "type")["conference"] == "Konferences (0)"
    assert options(html, "year")["2020"] == "2020 (1)"


# With the filters' cache (website.filters.cached_filters) on too: each choice of filters
# must get its own counts.
@pytest.mark.parametrize("cache_seconds", [0, 600])
@pytest.mark.parametrize("query", ["", "type=seminar", "year=2023", "region=riga&topic=dazadiba"])
def test_every_option_count_is_what_the_list_gives_when_chosen(
    client, events, query, cache_seconds, settings
):
    settings.LISTING_CACHE_SECONDS = cache_seconds
    chosen = dict(pair.split("=") for pair in query.split("&") if pair)
    html = soup(client.get(f"/lv/pasakumi/?{query}"))
    checked = 0
    for name in ("type", "year", "region", "topic"):
        for value, label in options(html, name).items():
            response = client.get("/lv/pasakumi/", {**chosen, name: value})
            shown = len(card_titles(response))
            assert label.endswith(f"({shown})"), (name, value, label, shown)
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    "query",
    [
        "type=webinar",
        "year=abc",
        "year=1850",
        "year=99999999999999999999",
        "region=atlantis",
        "topic=no-such-topic",
        "type=&year=&region=&topic=",
        "year=2023&year=2022",
        "page=abc",
        "page=-1",
        "page=9999",
        "type=%00",
    ],
)
def test_invalid_filter_values_give_a_normal_page(client, events, query):
    response = client.get(f"/lv/pasakumi/?{query}")
    assert response.status_code == 200
    assert len(card_titles(response)) >= 1


def test_an_unknown_value_is_ignored_and_said_so(client, events):
    response = client.get("/lv/pasakumi/?type=webinar&year=2023")
    assert card_titles(response) == [
        "Bērns. Pusaudzis. Jaunietis",
        "Profesionālā valoda sociālajā darbā",
    ]
    assert "netika atpazītas" in soup(response).select_one(".notice").get_text()


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


def test_calendar_feeds_are_offered(client, events):
    html = soup(client.get("/lv/pasakumi/"))
    assert html.select_one('link[rel=alternate][type="text/calendar"]')["href"] == (
        "/lv/pasakumi/ical/"
    )
    feeds = [a["href"] for a in html.select(".event-feeds a")]
    assert feeds == [
        "/lv/pasakumi/ical/",
        "/lv/pasakumi/ical/conference/",
        "/lv/pasakumi/ical/discussion/",
        "/lv/pasakumi/ical/seminar/",
    ]


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


def test_cached_counts_follow_publishing_unpublishing_and_restricting(client, events, settings):
    """The filters' options and counts are kept between requests (LISTING_CACHE_SECONDS), and
    every change to what the public may see counts again."""
    from wagtail.models import PageViewRestriction

    settings.LISTING_CACHE_SECONDS = 600
    index = events["conf_2022"].get_parent()
    assert options(soup(client.get("/lv/pasakumi/")), "year")["2022"] == "2022 (1)"
    assert "2019" not in options(soup(client.get("/lv/pasakumi/?type=conference")), "year")

    added = conference(index, "Jauna konference", riga(2022, 3, 1, 10))
    older = conference(index, "Senāka konference", riga(2019, 5, 1, 10))
    html = soup(client.get("/lv/pasakumi/"))
    assert options(html, "year")["2022"] == "2022 (2)"
    assert options(html, "year")["2019"] == "2019 (1)"
    assert options(html, "type")["conference"] == "Konferences (4)"

    added.unpublish()
    assert options(soup(client.get("/lv/pasakumi/")), "year")["2022"] == "2022 (1)"

    PageViewRestriction.objects.create(
        page=older, restriction_type=PageViewRestriction.PASSWORD, password="slepeni"
    )
    html = soup(client.get("/lv/pasakumi/?type=conference"))
    assert "2019" not in options(html, "year")
    assert options(html, "type")["conference"] == "Konferences (2)"
    assert "Senāka konference" not in card_titles(client.get("/lv/pasakumi/?year=2019"))


def test_made_up_filter_values_add_no_cache_entries(client, events, settings):
    """Values no list has are ignored, and so answered from the entry of the list without
    them: crawlers inventing addresses cannot fill the cache."""
    from django.core.cache import cache

    settings.LISTING_CACHE_SECONDS = 600
    client.get("/lv/pasakumi/")  # (the first request stores the site's settings: a change)
    client.get("/lv/pasakumi/?topic=nav-tadas-1")
    entries = sorted(cache._cache)
    for made_up in ("topic=nav-tadas-2", "region=atlantida", "year=1850", "type=vebinars"):
        assert client.get(f"/lv/pasakumi/?{made_up}").status_code == 200
    assert sorted(cache._cache) == entries


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
