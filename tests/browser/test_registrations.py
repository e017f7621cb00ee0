"""Registering for the demo seminar in Chromium: the event page's link, the form (labels, errors
tied to their field, the consent and its privacy notice) and the answer, without JavaScript and
in both languages; and axe-core on each step (with JavaScript: axe-core is a script)."""

import re

from registrations.demo import UPCOMING_SEMINAR_SLUG
from tests.browser.conftest import assert_accessible


def register(page, base_url, language, email, check):
    page.set_default_timeout(15_000)
    if language == "lv":
        event, register_name, name_label, done = (
            f"/lv/pasakumi/{UPCOMING_SEMINAR_SLUG}/",
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


MODERATOR = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
user, created = get_user_model().objects.get_or_create(username="durvis")
user.set_password("browser-tests-only-durvis")
user.save()
user.groups.add(Group.objects.get(name="Moderatori"))
profile = UserProfile.get_for_user(user)
profile.preferred_language = "lv"
profile.save()
"""


def moderator_tab(browser, base_url, **options):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="lv-LV", **options)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", "durvis")
    page.fill("#id_password", "browser-tests-only-durvis")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
    page.goto(f"{base_url}/admin/registrations/")
    # Without JavaScript the admin's folded sidebar covers a phone's screen: the check-in
    # page is a page of its own, opened from its address (or the participants' list).
    offer = page.locator("table.listing a").first.get_attribute("href")
    page.goto(f"{base_url}{offer}check-in/")
    return context, page


def test_check_in_at_the_door_on_a_phone_without_javascript(browser, demo_site):
    from tests.browser.conftest import manage

    base_url, env = demo_site
    manage(env, "shell", "-c", MODERATOR)
    context, page = moderator_tab(browser, base_url, java_script_enabled=False)
    try:
        row = page.locator("ul.check-in li", has_text="Demo dalībnieks 1")
        button = row.get_by_role("button", name="Ieradās")
        box = button.bounding_box()
        # A thumb's target (WCAG 2.5.5: 44 × 44 CSS pixels), inside a 360 px screen.
        assert box["height"] >= 44 and box["width"] >= 44
        assert box["x"] + box["width"] <= 360
        button.click()
        row = page.locator("ul.check-in li", has_text="Demo dalībnieks 1")
        assert "ieradās" in row.inner_text()
        assert row.get_by_role("button", name="Atcelt").count() == 1
        assert "Ieradušies: 1 no" in page.locator("main").inner_text()
        row.get_by_role("button", name="Atcelt").click()
        row = page.locator("ul.check-in li", has_text="Demo dalībnieks 1")
        assert row.get_by_role("button", name="Ieradās").count() == 1
        listing = page.locator("ul.check-in").bounding_box()
        assert listing["x"] >= 0 and listing["x"] + listing["width"] <= 360
    finally:
        context.close()
    context, page = moderator_tab(browser, base_url)
    try:
        assert_accessible(page)
    finally:
        context.close()
