"""Telling subscribers: at once when a page they follow is published, or in a weekly digest.

Publishing (Wagtail's page_published) queues the task ``notify_published`` once the publication
has committed, on the task backend "background" (the worker's, with BACKGROUND_WORKER=1; run at
once otherwise). It finds the confirmed immediate subscriptions whose filter follows the page,
records a SentItem for each (one per subscription and page: a page unpublished and published
again is not mailed again) and hands the mails to the site's mail backend — with the worker,
website.mail queues each of them, and a failed send is kept for ``manage.py failed_mail``.

Only pages that are new to a subscription are mailed: first published after it was confirmed.
A page published again after an edit, or one that was public before someone subscribed, is not
news. The digest (``manage.py send_digests``) takes, for every weekly subscription, the pages
its filter follows that were first published since its last digest (or its confirmation) and
not mailed to it yet, each once.

Mail goes out in batches of BATCH over one connection of the mail backend.
"""

import logging
from datetime import timedelta
from itertools import groupby
from operator import attrgetter

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task
from wagtail.models import Page
from wagtail.signals import page_published

from subscriptions import mails, tokens
from subscriptions.filters import Followed
from subscriptions.models import Frequency, SentItem, Subscription
from website.mail import QUEUE, TASK_BACKEND

logger = logging.getLogger(__name__)

BATCH = 200


def connect():
    page_published.connect(_published, dispatch_uid="subscriptions.published")


def _published(sender, instance, **kwargs):
    page_id = instance.pk
    transaction.on_commit(lambda: notify_published.enqueue(page_id=page_id))


@task(backend=TASK_BACKEND, queue_name=QUEUE)
def notify_published(page_id):
    page = Page.objects.filter(pk=page_id).first()
    return deliver_new_page(page) if page is not None else 0


class Items:
    """item()s of pages in each language, made once for all the subscribers of a run."""

    def __init__(self):
        self.made = {}

    def __call__(self, pages, language):
        found = []
        for page in pages:
            key = (page.pk, language)
            if key not in self.made:
                with translation.override(language):
                    self.made[key] = mails.item(page)
            found.append(self.made[key])
        return found


def by_filter(subscriptions):
    """(what is followed, [its subscriptions]) for the subscriptions, one filter at a time."""
    ordered = subscriptions.select_related("listing").order_by("filter_key", "pk")
    for _key, group in groupby(ordered.iterator(), key=attrgetter("filter_key")):
        group = list(group)
        yield Followed.of(group[0]), group


def deliver_new_page(page):
    """Mail `page` to the immediate subscriptions that follow it and have not had it. Returns
    the number of mails handed to the mail backend."""
    if page.first_published_at is None or not Page.objects.live().public().filter(pk=page.pk):
        return 0
    page = page.specific
    subscriptions = (
        Subscription.objects.confirmed()
        .filter(frequency=Frequency.IMMEDIATE, confirmed_at__lte=page.first_published_at)
        .exclude(sent_items__page=page)
    )
    items = Items()
    sent = 0
    for followed, group in by_filter(subscriptions):
        if not followed.follows(page):
            continue
        for start in range(0, len(group), BATCH):
            sent += _send(
                group[start : start + BATCH],
                lambda subscription, followed=followed: mails.new_items(
                    subscription, items([page], subscription.language), followed
                ),
                {subscription.pk: [page.pk] for subscription in group[start : start + BATCH]},
            )
    return sent


def send_digests(now=None):
    """The weekly digests, for every weekly subscription with something new. Returns the
    number of mails handed to the mail backend."""
    now = now or timezone.now()
    subscriptions = Subscription.objects.confirmed().filter(frequency=Frequency.WEEKLY)
    items = Items()
    sent = 0
    for followed, group in by_filter(subscriptions):
        since = min(s.last_digest_at or s.confirmed_at for s in group)
        candidates = Page.objects.filter(first_published_at__gt=since, first_published_at__lte=now)
        pages = followed.matching(candidates)
        for start in range(0, len(group), BATCH):
            batch = group[start : start + BATCH]
            already = set(
                SentItem.objects.filter(
                    subscription__in=batch, page__in=[page.pk for page in pages]
                ).values_list("subscription_id", "page_id")
            )
            due = {}
            for subscription in batch:
                after = subscription.last_digest_at or subscription.confirmed_at
                new = [
                    page
                    for page in pages
                    if page.first_published_at > after and (subscription.pk, page.pk) not in already
                ]
                if new:
                    due[subscription.pk] = new
            pages_of = {pk: [page.pk for page in new] for pk, new in due.items()}
            sent += _send(
                [subscription for subscription in batch if subscription.pk in due],
                lambda subscription, followed=followed, due=due: mails.new_items(
                    subscription,
                    items(due[subscription.pk], subscription.language),
                    followed,
                    digest=True,
                ),
                pages_of,
            )
            # The window moves on for the whole batch, mailed or with nothing new.
            Subscription.objects.filter(pk__in=[s.pk for s in batch]).update(last_digest_at=now)
    return sent


def purge_unconfirmed(now=None):
    """Delete the subscriptions whose confirmation link has expired unused: an address nobody
    confirmed is not kept. Returns how many."""
    now = now or timezone.now()
    expired = now - timedelta(seconds=tokens.CONFIRM_MAX_AGE)
    _total, by_model = Subscription.objects.filter(
        confirmed_at__isnull=True, created__lt=expired
    ).delete()
    return by_model.get(Subscription._meta.label, 0)


def _send(subscriptions, make, pages_of):
    """Record what is sent and hand the mails over, in one transaction and one connection: if
    the mail backend fails, nothing is recorded and the next run tries again."""
    if not subscriptions:
        return 0
    with transaction.atomic():
        SentItem.objects.bulk_create(
            [
                SentItem(subscription_id=subscription.pk, page_id=page_id)
                for subscription in subscriptions
                for page_id in pages_of[subscription.pk]
            ],
            ignore_conflicts=True,
        )
        connection = get_connection()
        messages = [make(subscription) for subscription in subscriptions]
        return connection.send_messages(messages) or 0
