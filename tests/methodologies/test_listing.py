"""The methodology list on three methodologies built once for the module: order, filters and
their counts, bad values, the English list (test_listing_own_methodologies.py: the tests that make
methodologies of their own)."""

import pytest
from bs4 import BeautifulSoup

from methodologies.models import MethodologyPage
from tests.shared import shared_fixture
from tests.utils import add_page, translate, translate_topic, with_topics
from website.models import Topic

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in html.select(".listing-rows .listing-row__title a")]


def create_methodologies(index, count, start=0, groups=(), topics=(), year=None):
    """Live methodologies without revisions: enough for lists, quick to create in hundreds."""
    pages = []
    for number in range(start, start + count):
        page = MethodologyPage(
            title=f"Metodika {number:03d}",
            slug=f"metodika-{number:03d}",
            locale=index.locale,
            live=True,
            year=year,
            listing_summary=f"Kopsavilkums {number}",
            target_groups=list(groups),
        )
        if topics:
            with_topics(page, topics)
        index.add_child(instance=page)
        pages.append(page)
    return pages


@shared_fixture
def listed(index_pages, target_groups):
    index = index_pages["lv"]
    seniors = add_page(
        index,
        MethodologyPage,
        title="Senioriem 2019",
        slug="senioriem",
        year=2019,
        target_groups=[target_groups["seniors"]["lv"]],
        topics=["aprūpe"],
    )
    community = add_page(
        index,
        MethodologyPage,
        title="Kopienai 2021",
        slug="kopienai",
        year=2021,
        target_groups=[target_groups["community"]["lv"]],
        topics=["aprūpe", "kopienas darbs"],
    )
    both = add_page(
        index,
        MethodologyPage,
        title="Abām grupām 2021",
        slug="abam",
        year=2021,
        target_groups=[target_groups["seniors"]["lv"], target_groups["community"]["lv"]],
    )
    # The English page keeps the Latvian page's topics, shown by their English translation.
    translate_topic(Topic.objects.get(name="aprūpe"), "care")
    translate(seniors, slug="seniors", title="For seniors 2019")
    return {"seniors": seniors, "community": community, "both": both}


def test_unfiltered_list_is_newest_first_then_by_title(client, listed):
    assert titles(client.get("/lv/metodikas/")) == [
        "Abām grupām 2021",
        "Kopienai 2021",
        "Senioriem 2019",
    ]


def test_filter_by_target_group_topic_and_year_combine(client, listed):
    assert titles(client.get("/lv/metodikas/?target=seniori")) == [
        "Abām grupām 2021",
        "Senioriem 2019",
    ]
    assert titles(client.get("/lv/metodikas/?topic=aprūpe")) == [
        "Kopienai 2021",
        "Senioriem 2019",
    ]
    assert titles(client.get("/lv/metodikas/?year=2021")) == ["Abām grupām 2021", "Kopienai 2021"]
    assert titles(client.get("/lv/metodikas/?target=seniori&year=2021")) == ["Abām grupām 2021"]
    assert titles(client.get("/lv/metodikas/?target=kopiena&topic=aprūpe&year=2021")) == [
        "Kopienai 2021"
    ]


def test_filter_form_offers_only_values_in_use_and_keeps_the_choice(client, listed):
    html = BeautifulSoup(client.get("/lv/metodikas/?target=kopiena").content, "html.parser")
    options = {
        name: [option["value"] for option in html.select(f"select[name={name}] option")]
        for name in ("target", "topic", "year")
    }
    assert options == {
        "target": ["", "kopiena", "seniori"],
        "topic": ["", "aprūpe", "kopienas-darbs"],
        "year": ["", "2021", "2019"],
    }
    assert html.select_one("select[name=target] option[selected]")["value"] == "kopiena"
    # Every control has a label, and the form submits without JavaScript.
    for control in html.select(".filters select"):
        assert html.select_one(f"label[for={control['id']}]") is not None
    assert html.select_one(".filters")["method"] == "get"
    assert html.select_one(".filters button[type=submit]") is not None


def test_english_list_shows_english_pages_and_filters_by_english_slug(client, listed):
    assert titles(client.get("/en/methodologies/")) == ["For seniors 2019"]
    assert titles(client.get("/en/methodologies/?target=seniors")) == ["For seniors 2019"]
    # The Latvian slug is not one the English list offers: left out, and the page says so.
    latvian_slug = client.get("/en/methodologies/?target=seniori")
    assert titles(latvian_slug) == ["For seniors 2019"]
    assert (
        "were not recognised"
        in BeautifulSoup(latvian_slug.content, "html.parser").select_one(".notice").get_text()
    )
    assert titles(client.get("/en/methodologies/?topic=care")) == ["For seniors 2019"]
    html = BeautifulSoup(client.get("/en/methodologies/").content, "html.parser")
    assert [o.get_text() for o in html.select("select[name=target] option")] == [
        "All target groups",
        "Seniors (1)",
    ]


def options(html, name):
    return {
        option["value"]: option.get_text()
        for option in html.select(f"select[name={name}] option")
        if option["value"]
    }


def test_filter_options_say_how_many_each_gives_with_the_other_filters(client, listed):
    html = BeautifulSoup(client.get("/lv/metodikas/?year=2021").content, "html.parser")
    assert options(html, "target") == {"kopiena": "Kopiena (2)", "seniori": "Seniori (1)"}
    assert options(html, "topic") == {
        "aprūpe": "aprūpe (1)",
        "kopienas-darbs": "kopienas darbs (1)",
    }
    # The year's own options count without the year: what choosing another year would give.
    assert options(html, "year") == {"2021": "2021 (2)", "2019": "2019 (1)"}
    # An option that gives nothing stays, with (0), and choosing it gives a normal empty list.
    html = BeautifulSoup(
        client.get("/lv/metodikas/?year=2019&target=seniori").content, "html.parser"
    )
    assert options(html, "topic")["kopienas-darbs"] == "kopienas darbs (0)"
    response = client.get("/lv/metodikas/?year=2019&target=seniori&topic=kopienas-darbs")
    assert titles(response) == []
    assert "Neviena metodika neatbilst" in response.content.decode()


# With the filters' cache (website.filters.cached_filters) on too: each choice of filters
# must get its own counts.
@pytest.mark.parametrize("cache_seconds", [0, 600])
@pytest.mark.parametrize("query", ["", "?year=2021", "?target=seniori&topic=aprūpe", "?year=2019"])
def test_every_option_count_is_what_the_database_and_the_list_give(
    client, listed, query, cache_seconds, settings
):
    """Each option's number = the methodologies the database has for it with the other filters,
    = the rows the list shows when it is chosen."""
    settings.LISTING_CACHE_SECONDS = cache_seconds
    chosen = dict(pair.split("=") for pair in query.lstrip("?").split("&") if pair)
    html = BeautifulSoup(client.get(f"/lv/metodikas/{query}").content, "html.parser")
    for name in ("target", "topic", "year"):
        for value, label in options(html, name).items():
            params = {**chosen, name: value}
            pages = MethodologyPage.objects.live().filter(locale__language_code="lv")
            if "target" in params:
                pages = pages.filter(target_groups__slug=params["target"])
            if "topic" in params:
                pages = pages.filter(topic_items__topic__slug=params["topic"])
            if "year" in params:
                pages = pages.filter(year=int(params["year"]))
            expected = pages.distinct().count()
            assert label.endswith(f"({expected})"), (name, value, label, expected)
            shown = titles(client.get("/lv/metodikas/", params))
            assert len(shown) == expected, (name, value)


@pytest.mark.parametrize(
    ("query", "expected", "noticed"),
    [
        # Values the list does not offer: left out (the whole list), and said so.
        ("?year=abc", 3, True),
        ("?year=1800", 3, True),
        ("?year=%C2%B2", 3, True),  # a digit to str.isdigit, but not a number to int()
        ("?target=nonexistent", 3, True),
        ("?topic=nonexistent", 3, True),
        ("?target=%00", 3, True),
        ("?topic=%00", 3, True),
        ("?year=2021%00", 3, True),
        ("?year=" + "9" * 5000, 3, True),  # beyond what int() converts
        ("?year=0000", 3, True),
        ("?target=nonexistent&year=2021", 2, True),  # the other filter still applies
        # No filter, or a page number that is not one: the list, nothing to say.
        ("?target=", 3, False),
        ("?page=abc", 3, False),
        ("?page=9999", 3, False),
        ("?page=-1", 3, False),
    ],
)
def test_bad_filter_values_give_a_normal_page(client, listed, query, expected, noticed):
    response = client.get(f"/lv/metodikas/{query}")
    assert response.status_code == 200
    assert len(titles(response)) == expected
    notice = BeautifulSoup(response.content, "html.parser").select_one(".filters + .notice")
    assert (notice is not None and "netika atpazītas" in notice.get_text()) == noticed


def test_made_up_filter_values_share_one_cache_entry(client, listed, settings):
    """Unknown target groups, topics and years are left out, so answered from the entry of the
    list without them: crawlers inventing addresses cannot fill the cache."""
    from django.core.cache import cache

    settings.LISTING_CACHE_SECONDS = 600
    client.get("/lv/metodikas/")  # (the first request stores the site's settings: a change)
    client.get("/lv/metodikas/?target=nav-1&topic=nav-1&year=1850")
    entries = sorted(cache._cache)
    for made_up in ("target=nav-2&topic=nav-2&year=1851", "target=x&topic=y&year=2999"):
        assert len(titles(client.get(f"/lv/metodikas/?{made_up}"))) == 3
    assert sorted(cache._cache) == entries
