"""The periodic command process_registrations: the reminder the day before (once, through the
background worker as production sends it), and the retention period's end (on time, not
before)."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.dates import EVENT_TIME_ZONE
from registrations.models import Certificate, Offer, Participant, Status
from tests.events.helpers import seminar
from tests.registrations.conftest import visit_key
from tests.smtp import SMTPServer

pytestmark = pytest.mark.django_db


def person(offer, email, status=Status.CONFIRMED, language="lv"):
    return Participant.objects.create(
        offer=offer,
        name=email.split("@")[0].title(),
        email=email,
        municipality="Rīga",
        institution="Rīgas Sociālais dienests",
        position="sociālais darbinieks",
        consent_at=timezone.now(),
        language=language,
        status=status,
    )


def run():
    out = io.StringIO()
    call_command("process_registrations", stdout=out)
    return out.getvalue()


def tomorrow_at(hour):
    day = timezone.localdate(timezone=EVENT_TIME_ZONE) + timedelta(days=1)
    return timezone.datetime(day.year, day.month, day.day, hour, tzinfo=EVENT_TIME_ZONE)


def test_reminder_not_sent_is_tried_again(events, settings):
    start = tomorrow_at(11)
    page = seminar(
        events["index"],
        "Cits seminārs",
        occurrences=[(start, start + timedelta(hours=2), "Ogre", "vidzeme")],
    )
    offer = Offer.objects.create(event=page, capacity=5, hours=Decimal(2))
    anna = person(offer, "anna@example.lv")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    assert run().startswith("0 reminder(s) sent")
    anna.refresh_from_db()
    assert anna.reminded_at is None
    with SMTPServer() as server:
        settings.EMAIL_PORT = server.port
        assert run().startswith("1 reminder(s) sent")
        assert len(server.inbox.messages) == 1


def ended_days_ago(events, days, title):
    end = timezone.now() - timedelta(days=days)
    page = seminar(
        events["index"], title, occurrences=[(end - timedelta(hours=4), end, "Tukums", "kurzeme")]
    )
    return Offer.objects.create(event=page, capacity=5, hours=Decimal(4))


def test_retention_deletes_on_time_and_not_before(events, settings):
    settings.REGISTRATION_RETENTION_DAYS = 30
    kept = ended_days_ago(events, 29, "Nesens seminārs")
    expired = ended_days_ago(events, 31, "Sens seminārs")
    upcoming = Offer.objects.create(
        event=events["seminar"], session_key=visit_key(events["seminar"]), capacity=5, hours=4
    )
    for offer in (kept, expired, upcoming):
        person(offer, "anna@example.lv")
        person(offer, "atteica@example.lv", status=Status.CANCELLED)
    certified = expired.participants.get(email="anna@example.lv")
    certificate = Certificate.objects.create(
        participant=certified,
        number="LM-2026-0001",
        name_shown="Anna B.",
        event_title="Sens seminārs",
        event_date=timezone.localdate(),
        hours=4,
        language="lv",
    )
    assert "2 participant(s) deleted after 30 days" in run()
    assert not expired.participants.exists()
    assert kept.participants.count() == 2 and upcoming.participants.count() == 2
    certificate.refresh_from_db()
    assert certificate.participant is None and certificate.number == "LM-2026-0001"
    assert Offer.objects.filter(pk=expired.pk).exists()
    # A day later nothing else has reached its end; two days on, the next one has.
    assert "0 participant(s) deleted" in run()
    settings.REGISTRATION_RETENTION_DAYS = 28
    assert "2 participant(s) deleted" in run()
    assert not kept.participants.exists() and upcoming.participants.count() == 2
