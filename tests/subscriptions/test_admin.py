"""Editors see how many confirmed subscribers each list has, never the addresses; only a
moderator can export them, and every export is recorded."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import ModelLogEntry

from subscriptions.models import AddressExport, Frequency, Subscription

pytestmark = pytest.mark.django_db


def member(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@lm.example.lv", "x")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def subscribers(listing):
    now = timezone.now()
    for number, frequency in enumerate([Frequency.IMMEDIATE] * 3 + [Frequency.WEEKLY] * 2):
        Subscription.objects.create(
            email=f"abonents{number}@example.lv",
            language="lv",
            listing=listing["lv"],
            frequency=frequency,
            confirmed_at=now,
        )
    Subscription.objects.create(
        email="neapstiprinats@example.lv", language="lv", listing=listing["lv"]
    )
    Subscription.objects.create(email="=cmd@example.lv", language="en", confirmed_at=now)
    return listing["lv"]


def test_editors_see_numbers_not_addresses(client, django_user_model, subscribers):
    client.force_login(member(django_user_model, "redaktore", "Redaktori"))
    response = client.get("/admin/subscriptions/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Abonenti" in page and "Metodikas" in page
    assert "@example.lv" not in page
    rows = BeautifulSoup(page, "html.parser").select("table.listing tbody tr")
    cells = {
        row.td.get_text(strip=True): [td.get_text(strip=True) for td in row("td")] for row in rows
    }
    assert cells["Metodikas"][1:5] == ["lv", "3", "2", "5"]
    assert cells["Viss jaunais portālā"][1:5] == ["en", "1", "0", "1"]
    assert "Eksportēt" not in page
    filter_key = Subscription.objects.filter(listing=subscribers).first().filter_key
    refused = client.post("/admin/subscriptions/export/", {"filter_key": filter_key})
    # Wagtail answers a refused admin action with its dashboard and a message.
    assert refused.status_code in (302, 403) and "Content-Disposition" not in refused
    assert b"@example.lv" not in refused.content
    assert not AddressExport.objects.exists()
    # Nor anonymously.
    client.logout()
    assert client.get("/admin/subscriptions/").status_code == 302


def test_moderators_export_through_a_recorded_action(client, django_user_model, subscribers):
    moderator = member(django_user_model, "moderatore", "Moderatori")
    client.force_login(moderator)
    assert "Eksportēt" in client.get("/admin/subscriptions/").content.decode()
    filter_key = Subscription.objects.filter(listing=subscribers).first().filter_key
    assert client.get("/admin/subscriptions/export/").status_code == 405
    response = client.post("/admin/subscriptions/export/", {"filter_key": filter_key})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["email", "language", "frequency", "confirmed_at"]
    assert sorted(row[0] for row in rows[1:]) == [f"abonents{n}@example.lv" for n in range(5)]
    (record,) = AddressExport.objects.all()
    assert (record.user, record.addresses) == (moderator, 5)
    assert ModelLogEntry.objects.filter(action="subscriptions.export", user=moderator).exists()

    everything = Subscription.objects.get(email="=cmd@example.lv").filter_key
    response = client.post("/admin/subscriptions/export/", {"filter_key": everything})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=cmd@example.lv"
