"""Following a list by e-mail, as a reader and a mail server see it: subscribe on the list, the
confirmation mail through a real SMTP server, its signed link, the mail when a matching page is
published (once), the weekly digest, and leaving with one click."""

import re
import time
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from subscriptions import tokens, views
from subscriptions.models import Frequency, SentItem, Subscription
from tests.subscriptions.conftest import links_in, methodology

pytestmark = pytest.mark.django_db


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def subscribe(client, url, email, frequency="immediate", **extra):
    return client.post(url, {"email": email, "frequency": frequency, "homepage": "", **extra})


def confirm_link(inbox, email):
    mail = inbox.to(email)[-1]
    return next(link for link in links_in(mail.text) if "/confirm/" in link)


def subscribe_and_confirm(client, inbox, url, email, frequency="immediate"):
    assert subscribe(client, url, email, frequency).status_code == 200
    link = confirm_link(inbox, email)
    key = tokens.read(tokens.CONFIRM, link.rstrip("/").rsplit("/", 1)[1])["k"]
    # Opening the link asks (a mail scanner opens it too); the button confirms.
    opened = client.get(path_of(link))
    assert opened.status_code == 200
    assert re.search(
        r"<button[^>]*>(Apstiprināt abonementu|Confirm the subscription)<", opened.text
    )
    assert Subscription.objects.get(key=key).confirmed_at is None
    assert client.post(path_of(link)).status_code == 200
    return Subscription.objects.get(key=key, email=email, confirmed_at__isnull=False)


def follow_url(client, list_path):
    """The "Sekot šim sarakstam" link as the list page shows it."""
    page = client.get(list_path).content.decode()
    assert "Sekot šim sarakstam" in page
    start = page.index('href="', page.index('id="follow-heading"')) + 6
    return page[start : page.index('"', start)].replace("&amp;", "&")


def test_subscribe_confirm_and_be_told_once(
    client, smtp, listing, groups, django_capture_on_commit_callbacks
):
    url = follow_url(client, "/lv/metodikas/?target=seniori&page=2&utm_source=x")
    assert "target=seniori" in url and "page=" not in url and "utm_source" not in url
    form = client.get(url)
    assert form.status_code == 200
    assert "Metodikas (mērķa grupa: seniori)" in form.content.decode()

    assert subscribe(client, url, "Anna@Example.lv").status_code == 200
    # Nothing but the confirmation until the link is opened.
    (mail,) = smtp.to("anna@example.lv")
    assert "Apstipriniet" in mail.message["Subject"]
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscription = Subscription.objects.get(email="anna@example.lv")
    assert subscription.confirmed_at is None and subscription.language == "lv"

    # Published before confirmation: not mailed.
    with django_capture_on_commit_callbacks(execute=True):
        methodology(listing["lv"], "Agrā metodika", [groups["seniori"]])
    assert len(smtp.to("anna@example.lv")) == 1

    anna = subscribe_and_confirm(client, smtp, url, "anna@example.lv")
    assert anna.pk == subscription.pk
    weekly = subscribe_and_confirm(client, smtp, url, "berzins@example.lv", "weekly")
    other_list = follow_url(client, "/lv/metodikas/?target=kopiena")
    subscribe_and_confirm(client, smtp, other_list, "kopiena@example.lv")
    subscribe(client, url, "neapstiprinats@example.lv")
    before = {
        address: len(smtp.to(address))
        for address in (
            "anna@example.lv",
            "berzins@example.lv",
            "kopiena@example.lv",
            "neapstiprinats@example.lv",
        )
    }

    with django_capture_on_commit_callbacks(execute=True):
        page = methodology(listing["lv"], "Darbs ar senioriem", [groups["seniori"]])

    news = smtp.to("anna@example.lv")[before["anna@example.lv"] :]
    assert len(news) == 1
    mail = news[0]
    assert mail.message["Subject"] == "Jaunums: Darbs ar senioriem"
    assert "Darbs ar senioriem" in mail.text and "Par Darbs ar senioriem." in mail.text
    assert page.get_full_url() in mail.text
    html = mail.message.get_body(preferencelist=("html",)).get_content()
    assert f'href="{page.get_full_url()}"' in html and "Atteikties" in html
    unsubscribe = mail.message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith("http") and unsubscribe in mail.text
    for address in ("berzins@example.lv", "kopiena@example.lv", "neapstiprinats@example.lv"):
        assert len(smtp.to(address)) == before[address], address

    # Unpublished and published again: not news again.
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
        page.save_revision().publish()
    assert len(smtp.to("anna@example.lv")) == before["anna@example.lv"] + 1

    # The weekly digest holds it once, and only once.
    call_command("send_digests", verbosity=0)
    (digest,) = smtp.to("berzins@example.lv")[before["berzins@example.lv"] :]
    assert digest.text.count(page.get_full_url()) == 1
    assert "Agrā metodika" not in digest.text  # published before the confirmation
    assert digest.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    call_command("send_digests", verbosity=0)
    assert len(smtp.to("berzins@example.lv")) == before["berzins@example.lv"] + 1
    assert SentItem.objects.filter(subscription=weekly, page=page).count() == 1


def test_restricted_and_draft_pages_are_never_mailed(
    client, smtp, listing, groups, django_capture_on_commit_callbacks
):
    everything = Subscription.objects.create(
        email="visi@example.lv", language="lv", frequency=Frequency.IMMEDIATE
    )
    weekly = Subscription.objects.create(
        email="nedela@example.lv", language="lv", frequency=Frequency.WEEKLY
    )
    on_list = Subscription.objects.create(
        email="saraksts@example.lv",
        language="lv",
        listing=listing["lv"],
        query="",
    )
    for subscription in (everything, weekly, on_list):
        subscription.confirmed_at = subscription.created
        subscription.save()
    PageViewRestriction.objects.create(
        page=listing["lv"], restriction_type=PageViewRestriction.PASSWORD, password="slepens"
    )
    with django_capture_on_commit_callbacks(execute=True):
        methodology(listing["lv"], "Slepena metodika", [groups["seniori"]])
        methodology(listing["lv"], "Melnraksts", [groups["seniori"]], publish=False)
    call_command("send_digests", verbosity=0)
    assert smtp.messages == []
    # Nor in a feed.
    for feed in ("/lv/sekot/atom/", f"/lv/sekot/atom/{listing['lv'].pk}/"):
        response = client.get(feed)
        assert b"Slepena" not in response.content and b"Melnraksts" not in response.content


def test_unsubscribe_with_one_click_and_with_the_link(client, smtp, listing, groups):
    url = follow_url(client, "/lv/metodikas/")
    subscribe_and_confirm(client, smtp, url, "anna@example.lv")
    ((confirm_mail, *_),) = [smtp.to("anna@example.lv")]
    header = confirm_mail.message["List-Unsubscribe"].strip().strip("<>")

    # A mail client's one-click POST (RFC 8058): no login, no CSRF token, no cookie.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        path_of(header),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.filter(email="anna@example.lv").exists()

    # The visible link: a page with a button (a link checker's GET changes nothing).
    subscribe_and_confirm(client, smtp, url, "anna@example.lv")
    link = next(
        link for link in links_in(smtp.to("anna@example.lv")[-1].text) if "unsubscribe" in link
    )
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(path_of(link))
    assert page.status_code == 200 and "Atteikties" in page.content.decode()
    assert Subscription.objects.filter(email="anna@example.lv").exists()
    assert reader.post(path_of(link)).status_code == 200
    assert not Subscription.objects.filter(email="anna@example.lv").exists()
    # Used again: still a clear answer.
    assert reader.post(path_of(link)).status_code == 200


def test_manage_page_lists_changes_and_deletes(client, smtp, listing, groups):
    subscribe_and_confirm(client, smtp, follow_url(client, "/lv/metodikas/"), "anna@example.lv")
    subscribe_and_confirm(
        client, smtp, follow_url(client, "/lv/metodikas/?target=seniori"), "anna@example.lv"
    )
    subscribe_and_confirm(client, smtp, follow_url(client, "/lv/"), "cits@example.lv")
    # The confirmed page links to the manage page.
    confirmed = client.get(path_of(confirm_link(smtp, "anna@example.lv"))).content.decode()
    start = confirmed.index('href="', confirmed.index('id="main"')) + 6
    link = confirmed[start : confirmed.index('"', start)]
    assert "/manage/" in link
    page = client.get(link).content.decode()
    assert "Metodikas (mērķa grupa: seniori)" in page and "cits@example.lv" not in page
    first, second = Subscription.objects.filter(email="anna@example.lv").order_by("created")
    assert (
        client.post(
            path_of(link), {"subscription": first.pk, "frequency": "weekly", "save": ""}
        ).status_code
        == 302
    )
    first.refresh_from_db()
    assert first.frequency == "weekly"
    other = Subscription.objects.get(email="cits@example.lv")
    client.post(path_of(link), {"subscription": other.pk, "delete": ""})
    assert Subscription.objects.filter(pk=other.pk).exists()  # not this address's
    client.post(path_of(link), {"subscription": second.pk, "delete": ""})
    assert not Subscription.objects.filter(pk=second.pk).exists()


@pytest.mark.parametrize("language", ["lv", "en"])
def test_forged_or_expired_links_are_refused_in_the_readers_language(
    client, smtp, listing, language, monkeypatch
):
    prefix = {"lv": "/lv/sekot", "en": "/en/follow"}[language]
    message = {"lv": "Šī saite nedarbojas", "en": "This link does not work"}[language]
    subscription = Subscription.objects.create(email="a@example.lv", language="lv")
    forged = signing.dumps({"k": subscription.key, "f": "weekly"}, salt="another purpose")
    for path in (
        f"{prefix}/confirm/{forged}/",
        f"{prefix}/confirm/nonsense/",
        f"{prefix}/unsubscribe/{forged}/",
        f"{prefix}/manage/{forged}/",
    ):
        response = client.get(path)
        assert response.status_code == 400, path
        assert message in response.content.decode()
        assert client.post(path).status_code == 400
    token = tokens.confirm_token(subscription, "weekly")
    later = time.time() + tokens.CONFIRM_MAX_AGE + 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(f"{prefix}/confirm/{token}/")
    assert response.status_code == 400 and message in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_honeypot_and_limits(client, smtp, listing):
    url = follow_url(client, "/lv/metodikas/")
    response = subscribe(client, url, "robots@example.lv", homepage="http://spam.example")
    assert response.status_code == 200
    assert not Subscription.objects.exists() and smtp.messages == []

    for _ in range(views.PER_EMAIL.attempts):
        assert subscribe(client, url, "anna@example.lv").status_code == 200
    response = subscribe(client, url, "anna@example.lv")
    assert response.status_code == 429 and "Retry-After" in response
    assert len(smtp.to("anna@example.lv")) == views.PER_EMAIL.attempts
    assert Subscription.objects.filter(email="anna@example.lv").count() == 1

    # Per client, whatever the addresses.
    for number in range(views.PER_CLIENT.attempts - views.PER_EMAIL.attempts):
        subscribe(client, url, f"cits{number}@example.lv")
    assert subscribe(client, url, "vel@example.lv").status_code == 429


def test_bad_input_is_answered_with_the_form(client, smtp, listing):
    url = follow_url(client, "/lv/metodikas/")
    response = subscribe(client, url, "nav adrese")
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        'aria-invalid="true"' in page and 'aria-describedby="id_email-help id_email-error"' in page
    )
    assert client.get("/lv/sekot/?list=999999").status_code == 404
    assert client.get("/lv/sekot/?list=abc").status_code == 404
    # A page that is not a list.
    assert client.get(f"/lv/sekot/?list={Page.get_first_root_node().pk}").status_code == 404


def test_english_event_list_by_type_mails_in_english_with_date_and_place(
    client, smtp, site_tree, django_capture_on_commit_callbacks
):
    from events.models import EventIndexPage
    from tests.events.helpers import conference, days_from_now, discussion, riga
    from tests.utils import add_page, translate

    lv = add_page(site_tree["lv"], EventIndexPage, title="Pasākumi", slug="pasakumi")
    index = translate(lv, slug="events", title="Events")
    url = follow_url_en(client, "/en/events/?type=conference")
    assert url.startswith("/en/follow/?")
    subscribe_and_confirm(client, smtp, url, "reader@example.lv")
    confirmation = smtp.to("reader@example.lv")[0]
    assert confirmation.message["Subject"].startswith("Confirm your subscription")

    start, end = days_from_now(30)
    with django_capture_on_commit_callbacks(execute=True):
        event = conference(
            index,
            "Annual conference",
            riga(2027, 5, 20, 10),
            riga(2027, 5, 20, 16),
            town="Valmiera",
            venue="Valmieras teātris",
            attendance_mode="offline",
        )
        discussion(index, "A discussion", start, end)
    (mail,) = smtp.to("reader@example.lv")[1:]
    assert mail.message["Subject"] == "New: Annual conference"
    assert "Valmiera" in mail.text and "2027" in mail.text
    assert event.get_full_url() in mail.text and "Unsubscribe" in mail.text


def follow_url_en(client, list_path):
    page = client.get(list_path).content.decode()
    assert "Follow this list" in page
    start = page.index('href="', page.index('id="follow-heading"')) + 6
    return page[start : page.index('"', start)].replace("&amp;", "&")


@pytest.mark.parametrize(
    "path",
    [
        "/lv/sekot/?list=99999999999999999999999999",
        "/lv/sekot/?list=" + "9" * 10_000,
        "/lv/sekot/atom/" + "9" * 10_000 + "/",
        "/lv/sekot/atom/99999999999999999999999999/",
        "/lv/sekot/?type=%00&topic=%00&year=%F0%9F%92%A9",
        "/lv/sekot/atom/?type=wagtailcore.page.x&topic=" + "x" * 5000,
    ],
)
def test_hostile_addresses_get_a_clear_answer(client, listing, path):
    assert client.get(path).status_code in (200, 404)
