"""The weekly digest to 10,000 subscribers over 50 filters: time, peak memory, SMTP connections.

    python -m bench.subscriptions                       # SQLite in a temporary folder
    python -m bench.subscriptions --subscribers 2000 --pages 50
    DATABASE_URL=postgres://… python -m bench.subscriptions

Builds a site with a methodology list (five target groups, four years) and publishes `--pages`
methodologies, then bulk-inserts confirmed weekly subscriptions spread over 50 filters (the
list with each target group and year, their combinations, the list as a whole, and the whole
portal with and without a section filter), confirmed a week before. Then `send_digests` runs
against a local aiosmtpd server that counts connections and messages (and keeps none): once
for the wall-clock time and SQL queries, once more (the same work, after its records are
reset) under tracemalloc for the peak of Python memory. Mail goes straight to the SMTP server
(no background worker), in batches of subscriptions.sending.BATCH over one connection each.
"""

import argparse
import os
import smtplib
import tempfile
import threading
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

from bench import start_django

GROUPS = [
    ("seniori", "Seniori"),
    ("gimenes", "Ģimenes ar bērniem"),
    ("kopiena", "Kopiena"),
    ("jaunieši", "Jaunieši"),
    ("invaliditate", "Personas ar invaliditāti"),
]
YEARS = [2023, 2024, 2025, 2026]


class CountingHandler:
    """An SMTP server's handler that counts sessions and messages and keeps nothing."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = 0
        self.recipients = 0
        self.sessions = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages += 1
            self.recipients += len(envelope.rcpt_tos)
        return "250 OK"


def setup(folder):
    start_django(folder)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build_site(pages):
    from wagtail.models import Locale, Page, Site

    from methodologies.models import MethodologyIndexPage, MethodologyPage, TargetGroup
    from website.models import HomePage

    lv = Locale.objects.get(language_code="lv")
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = HomePage(title="Sākums", slug="sakums", locale=lv, hero_title="Portāls")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    index = MethodologyIndexPage(title="Metodikas", slug="metodikas", locale=lv)
    home.add_child(instance=index)
    index.save_revision().publish()
    groups = [TargetGroup.objects.create(locale=lv, name=n, slug=s) for s, n in GROUPS]
    started = time.perf_counter()
    for number in range(pages):
        page = MethodologyPage(
            title=f"Metodika {number + 1}",
            slug=f"metodika-{number + 1}",
            locale=lv,
            year=YEARS[number % len(YEARS)],
            listing_summary=f"Metodika numur {number + 1} darbam ar klientiem.",
            target_groups=[groups[number % len(groups)], groups[(number + 2) % len(groups)]],
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    print(f"{pages} methodologies published in {time.perf_counter() - started:.1f} s")
    return index


def filters(index):
    """50 (listing id or None, query, language) filters: the list's (30) and the portal's."""
    from urllib.parse import urlencode

    found = [(index.pk, "", "lv")]
    for slug, _name in GROUPS:
        found.append((index.pk, urlencode({"target": slug}), "lv"))
    for year in YEARS:
        found.append((index.pk, urlencode({"year": year}), "lv"))
        for slug, _name in GROUPS:
            query = urlencode(sorted({"target": slug, "year": year}.items()))
            found.append((index.pk, query, "lv"))
    types = ["methodologies.methodologypage", "research.researchpage", "podcast.episodepage",
             "events.conferencepage", "events.seminarpage", "events.discussionpage",
             "periodical.articlepage", "website.standardpage"]  # fmt: skip
    for language in ("lv", "en"):
        found.append((None, "", language))
    found.append((None, urlencode({"type": "methodologies.methodologypage"}), "en"))
    found.append((None, urlencode({"type": "research.researchpage"}), "en"))
    for label in types:
        found.append((None, urlencode({"type": label}), "lv"))
    for year in YEARS:
        found.append((None, urlencode({"year": year}), "lv"))
        found.append((None, urlencode(sorted({"type": types[0], "year": year}.items())), "lv"))
    assert len(found) >= 50, len(found)
    return found[:50]


def add_subscribers(count, chosen):
    from django.utils import timezone

    from subscriptions.models import Frequency, Subscription

    week_ago = timezone.now() - timedelta(days=7)
    rows = []
    for number in range(count):
        listing, query, language = chosen[number % len(chosen)]
        rows.append(
            Subscription(
                email=f"abonents{number}@example.lv",
                language=language,
                listing_id=listing,
                query=query,
                filter_key=Subscription.make_filter_key(listing, query, language),
                frequency=Frequency.WEEKLY,
                confirmed_at=week_ago,
            )
        )
    Subscription.objects.bulk_create(rows, batch_size=1000)
    # The pages were published "this week", after the subscriptions were confirmed.
    from wagtail.models import Page

    Page.objects.filter(depth__gt=3).update(first_published_at=timezone.now() - timedelta(days=1))


def reset():
    from subscriptions.models import SentItem, Subscription

    SentItem.objects.all().delete()
    Subscription.objects.update(last_digest_at=None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp))
        from aiosmtpd.controller import Controller
        from django.conf import settings
        from django.db import connection

        from subscriptions import sending
        from subscriptions.models import SentItem, Subscription
        from tests.network import free_port
        from website.settings.email_url import email_settings

        index = build_site(args.pages)
        chosen = filters(index)
        add_subscribers(args.subscribers, chosen)
        handler = CountingHandler()
        port = free_port()
        server = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=10)
        server.start()
        for name, value in email_settings(f"smtp://127.0.0.1:{port}").items():
            setattr(settings, name, value)
        connects = []
        original_connect = smtplib.SMTP.connect

        def counting_connect(self, *a, **kw):
            connects.append(1)
            return original_connect(self, *a, **kw)

        smtplib.SMTP.connect = counting_connect
        queries = []

        def count_queries(execute, sql, params, many, context):
            queries.append(1)
            return execute(sql, params, many, context)

        try:
            load_before = os.getloadavg()[0]
            with connection.execute_wrapper(count_queries):
                started = time.perf_counter()
                cpu_started = time.process_time()
                sent = sending.send_digests()
                elapsed = time.perf_counter() - started
                cpu = time.process_time() - cpu_started
            first = {
                "mails": sent,
                "messages": handler.messages,
                "sessions": handler.sessions,
                "connects": len(connects),
                "items": SentItem.objects.count(),
            }
            reset()
            tracemalloc.start()
            sending.send_digests()
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            load_after = os.getloadavg()[0]
        finally:
            server.stop()
            smtplib.SMTP.connect = original_connect

        print(
            f"\n{Subscription.objects.count()} weekly subscribers over "
            f"{len(set(Subscription.objects.values_list('filter_key', flat=True)))} "
            f"filters, {args.pages} new pages, database: {connection.vendor}"
        )
        print(
            f"Load average (1 min) before/after: {load_before:.1f}/{load_after:.1f} on "
            f"{os.cpu_count()} CPUs (other processes lengthen the wall-clock time)"
        )
        print(f"digests handed to the mail backend: {first['mails']}")
        print(f"messages the SMTP server accepted:  {first['messages']}")
        print(f"pages recorded as sent:             {first['items']}")
        print(f"wall-clock time:                    {elapsed:.1f} s "
              f"({first['mails'] / elapsed:.0f} mails/s)")  # fmt: skip
        print(f"CPU time of this process:           {cpu:.1f} s (the SMTP server's included)")
        print(f"SQL queries:                        {len(queries)}")
        print(f"SMTP connections (client / server): {first['connects']} / {first['sessions']} "
              f"(batches of {sending.BATCH})")  # fmt: skip
        print(f"peak Python memory (tracemalloc):   {peak / 1024 / 1024:.1f} MB")


if __name__ == "__main__":
    main()
