"""100 subscribe requests for one address and one filter at the same moment leave one row: the
database's unique constraint decides, and every request still gets its answer (no 500)."""

from django.test import Client

from subscriptions import views
from subscriptions.models import Subscription
from tests.utils import at_once, concurrent_writers
from website.throttle import Limit

pytestmark = concurrent_writers()

REQUESTS = 100


def test_concurrent_subscriptions_leave_one_row(listing, smtp, monkeypatch):
    # The limits would turn most of them away before they reach the database.
    monkeypatch.setattr(views, "PER_EMAIL", Limit("subscribe-email", 10_000, 60))
    monkeypatch.setattr(views, "PER_CLIENT", Limit("subscribe-client", 10_000, 60))

    def post(number):
        # The same filter written in different orders and with noise: one subscription.
        query = "year=2026&target=seniori" if number % 2 else "target=seniori&year=2026&x=1"

        def request():
            response = Client().post(
                f"/lv/sekot/?list={listing['lv'].pk}&{query}",
                {"email": "Anna@example.lv", "frequency": "immediate", "homepage": ""},
            )
            return response.status_code

        return request

    answers, _ = at_once([post(number) for number in range(REQUESTS)])
    assert sorted(set(answers)) == [200] and len(answers) == REQUESTS
    assert Subscription.objects.count() == 1
    (subscription,) = Subscription.objects.all()
    assert subscription.email == "anna@example.lv"
    assert subscription.query == "target=seniori&year=2026"
