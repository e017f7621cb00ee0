"""The participant's signed links: cancel, own data (page, JSON, deletion). A forged, expired
or other-purpose link is refused; one participant's link shows nobody else's data."""

import json
import time

import pytest
from django.core import signing

from registrations import tokens
from registrations.models import Certificate, Participant, Status
from tests.registrations.conftest import form_data, link_path
from tests.registrations.test_register import form_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(client, smtp, offer):
    client.post(form_url(offer), form_data())
    return Participant.objects.get(email="anna@example.lv"), smtp.to("anna@example.lv")[0]


def test_forged_cancel_links_are_refused(client, anna):
    participant, mail = anna
    cancel = link_path(mail, "/cancel/")
    token = cancel.rstrip("/").rsplit("/", 1)[1]
    forged = [
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        signing.dumps(participant.key, salt=tokens.CANCEL, key="another-secret-key"),
        signing.dumps(participant.key, salt=tokens.DATA),  # the data link's token
        "x",
    ]
    for bad in forged:
        for method in (client.get, client.post):
            response = method(f"/lv/pieteiksanas/cancel/{bad}/")
            assert response.status_code == 400
            assert "Šī saite nedarbojas" in response.content.decode()
    assert Participant.objects.get().status == Status.CONFIRMED


def test_expired_link_is_refused(client, anna, monkeypatch):
    participant, _mail = anna
    year_ago = time.time() - tokens.LINK_MAX_AGE - 60
    monkeypatch.setattr(signing.time, "time", lambda: year_ago)
    old = tokens.make(tokens.CANCEL, participant)
    old_data = tokens.make(tokens.DATA, participant)
    monkeypatch.undo()
    assert client.post(f"/lv/pieteiksanas/cancel/{old}/").status_code == 400
    assert client.get(f"/en/registration/data/{old_data}/").status_code == 400
    assert client.get(f"/en/registration/data/{old_data}/json/").status_code == 400
    assert Participant.objects.get().status == Status.CONFIRMED


def test_data_page_json_and_deletion(client, anna, offer, events):
    participant, mail = anna
    other = Participant.objects.create(
        offer=offer,
        name="Ilze Ozola",
        email="ilze@example.lv",
        municipality="Rīga",
        institution="Rīgas Sociālais dienests",
        position="vadītāja",
        consent_at=participant.consent_at,
        language="lv",
    )
    data = link_path(mail, "/data/")
    page = client.get(data)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    text = page.content.decode()
    assert "Anna Bērziņa" in text and "Kuldīgas novada sociālais dienests" in text
    assert "Ilze" not in text and "ilze@example.lv" not in text

    download = client.get(data + "json/")
    assert download["Content-Type"].startswith("application/json")
    assert "attachment" in download["Content-Disposition"]
    record = json.loads(download.content)
    assert record["email"] == "anna@example.lv" and record["status"] == "confirmed"
    assert record["municipality"] == "Kuldīgas novads"
    assert record["event"] == events["seminar"].title
    assert "ilze" not in download.content.decode()

    certificate = Certificate.objects.create(
        participant=participant,
        number="LM-TEST-1",
        name_shown="Anna B.",
        event_title=events["seminar"].title,
        event_date=participant.created.date(),
        hours=4,
        language="lv",
    )
    # Opening the page deletes nothing; the button does.
    assert Participant.objects.filter(pk=participant.pk).exists()
    deleted = client.post(data, {"delete": "1"})
    assert deleted.status_code == 200 and "Jūsu dati ir dzēsti" in deleted.content.decode()
    assert not Participant.objects.filter(pk=participant.pk).exists()
    assert Participant.objects.filter(pk=other.pk).exists()
    certificate.refresh_from_db()
    assert certificate.participant is None and certificate.name_shown == "Anna B."
    # The link now says nothing is kept; the cancel link has nothing to cancel.
    assert "Jūsu dati ir dzēsti" in client.get(data).content.decode()
    assert client.get(data + "json/").status_code == 404
    assert client.get(link_path(mail, "/cancel/")).status_code == 200


def test_deleting_a_confirmed_seat_promotes_the_next(client, smtp, offer):
    offer.capacity = 1
    offer.save()
    client.post(form_url(offer), form_data())
    client.post(form_url(offer), form_data(email="ilze@example.lv", name="Ilze Ozola"))
    client.post(link_path(smtp.to("anna@example.lv")[0], "/data/"), {"delete": "1"})
    assert Participant.objects.get().status == Status.CONFIRMED
    assert smtp.to("ilze@example.lv")[-1].message["Subject"].strip().startswith("Jums atbrīvojās")
