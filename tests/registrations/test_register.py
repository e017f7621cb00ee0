"""Registering on an event as a reader and a mail server see it: the event page's box, the form
in both languages, the confirmation through a real SMTP server with the visit's .ics and the
signed links, the waiting list and its promotion, and every way around a closed offer."""

from datetime import timedelta

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from registrations import views
from registrations.models import Participant, Status
from tests.registrations.conftest import form_data, link_path, visit_key
from website.throttle import Limit

pytestmark = pytest.mark.django_db


def form_url(offer, language="lv"):
    return f"/{language}/{'pieteiksanas' if language == 'lv' else 'registration'}/{offer.pk}/"


def test_event_page_offers_the_form_in_both_languages(client, offer, events):
    page = client.get(events["seminar"].url).content.decode()
    box = BeautifulSoup(page, "html.parser").select_one("section.event__registration")
    assert box is not None
    assert "Kuldīga" in box.text and "Brīvas 10 vietas" in box.text
    assert box.find("a", class_="button")["href"] == form_url(offer)

    page_en = client.get(events["seminar_en"].url).content.decode()
    box_en = BeautifulSoup(page_en, "html.parser").select_one("section.event__registration")
    assert "10 seats left" in box_en.text
    assert box_en.find("a", class_="button")["href"] == form_url(offer, "en")

    form = client.get(form_url(offer))
    assert form.status_code == 200
    assert form["Cache-Control"].startswith("max-age=0") or "no-store" in form["Cache-Control"]
    soup = BeautifulSoup(form.content, "html.parser")
    labels = [label.get_text(strip=True) for label in soup.select("form.registration-form label")]
    assert "Vārds, uzvārds" in labels and "Pašvaldība" in labels
    assert "Piekrītu" in " ".join(labels)
    options = [o["value"] for o in soup.select("select[name=municipality] option")]
    assert "Kuldīgas novads" in options and "Rīga" in options
    assert events["seminar"].title in soup.text

    form_en = client.get(form_url(offer, "en"))
    assert "Regional seminar on community" in form_en.content.decode()
    assert "Name and surname" in form_en.content.decode()


def test_register_confirmed_mail_with_calendar_and_links(client, smtp, offer, events):
    response = client.post(form_url(offer), form_data(email="Anna@Example.lv"))
    assert response.status_code == 200
    assert "Jūs esat pieteicies" in response.content.decode()
    participant = Participant.objects.get()
    assert participant.status == Status.CONFIRMED
    assert participant.email == "anna@example.lv" and participant.language == "lv"
    assert participant.consent_at is not None

    (mail,) = smtp.to("anna@example.lv")
    assert (
        mail.message["Subject"].strip() == f"Pieteikšanās apstiprināta: {events['seminar'].title}"
    )
    assert "Labdien, Anna Bērziņa!" in mail.text and "Kuldīga" in mail.text
    (attachment,) = list(mail.message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    (vevent,) = calendar.walk("VEVENT")
    # The visit registered for, with the UID of the site's own calendars.
    key = visit_key(events["seminar"])
    assert str(vevent["UID"]).startswith(f"{events['seminar'].translation_key}-{key}@")
    occurrence = events["seminar"].occurrences.get(calendar_uid=key)
    assert vevent.decoded("DTSTART") == occurrence.start
    assert "/lv/pieteiksanas/cancel/" in link_path(mail, "/cancel/")
    assert "/lv/pieteiksanas/data/" in link_path(mail, "/data/")


def test_english_registration_gets_english_mail(client, smtp, offer, events):
    assert client.post(form_url(offer, "en"), form_data()).status_code == 200
    (mail,) = smtp.to("anna@example.lv")
    assert (
        mail.message["Subject"].strip() == "Registration confirmed: Regional seminar on community"
    )
    assert "Hello, Anna Bērziņa!" in mail.text
    assert "/en/registration/cancel/" in link_path(mail, "/cancel/")
    assert Participant.objects.get().language == "en"


def test_form_errors_keep_what_was_typed(client, smtp, offer):
    data = form_data(email="not-an-address")
    del data["consent"]
    response = client.post(form_url(offer), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Pieteikšanās nav iespējama bez jūsu piekrišanas." in page
    assert 'value="Anna Bērziņa"' in page and 'aria-invalid="true"' in page
    assert not Participant.objects.exists() and not smtp.messages


def test_double_submit_gives_one_registration(client, smtp, offer):
    first = client.post(form_url(offer), form_data())
    second = client.post(form_url(offer), form_data(email=" ANNA@example.lv "))
    assert first.status_code == second.status_code == 200
    assert "Jau pieteicies" in second.content.decode()
    assert Participant.objects.count() == 1
    assert len(smtp.to("anna@example.lv")) == 1


def test_waiting_list_and_promotion_on_cancel(client, smtp, offer, events):
    offer.capacity = 1
    offer.save()
    client.post(form_url(offer), form_data(email="anna@example.lv"))
    waiting = client.post(form_url(offer), form_data(email="ilze@example.lv", name="Ilze Ozola"))
    assert "Jūs esat gaidīšanas sarakstā" in waiting.content.decode()
    ilze = Participant.objects.get(email="ilze@example.lv")
    assert ilze.status == Status.WAITING
    (notice,) = smtp.to("ilze@example.lv")
    assert notice.message["Subject"].strip().startswith("Gaidīšanas sarakstā")
    assert not list(notice.message.iter_attachments())  # no seat, no calendar entry

    # The event page says so.
    page = client.get(events["seminar"].url).content.decode()
    assert "visas vietas aizņemtas: gaidīšanas saraksts" in page

    (anna_mail,) = smtp.to("anna@example.lv")
    cancel = link_path(anna_mail, "/cancel/")
    # Opening the link (a mail scanner does) changes nothing.
    opened = client.get(cancel)
    assert opened.status_code == 200 and "Atteikt manu dalību" in opened.content.decode()
    assert Participant.objects.get(email="anna@example.lv").status == Status.CONFIRMED
    done = client.post(cancel)
    assert "Jūsu dalība ir atteikta" in done.content.decode()
    assert Participant.objects.get(email="anna@example.lv").status == Status.CANCELLED
    ilze.refresh_from_db()
    assert ilze.status == Status.CONFIRMED
    promoted = smtp.to("ilze@example.lv")[-1]
    assert promoted.message["Subject"].strip().startswith("Jums atbrīvojās vieta")
    assert len(list(promoted.message.iter_attachments())) == 1
    # Cancelling again changes nothing and mails nobody.
    count = len(smtp.messages)
    client.post(cancel)
    assert len(smtp.messages) == count

    # A cancelled address may register again (and waits behind nobody: a seat is free? no).
    again = client.post(form_url(offer), form_data(email="anna@example.lv"))
    assert again.status_code == 200
    assert Participant.objects.filter(email="anna@example.lv", status=Status.WAITING).count() == 1


def test_seats_per_municipality(client, smtp, offer):
    offer.capacity = 3
    offer.seats_per_municipality = 1
    offer.save()
    client.post(form_url(offer), form_data(email="a@example.lv", municipality="Rīga"))
    client.post(form_url(offer), form_data(email="b@example.lv", municipality="Rīga"))
    client.post(form_url(offer), form_data(email="c@example.lv", municipality="Liepāja"))
    status = dict(Participant.objects.values_list("email", "status"))
    assert status == {
        "a@example.lv": Status.CONFIRMED,
        "b@example.lv": Status.WAITING,
        "c@example.lv": Status.CONFIRMED,
    }
    # Rīga's seat freed: Rīga's waiting person gets it.
    cancel = link_path(smtp.to("a@example.lv")[0], "/cancel/")
    client.post(cancel)
    assert Participant.objects.get(email="b@example.lv").status == Status.CONFIRMED


def closed_answers(client, offer, message):
    get = client.get(form_url(offer))
    assert get.status_code == 200 and message in get.content.decode()
    assert "<form" not in get.content.decode().split("<main", 1)[-1].split("</main>")[0]
    post = client.post(form_url(offer), form_data())
    assert post.status_code == 409 and message in post.content.decode()
    en = client.post(form_url(offer, "en"), form_data())
    assert en.status_code == 409
    assert not Participant.objects.exists()


def test_closed_by_moderator(client, smtp, offer):
    offer.is_open = False
    offer.save()
    closed_answers(client, offer, "Pieteikšanās šim pasākumam ir slēgta.")
    assert not smtp.messages


def test_past_deadline(client, smtp, offer):
    offer.deadline = timezone.now() - timedelta(minutes=1)
    offer.save()
    closed_answers(client, offer, "Pieteikšanās termiņš ir beidzies.")


def test_event_begun(client, smtp, offer, events):
    occurrence = events["seminar"].occurrences.get(calendar_uid=offer.session_key)
    occurrence.start = timezone.now() - timedelta(hours=1)
    occurrence.save()
    closed_answers(client, offer, "Pasākums jau ir sācies")


def test_unpublished_event_is_not_found(client, smtp, offer, events):
    events["seminar"].unpublish()
    for language in ("lv", "en"):
        assert client.get(form_url(offer, language)).status_code == 404
        assert client.post(form_url(offer, language), form_data()).status_code == 404
    assert not Participant.objects.exists()


def test_restricted_event_is_not_found(client, smtp, offer, events):
    PageViewRestriction.objects.create(
        page=events["index"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for language in ("lv", "en"):
        assert client.get(form_url(offer, language)).status_code == 404
        assert client.post(form_url(offer, language), form_data()).status_code == 404
    assert "event__registration" not in client.get(events["seminar_en"].url).content.decode()
    assert not Participant.objects.exists()


def test_restricted_english_translation_refuses_in_english_only(client, smtp, offer, events):
    PageViewRestriction.objects.create(
        page=events["seminar_en"], restriction_type=PageViewRestriction.LOGIN
    )
    assert client.post(form_url(offer, "en"), form_data()).status_code == 404
    assert not Participant.objects.exists()
    assert client.post(form_url(offer, "lv"), form_data()).status_code == 200


def test_unknown_offer_is_not_found(client, offer):
    assert client.get(f"/lv/pieteiksanas/{offer.pk + 1000}/").status_code == 404


def test_too_many_from_one_client(client, smtp, offer, monkeypatch):
    monkeypatch.setattr(views, "PER_CLIENT", Limit("registration-client", 2, 60))
    for number in range(2):
        assert (
            client.post(form_url(offer), form_data(email=f"p{number}@example.lv")).status_code
            == 200
        )
    refused = client.post(form_url(offer), form_data(email="p9@example.lv"))
    assert refused.status_code == 429
    assert Participant.objects.count() == 2


def test_registration_is_kept_when_the_mail_server_hangs(client, offer, settings):
    from tests.network import HungServer

    with HungServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
            "127.0.0.1",
            server.port,
            1,
        )
        response = client.post(form_url(offer), form_data())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Jūs esat pieteicies" in page and "neizdevās nosūtīt" in page
    assert Participant.objects.get().status == Status.CONFIRMED


def test_calendar_attachment_reads_in_other_clients(client, smtp, offer, events):
    import ics
    import vobject

    client.post(form_url(offer, "en"), form_data())
    (mail,) = smtp.to("anna@example.lv")
    (attachment,) = list(mail.message.iter_attachments())
    text = attachment.get_content()
    text = text.decode() if isinstance(text, bytes) else text
    (event,) = ics.Calendar(text).events
    assert event.name == "Regional seminar on community (Kuldīga)"
    parsed = vobject.readOne(text)
    assert parsed.vevent.summary.value == "Regional seminar on community (Kuldīga)"
    occurrence = events["seminar"].occurrences.get(calendar_uid=offer.session_key)
    assert parsed.vevent.dtstart.value == occurrence.start


def test_the_consent_links_the_privacy_notice_the_site_settings_name(client, offer, site_tree):
    from wagtail.models import Site

    from tests.utils import add_page, translate
    from website.models import SiteSettings, StandardPage

    def privacy_links(language):
        soup = BeautifulSoup(client.get(form_url(offer, language)).content, "html.parser")
        return [a["href"] for a in soup.select("form.registration-form a")]

    # None chosen: the form still asks for consent, with no link to nowhere.
    assert privacy_links("lv") == []
    notice = add_page(site_tree["lv"], StandardPage, title="Datu apstrāde", slug="datu-apstrade")
    translate(notice, slug="data-processing", title="Data processing")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_page = notice
    settings.save()
    assert privacy_links("lv") == ["/lv/datu-apstrade/"]
    assert privacy_links("en") == ["/en/data-processing/"]
    # A notice taken down is not linked.
    notice.get_translations().get().unpublish()
    assert privacy_links("en") == ["/lv/datu-apstrade/"]
    notice.unpublish()
    assert privacy_links("lv") == []
