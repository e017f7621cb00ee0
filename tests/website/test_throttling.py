"""Guessing is limited everywhere a secret is asked for, per account and per client address.

Logins (admin and front end), pages' and collections' shared passwords and password resets.
A lock says so in Latvian, is lifted by the documented commands, and one client behind the
reverse proxy cannot lock out the others behind it.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.utils import add_page
from website.models import StandardPage

pytestmark = pytest.mark.django_db

PASSWORD = "pareiza-parole-42"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        "redaktore", "redaktore@example.lv", PASSWORD, is_staff=True
    )


def log_in(client, password, username="redaktore", address="192.0.2.10", url="/admin/login/"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_guessing_one_account_from_many_addresses_locks_that_account(client, editor):
    # 80 guesses from 20 addresses, 4 each: under the limit per address, not per account.
    statuses = [
        log_in(client, f"minejums-{n}", address=f"198.51.100.{n // 4 + 1}").status_code
        for n in range(80)
    ]
    assert 429 in statuses
    assert statuses.index(429) < 25
    # The right password from a new address is refused too while the lock lasts.
    response = log_in(client, PASSWORD, address="203.0.113.5")
    assert response.status_code == 429
    assert "Pārāk daudz pieteikšanās mēģinājumu" in response.text
    # …until the documented command lifts it.
    call_command("axes_reset_username", "redaktore")
    assert log_in(client, PASSWORD, address="203.0.113.5").status_code == 302


def test_one_address_spraying_user_names_is_locked(client, editor):
    statuses = [log_in(client, "x", username=f"lietotajs{n}").status_code for n in range(60)]
    assert 429 in statuses
    # That address cannot log in as anyone for a while…
    assert log_in(client, PASSWORD).status_code == 429
    # …but the editor, from elsewhere, can.
    assert log_in(client, PASSWORD, address="203.0.113.5").status_code == 302
    call_command("axes_reset_ip", "192.0.2.10")
    client.logout()
    assert log_in(client, PASSWORD).status_code == 302


def test_the_front_end_login_is_limited_as_the_admin_login(client, editor):
    for _ in range(5):
        log_in(client, "nepareiza", url="/lv/_util/login/")
    assert log_in(client, PASSWORD, url="/lv/_util/login/").status_code == 429
    assert log_in(client, PASSWORD).status_code == 429


def test_behind_the_proxy_one_client_does_not_lock_out_the_others(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"

    def through_proxy(password, username, client_address):
        return client.post(
            "/admin/login/",
            {"username": username, "password": password},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=client_address,
        )

    for n in range(60):
        through_proxy("x", f"lietotajs{n}", "203.0.113.66")
    assert through_proxy(PASSWORD, "redaktore", "203.0.113.66").status_code == 429
    assert through_proxy(PASSWORD, "redaktore", "192.0.2.44").status_code == 302
    assert not AccessAttempt.objects.filter(ip_address=proxy).exists()


# Shared passwords of pages and collections ------------------------------------------------------


@pytest.fixture
def protected_page(site_tree):
    page = add_page(site_tree["lv"], StandardPage, title="Slēgta lapa", slug="slegta")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, f"/lv/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


@pytest.fixture
def protected_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Slēgtā")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password=PASSWORD
    )
    return collection, f"/documents/authenticate_with_password/{restriction.pk}/"


def guess(client, url, password, address="192.0.2.10", return_url="/lv/slegta/"):
    return client.post(url, {"password": password, "return_url": return_url}, REMOTE_ADDR=address)


@pytest.mark.parametrize("kind", ["page", "collection"])
def test_password_forms_are_locked_after_ten_wrong_passwords_from_one_address(
    client, kind, protected_page, protected_collection
):
    url = protected_page[1] if kind == "page" else protected_collection[1]
    for _ in range(10):
        assert guess(client, url, "nepareiza").status_code == 200
    locked = guess(client, url, PASSWORD)
    assert locked.status_code == 429
    assert "Pārāk daudz mēģinājumu" in locked.text
    assert int(locked["Retry-After"]) > 0
    # Another address still gets in with the right password.
    assert guess(client, url, PASSWORD, address="198.51.100.7").status_code == 302
    call_command("throttle_reset")
    assert guess(client, url, PASSWORD).status_code == 302


def test_a_password_form_is_locked_for_everybody_after_a_hundred_guesses(client, protected_page):
    _page, url = protected_page
    for n in range(100):
        guess(client, url, f"x{n}", address=f"198.51.{n // 9}.{n % 9 + 1}")
    assert guess(client, url, PASSWORD, address="203.0.113.9").status_code == 429


def test_the_right_password_opens_the_page_and_the_document(
    client, protected_page, protected_collection
):
    from django.core.files.base import ContentFile

    page, url = protected_page
    assert guess(client, url, PASSWORD).status_code == 302
    assert client.get(page.url).status_code == 200
    collection, url = protected_collection
    document = get_document_model()(title="Plāns", collection=collection)
    document.file.save("plans.csv", ContentFile(b"a;b\n"), save=True)
    assert guess(client, url, PASSWORD, return_url=document.url)["Location"] == document.url
    assert client.get(document.url).status_code == 200


# Password reset -----------------------------------------------------------------------------


def reset(client, email, address="192.0.2.10"):
    return client.post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=address)


def test_password_reset_mails_one_address_at_most_three_times_an_hour(client, editor):
    statuses = [
        reset(client, "redaktore@example.lv", f"198.51.100.{n}").status_code for n in range(8)
    ]
    assert statuses[:3] == [302, 302, 302]
    assert set(statuses[3:]) == {429}
    assert len(mail.outbox) == 3


def test_password_reset_from_one_address_is_limited(client, editor):
    statuses = [reset(client, f"cits{n}@example.lv").status_code for n in range(12)]
    assert statuses[:10] == [302] * 10
    assert statuses[10:] == [429, 429]
    # The same answer whether or not the address belongs to anyone.
    assert reset(client, "redaktore@example.lv").status_code == 429
    assert len(mail.outbox) == 0


# Where a login leads ---------------------------------------------------------------------------


@pytest.mark.parametrize("next_url", [None, "", "https://evil.example/", "//evil.example/x"])
def test_the_front_end_login_without_a_good_next_lands_on_the_home_page(
    client, editor, site_tree, next_url
):
    data = {"username": "redaktore", "password": PASSWORD}
    if next_url is not None:
        data["next"] = next_url
    response = client.post("/lv/_util/login/", data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] in ("/", "/lv/")
    assert response.request["PATH_INFO"] == "/lv/"


def test_the_front_end_login_follows_a_next_on_this_site(client, editor, site_tree):
    response = client.post(
        "/lv/_util/login/", {"username": "redaktore", "password": PASSWORD, "next": "/en/"}
    )
    assert response["Location"] == "/en/"
