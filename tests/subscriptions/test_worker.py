"""With BACKGROUND_WORKER=1 (production) publishing waits on no mail server: the publication
queues one task, the background worker finds the subscribers and queues one mail each
(website.mail), and sends them to the SMTP server. The mail server being down loses nothing:
the failed sends are kept for `manage.py failed_mail --resend`."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from subscriptions.models import Frequency, SentItem, Subscription
from subscriptions.sending import notify_published, purge_unconfirmed
from tests.network import free_port
from tests.smtp import SMTPServer
from tests.subscriptions.conftest import methodology
from tests.worker import run_worker
from website import mail

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def confirmed(email, listing, frequency=Frequency.IMMEDIATE):
    subscription = Subscription.objects.create(
        email=email, language="lv", listing=listing, frequency=frequency
    )
    subscription.confirmed_at = timezone.now() - timedelta(minutes=1)
    subscription.save()
    return subscription


def test_the_worker_sends_what_publishing_queued(worker_mail, listing, groups):
    for number in range(3):
        confirmed(f"lasitajs{number}@example.lv", listing["lv"])
    confirmed("nedela@example.lv", listing["lv"], Frequency.WEEKLY)
    down = free_port()
    worker_mail(f"smtp://127.0.0.1:{down}/?timeout=2")
    queued = DBTaskResult.objects.filter(status="READY", task_path=notify_published.module_path)
    before = queued.count()  # the fixtures' pages were published too
    page = methodology(listing["lv"], "Darbs ar senioriem", [groups["seniori"]])
    # Publishing queued the work and sent nothing.
    assert queued.count() == before + 1
    assert not DBTaskResult.objects.filter(task_path=mail.deliver.module_path).exists()

    run_worker()  # the mail server is down: the sends fail, and are kept
    failed = DBTaskResult.objects.filter(status="FAILED", task_path=mail.deliver.module_path)
    assert failed.count() == 3
    assert SentItem.objects.filter(page=page).count() == 3

    with SMTPServer() as server:
        worker_mail(f"smtp://127.0.0.1:{server.port}/?timeout=2")
        call_command("failed_mail", "--resend", stdout=io.StringIO())
        run_worker()
        received = sorted(address for m in server.inbox.messages for address in m.rcpt_tos)
    assert received == [f"lasitajs{number}@example.lv" for number in range(3)]
    for message in server.inbox.messages:
        assert message.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "Darbs ar senioriem" in message.text


def test_unconfirmed_subscriptions_are_deleted_when_their_link_expires(listing):
    fresh = Subscription.objects.create(email="jauns@example.lv", language="lv")
    old = Subscription.objects.create(email="vecs@example.lv", language="lv")
    Subscription.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=4))
    kept = confirmed("apstiprinats@example.lv", None)
    Subscription.objects.filter(pk=kept.pk).update(created=timezone.now() - timedelta(days=40))
    assert purge_unconfirmed() == 1
    assert set(Subscription.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}
