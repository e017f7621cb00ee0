"""Following a list in Chromium, without JavaScript: the link under the filtered list, the form
(labels, fieldset and legend, errors tied to their field), its answer, and axe-core on each."""

from tests.browser.conftest import assert_accessible


def test_follow_a_filtered_list_without_javascript(browser, demo_server):
    context = browser.new_context(java_script_enabled=False, locale="lv-LV")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{demo_server}/lv/metodikas/?target=seniori")
        feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
        assert "target=seniori" in feed.get_attribute("href")
        page.get_by_role("link", name="Sekot šim sarakstam e-pastā").click()
        page.wait_for_url("**/lv/sekot/?*target=seniori*")
        assert "Metodikas (mērķa grupa: seniori)" in page.locator("main").inner_text()
        assert_accessible(page)

        page.get_by_role("button", name="Sekot šim sarakstam").click()
        email = page.get_by_label("Jūsu e-pasta adrese")
        assert email.get_attribute("aria-invalid") == "true"
        assert "id_email-error" in email.get_attribute("aria-describedby")
        assert_accessible(page)

        email.fill("lasitaja@example.lv")
        page.get_by_label("reizi nedēļā, apkopojumā").check()
        page.get_by_role("button", name="Sekot šim sarakstam").click()
        assert page.locator("h1").inner_text() == "Pārbaudiet e-pastu"
        assert_accessible(page)
    finally:
        context.close()
