"""The demo's past seminar: demo participants (marked), certificates issued (one revoked), and
a moderator who downloads one whose QR code verifies."""

import pytest

import events.demo
from registrations import demo
from registrations.models import Certificate, Participant
from tests.registrations.conftest import member, path_of, pdf_text, qr_urls, status_of
from tests.utils import assert_demo_loads_once

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_past_event_with_certificates(client, django_user_model, locales):
    assert_demo_loads_once(events.demo, demo)
    people = Participant.objects.filter(offer__event__slug=demo.SLUG_LV)
    assert people.count() == 6 and all(person.is_demo for person in people)
    assert all(person.name.startswith("Demo ") for person in people)
    offer = people.first().offer
    assert not offer.event.is_upcoming() and offer.event.locale.language_code == "lv"
    assert Certificate.objects.count() == 4
    assert Certificate.objects.filter(revoked_at__isnull=False).count() == 1

    client.force_login(member(django_user_model, "moderatore", "Moderatori"))
    page = client.get(f"/admin/registrations/certificates/{offer.pk}/").content.decode()
    assert "Demo dalībnieks 1" in page and "Izsniegt un nosūtīt 1 apliecību" in page
    english = Certificate.objects.get(language="en")
    data = client.get(f"/admin/registrations/certificate/{english.pk}/pdf/").content
    assert "Demo participant 3" in pdf_text(data)
    assert "Example: supervision in social work practice" in pdf_text(data)
    (url,) = qr_urls(data)
    assert "Valid" in status_of(client, path_of(url))[1]
    revoked = Certificate.objects.get(revoked_at__isnull=False)
    assert "Atsaukta" in status_of(client, f"/lv/apliecibas/{revoked.number}/")[1]
