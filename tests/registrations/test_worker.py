"""The reminder as production sends it: queued by the periodic command, delivered by the
background worker to a real SMTP server, once per participant."""

from datetime import timedelta
from decimal import Decimal

import pytest

from registrations.models import Offer, Status
from tests.events.helpers import seminar
from tests.registrations.conftest import visit_key
from tests.registrations.test_maintenance import person, run, tomorrow_at
from tests.smtp import SMTPServer
from tests.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_reminder_once_through_the_worker(events, worker_mail):
    start = tomorrow_at(10)
    page = seminar(
        events["index"],
        "Rītdienas seminārs",
        occurrences=[
            (start, start + timedelta(hours=3), "Valmiera", "vidzeme"),
            (start + timedelta(days=2), start + timedelta(days=2, hours=3), "Cēsis", "vidzeme"),
        ],
    )
    tomorrow = Offer.objects.create(
        event=page, session_key=visit_key(page, 0), capacity=5, hours=Decimal(3)
    )
    later = Offer.objects.create(
        event=page, session_key=visit_key(page, 1), capacity=5, hours=Decimal(3)
    )
    anna = person(tomorrow, "anna@example.lv")
    person(tomorrow, "john@example.lv", language="en")
    person(tomorrow, "gaida@example.lv", status=Status.WAITING)
    person(tomorrow, "atteica@example.lv", status=Status.CANCELLED)
    person(later, "velak@example.lv")
    with SMTPServer() as server:
        worker_mail(f"smtp://127.0.0.1:{server.port}")
        assert run().startswith("2 reminder(s) sent")
        # Queued, not sent, until the worker runs.
        assert server.inbox.messages == []
        run_worker()
        assert sorted(m.rcpt_tos[0] for m in server.inbox.messages) == [
            "anna@example.lv",
            "john@example.lv",
        ]
        lv = server.inbox.to("anna@example.lv")[0]
        assert lv.message["Subject"].strip() == "Rīt: Rītdienas seminārs"
        assert "Atgādinājums" in lv.text and "Valmiera" in lv.text
        assert (
            server.inbox.to("john@example.lv")[0].message["Subject"].strip().startswith("Tomorrow:")
        )
        assert len(list(lv.message.iter_attachments())) == 1
        # Once per participant, however often the timer runs.
        assert run().startswith("0 reminder(s) sent")
        run_worker()
        assert len(server.inbox.messages) == 2
    anna.refresh_from_db()
    assert anna.reminded_at is not None
