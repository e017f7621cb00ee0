"""The event list on six events built once for the module: order, groups, filters (valid and
not), option counts and their cache, feeds (test_listing_own_events.py: the tests that make
events of their own)."""

import pytest

from events.dates import riga as riga_time
from tests.events.helpers import (
    card_titles,
    conference,
    days_from_now,
    discussion,
    options,
    riga,
    seminar,
)
from tests.shared import shared_fixture
from tests.utils import soup, translate

pytestmark = pytest.mark.django_db


def group_headings(response):
    return [h.get_text(strip=True) for h in soup(response).select(".events-group h2")]


@shared_fixture
def listed_events(event_index):
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


def test_upcoming_first_soonest_first_then_past_by_year(client, listed_events):
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
        str(listed_events["soon"].start.year)
    )


def test_only_the_active_language_is_listed(client, listed_events):
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
def test_filters_work_alone_and_combined(client, listed_events, query, expected):
    response = client.get(f"/lv/pasakumi/?{query}")
    assert response.status_code == 200
    assert card_titles(response) == expected
    if not expected:
        assert "Šai atlasei neatbilst neviens pasākums." in response.content.decode()


def test_filter_form_offers_what_exists_and_keeps_the_choice(client, listed_events):
    html = soup(client.get("/lv/pasakumi/?year=2022&type=conference"))
    form = html.select_one("form.filters")
    assert form["method"] == "get"
    years = [option["value"] for option in form.select("select[name=year] option")]
    upcoming_years = {str(riga_time(listed_events[key].start).year) for key in ("soon", "later")}
    assert years == ["", *sorted(upcoming_years, reverse=True), "2023", "2022", "2020"]
    topics = [option.get_text() for option in form.select("select[name=topic] option")]
    # Each option says how many events it gives with the other filters (2022, conferences).
    assert topics == ["Visas tēmas", "Dažādība (1)", "Valoda (0)"]
    assert form.select_one("select[name=year] option[selected]")["value"] == "2022"
    assert form.select_one("select[name=type] option[selected]")["value"] == "conference"
    # Every control has a label.
    for control in form.select("select"):
        assert form.select_one(f"label[for={control['id']}]") is not None


def test_filter_options_count_seminars_by_the_regions_they_visit(client, listed_events):
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
    client, listed_events, query, cache_seconds, settings
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
def test_invalid_filter_values_give_a_normal_page(client, listed_events, query):
    response = client.get(f"/lv/pasakumi/?{query}")
    assert response.status_code == 200
    assert len(card_titles(response)) >= 1


def test_an_unknown_value_is_ignored_and_said_so(client, listed_events):
    response = client.get("/lv/pasakumi/?type=webinar&year=2023")
    assert card_titles(response) == [
        "Bērns. Pusaudzis. Jaunietis",
        "Profesionālā valoda sociālajā darbā",
    ]
    assert "netika atpazītas" in soup(response).select_one(".notice").get_text()


def test_calendar_feeds_are_offered(client, listed_events):
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


def test_cached_counts_follow_publishing_unpublishing_and_restricting(
    client, listed_events, settings
):
    """The filters' options and counts are kept between requests (LISTING_CACHE_SECONDS), and
    every change to what the public may see counts again."""
    from wagtail.models import PageViewRestriction

    settings.LISTING_CACHE_SECONDS = 600
    index = listed_events["conf_2022"].get_parent()
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


def test_made_up_filter_values_add_no_cache_entries(client, listed_events, settings):
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
