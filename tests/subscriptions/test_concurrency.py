"""100 subscribe requests for one address and one filter at the same moment leave one row: the
database's unique constraint decides, and every request still gets its answer (no 500)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from subscriptions import views
from subscriptions.models import Subscription
from website.throttle import Limit

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need PostgreSQL (SQLite serialises them)",
    ),
]

REQUESTS = 100


def test_concurrent_subscriptions_leave_one_row(listing, smtp, monkeypatch):
    # The limits would turn most of them away before they reach the database.
    monkeypatch.setattr(views, "PER_EMAIL", Limit("subscribe-email", 10_000, 60))
    monkeypatch.setattr(views, "PER_CLIENT", Limit("subscribe-client", 10_000, 60))
    start = threading.Barrier(REQUESTS)
    answers = []

    def post(number):
        try:
            start.wait()
            # The same filter written in different orders and with noise: one subscription.
            query = "year=2026&target=seniori" if number % 2 else "target=seniori&year=2026&x=1"
            response = Client().post(
                f"/lv/sekot/?list={listing['lv'].pk}&{query}",
                {"email": "Anna@example.lv", "frequency": "immediate", "homepage": ""},
            )
            answers.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(set(answers)) == [200] and len(answers) == REQUESTS
    assert Subscription.objects.count() == 1
    (subscription,) = Subscription.objects.all()
    assert subscription.email == "anna@example.lv"
    assert subscription.query == "target=seniori&year=2026"
