"""The memorandum's tracker: totals counted from the Municipality records, list and map agree."""

from datetime import date

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from campaign.latvia_map import SHADES, shade
from campaign.models import Municipality
from website.choices import PlanningRegion

# No module-wide django_db mark: the tests that use the database ask for `memorandum`, built
# once for the module (tests/shared.py); the shades test uses none.

MUNICIPALITIES = [
    ("Kuldīgas novads", "kurzeme"),
    ("Liepāja", "kurzeme"),
    ("Ventspils", "kurzeme"),
    ("Rīga", "riga"),
    ("Ķekavas novads", "riga"),
    ("Ādažu novads", "riga"),
    ("Jūrmala", "riga"),
    ("Cēsu novads", "vidzeme"),
]


def add_municipalities(records, **extra):
    for name, region in records:
        Municipality.objects.create(name=name, planning_region=region, **extra)


def page(client, url="/lv/celamies-kopa/memorands/"):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def region_counts(html):
    """{region label: count} as the list's headings show them."""
    counts = {}
    for heading in html.select(".tracker__region"):
        count = heading.select_one(".tracker__count").get_text(strip=True).strip("()")
        counts[heading.contents[0].strip()] = int(count)
    return counts


def test_total_and_region_counts_equal_the_records(client, memorandum):
    add_municipalities(MUNICIPALITIES)
    html = page(client)
    total = html.select_one(".tracker__total").get_text(strip=True)
    assert total == "Memorandam pievienojušās 8 pašvaldības."
    assert region_counts(html) == {
        "Kurzeme": 3,
        "Latgale": 0,
        "Rīga": 4,
        "Vidzeme": 1,
        "Zemgale": 0,
    }
    assert len(html.select(".tracker__municipalities li")) == Municipality.objects.count()
    # Regions without members say so instead of showing an empty list.
    assert html.select(".tracker .meta")[0].get_text(strip=True) == "Pagaidām nav."


def test_the_total_follows_the_records_it_is_not_typed(client, memorandum):
    add_municipalities(MUNICIPALITIES)
    Municipality.objects.create(name="Preiļu novads", planning_region="latgale")
    html = page(client)
    # 9 is "pašvaldības"; Latvian uses the singular after 1, 21, 31…
    assert (
        html.select_one(".tracker__total")
        .get_text(strip=True)
        .startswith("Memorandam pievienojušās 9")
    )
    Municipality.objects.filter(name__in=["Liepāja", "Ventspils", "Rīga"]).delete()
    for index in range(15):
        Municipality.objects.create(name=f"Pašvaldība {index}", planning_region="zemgale")
    html = page(client)
    assert html.select_one(".tracker__total").get_text(strip=True) == (
        "Memorandam pievienojusies 21 pašvaldība."
    )
    english = page(client, "/en/lets-rise-together/memorandum/")
    assert english.select_one(".tracker__total").get_text(strip=True) == (
        "21 municipalities have joined the memorandum."
    )


def test_list_is_grouped_by_region_in_latvian_alphabetical_order(client, memorandum):
    add_municipalities(MUNICIPALITIES)
    html = page(client)
    riga = html.select(".tracker__municipalities")[1]
    names = [item.select_one("span[lang=lv]").get_text() for item in riga.select("li")]
    assert names == ["Ādažu novads", "Jūrmala", "Ķekavas novads", "Rīga"]


def test_each_record_shows_its_date_decision_and_demo_mark(client, memorandum):
    Municipality.objects.create(
        name="Cēsu novads",
        planning_region="vidzeme",
        date_joined=date(2022, 12, 15),
        decision_reference="Domes 2022. gada 15. decembra lēmums Nr. 5",
        decision_url="https://example.org/lemums-5",
    )
    Municipality.objects.create(name="Rīga", planning_region="riga", is_demo=True)
    html = page(client)
    items = {li.select_one("span[lang=lv]").get_text(): li for li in html.select(".tracker li")}
    cesis = items["Cēsu novads"]
    assert cesis.select_one("time")["datetime"] == "2022-12-15"
    assert "2022. gada 15. decembris" in cesis.get_text()
    link = cesis.select_one("a")
    assert link["href"] == "https://example.org/lemums-5"
    assert link.get_text(strip=True) == "Domes 2022. gada 15. decembra lēmums Nr. 5"
    assert cesis.select_one(".tracker__demo") is None
    assert items["Rīga"].select_one(".tracker__demo").get_text(strip=True) == "demo"


def test_demo_records_are_announced_and_real_ones_are_not(client, memorandum):
    Municipality.objects.create(name="Rīga", planning_region="riga")
    assert "Demonstrācijas dati" not in page(client).select_one(".tracker").get_text()
    Municipality.objects.create(name="Jūrmala", planning_region="riga", is_demo=True)
    assert "Demonstrācijas dati" in page(client).select_one(".tracker").get_text()


def test_map_is_an_accessible_svg_with_the_same_counts(client, memorandum):
    add_municipalities(MUNICIPALITIES)
    html = page(client)
    svg = html.select_one("svg.region-map")
    assert svg["role"] == "img"
    title = html.find(id=svg["aria-labelledby"])
    assert title.name == "title" and "plānošanas reģionu karte" in title.get_text()
    description = html.find(id=svg["aria-describedby"]).get_text()
    assert "Kurzeme: 3" in description and "Latgale: 0" in description
    regions = {path["data-region"]: path for path in svg.select("path.region-map__region")}
    assert set(regions) == {region.value for region in PlanningRegion}
    assert regions["riga"].title.get_text() == "Rīga: 4 pašvaldības"
    assert regions["vidzeme"].title.get_text() == "Vidzeme: 1 pašvaldība"
    list_counts = region_counts(html)
    for region in PlanningRegion:
        assert int(regions[region.value]["data-count"]) == list_counts[str(region.label)]
    # Shades follow the counts: the region with most is darkest, empty ones the lightest.
    assert regions["riga"]["fill"] == SHADES[4]
    assert regions["latgale"]["fill"] == SHADES[0]
    # The SVG is well-formed XML with coordinates a browser can read in any language.
    etree.fromstring(str(svg).encode())


def test_map_coordinates_use_a_decimal_point_in_latvian(client, memorandum):
    add_municipalities(MUNICIPALITIES[:1])
    svg = page(client).select_one("svg.region-map")
    for label in svg.select("text.region-map__label"):
        float(label["x"])
        float(label["y"])


def test_shades():
    assert shade(0, 10) == SHADES[0]
    assert shade(10, 10) == SHADES[4]
    assert shade(1, 10) == SHADES[1]
    assert shade(6, 10) == SHADES[3]
    assert shade(0, 0) == SHADES[0]


def test_empty_tracker_says_none_have_joined(client, memorandum):
    html = page(client)
    assert html.select_one(".tracker__total").get_text(strip=True) == (
        "Memorandam pievienojušās 0 pašvaldības."
    )
    assert len(html.select(".tracker .meta")) == 5


def test_memorandum_queries_do_not_grow_with_municipalities(client, memorandum):
    def count_queries():
        page(client)  # the site chrome is cached on the first view
        with CaptureQueriesContext(connection) as queries:
            page(client)
        return len(queries)

    add_municipalities(MUNICIPALITIES[:3])
    few = count_queries()
    add_municipalities(MUNICIPALITIES[3:])
    add_municipalities([(f"Pašvaldība {n}", "zemgale") for n in range(10)])
    assert count_queries() == few
