import re

from tests.browser.conftest import assert_accessible


def count(page):
    """The number of results the page announces ("12 rezultāti")."""
    return int(re.match(r"\d+", page.locator(".search-summary").inner_text().strip()).group())


def test_search_apply_a_facet_and_open_a_result(page, demo_server):
    page.goto(f"{demo_server}/lv/")
    page.locator("#site-search-q").fill("socialais darbs ar senioriem")
    page.locator(".site-search button").click()
    page.wait_for_url("**/lv/meklet/?q=*")
    results = page.locator("ol.search-results .card__title a")
    assert results.count() > 0
    assert page.locator(".search-hit__excerpt mark").count() > 0
    assert_accessible(page)

    # A facet is a plain link: it narrows the results and marks itself as chosen.
    total_before = count(page)
    type_facet = page.locator("#facet-type").locator("xpath=..").locator("a.facet__choice").first
    label = type_facet.inner_text().split("(")[0].strip()
    type_facet.click()
    page.wait_for_url("**type=*")
    chosen = page.locator("a.facet__choice--selected")
    assert chosen.count() == 1 and chosen.inner_text().startswith(label)
    assert 0 < count(page) <= total_before
    assert len(set(page.locator("ol.search-results .card__label").all_inner_texts())) == 1
    assert_accessible(page)

    first = page.locator("ol.search-results .card__title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert "/meklet/" not in page.url
    assert page.locator("h1").inner_text() == title


def test_english_search_shows_english_results_only(page, demo_server):
    page.goto(f"{demo_server}/en/search/?q=social+work")
    assert page.locator("html").get_attribute("lang") == "en"
    for url in page.locator("ol.search-results .card__title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    ):
        assert url.startswith("/en/"), url
    assert_accessible(page)


def test_search_works_without_javascript(browser, demo_server):
    context = browser.new_context(java_script_enabled=False, locale="lv-LV")
    page = context.new_page()
    try:
        page.goto(f"{demo_server}/lv/meklet/?q=metodika")
        page.locator("#facet-topic").locator("xpath=..").locator("a.facet__choice").first.click()
        page.wait_for_url("**topic=*")
        assert page.locator("a.facet__choice--selected").count() == 1
        assert page.locator("ol.search-results li").count() > 0
    finally:
        context.close()


def test_on_a_phone_the_results_come_before_the_facets(browser, demo_server):
    """On a 360 px screen the first result is on the first screen, and the facets follow the
    results in the order a keyboard or screen reader meets them."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="lv-LV")
    page = context.new_page()
    try:
        page.goto(f"{demo_server}/lv/meklet/?q=socialais+darbs")
        first = page.locator("ol.search-results .card__title a").first.bounding_box()
        facets = page.locator(".search-layout__facets").bounding_box()
        assert first["y"] < 740
        assert facets["y"] > first["y"]
    finally:
        context.close()
