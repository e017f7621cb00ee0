"""Never overbooked: 50 registrations for 10 seats at the same moment, each request on its own
database connection, leave exactly 10 confirmed and 40 waiting (the offer's row lock decides,
one request after the other); the same address submitted many times at once is one
registration. Every request gets its answer (no 500) and every person their mail."""

from decimal import Decimal

import pytest
from django.test import Client

from registrations import views
from registrations.models import Offer, Participant, Status
from tests.registrations.conftest import form_data, visit_key
from tests.utils import at_once, concurrent_writers
from website.throttle import Limit

pytestmark = concurrent_writers()

REQUESTS = 50
SEATS = 10


@pytest.fixture
def seats(events, monkeypatch):
    # The limits would turn most of them away before they reach the database.
    monkeypatch.setattr(views, "PER_EMAIL", Limit("registration-email", 10_000, 60))
    monkeypatch.setattr(views, "PER_CLIENT", Limit("registration-client", 10_000, 60))
    return Offer.objects.create(
        event=events["seminar"],
        session_key=visit_key(events["seminar"]),
        capacity=SEATS,
        hours=Decimal(4),
    )


def post(offer, email):
    def request():
        return Client().post(f"/lv/pieteiksanas/{offer.pk}/", form_data(email=email)).status_code

    return request


def test_fifty_at_once_for_ten_seats(seats, smtp, record_property):
    answers, seconds = at_once(
        [post(seats, f"dalibnieks{number}@example.lv") for number in range(REQUESTS)]
    )
    record_property("seconds_50_requests", round(seconds, 2))
    print(f"\n50 concurrent registrations for 10 seats: {seconds:.2f} s")
    assert answers == [200] * REQUESTS
    statuses = list(Participant.objects.values_list("status", flat=True))
    assert statuses.count(Status.CONFIRMED) == SEATS
    assert statuses.count(Status.WAITING) == REQUESTS - SEATS
    # The first ten to get the lock got the seats: nobody who came later is ahead of a waiter.
    ordered = list(Participant.objects.order_by("created", "pk").values_list("status", flat=True))
    assert ordered == [Status.CONFIRMED] * SEATS + [Status.WAITING] * (REQUESTS - SEATS)
    assert len(smtp.messages) == REQUESTS
    subjects = [m.message["Subject"].strip() for m in smtp.messages]
    assert sum(s.startswith("Pieteikšanās apstiprināta") for s in subjects) == SEATS


def test_same_address_many_times_at_once_is_one_registration(seats, smtp):
    answers, seconds = at_once([post(seats, "Anna@Example.lv") for _ in range(20)])
    print(f"\n20 concurrent submits of one address: {seconds:.2f} s")
    assert answers == [200] * 20
    assert Participant.objects.count() == 1
    assert Participant.objects.get().status == Status.CONFIRMED
    assert len(smtp.to("anna@example.lv")) == 1
