"""The accessibility statement and the contacts are site settings (issue 21): the statement
page shows the parts the model statement of Cabinet Regulation No. 445 asks for, the footer and
the contacts page the e-mail, phone and address; editors ("Redaktori") keep the statement up to
date, and only that."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.models import Site
from wagtail.test.utils.form_data import rich_text

from tests.utils import STATEMENT_PARTS, add_page, translate
from website.models import AccessibilityStatement, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(site_tree):
    site = Site.objects.get(is_default_site=True)
    found, _ = AccessibilityStatement.objects.get_or_create(site=site)
    found.compliance_status = AccessibilityStatement.PARTIAL
    found.evaluation_method = AccessibilityStatement.SELF
    found.evaluated_on = datetime.date(2026, 11, 20)
    found.prepared_on = datetime.date(2026, 11, 30)
    found.reviewed_on = datetime.date(2026, 12, 6)
    found.feedback_email = "pieklustamiba@example.lv"
    found.feedback_phone = "67 021 600"
    found.non_accessible_content_lv = "<p>Vecie PDF dokumenti nav marķēti.</p>"
    found.non_accessible_content_en = "<p>Old PDF documents are not tagged.</p>"
    found.alternatives_lv = "<p>Nosūtīsim teksta failā.</p>"
    found.alternatives_en = "<p>We will send a text file.</p>"
    found.feedback_lv = "<p>Atbildēsim 30 dienu laikā.</p>"
    found.feedback_en = ""  # not translated yet
    found.enforcement_lv = "<p>Sūdzība Valsts reģionālās attīstības aģentūrai.</p>"
    found.enforcement_en = "<p>A complaint to the State Regional Development Agency.</p>"
    found.save()
    body = json.dumps([{"type": "accessibility_statement", "value": None}])
    page = add_page(
        site_tree["lv"],
        StandardPage,
        title="Piekļūstamības paziņojums",
        slug="pieklustamibas-pazinojums",
        body=body,
    )
    translate(page, slug="accessibility-statement", title="Accessibility statement")
    return found


@pytest.fixture
def contacts(site_tree):
    site = Site.objects.get(is_default_site=True)
    found, _ = SiteSettings.objects.get_or_create(site=site)
    found.contact_email = "pasts@example.lv"
    found.contact_phone = "67 000 000"
    found.contact_address = "Skolas iela 28, Rīga, LV-1331"
    found.save()
    body = json.dumps([{"type": "contacts", "value": None}])
    page = add_page(site_tree["lv"], StandardPage, title="Kontakti", slug="kontakti", body=body)
    translate(page, slug="contacts", title="Contacts")
    return found


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def headings(html):
    return [h.get_text(strip=True) for h in html.select("main .statement h2")]


def test_the_latvian_statement_has_every_part_of_the_model(client, statement):
    html = html_of(client, "/lv/pieklustamibas-pazinojums/")
    assert headings(html) == STATEMENT_PARTS["lv"]
    text = html.select_one("main .statement").get_text(" ", strip=True)
    assert "daļēji atbilst" in html.select_one(".statement__status strong").get_text()
    assert "Vecie PDF dokumenti nav marķēti." in text
    assert "Valsts reģionālās attīstības aģentūrai" in text
    assert html.select_one('a[href="mailto:pieklustamiba@example.lv"]')
    assert html.select_one('a[href="tel:67021600"]')
    dates = [t["datetime"] for t in html.select(".statement__dates time")]
    assert dates == ["2026-11-30", "2026-11-20", "2026-12-06"]
    assert "2026. gada 30. novembris" in text
    assert "Pašnovērtējums" in text


def test_the_english_statement_marks_what_is_still_in_latvian(client, statement):
    html = html_of(client, "/en/accessibility-statement/")
    assert headings(html)[0] == STATEMENT_PARTS["en"][0]
    assert "partially compliant" in html.select_one(".statement__status").get_text()
    assert "Old PDF documents are not tagged." in html.get_text()
    # The feedback part has no English text yet: the Latvian is shown, marked as Latvian.
    latvian = html.select("main .statement [lang=lv]")
    assert [part.get_text(strip=True) for part in latvian] == ["Atbildēsim 30 dienu laikā."]
    assert not html.select("main .statement [lang=en]")


@pytest.mark.parametrize(
    ("status", "latvian", "english"),
    [("full", "atbilst", "fully compliant"), ("none", "neatbilst", "not compliant")],
)
def test_each_compliance_status_reads_in_both_languages(
    client, statement, status, latvian, english
):
    statement.compliance_status = status
    statement.save()
    lv = html_of(client, "/lv/pieklustamibas-pazinojums/").select_one(".statement__status strong")
    en = html_of(client, "/en/accessibility-statement/").select_one(".statement__status strong")
    assert (lv.get_text(), en.get_text()) == (latvian, english)


def test_the_footer_and_the_contacts_page_give_email_phone_and_address(client, contacts):
    for url in ("/lv/", "/en/", "/lv/kontakti/", "/en/contacts/"):
        html = html_of(client, url)
        footer = html.select_one("footer address")
        assert "Skolas iela 28, Rīga, LV-1331" in footer.get_text()
        assert footer.select_one('a[href="mailto:pasts@example.lv"]')
        assert footer.select_one('a[href="tel:67000000"]')
    main = html_of(client, "/lv/kontakti/").select_one("main .contacts")
    assert "Skolas iela 28, Rīga, LV-1331" in main.get_text()
    assert main.select_one('a[href="mailto:pasts@example.lv"]')
    assert main.select_one('a[href="tel:67000000"]')


def user_in(django_user_model, group, name):
    user = django_user_model.objects.create_user(name, password="x-" + name)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def statement_form(**changes):
    data = {
        "compliance_status": "full",
        "evaluation_method": "third_party",
        "evaluated_on": "2026-12-01",
        "prepared_on": "2026-12-02",
        "reviewed_on": "2026-12-03",
        "feedback_email": "pieklustamiba@example.lv",
        "feedback_phone": "67021600",
    }
    for name in ("non_accessible_content", "alternatives", "feedback", "enforcement"):
        for language in ("lv", "en"):
            data[f"{name}_{language}"] = rich_text(f"<p>{name} {language}</p>")
    data.update(changes)
    return data


def test_an_editor_updates_the_statement_in_the_admin(client, django_user_model, statement):
    editor = user_in(django_user_model, "Redaktori", "redaktore")
    client.force_login(editor)
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/website/accessibilitystatement/{site.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, statement_form(enforcement_en=rich_text("<p>Complain to VRAA.</p>"))
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    html = html_of(client, "/en/accessibility-statement/")
    assert "fully compliant" in html.select_one(".statement__status").get_text()
    assert "Complain to VRAA." in html.get_text()
    assert "Third-party evaluation" in html.get_text()


def test_others_cannot_change_the_statement_nor_editors_the_site_contacts(
    client, django_user_model, statement
):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/website/accessibilitystatement/{site.pk}/"
    reader = user_in(django_user_model, None, "lasitajs")
    reader.is_staff = False
    reader.save()
    client.force_login(reader)
    response = client.post(url, statement_form())
    assert response.status_code in (302, 403)
    statement.refresh_from_db()
    assert statement.compliance_status == "partial"
    # The site's contacts stay the moderators': an editor's post changes nothing.
    client.force_login(user_in(django_user_model, "Redaktori", "redaktors"))
    settings_url = f"/admin/settings/website/sitesettings/{site.pk}/"
    response = client.post(settings_url, {"contact_email": "uzbrucejs@example.lv"})
    assert response.status_code in (302, 403)
    assert SiteSettings.for_site(site).contact_email != "uzbrucejs@example.lv"
    # A moderator may change the statement too.
    client.force_login(user_in(django_user_model, "Moderatori", "moderatore"))
    assert client.post(url, statement_form()).status_code == 302
    statement.refresh_from_db()
    assert statement.compliance_status == "full"
