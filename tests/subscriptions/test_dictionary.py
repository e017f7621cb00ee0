"""Following the dictionary: its news are new entries (not pages). Approving an entry mails its
followers once, the weekly digest holds it once, the Atom feed lists it; drafts, a restricted
dictionary and other lists' followers get nothing."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dictionary.models import Equivalent, Term
from subscriptions.models import Frequency, SentItem, Subscription
from tests.dictionary.conftest import dictionary as dictionary_fixture  # noqa: F401 (a fixture)
from tests.subscriptions.conftest import links_in, methodology
from tests.subscriptions.test_feeds import feed_link, read
from tests.subscriptions.test_subscribe import follow_url, subscribe_and_confirm

pytestmark = pytest.mark.django_db


def approve(headword, equivalent="", definition_en="", publish=True):
    """An entry as an editor makes it: a revision, published (approved) or left a draft."""
    term = Term(
        headword=headword,
        definition=f"Definīcija: {headword}.",
        definition_en=definition_en,
        live=False,
    )
    term.equivalents = [Equivalent(text=equivalent, sort_order=0)] if equivalent else []
    term.save()
    revision = term.save_revision()
    if publish:
        revision.publish()
    return Term.objects.get(pk=term.pk)


def test_a_new_entry_is_mailed_once_to_the_dictionarys_followers(
    client, smtp, dictionary, listing, groups, django_capture_on_commit_callbacks
):
    old = approve("agrāks termins")  # approved before anyone followed: not news
    url = follow_url(client, "/lv/vardnica/")
    subscribe_and_confirm(client, smtp, url, "anna@example.lv")
    weekly = subscribe_and_confirm(client, smtp, url, "berzins@example.lv", "weekly")
    subscribe_and_confirm(client, smtp, follow_url(client, "/lv/metodikas/"), "cits@example.lv")
    before = {
        address: len(smtp.to(f"{address}@example.lv")) for address in ("anna", "berzins", "cits")
    }

    with django_capture_on_commit_callbacks(execute=True):
        term = approve("kopienas mediācija", "community mediation")
        approve("neapstiprināts termins", publish=False)  # a draft is not news
    (mail,) = smtp.to("anna@example.lv")[before["anna"] :]
    assert mail.message["Subject"] == "Jaunums: kopienas mediācija"
    entry_url = f"http://testserver/lv/vardnica/{term.slug}/"
    assert entry_url in links_in(mail.text)
    assert "Definīcija: kopienas mediācija." in mail.text
    assert "Vārdnīcas šķirklis" in mail.text
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert len(smtp.to("berzins@example.lv")) == before["berzins"]  # weekly: in the digest
    assert len(smtp.to("cits@example.lv")) == before["cits"]  # follows another list
    # And a new methodology is not news to the dictionary's followers.
    with django_capture_on_commit_callbacks(execute=True):
        methodology(listing["lv"], "Jauna metodika", [groups["seniori"]])
    assert len(smtp.to("anna@example.lv")) == before["anna"] + 1
    assert len(smtp.to("cits@example.lv")) == before["cits"] + 1

    # Unpublished and approved again: not news again.
    with django_capture_on_commit_callbacks(execute=True):
        term.unpublish()
        term.save_revision().publish()
    assert len(smtp.to("anna@example.lv")) == before["anna"] + 1

    # The weekly digest holds it once, and not the entry approved before the subscription.
    Subscription.objects.filter(pk=weekly.pk).update(
        confirmed_at=timezone.now() - timedelta(seconds=1)
    )
    Term.objects.filter(pk=old.pk).update(first_published_at=timezone.now() - timedelta(days=1))
    call_command("send_digests", verbosity=0)
    (digest,) = smtp.to("berzins@example.lv")[before["berzins"] :]
    assert digest.text.count(entry_url) == 1
    assert "agrāks termins" not in digest.text and "neapstiprināts" not in digest.text
    call_command("send_digests", verbosity=0)
    assert len(smtp.to("berzins@example.lv")) == before["berzins"] + 1
    assert SentItem.objects.filter(subscription=weekly, entry_id=term.pk).count() == 1


def test_english_followers_get_the_english_name_and_address(
    client, smtp, dictionary, django_capture_on_commit_callbacks
):
    page = client.get("/en/dictionary/").content.decode()
    assert "Follow this list" in page
    start = page.index('href="', page.index('id="follow-heading"')) + 6
    url = page[start : page.index('"', start)].replace("&amp;", "&")
    subscribe_and_confirm(client, smtp, url, "reader@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        term = approve("kopienas mediācija", "community mediation", "Mediation in a community.")
    mail = smtp.to("reader@example.com")[-1]
    assert mail.message["Subject"] == "New: community mediation"
    assert f"http://testserver/en/dictionary/{term.slug}/" in links_in(mail.text)
    assert "Mediation in a community." in mail.text


def test_the_feed_lists_approved_entries_and_a_restricted_dictionary_tells_nobody(
    client, smtp, dictionary, django_capture_on_commit_callbacks
):
    term = approve("gadījuma vadība", "case management")
    approve("melnraksts", publish=False)
    feed = read(client, feed_link(client, "/lv/vardnica/"))
    assert [entry.title for entry in feed.entries] == ["gadījuma vadība"]
    assert feed.entries[0].link == f"http://testserver/lv/vardnica/{term.slug}/"
    english = read(client, feed_link(client, "/en/dictionary/"))
    assert [entry.title for entry in english.entries] == ["case management"]

    follower = Subscription.objects.create(
        email="visi@example.lv",
        language="lv",
        listing=dictionary["lv"],
        frequency=Frequency.IMMEDIATE,
    )
    Subscription.objects.filter(pk=follower.pk).update(confirmed_at=timezone.now())
    feed_url = feed_link(client, "/lv/vardnica/")
    PageViewRestriction.objects.create(
        page=dictionary["lv"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="slepens",
    )
    with django_capture_on_commit_callbacks(execute=True):
        approve("slepens termins")
    call_command("send_digests", verbosity=0)
    assert smtp.to("visi@example.lv") == []
    assert client.get(feed_url).status_code == 404
