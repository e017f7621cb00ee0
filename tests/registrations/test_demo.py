"""The demo: the upcoming example seminar takes registrations, with made-up participants that
say so; loading again adds nothing."""

import pytest
from bs4 import BeautifulSoup

import events.demo
import registrations.demo
from registrations.models import Offer
from tests.utils import assert_demo_loads_once

pytestmark = pytest.mark.django_db


def test_demo_seminar_takes_registrations(client, locales):
    assert_demo_loads_once(events.demo, registrations.demo)
    offer = Offer.objects.get(event__slug=registrations.demo.UPCOMING_SEMINAR_SLUG)
    assert offer.is_open
    people = list(offer.participants.all())
    assert len(people) == 5
    assert all(p.is_demo and p.name.startswith("Demo dalībnieks ") for p in people)
    assert all(p.email.endswith("@example.invalid") for p in people)
    for page in (offer.event, offer.event.get_translation(locales["en"])):
        html = client.get(page.url).content.decode()
        box = BeautifulSoup(html, "html.parser").select_one("section.event__registration")
        assert box is not None and "20" in box.text
        form = client.get(box.find("a", class_="button")["href"])
        assert form.status_code == 200
    privacy = client.get("/lv/privatuma-politika/").content.decode()
    assert "180 dienas pēc pasākuma beigām" in privacy
    assert "Apskatīt vai dzēst savus datus" in privacy
    privacy_en = client.get("/en/privacy-policy/").content.decode()
    assert "180 days after the event ends" in privacy_en
