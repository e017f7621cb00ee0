"""What each cache of website/cache.py saves: SQL queries and time, with and without it.

    python -m bench.caches            # SQLite in a temporary folder
    DATABASE_URL=postgres://… python -m bench.caches

Builds the demo site, then for each cache measures the code path it serves, first with the
content version just moved on (the cache empty: what the first view after a publish costs)
and then again (the cache warm), as the median of REPEAT runs. A cache earns its place when
the warm path is clearly cheaper than the cold one.
"""

import os
import statistics
import tempfile
import time
from pathlib import Path

from bench import start_django

REPEAT = 15


def setup(folder):
    start_django(folder, PAGE_CACHE_SECONDS="600", HOME_SECTIONS_CACHE_SECONDS="600")
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo_content", stdout=open(os.devnull, "w"))


def timed(action, cold):
    """(median ms, queries of one run) of action(), with the caches emptied before each run
    when `cold`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from website.cache import content_changed

    times, queries = [], None
    for _ in range(REPEAT):
        if cold:
            content_changed()
        else:
            action()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            action()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
    return statistics.median(times), queries


def cases():
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client, RequestFactory
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Site

    from dictionary.models import DictionaryPage
    from website import chrome, files, home

    client = Client()
    site = Site.objects.get(is_default_site=True)
    request = RequestFactory().get("/lv/", HTTP_HOST=site.hostname)
    request.user = AnonymousUser()
    home_page = site.root_page.specific
    document = get_document_model().objects.first()
    image = get_image_model().objects.first()
    dictionary = DictionaryPage.objects.get(locale__language_code="lv")
    methodology = Page.objects.filter(url_path__contains="/metodikas/", depth=4).first()

    yield "page: home, anonymous view", lambda: client.get("/lv/")
    yield "page: a methodology", lambda: client.get(methodology.url)
    yield "page: a search", lambda: client.get("/lv/meklet/?q=socialais+darbs")
    yield "chrome: menus, footer, settings", lambda: chrome.get_chrome(request)
    yield "home: the home page's sections", lambda: home.rendered_home_sections(request, home_page)
    yield "files: is a document public", lambda: files._used_publicly(document)
    yield "files: is an image public", lambda: files._used_publicly(image)
    yield "dictionary: letter counts", lambda: dictionary.letters()
    yield "dictionary: TBX download", lambda: client.get("/lv/vardnica/lejupielade/tbx/")


def main():
    with tempfile.TemporaryDirectory() as folder:
        setup(Path(folder))
        from django.test.utils import override_settings

        print(f"{'cache: path':<40} {'cold ms':>8} {'q':>4} {'warm ms':>8} {'q':>4}")
        for name, action in cases():
            # The page cache only for the page rows: the others measure their own cache.
            seconds = 600 if name.startswith("page:") else 0
            with override_settings(PAGE_CACHE_SECONDS=seconds):
                cold_ms, cold_q = timed(action, cold=True)
                warm_ms, warm_q = timed(action, cold=False)
            print(f"{name:<40} {cold_ms:8.1f} {cold_q:4d} {warm_ms:8.1f} {warm_q:4d}")


if __name__ == "__main__":
    main()
