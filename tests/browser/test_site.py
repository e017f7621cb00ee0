from tests.browser.conftest import assert_accessible


def test_home_page_in_both_languages_is_accessible(page, demo_server):
    page.goto(f"{demo_server}/lv/")
    assert page.locator("html").get_attribute("lang") == "lv"
    assert page.locator("h1").inner_text() == "Sociālā darba portāls"
    assert_accessible(page)
    page.goto(f"{demo_server}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Social Work Portal"
    assert_accessible(page)


def test_language_switcher_leads_to_the_translated_page(page, demo_server):
    page.goto(f"{demo_server}/lv/pieklustamibas-pazinojums/")
    page.locator(".lang-switch a[hreflang=en]").click()
    page.wait_for_url(f"{demo_server}/en/accessibility-statement/")
    assert page.locator("h1").inner_text() == "Accessibility statement"
    assert_accessible(page)
    page.locator(".lang-switch a[hreflang=lv]").click()
    page.wait_for_url(f"{demo_server}/lv/pieklustamibas-pazinojums/")


def test_skip_link_moves_focus_to_the_content(page, demo_server):
    page.goto(f"{demo_server}/lv/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_navigation_opens_on_a_narrow_screen(mobile_page, demo_server):
    page = mobile_page
    page.goto(f"{demo_server}/lv/")
    nav = page.locator("#site-nav")
    toggle = page.locator(".nav-toggle")
    assert toggle.is_visible()
    assert not nav.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert nav.is_visible()
    first_link = page.locator(".site-nav__list a").first
    assert first_link.is_visible()
    assert_accessible(page)
    page.keyboard.press("Escape")
    assert not nav.is_visible()


def test_fact_lists_stack_on_a_phone(mobile_page, demo_server):
    """Label/value lists (year, authors, place…) put each label above its value on a phone,
    and no detail page scrolls sideways."""
    page = mobile_page
    page.goto(f"{demo_server}/lv/metodikas/")
    page.goto(demo_server + page.locator(".listing-row__title a").first.get_attribute("href"))
    assert page.locator("dl.facts").count() > 0
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    label, value = page.locator("dl.facts dt").first, page.locator("dl.facts dd").first
    assert label.bounding_box()["y"] + label.bounding_box()["height"] <= value.bounding_box()["y"]
    assert abs(label.bounding_box()["x"] - value.bounding_box()["x"]) < 2
