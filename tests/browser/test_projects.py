"""The project pages in Chromium: axe-core, the charts and tables, narrow screens."""

from tests.browser.conftest import assert_accessible

INDEX = {"lv": "/lv/projekti/", "en": "/en/projects/"}
FIRST = {
    "lv": "/lv/projekti/profesionala-sociala-darba-attistiba-pasvaldibas/",
    "en": "/en/projects/development-of-professional-social-work-in-municipalities/",
}
SECOND = {
    "lv": "/lv/projekti/profesionala-un-musdieniga-sociala-darba-attistiba/",
    "en": "/en/projects/development-of-professional-and-modern-social-work/",
}


def test_project_index_in_both_languages_is_accessible(page, demo_server):
    for language in ("lv", "en"):
        page.goto(demo_server + INDEX[language])
        assert page.locator(".project-summary").count() == 2
        assert_accessible(page)


def test_project_pages_in_both_languages_are_accessible(page, demo_server):
    for url in (FIRST["lv"], FIRST["en"], SECOND["lv"], SECOND["en"]):
        page.goto(demo_server + url)
        assert_accessible(page)


def test_charts_are_named_images_with_a_table_of_the_same_numbers(page, demo_server):
    page.goto(demo_server + FIRST["lv"])
    chart = page.get_by_role("img", name="Iznākuma rādītājs: vērtību diagramma pa gadiem")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 400 and box["height"] > 150
    output = page.locator("section.indicator").first
    # A wide screen shows the columns; the rows drawn for phones are not displayed.
    assert output.locator(".indicator__chart--rows").is_hidden()
    output = output.locator(".indicator__chart--columns, table")
    assert output.locator("rect.bar").count() == 8
    assert output.locator("tbody tr").count() == 8
    labels = output.locator(".bar-chart__value").all_text_contents()
    cells = output.locator("tbody td:nth-child(2)").all_inner_texts()
    assert labels == cells
    assert page.get_by_role("table", name="Rezultāta rādītājs: vērtības pa gadiem").is_visible()


def test_project_page_fits_a_narrow_screen(mobile_page, demo_server):
    mobile_page.goto(demo_server + FIRST["lv"])
    width = mobile_page.evaluate("document.documentElement.clientWidth")
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= width
    # A phone shows the rows drawn for it, not the columns.
    assert mobile_page.locator(".indicator__chart--columns").first.is_hidden()
    chart = mobile_page.locator(".indicator__chart--rows svg").first
    assert 0 < chart.bounding_box()["width"] <= width
    assert_accessible(mobile_page)
