"""SQL queries per URL, for every page type, on the demo site.

    python -m bench.queries            # SQLite in a temporary folder
    DATABASE_URL=postgres://… python -m bench.queries

Builds the demo site (migrate + load_demo_content) in a fresh database, then requests up to
three pages of every page type in both languages, plus the site's other URLs, with Django's
test client, and prints the number of SQL queries of the first (cold cache) and the second
(warm cache) request. The targets: the home page at most 15 queries, and no listing whose
count grows with the number of items (the tests prove that part per section).

The anonymous page cache (website.pagecache) is turned off here, so that the counts are those
of rendering the page; with it on, a repeated anonymous view costs no query at all. The home
page's rendered sections stay cached (website.home) as in production: "warm" is a home page
render after the first.
"""

import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from bench import start_django

PER_TYPE = 3
# URLs that are not pages; apps add theirs here (feeds, calendars, OAI-PMH, search…).
EXTRA_URLS = [
    "/lv/meklet/?q=socialais+darbs",
    "/en/search/?q=social+work",
    "/sitemap.xml",
    "/robots.txt",
    # Periodical: the OAI-PMH interface library harvesters use.
    "/oai-pmh/?verb=Identify",
    "/oai-pmh/?verb=ListRecords&metadataPrefix=oai_dc",
    "/oai-pmh/?verb=ListIdentifiers&metadataPrefix=oai_dc&set=language:en",
    # Events: calendar feeds (all, per type), one event's .ics, a filtered list.
    "/lv/pasakumi/ical/",
    "/en/events/ical/seminar/",
    "/lv/pasakumi/piemers-starpprofesionalas-komandas-vietejo-krizu-risku-mazinasana/ical/",
    "/lv/pasakumi/?type=seminar&region=kurzeme&year=2020",
    # Podcast: the RSS feeds podcast apps poll.
    "/lv/raidieraksts/feed/",
    "/en/podcast/feed/",
    # Methodologies: filtered lists (the filter options cost queries of their own).
    "/lv/metodikas/?target=seniori",
    "/en/methodologies/?target=community&topic=community-social-work",
    # Dictionary: letter pages, an entry, search, autocomplete JSON, downloads.
    "/lv/vardnica/burts/s/",
    "/en/dictionary/letter/s/",
    "/lv/vardnica/supervizija/",
    "/en/dictionary/supervizija/",
    "/lv/vardnica/meklet/?q=gimenes+asistentam",
    "/en/dictionary/search/?q=supervision",
    "/lv/vardnica/ieteikumi/?q=supe",
    "/en/dictionary/suggest/?q=soc",
    "/lv/vardnica/lejupielade/csv/",
    "/en/dictionary/download/tbx/",
]


def setup(folder):
    start_django(folder, PAGE_CACHE_SECONDS="0", HOME_SECTIONS_CACHE_SECONDS="600")
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo_content", stdout=open(os.devnull, "w"))


def measure(url):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = []
    status = None
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        status = response.status_code
        counts.append(len(captured))
    return status, counts


def urls_by_type():
    from wagtail.models import Page

    picked = defaultdict(list)
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        key = (type(page).__name__, page.locale.language_code)
        if len(picked[key]) < PER_TYPE:
            picked[key].append(page.url)
    return picked


def main():
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp))
        rows = []
        for (page_type, language), urls in sorted(urls_by_type().items()):
            for url in urls:
                rows.append((page_type, language, url, *measure(url)))
        for url in EXTRA_URLS:
            rows.append(("-", "-", url, *measure(url)))
        width = max(len(row[2]) for row in rows)
        print(f"{'page type':<22} {'lang':<4} {'url':<{width}} status  cold  warm")
        for page_type, language, url, status, (cold, warm) in rows:
            print(f"{page_type:<22} {language:<4} {url:<{width}} {status:>6} {cold:>5} {warm:>5}")
        home = [row for row in rows if row[0] == "HomePage"]
        worst_home = max(row[4][1] for row in home) if home else None
        print(f"\nHome page, warm cache: {worst_home} queries (target: at most 15)")
        failed = [row for row in rows if row[3] >= 500]
        if failed or (worst_home is not None and worst_home > 15):
            sys.exit(1)


if __name__ == "__main__":
    main()
