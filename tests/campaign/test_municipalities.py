"""The memorandum's Municipality records themselves (apart from test_tracker.py, whose memorandum
page is built once for that module): one record per name, and editors manage them in the admin."""

from datetime import date

import pytest
from django.db import IntegrityError

from campaign.models import Municipality

pytestmark = pytest.mark.django_db


def test_a_municipality_is_recorded_once():
    Municipality.objects.create(name="Rīga", planning_region="riga")
    with pytest.raises(IntegrityError):
        Municipality.objects.create(name="Rīga", planning_region="riga")


def test_editors_manage_municipalities_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/snippets/campaign/municipality/add/",
        {"name": "Bauskas novads", "planning_region": "zemgale", "date_joined": "2023-01-10"},
    )
    assert response.status_code == 302
    municipality = Municipality.objects.get(name="Bauskas novads")
    assert municipality.date_joined == date(2023, 1, 10) and not municipality.is_demo
    listing = client.get("/admin/snippets/campaign/municipality/?planning_region=zemgale")
    assert listing.status_code == 200 and "Bauskas novads" in listing.text
