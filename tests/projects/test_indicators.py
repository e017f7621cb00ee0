"""Indicators: the server-drawn chart, the table with the same numbers, and bad input."""

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from projects.charts import ROW_LEFT, bar_chart, nice_step, row_chart
from projects.models import IndicatorValue, ProjectPage
from tests.projects.conftest import OUTPUT, RESULT, output_indicator, project_fields
from tests.utils import add_page

pytestmark = pytest.mark.django_db

LV_URL = "/lv/projekti/profesionala-sociala-darba-attistiba-pasvaldibas/"


def indicators(client, url=LV_URL):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select("section.indicator")


def bars(section):
    return [
        (int(bar["data-year"]), int(bar["data-value"]), bar)
        for bar in section.select(".indicator__chart--columns svg .bar-chart__bar")
    ]


def latvian(number):
    """A count as the Latvian pages write it: "1 161", with a no-break space."""
    return f"{number:,}".replace(",", "\xa0")


def test_chart_has_one_bar_per_year_with_its_value(client, project):
    output, result = indicators(client)
    years = [(year, value) for year, value, _bar in bars(output)]
    assert years == [(year, value) for year, value, _increment in OUTPUT]
    # Each bar is drawn and labelled with its value; result years come out in order.
    for year, value, bar in bars(output):
        assert len(bar.select("rect.bar")) == 1
        # Latvian groups thousands with a no-break space; the year is not a quantity.
        assert bar.select_one(".bar-chart__value").get_text() == latvian(value)
        assert bar.select_one(".bar-chart__year").get_text() == str(year)
    assert [(y, v) for y, v, _bar in bars(result)] == sorted(RESULT)
    increments = [t.get_text() for t in output.select(".bar-chart__increment")]
    assert increments == ["+592", "+289", "+138"]
    assert not result.select(".bar-chart__increment")


def test_bar_heights_follow_the_values_and_the_target_line(client, project):
    output, _result = indicators(client)
    drawn = {year: float(bar.select_one("rect.bar")["height"]) for year, _v, bar in bars(output)}
    assert drawn[2016] / drawn[2015] == pytest.approx(1161 / 569, rel=0.01)
    assert drawn[2022] / drawn[2015] == pytest.approx(2393 / 569, rel=0.01)
    target = output.select_one(".bar-chart__target line")
    top_of_2022 = float(bars(output)[-1][2].select_one("rect.bar")["y"])
    top_of_2017 = float(bars(output)[2][2].select_one("rect.bar")["y"])
    # 2393 reaches above the target of 2000, 1450 stays below it (SVG y grows downwards).
    assert top_of_2022 < float(target["y1"]) < top_of_2017
    assert "2\xa0000" in output.select_one(".bar-chart__target-label").get_text()


def test_chart_has_an_accessible_name_and_description(client, project):
    output, _result = indicators(client)
    svg = output.select_one("svg")
    assert svg["role"] == "img"
    name = output.find(id=svg["aria-labelledby"])
    assert name.name == "title"
    assert name.get_text() == "Iznākuma rādītājs: vērtību diagramma pa gadiem"
    description = output.find(id=svg["aria-describedby"]).get_text()
    assert description == (
        "2015: 569; 2016: 1\xa0161 (+592); 2017: 1\xa0450 (+289); 2022: 2\xa0393 (+138). "
        "Mērķis: 2\xa0000."
    )
    # Well-formed SVG whose coordinates use a decimal point, in Latvian too.
    tree = etree.fromstring(str(svg).encode())
    for rect in tree.iter("{http://www.w3.org/2000/svg}rect"):
        float(rect.get("x"))
        float(rect.get("height"))


def test_table_holds_the_same_numbers_as_the_chart(client, project):
    output, result = indicators(client)
    table = output.select_one("table")
    assert table.caption.get_text(strip=True) == "Iznākuma rādītājs: vērtības pa gadiem"
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == ["Gads", "Kopā līdz gada beigām", "Gada pieaugums"]
    rows = [
        [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in table.select("tbody tr")
    ]
    # No increment for the first year: a dash to see, "nav norādīts" for screen readers.
    assert rows == [
        ["2015", "569", "—nav norādīts"],
        ["2016", "1\xa0161", "+592"],
        ["2017", "1\xa0450", "+289"],
        ["2022", "2\xa0393", "+138"],
    ]
    assert [r[:2] for r in rows] == [[str(y), latvian(v)] for y, v, _bar in bars(output)]
    assert [th["scope"] for th in table.select("tbody th")] == ["row"] * 4
    assert table.select_one("tfoot td").get_text(strip=True) == "2\xa0000"
    result_rows = [
        [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in result.select("tbody tr")
    ]
    assert result_rows == [[str(y), latvian(v)] for y, v in sorted(RESULT)]


def test_an_indicator_without_values_says_no_data_yet(client, project_index):
    page = add_page(
        project_index["lv"],
        ProjectPage,
        **project_fields(slug="bez-datiem", indicators=[output_indicator(rows=[])]),
    )
    (section,) = indicators(client, page.url)
    assert section.select_one(".indicator__empty").get_text(strip=True) == "Datu vēl nav."
    assert section.select_one("svg") is None and section.select_one("table") is None


def test_bar_chart_layout():
    assert bar_chart([]) is None
    assert nice_step(2393) == 500
    assert nice_step(1568) == 500
    assert nice_step(9) == 2
    assert nice_step(0) == 1
    rows = [IndicatorValue(year=2016, value=50), IndicatorValue(year=2015, value=100)]
    chart = bar_chart(rows, target=80)
    assert [bar.year for bar in chart.bars] == [2015, 2016]
    assert chart.bars[0].height == pytest.approx(2 * chart.bars[1].height, abs=0.2)
    assert chart.bars[0].y + chart.bars[0].height == chart.baseline
    # The axis ends above the highest value, so its label has room.
    assert chart.ticks[-1].value > 100
    assert chart.bars[0].y < chart.target_y < chart.bars[1].y
    assert all(bar.x + bar.width <= chart.right for bar in chart.bars)


def test_phones_get_the_same_numbers_as_rows(client, project):
    """The drawing for a phone: a row per year, bar lengths in proportion, the target line
    between the rows below and above it, every label 14 units in a 320-unit drawing."""
    output, _result = indicators(client)
    svg = output.select_one(".indicator__chart--rows svg")
    assert svg["viewbox"].split()[2] == "320"
    rows = [(int(g["data-year"]), int(g["data-value"]), g) for g in svg.select(".bar-chart__bar")]
    assert [(year, value) for year, value, _g in rows] == [(y, v) for y, v, _i in OUTPUT]
    width = {year: float(g.select_one("rect.bar")["width"]) for year, _v, g in rows}
    assert width[2022] / width[2015] == pytest.approx(2393 / 569, rel=0.01)
    target_x = float(svg.select_one(".bar-chart__target line")["x1"])
    assert ROW_LEFT + width[2017] < target_x < ROW_LEFT + width[2022]
    assert {text["font-size"] for text in svg.select("text")} == {"14"}
    # Named and described like the columns, with ids of its own.
    title = output.find(id=svg["aria-labelledby"])
    assert title.get_text() == "Iznākuma rādītājs: vērtību diagramma pa gadiem"
    assert (
        svg["aria-labelledby"]
        != output.select_one(".indicator__chart--columns svg")["aria-labelledby"]
    )


def test_row_chart_layout():
    assert row_chart([]) is None
    chart = row_chart([IndicatorValue(year=2016, value=50), IndicatorValue(year=2015, value=100)])
    assert [row.year for row in chart.rows] == [2015, 2016]
    assert chart.rows[0].width == pytest.approx(2 * chart.rows[1].width)
    assert chart.rows[0].y < chart.rows[1].y
    assert all(row.label_x < chart.width for row in chart.rows)
    assert chart.target is None and chart.target_x is None


def admin_form(year_rows):
    """What the admin's "add project" form posts, with one indicator and these year rows."""
    return nested_form_data(
        {
            "title": "Jauns projekts",
            "slug": "jauns-projekts",
            "esf_project": "4.3.5.4",
            "start_date": "2022-10-01",
            "target_group": "Sociālā darba speciālisti.",
            "aim": "Mērķis.",
            "activities": streamfield([]),
            "figures": streamfield([]),
            "body": streamfield([]),
            "indicators": inline_formset(
                [
                    {
                        "name": "Iznākuma rādītājs",
                        "measure": "cumulative",
                        "target": "2000",
                        "values": inline_formset(
                            [{"year": year, "value": value} for year, value in year_rows]
                        ),
                    }
                ]
            ),
            "supervision_approaches": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


def test_a_year_entered_twice_is_refused_with_a_clear_message(client, admin_user, project_index):
    client.force_login(admin_user)
    url = f"/admin/pages/add/projects/projectpage/{project_index['lv'].pk}/"
    response = client.post(url, admin_form([(2019, 100), (2020, 200), (2019, 150)]))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    # The admin speaks Latvian; the message names the indicator and the year, on that row only.
    errors = [error.get_text(" ", strip=True) for error in html.select(".error-message")]
    assert errors == [
        "Rādītājam “Iznākuma rādītājs” 2019. gads ievadīts vairāk nekā vienu reizi: katram "
        "gadam var būt tikai viena vērtība. Nomainiet gadu vai izdzēsiet vienu no rindām."
    ]
    assert html.select_one("#id_indicators-0-values-2-year").get("aria-invalid") == "true"
    assert not ProjectPage.objects.filter(slug="jauns-projekts").exists()


def test_distinct_years_are_saved(client, admin_user, project_index):
    client.force_login(admin_user)
    url = f"/admin/pages/add/projects/projectpage/{project_index['lv'].pk}/"
    response = client.post(url, admin_form([(2019, 100), (2020, 200)]))
    assert response.status_code == 302
    page = ProjectPage.objects.get(slug="jauns-projekts")
    (indicator,) = page.indicators.all()
    assert [(row.year, row.value) for row in indicator.rows] == [(2019, 100), (2020, 200)]


def test_a_deleted_duplicate_row_does_not_count(client, admin_user, project_index):
    client.force_login(admin_user)
    url = f"/admin/pages/add/projects/projectpage/{project_index['lv'].pk}/"
    data = admin_form([(2019, 100), (2019, 150)])
    data["indicators-0-values-1-DELETE"] = "1"
    assert client.post(url, data).status_code == 302
    (indicator,) = ProjectPage.objects.get(slug="jauns-projekts").indicators.all()
    assert [(row.year, row.value) for row in indicator.rows] == [(2019, 100)]
