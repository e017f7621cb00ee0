"""The demo's accessibility statement and contacts, from the site settings (issue 21)."""

from tests.browser.conftest import assert_accessible
from tests.utils import STATEMENT_PARTS

STATEMENTS = {"lv": "/lv/pieklustamibas-pazinojums/", "en": "/en/accessibility-statement/"}
CONTACTS = {"lv": "/lv/kontakti/", "en": "/en/contacts/"}


def test_the_statement_has_the_parts_of_the_model_in_both_languages(page, demo_server):
    for language, path in STATEMENTS.items():
        page.goto(demo_server + path)
        assert page.locator(".statement h2").all_inner_texts() == STATEMENT_PARTS[language]
        status = page.locator(".statement__status strong").inner_text()
        assert status == {"lv": "daļēji atbilst", "en": "partially compliant"}[language]
        text = page.locator(".statement").inner_text()
        assert "Valsts reģionālās attīstības aģentūra" in text
        assert page.locator('.statement a[href="mailto:lm@lm.gov.lv"]').count() == 1
        assert page.locator(".statement__dates time").count() == 3
        # Every part is in the page's language in the demo: nothing marked as foreign.
        assert page.locator(".statement [lang]").count() == 0
        assert_accessible(page)


def test_footer_and_contacts_page_give_email_phone_and_address(page, demo_server):
    for language, path in CONTACTS.items():
        page.goto(demo_server + path)
        for place in ("footer address", "main .contacts"):
            block = page.locator(place)
            assert "Skolas iela 28, Rīga, LV-1331" in block.inner_text(), (language, place)
            assert block.locator('a[href="mailto:lm@lm.gov.lv"]').count() == 1
            assert block.locator('a[href="tel:67021600"]').count() == 1
        assert_accessible(page)
