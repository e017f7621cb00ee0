"""Certificates of attendance as a participant, their employer and a moderator meet them: the
PDF read with pypdf, its QR code decoded by an independent reader (zxing-cpp) and followed to
the public verification page, the mail received by a real SMTP server, revocation seen at once,
and the admin pages closed to anyone but moderators."""

import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from registrations import certificates
from registrations.models import Certificate, Participant
from tests.registrations.conftest import (
    member,
    participant,
    path_of,
    pdf_text,
    qr_urls,
    status_of,
    text_off_the_page,
)
from website.settings.email_url import email_settings

pytestmark = pytest.mark.django_db

LV_STATEMENT = "Eiropas Sociālā fonda Plus"


# The PDF and its QR code -------------------------------------------------------------------


def test_the_pdf_states_everything_and_its_qr_code_opens_a_valid_page(client, certificate_event):
    person = participant(certificate_event["offer"], hours=Decimal("5.5"))
    certificate, _mailed = certificates.issue(person, send=False)
    assert re.fullmatch(rf"SDP-{timezone.now().year}-000001", certificate.number)

    data = certificates.render_pdf(certificate)
    text = pdf_text(data)
    assert text_off_the_page(data) == []
    for expected in (
        "APLIECĪBA",
        "par pasākuma apmeklējumu",
        f"Nr. {certificate.number}",
        "Jana Bērziņa-Ožola",
        "„Supervīzija ģimeņu atbalstā”",
        "Kuldīgas novada dome, Kuldīga",
        "5,5",
        certificate.number,
        "Labklājības ministrija",
        LV_STATEMENT,
        "4.3.5.4",
    ):
        assert expected in text, expected

    (url,) = qr_urls(data)
    assert url == f"http://testserver/lv/apliecibas/{certificate.number}/"
    assert url in text.replace("\n", "")
    response, page = status_of(client, path_of(url))
    assert response.status_code == 200
    assert "Derīga" in page
    assert "J*** B***-O***" in page and "Bērziņa" not in page
    assert "Supervīzija ģimeņu atbalstā" in page and "5,5" in page
    # The other language's page of the same number.
    assert f'href="/en/certificates/{certificate.number}/"' in response.content.decode()


def test_an_english_participant_gets_an_english_certificate(client, certificate_event):
    person = participant(certificate_event["offer"], name="Anna Ozola", language="en")
    certificate, _mailed = certificates.issue(person, send=False)
    data = certificates.render_pdf(certificate)
    text = pdf_text(data)
    assert text_off_the_page(data) == []
    for expected in (
        "CERTIFICATE",
        "of attendance",
        "Anna Ozola",
        "“Supervision in family support”",
        "Ministry of Welfare of the Republic of Latvia",
        "European Social Fund Plus",
        "6",
    ):
        assert expected in text, expected
    assert "APLIECĪBA" not in text
    (url,) = qr_urls(data)
    assert url == f"http://testserver/en/certificates/{certificate.number}/"
    response, page = status_of(client, path_of(url))
    assert "Valid" in page and "A*** O***" in page and "Supervision in family support" in page


def test_an_event_without_a_project_has_a_neutral_statement(certificate_event):
    page = certificate_event["page"]
    page.esf_project = ""
    page.save_revision().publish()
    certificate, _ = certificates.issue(participant(certificate_event["offer"]), send=False)
    text = pdf_text(certificates.render_pdf(certificate))
    assert "Eiropas Sociālā fonda līdzfinansējumu" in text
    assert "4.3.5.4" not in text


def test_numbers_are_sequential_and_unique(certificate_event):
    offer = certificate_event["offer"]
    numbers = [
        certificates.issue(participant(offer, name=f"Dalībnieks {n}"), send=False)[0].number
        for n in range(3)
    ]
    year = timezone.now().year
    assert numbers == [f"SDP-{year}-00000{n}" for n in (1, 2, 3)]
    with pytest.raises(certificates.CertificateError):
        certificates.issue(Participant.objects.get(name="Dalībnieks 0"), send=False)
    with pytest.raises(certificates.CertificateError):
        certificates.issue(participant(offer, attended=False), send=False)


def test_the_next_number_counts_past_a_million(certificate_event):
    year = timezone.now().year
    for number in (f"SDP-{year}-999999", f"SDP-{year}-1000000", f"SDP-{year - 1}-1000001"):
        Certificate.objects.create(
            number=number, name_shown="A***", event_title="x", event_date="2026-01-01", hours=1
        )
    certificate, _ = certificates.issue(participant(certificate_event["offer"]), send=False)
    assert certificate.number == f"SDP-{year}-1000001"


def test_a_number_taken_meanwhile_is_skipped(certificate_event, monkeypatch):
    """Two moderators issuing at once read the same next number: the unique constraint makes
    the second take the one after."""
    offer = certificate_event["offer"]
    first, _ = certificates.issue(participant(offer), send=False)
    stale = certificates._next_number
    calls = []

    def taken_once(year):
        calls.append(year)
        return first.number if len(calls) == 1 else stale(year)

    monkeypatch.setattr(certificates, "_next_number", taken_once)
    second, _ = certificates.issue(participant(offer, name="Otrais Dalībnieks"), send=False)
    assert len(calls) == 2 and second.number != first.number
    assert Certificate.objects.count() == 2


# The verification page ---------------------------------------------------------------------


def test_a_revoked_certificate_says_so_at_once_and_no_cache_keeps_it(client, certificate_event):
    certificate, _ = certificates.issue(participant(certificate_event["offer"]), send=False)
    path = f"/lv/apliecibas/{certificate.number}/"
    for _attempt in range(2):  # a second view could come from a cache
        response, page = status_of(client, path)
        assert "Derīga" in page
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert "noindex" in response["X-Robots-Tag"]
    assert BeautifulSoup(response.content, "html.parser").find("meta", attrs={"name": "robots"})

    certificates.revoke(certificate, None, "Kļūda dalībnieku sarakstā")
    response, page = status_of(client, path)
    assert response.status_code == 200
    assert "Atsaukta" in page and "Derīga" not in page
    assert timezone.localdate().strftime("%Y") in page
    # The reason is for the moderators, not the public.
    assert "Kļūda" not in page


def test_it_still_verifies_after_the_participant_is_deleted(client, certificate_event):
    person = participant(certificate_event["offer"], language="en", name="Pēteris Kalniņš")
    certificate, _ = certificates.issue(person, send=False)
    person.delete()
    response, page = status_of(client, f"/en/certificates/{certificate.number}/")
    assert response.status_code == 200
    assert "Valid" in page and "P*** K***" in page and "Kalniņš" not in page
    assert "dalibnieks" not in page


@pytest.mark.parametrize(
    "tail",
    [
        "SDP-2026-999999/",
        "SDP-1999-000001/",
        "x" * 5000 + "/",
        "%C4%81bols/",
        "..%2F..%2Fetc%2Fpasswd/",
        "SDP-2026-000001%00/",
        "%F0%9F%98%80/",
        "SDP-2026-000001'%20OR%201=1/",
    ],
)
def test_unknown_and_garbage_numbers_are_a_friendly_404(client, certificate_event, tail):
    certificates.issue(participant(certificate_event["offer"]), send=False)
    response = client.get(f"/lv/apliecibas/{tail}")
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Apliecība nav atrasta" in page
    assert "Supervīzija" not in page and "J***" not in page
    assert "no-store" in response["Cache-Control"]


def test_the_lookup_form_leads_to_the_number(client, certificate_event):
    certificate, _ = certificates.issue(participant(certificate_event["offer"]), send=False)
    assert client.get("/lv/apliecibas/").status_code == 200
    response = client.get("/lv/apliecibas/", {"number": f"  {certificate.number.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == f"/lv/apliecibas/{certificate.number}/"
    assert client.get("/en/certificates/", {"number": "nav tāda"}).status_code == 404
    lowered = client.get(f"/en/certificates/{certificate.number.lower()}/")
    assert lowered.status_code == 302
    assert client.post(f"/en/certificates/{certificate.number}/").status_code == 405


def test_the_page_cache_never_serves_the_old_answer(client, certificate_event, settings):
    """With the site's page cache on as in production, the second view (from the cache if it
    kept it) must still follow the revocation; nginx is told not to keep it either."""
    settings.PAGE_CACHE_SECONDS = 600
    client.get("/lv/")
    assert client.get("/lv/")["X-Page-Cache"] == "hit"  # the cache is on
    certificate, _ = certificates.issue(participant(certificate_event["offer"]), send=False)
    path = f"/lv/apliecibas/{certificate.number}/"
    for _attempt in range(2):
        response = client.get(path, HTTP_X_FRONT_CACHE_KEY=path)
        assert "X-Page-Cache" not in response
        assert "Derīga" in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    assert "Atsaukta" in status_of(client, path)[1]


# The mail ----------------------------------------------------------------------------------


def test_issuing_mails_the_pdf_in_the_participants_language(client, certificate_event, smtp):
    offer = certificate_event["offer"]
    lv_person = participant(offer, email="jana@example.lv")
    en_person = participant(offer, name="Anna Ozola", language="en", email="anna@example.lv")
    lv_certificate, mailed = certificates.issue(lv_person)
    assert mailed
    en_certificate, mailed = certificates.issue(en_person)
    assert mailed

    (lv_mail,) = smtp.to("jana@example.lv")
    (en_mail,) = smtp.to("anna@example.lv")
    assert lv_certificate.number in lv_mail.message["Subject"]
    assert "Apliecība" in lv_mail.message["Subject"]
    assert "Certificate" in en_mail.message["Subject"]
    assert "Pielikumā ir Jūsu apliecība" in lv_mail.text
    assert "Supervīzija ģimeņu atbalstā" in lv_mail.text
    assert "Attached is your certificate" in en_mail.text
    assert f"http://testserver/lv/apliecibas/{lv_certificate.number}/" in lv_mail.text
    assert f"http://testserver/en/certificates/{en_certificate.number}/" in en_mail.text
    for received, certificate, name in (
        (lv_mail, lv_certificate, "Jana Bērziņa-Ožola"),
        (en_mail, en_certificate, "Anna Ozola"),
    ):
        (attachment,) = list(received.message.iter_attachments())
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_filename() == f"{certificate.number}.pdf"
        data = attachment.get_content()
        assert name in pdf_text(data)
        (url,) = qr_urls(data)
        assert (
            "Valid" in status_of(client, path_of(url))[1]
            or "Derīga" in status_of(client, path_of(url))[1]
        )


def test_a_mail_server_that_is_down_leaves_the_certificate_issued(certificate_event, settings):
    from tests.network import free_port

    for name, value in email_settings(f"smtp://127.0.0.1:{free_port()}/?timeout=2").items():
        setattr(settings, name, value)
    certificate, mailed = certificates.issue(participant(certificate_event["offer"]))
    assert not mailed
    assert Certificate.objects.get(pk=certificate.pk).is_valid


def test_without_the_font_nothing_is_issued_and_the_moderator_is_told(
    client, django_user_model, certificate_event, settings, tmp_path
):
    settings.CERTIFICATE_FONT_DIR = str(tmp_path / "nav")
    offer = certificate_event["offer"]
    person = participant(offer)
    with pytest.raises(certificates.CertificateError, match="fonts-dejavu-core"):
        certificates.issue(person)
    client.force_login(member(django_user_model, "moderatore", "Moderatori"))
    response = client.post(admin_url("certificates_issue", offer.pk), follow=True)
    assert response.status_code == 200
    assert "fonts-dejavu-core" in response.content.decode()
    assert not Certificate.objects.exists()


# Moderators --------------------------------------------------------------------------------


def admin_url(name, *args):
    return reverse(f"registrations_admin:{name}", args=args)


def test_moderators_issue_reissue_revoke_and_download(
    client, django_user_model, certificate_event, smtp
):
    offer = certificate_event["offer"]
    moderator = member(django_user_model, "moderatore", "Moderatori")
    client.force_login(moderator)
    first = participant(offer, email="jana@example.lv")
    second = participant(offer, name="Anna Ozola", language="en", email="anna@example.lv")
    absent = participant(offer, name="Nebija Klāt", attended=False, email="nav@example.lv")

    # The event's edit page leads to it.
    edit = client.get(f"/admin/pages/{offer.event_id}/edit/").content.decode()
    assert admin_url("certificates", offer.pk) in edit and "Apliecības: Kuldīga" in edit
    page = client.get(admin_url("certificates", offer.pk))
    assert page.status_code == 200
    assert "Jana Bērziņa-Ožola" in page.content.decode() and "Nebija" not in page.content.decode()

    response = client.post(admin_url("certificates_issue", offer.pk))
    assert response.status_code == 302
    assert Certificate.objects.count() == 2
    assert not absent.certificates.exists()
    assert {m.rcpt_tos[0] for m in smtp.messages} == {"jana@example.lv", "anna@example.lv"}
    # A second click issues nothing more.
    client.post(admin_url("certificates_issue", offer.pk))
    assert Certificate.objects.count() == 2 and len(smtp.messages) == 2
    assert ModelLogEntry.objects.filter(action="registrations.certificate_issued").count() == 2

    certificate = first.certificates.get()
    download = client.get(admin_url("certificate_pdf", certificate.pk))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert certificate.number in download["Content-Disposition"]
    assert "Jana Bērziņa-Ožola" in pdf_text(download.content)

    # Re-issued unchanged: the same number, mailed again.
    client.post(admin_url("certificate_reissue", certificate.pk))
    assert first.certificates.count() == 1 and len(smtp.to("jana@example.lv")) == 2
    # The name corrected: a new number, the old one revoked as replaced.
    Participant.objects.filter(pk=first.pk).update(name="Jana Ozola")
    client.post(admin_url("certificate_reissue", certificate.pk))
    old, new = first.certificates.order_by("pk")
    assert old.number == certificate.number and not old.is_valid
    assert new.is_valid and new.number != old.number and new.name_shown == "J*** O***"
    assert new.number in old.revocation_reason
    assert "Jana Ozola" in pdf_text(
        smtp.to("jana@example.lv")[-1].message.get_payload()[1].get_content()
    )

    # Revoked with a reason, recorded.
    english = second.certificates.get()
    assert (
        client.post(admin_url("certificate_revoke", english.pk), {"reason": ""}).status_code == 302
    )
    assert Certificate.objects.get(pk=english.pk).is_valid
    client.post(admin_url("certificate_revoke", english.pk), {"reason": "Nebija visu dienu"})
    english.refresh_from_db()
    assert not english.is_valid and english.revoked_by == moderator
    assert english.revocation_reason == "Nebija visu dienu"
    entry = ModelLogEntry.objects.get(
        action="registrations.certificate_revoked", object_id=str(english.pk)
    )
    assert entry.user == moderator and entry.data["reason"] == "Nebija visu dienu"
    assert "Revoked" in status_of(client, f"/en/certificates/{english.number}/")[1]
    # The site's history report shows the entries.
    client.force_login(django_user_model.objects.create_superuser("admin", "", "x"))
    history = client.get("/admin/reports/site-history/")
    assert history.status_code == 200
    assert "Apliecība atsaukta" in history.content.decode()


def test_only_moderators_may(client, django_user_model, certificate_event):
    offer = certificate_event["offer"]
    certificate, _ = certificates.issue(participant(offer), send=False)
    gets = [admin_url("certificates", offer.pk), admin_url("certificate_pdf", certificate.pk)]
    posts = [
        admin_url("certificates_issue", offer.pk),
        admin_url("certificate_reissue", certificate.pk),
        admin_url("certificate_revoke", certificate.pk),
    ]
    # Anonymous: Wagtail's login, nothing else.
    for url in gets + posts:
        response = client.post(url, {"reason": "x"}) if url in posts else client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    # An editor: 403 everywhere, and no link to it on the event.
    client.force_login(member(django_user_model, "redaktore", "Redaktori"))
    edit = client.get(f"/admin/pages/{offer.event_id}/edit/")
    assert edit.status_code == 200
    assert admin_url("certificates", offer.pk) not in edit.content.decode()
    for url in gets:
        response = client.get(url)
        assert response.status_code == 403
        assert b"%PDF" not in response.content and "Bērziņa" not in response.content.decode()
    for url in posts:
        assert client.post(url, {"reason": "x"}).status_code == 403
    assert Certificate.objects.get().is_valid and Certificate.objects.count() == 1
    # A moderator, with the wrong method.
    client.force_login(member(django_user_model, "moderatore", "Moderatori"))
    for url in posts:
        assert client.get(url).status_code == 405
    assert client.post(gets[1]).status_code == 405
    assert Certificate.objects.get().is_valid and Certificate.objects.count() == 1


def test_a_moderator_finds_and_revokes_a_certificate_whose_participant_was_deleted(
    client, django_user_model, certificate_event
):
    person = participant(certificate_event["offer"], name="Pēteris Kalniņš")
    certificate, _ = certificates.issue(person, send=False)
    person.delete()  # the end of the retention period
    find = reverse("registrations_admin:certificate_find")

    client.force_login(member(django_user_model, "redaktore", "Redaktori"))
    assert client.get(f"{find}?number={certificate.number}").status_code == 403
    revoke = reverse("registrations_admin:certificate_revoke", args=[certificate.pk])
    assert client.post(revoke, {"reason": "x", "back": "find"}).status_code == 403

    client.force_login(member(django_user_model, "moderatore", "Moderatori"))
    assert "Atrast apliecību" in client.get(reverse("registrations_admin:index")).text
    page = client.get(f"{find}?number={certificate.number.lower()}").text
    assert "P*** K***" in page and "personas dati dzēsti" in page and "Kalniņš" not in page
    assert "Apliecības ar šādu numuru nav." in client.get(f"{find}?number=SDP-1999-000001").text
    response = client.post(revoke, {"reason": "Izsniegta kļūdaini", "back": "find"})
    assert response.status_code == 302 and response["Location"].endswith(certificate.number)
    certificate.refresh_from_db()
    assert not certificate.is_valid and certificate.revocation_reason == "Izsniegta kļūdaini"
    assert "Atsaukta" in status_of(client, f"/lv/apliecibas/{certificate.number}/")[1]
