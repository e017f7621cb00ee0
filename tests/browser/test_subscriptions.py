"""Following a list in Chromium: the link under the filtered list, the form (labels, fieldset and
legend, errors tied to their field) and its answer, without JavaScript; and axe-core on each step
(with JavaScript: axe-core is a script, and a page without scripting never runs it)."""

from tests.browser.conftest import assert_accessible


def follow_the_seniors_list(page, base_url, email, check):
    """The steps a reader takes, with `check(page)` on each page they see."""
    page.set_default_timeout(15_000)
    page.goto(f"{base_url}/lv/metodikas/?target=seniori")
    feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert "target=seniori" in feed.get_attribute("href")
    page.get_by_role("link", name="Sekot šim sarakstam e-pastā").click()
    page.wait_for_url("**/lv/sekot/?*target=seniori*")
    assert "Metodikas (mērķa grupa: seniori)" in page.locator("main").inner_text()
    check(page)

    page.get_by_role("button", name="Sekot šim sarakstam").click()
    field = page.get_by_label("Jūsu e-pasta adrese")
    assert field.get_attribute("aria-invalid") == "true"
    assert "id_email-error" in field.get_attribute("aria-describedby")
    check(page)

    field.fill(email)
    page.get_by_label("reizi nedēļā, apkopojumā").check()
    page.get_by_role("button", name="Sekot šim sarakstam").click()
    assert page.locator("h1").inner_text() == "Pārbaudiet e-pastu"
    check(page)


def test_follow_a_filtered_list_without_javascript(browser, demo_server):
    context = browser.new_context(java_script_enabled=False, locale="lv-LV")
    try:
        page = context.new_page()
        follow_the_seniors_list(page, demo_server, "lasitaja@example.lv", lambda _page: None)
    finally:
        context.close()


def test_every_step_of_following_a_list_passes_axe(browser, demo_server):
    context = browser.new_context(locale="lv-LV")
    try:
        page = context.new_page()
        follow_the_seniors_list(page, demo_server, "lasitajs@example.lv", assert_accessible)
    finally:
        context.close()
