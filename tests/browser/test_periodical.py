from tests.browser.conftest import assert_accessible

PERIODICAL = "/lv/socialais-darbs-latvija/"
ISSUE = "/lv/socialais-darbs-latvija/2-2022/"
ARTICLE = "/lv/socialais-darbs-latvija/2-2022/vecumdienu-kvalitate/"
ARTICLE_EN = "/en/social-work-in-latvia/2-2022/quality-of-life-in-old-age/"


def test_periodical_and_issue_pages_are_accessible(page, demo_server):
    page.goto(f"{demo_server}{PERIODICAL}")
    assert page.locator("h1").inner_text() == "Sociālais darbs Latvijā"
    assert page.locator(".current-issue h3").inner_text() == "Sociālais darbs ar ģimenēm ar bērniem"
    assert_accessible(page)
    page.locator(
        ".issue-archive .listing-row__title a", has_text="Sociālais darbs ar senioriem"
    ).click()
    page.wait_for_url(f"{demo_server}{ISSUE}")
    sections = page.locator(".issue-contents h3").all_inner_texts()
    assert sections == ["Teorija", "Prakse", "Aktualitātes nozarē"]
    assert_accessible(page)


def test_article_pages_in_both_languages_are_accessible(page, demo_server):
    page.goto(f"{demo_server}{ISSUE}")
    page.locator(".contents__title").first.click()
    page.wait_for_url(f"{demo_server}{ARTICLE}")
    assert page.locator("html").get_attribute("lang") == "lv"
    assert page.locator(".article__abstract").is_visible()
    assert_accessible(page)
    page.locator(".lang-switch a[hreflang=en]").click()
    page.wait_for_url(f"{demo_server}{ARTICLE_EN}")
    assert page.locator("h1").inner_text().startswith("Quality of life in old age")
    assert_accessible(page)


def test_copy_button_copies_the_reference(page, demo_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo_server)
    page.goto(f"{demo_server}{ARTICLE}")
    reference = page.locator("#cite-apa").inner_text()
    assert reference.startswith("Piemēre, I. (2022). Vecumdienu kvalitāte")
    button = page.locator(".cite-box__copy")
    assert button.is_visible()
    button.click()
    status = page.locator(".cite-box__status")
    status.filter(has_text="Atsauce nokopēta.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == reference
    assert_accessible(page)


def test_reference_is_there_without_javascript(browser, demo_server):
    context = browser.new_context(java_script_enabled=False, locale="lv-LV")
    try:
        tab = context.new_page()
        tab.goto(f"{demo_server}{ARTICLE}")
        assert tab.locator("#cite-apa").is_visible()
        assert not tab.locator(".cite-box__copy").is_visible()
    finally:
        context.close()


def test_latest_issue_on_the_home_page_leads_to_the_issue(page, demo_server):
    page.goto(f"{demo_server}/lv/")
    section = page.locator(".home-section--periodical")
    assert section.locator("h2").inner_text() == "Sociālais darbs Latvijā: jaunākais numurs"
    assert_accessible(page)
    section.locator("h3 a").click()
    page.wait_for_url(f"{demo_server}/lv/socialais-darbs-latvija/2-2023/")
