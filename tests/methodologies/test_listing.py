import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from methodologies.models import MethodologyIndexPage, MethodologyPage
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


@pytest.fixture
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
