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

A dictionary entry is news the same way: publishing (approving) it (Wagtail's ``published``)
queues ``notify_entry_published`` for the subscribers of the dictionary, and the digest takes
the entries first approved in its window; a SentItem records it like a page.

Mail goes out in batches of BATCH over one connection of the mail backend.
"""

import logging
from datetime import timedelta
from itertools import groupby
from operator import attrgetter

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task
from wagtail.models import Page
from wagtail.signals import page_published, published

from subscriptions import mails, tokens
from subscriptions.filters import Followed
from subscriptions.models import Frequency, SentItem, Subscription
from website.mail import QUEUE, TASK_BACKEND

logger = logging.getLogger(__name__)

BATCH = 200


def connect():
    page_published.connect(_published, dispatch_uid="subscriptions.published")
    published.connect(_entry_published, dispatch_uid="subscriptions.entry_published")


def _published(sender, instance, **kwargs):
    page_id = instance.pk
    transaction.on_commit(lambda: notify_published.enqueue(page_id=page_id))


def _entry_published(sender, instance, **kwargs):
    """An entry (not a page) was published: the lists that follow its model are told."""
    if isinstance(instance, Page) or not entry_lists(sender):
        return
    label, entry_id = sender._meta.label, instance.pk
    transaction.on_commit(lambda: notify_entry_published.enqueue(model=label, entry_id=entry_id))


@task(backend=TASK_BACKEND, queue_name=QUEUE)
def notify_published(page_id):
    page = Page.objects.filter(pk=page_id).first()
    return deliver_new_page(page) if page is not None else 0


@task(backend=TASK_BACKEND, queue_name=QUEUE)
def notify_entry_published(model, entry_id):
    entry = apps.get_model(model).objects.filter(pk=entry_id).first()
    return deliver_new_entry(entry) if entry is not None else 0


class Items:
    """item()s of pages and entries in each language, made once for all the subscribers of a
    run."""

    def __init__(self):
        self.made = {}

    def __call__(self, things, language, followed):
        found = []
        for thing in things:
            listing = followed.listing.pk if followed.listing is not None else None
            key = (thing._meta.label, thing.pk, language, listing)
            if key not in self.made:
                with translation.override(language):
                    self.made[key] = mails.item(thing, followed.url_of(thing))
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
    subscriptions = Subscription.objects.exclude(sent_items__page=page)
    return _deliver_new(page, subscriptions, lambda followed: followed.follows(page))


def entry_lists(model):
    """The list page models whose news are entries of `model` (the dictionary's Term)."""
    return [
        page_model
        for page_model in apps.get_models()
        if issubclass(page_model, Page)
        and getattr(page_model, "followed_entry_model", None) == model._meta.label
    ]


def deliver_new_entry(entry):
    """Mail a newly approved entry (a dictionary entry) to the immediate subscriptions of the
    lists that follow it and have not had it. Returns the number of mails handed over."""
    if entry.first_published_at is None or not entry.live:
        return 0
    subscriptions = Subscription.objects.filter(
        listing__content_type__in=ContentType.objects.get_for_models(
            *entry_lists(type(entry))
        ).values()
    ).exclude(
        sent_items__entry_type=ContentType.objects.get_for_model(entry),
        sent_items__entry_id=entry.pk,
    )
    return _deliver_new(
        entry,
        subscriptions,
        lambda followed: followed.entry_model is type(entry) and followed.follows_entry(entry),
    )


def _deliver_new(thing, subscriptions, follows):
    subscriptions = subscriptions.filter(
        confirmed_at__isnull=False,
        frequency=Frequency.IMMEDIATE,
        confirmed_at__lte=thing.first_published_at,
    )
    items = Items()
    sent = 0
    for followed, group in by_filter(subscriptions):
        if not follows(followed):
            continue
        for start in range(0, len(group), BATCH):
            batch = group[start : start + BATCH]
            sent += _send(
                batch,
                lambda subscription, followed=followed: mails.new_items(
                    subscription, items([thing], subscription.language, followed), followed
                ),
                {subscription.pk: [thing] for subscription in batch},
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
        window = {"first_published_at__gt": since, "first_published_at__lte": now}
        if followed.entry_model is not None:
            news = followed.matching_entries(followed.entry_model.objects.filter(**window))
        else:
            news = followed.matching(Page.objects.filter(**window))
        for start in range(0, len(group), BATCH):
            batch = group[start : start + BATCH]
            already = _already_sent(batch, news)
            due = {}
            for subscription in batch:
                after = subscription.last_digest_at or subscription.confirmed_at
                new = [
                    thing
                    for thing in news
                    if thing.first_published_at > after
                    and (subscription.pk, _key(thing)) not in already
                ]
                if new:
                    due[subscription.pk] = new
            sent += _send(
                [subscription for subscription in batch if subscription.pk in due],
                lambda subscription, followed=followed, due=due: mails.new_items(
                    subscription,
                    items(due[subscription.pk], subscription.language, followed),
                    followed,
                    digest=True,
                ),
                due,
            )
            # The window moves on for the whole batch, mailed or with nothing new.
            Subscription.objects.filter(pk__in=[s.pk for s in batch]).update(last_digest_at=now)
    return sent


def _key(thing):
    """What a SentItem records of a page or an entry, as a hashable key."""
    if isinstance(thing, Page):
        return ("page", thing.pk)
    return (ContentType.objects.get_for_model(thing).pk, thing.pk)


def _already_sent(subscriptions, things):
    """{(subscription pk, _key(thing))} of `things` already mailed to `subscriptions`."""
    if not things:
        return set()
    sent = SentItem.objects.filter(subscription__in=subscriptions)
    pages = [thing.pk for thing in things if isinstance(thing, Page)]
    if pages:
        rows = sent.filter(page__in=pages).values_list("subscription_id", "page_id")
        return {(subscription, ("page", page)) for subscription, page in rows}
    entry_type = ContentType.objects.get_for_model(things[0])
    rows = sent.filter(entry_type=entry_type, entry_id__in=[thing.pk for thing in things])
    return {
        (subscription, (entry_type.pk, entry))
        for subscription, entry in rows.values_list("subscription_id", "entry_id")
    }


def purge_unconfirmed(now=None):
    """Delete the subscriptions whose confirmation link has expired unused: an address nobody
    confirmed is not kept. Returns how many."""
    now = now or timezone.now()
    expired = now - timedelta(seconds=tokens.CONFIRM_MAX_AGE)
    _total, by_model = Subscription.objects.filter(
        confirmed_at__isnull=True, created__lt=expired
    ).delete()
    return by_model.get(Subscription._meta.label, 0)


def _send(subscriptions, make, things_of):
    """Record what is sent and hand the mails over, in one transaction and one connection: if
    the mail backend fails, nothing is recorded and the next run tries again. `things_of`:
    {subscription pk: [the pages or entries its mail holds]}."""
    if not subscriptions:
        return 0
    with transaction.atomic():
        SentItem.objects.bulk_create(
            [
                SentItem.of(subscription.pk, thing)
                for subscription in subscriptions
                for thing in things_of[subscription.pk]
            ],
            ignore_conflicts=True,
        )
        connection = get_connection()
        messages = [make(subscription) for subscription in subscriptions]
        return connection.send_messages(messages) or 0
