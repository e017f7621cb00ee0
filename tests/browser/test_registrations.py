"""Registering for the demo seminar in Chromium: the event page's link, the form (labels, errors
tied to their field, the consent and its privacy notice) and the answer, without JavaScript and
in both languages; and axe-core on each step (with JavaScript: axe-core is a script)."""

import re

from registrations.demo import SEMINAR_SLUG
from tests.browser.conftest import assert_accessible


def register(page, base_url, language, email, check):
    page.set_default_timeout(15_000)
    if language == "lv":
        event, register_name, name_label, done = (
            f"/lv/pasakumi/{SEMINAR_SLUG}/",
            "Pieteikties",
            "Vārds, uzvārds",
            "Jūs esat pieteicies",
        )
        email_label, municipality, institution, position = (
            "E-pasta adrese",
            "Pašvaldība",
            "Iestāde",
            "Amats",
        )
        consent = "Piekrītu"
        invalid = "Pieteikšanās nav iespējama bez jūsu piekrišanas."
    else:
        event = "/en/events/example-interprofessional-teams-for-reducing-local-crisis-risks/"
        register_name, name_label, done = "Register", "Name and surname", "You are registered"
        email_label, municipality, institution, position = (
            "E-mail address",
            "Municipality",
            "Institution",
            "Position",
        )
        consent = "I agree"
        invalid = "Registration needs your consent."
    page.goto(base_url + event)
    box = page.locator("section.event__registration")
    assert box.locator("a.button").count() >= 1
    check(page)
    box.get_by_role("link", name=register_name).first.click()
    page.wait_for_url(re.compile(r"/(pieteiksanas|registration)/[0-9]+/$"))
    check(page)

    page.get_by_label(name_label).fill("Pārlūka Tests")
    page.get_by_role("button", name=register_name).click()
    # Nothing lost, and the errors tied to their fields.
    assert page.get_by_label(name_label).input_value() == "Pārlūka Tests"
    field = page.get_by_label(email_label, exact=True)
    assert field.get_attribute("aria-invalid") == "true"
    assert "id_email-error" in field.get_attribute("aria-describedby")
    assert invalid in page.locator("main").inner_text()
    check(page)

    field.fill(email)
    page.get_by_label(municipality, exact=True).select_option("Kuldīgas novads")
    page.get_by_label(institution, exact=True).fill("Kuldīgas novada sociālais dienests")
    page.get_by_label(position, exact=True).fill("sociālais darbinieks")
    page.get_by_label(consent).check()
    privacy = page.locator("form.registration-form a")
    assert privacy.count() == 1 and privacy.get_attribute("href").startswith(f"/{language}/")
    page.get_by_role("button", name=register_name).click()
    assert page.locator("h1").inner_text() == done
    check(page)


def test_register_without_javascript_in_both_languages(browser, demo_server):
    context = browser.new_context(java_script_enabled=False, locale="lv-LV")
    try:
        page = context.new_page()
        register(page, demo_server, "lv", "parluks-lv@example.org", lambda _page: None)
        register(page, demo_server, "en", "parluks-en@example.org", lambda _page: None)
    finally:
        context.close()


def test_every_step_of_registering_passes_axe(browser, demo_server):
    context = browser.new_context(locale="lv-LV")
    try:
        page = context.new_page()
        register(page, demo_server, "lv", "parluks-axe@example.org", assert_accessible)
    finally:
        context.close()
