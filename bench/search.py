"""Search latency at 10,000 pages: p50/p95 of the search page for typical Latvian queries.

    python -m bench.search                       # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/h_search_bench python -m bench.search
    python -m bench.search --pages 2000 --repeat 3
    # Build once into a SQLite file (it stays), then measure or profile it without rebuilding:
    DATABASE_URL=sqlite:////tmp/bench-10k.sqlite3 python -m bench.search
    DATABASE_URL=sqlite:////tmp/bench-10k.sqlite3 python -m bench.search --reuse --profile
    # The same on PostgreSQL: --keep leaves the built test_… database, --reuse measures it:
    DATABASE_URL=postgres://…/h_search_bench python -m bench.search --keep
    DATABASE_URL=postgres://…/test_h_search_bench python -m bench.search --reuse --profile
    # On OpenSearch too (make opensearch-start), at 10,000 and then 100,000 pages:
    DATABASE_URL=postgres://… python -m bench.search --opensearch http://127.0.0.1:9201 \
        --pages 10000 100000
    # --keep keeps the node's indexes too (named after the database), for --reuse:
    DATABASE_URL=postgres://…/h_search_bench python -m bench.search --opensearch URL --keep
    DATABASE_URL=postgres://…/test_h_search_bench python -m bench.search --opensearch URL --reuse

Builds the demo site (migrate + load_demo_content) in a fresh database (PostgreSQL: a
throwaway "test_…" database created beside the one named, and dropped at the end), then adds
--pages pages of every page type the demo has (except single pages such as section indexes)
as bulk copies of a demo page of that type, with generated Latvian titles, summaries and
topics, and indexes them. Then it requests the search page (/lv/meklet/?q=…) with Django's
test client for one-word, two-word, no-diacritic and misspelt queries and prints p50/p95 per
kind. Several --pages counts are reached one after the other (pages are added, not rebuilt).

With --opensearch the pages are indexed on that node too (indexes of their own, deleted at the
end), and every kind is measured twice: the search page answered by OpenSearch, then by the
database alone. "engine" is the search backend's own time within the page (its matches).
Targets: p95 under 150 ms on SQLite and PostgreSQL; under 50 ms on OpenSearch at 100,000.
"""

import argparse
import io
import os
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import start_django

TARGET_P95_MS = 150
TARGET_OPENSEARCH_P95_MS = 50

# Words of the domain in the forms texts use them; queries are drawn from here too.
DOMAIN_WORDS = """
sociālais sociālā sociālo sociālajā sociālajam sociālie sociālajiem darbs darba darbā darbu
darbinieks darbinieki darbiniekiem darbinieku darbiniece speciālists speciālisti speciālistiem
speciālistu senioriem seniori senioru seniors ģimene ģimenes ģimenēm ģimenē bērni bērniem bērnu
bērns kopiena kopienas kopienā kopienai supervīzija supervīzijas supervīzijai supervīzijā
metodika metodikas metodikā metodikai pašvaldība pašvaldības pašvaldībās pašvaldībām klients
klienti klientiem klientu klientam atbalsts atbalstu atbalsta pakalpojums pakalpojumi
pakalpojumu pakalpojumiem dienests dienesta dienestā dienesti attīstība attīstības projekts
projekta projektā konference konferences konferencē seminārs semināri semināru seminārā
diskusija diskusijas diskusijā pētījums pētījumi pētījuma pētījumā vardarbība vardarbības
vardarbību atkarība atkarības atkarību bēgļi bēgļiem bēgļu jaunieši jauniešiem jauniešu
invaliditāte invaliditātes personām personas persona rehabilitācija rehabilitācijas aprūpe
aprūpes aprūpei mājās gadījuma gadījumu vadīšana vadīšanas profesionāls profesionālā
profesionālo mūsdienīga izglītība izglītības mācības apmācība programma programmas prakse
praksē teorija teorijas novērtēšana novērtējums riski riska situācija krīzes intervence resursi
tīkls sadarbība sadarbības starpinstitucionālā līdzdalība iekļaušana nabadzība bezdarbs mājoklis
veselība asistents asistenti asistentiem ētika ētikas vērtības kvalitāte integritāte
""".split()
SYLLABLES = "ka la ma pa ra sa ta va zi ni ri ko lo mo pu ru su tu vē mā kā lī ņe šu ži ģe".split()
ENDINGS = "s a as ai u am os i iem ām e es ei ē ēm is ais ajā ā".split()

ONE_WORD = [
    "senioriem",
    "metodikas",
    "kopienā",
    "ģimenēm",
    "supervīzija",
    "pašvaldībās",
    "konference",
    "bērniem",
    "jauniešiem",
    "vardarbība",
    "rehabilitācijas",
    "asistentiem",
]
TWO_WORDS = [
    "sociālais darbs",
    "ģimenes asistents",
    "darbs kopienā",
    "sociālajiem darbiniekiem",
    "supervīzija speciālistiem",
    "atbalsts ģimenēm",
    "pakalpojumi senioriem",
    "vardarbības riski",
    "krīzes intervence",
    "jauniešu līdzdalība",
]
NO_DIACRITICS = [
    "gimenem",
    "pasvaldibas",
    "socialais darbinieks",
    "berniem",
    "vardarbiba",
    "supervizijai",
    "begliem",
    "kopiena",
    "socialaja darba",
    "gimenes asistentiem",
]
# A letter left out, doubled or wrong: found on OpenSearch (fuzziness), rarely on the database.
TYPOS = [
    "senjoriem",
    "metodkas",
    "supervizja",
    "vardabiba",
    "pasvaldbas",
    "gimennem",
    "konferece",
    "rehabiltacijas",
    "asistetiem",
    "socilais darbs",
]


def index_prefix(kept):
    """The cluster indexes' prefix: named after the database when they are kept (or reused),
    so that a later --reuse of that database finds them; else a throwaway one."""
    if not kept:
        return f"bench_{uuid.uuid4().hex[:8]}_"
    name = os.environ["DATABASE_URL"].rstrip("/").rsplit("/", 1)[-1].removeprefix("test_")
    return f"bench_kept_{name.lower()}_"


def setup_django(folder, opensearch_url=None, reuse=False, keep=False):
    os.environ.pop("ELASTICSEARCH_URL", None)
    if opensearch_url:
        os.environ["SEARCH_ENGINE_URL"] = f"opensearch+{opensearch_url.rstrip('/')}"
        os.environ["SEARCH_INDEX_PREFIX"] = index_prefix(kept=keep or reuse)
    else:
        os.environ.pop("SEARCH_ENGINE_URL", None)
    start_django(folder)
    from django.core.management import call_command
    from django.db import connection

    if reuse:
        return
    if connection.vendor != "sqlite":
        # A database of its own, as the tests do, so that the named one is never touched.
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", verbosity=0, interactive=False)
    for name in cluster_backends():
        # The cluster's indexes, with the site's analysis, before anything is written to them.
        call_command("update_index", backend_name=name, schema_only=True, stdout=io.StringIO())


def cluster_backends():
    from django.conf import settings

    return [name for name in settings.WAGTAILSEARCH_BACKENDS if name != "default"]


def delete_cluster_indexes():
    from modelsearch.backends import get_search_backend

    for name in cluster_backends():
        backend = get_search_backend(name)
        backend.es.indices.delete(index=f"{backend.index_prefix}*", request_timeout=120)


class Text:
    """Latvian-looking text: domain words among a large vocabulary of generated ones."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        stems = {
            "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3)))
            for _ in range(6000)
        }
        self.vocabulary = [
            stem + ending for stem in sorted(stems) for ending in self.rng.sample(ENDINGS, 4)
        ]

    def word(self):
        if self.rng.random() < 0.12:
            return self.rng.choice(DOMAIN_WORDS)
        # Zipf-like: a few generated words are frequent, most are rare, as in real text.
        rank = min(int(self.rng.paretovariate(0.8)), len(self.vocabulary)) - 1
        return self.vocabulary[(rank * 7919) % len(self.vocabulary)]

    def words(self, low, high):
        return " ".join(self.word() for _ in range(self.rng.randint(low, high)))

    def sentence(self, low, high):
        return self.words(low, high).capitalize() + "."


def clonable_types():
    """(model, a live Latvian demo page of it) for every page type that may have many pages."""
    from wagtail.models import Locale, Page

    from sitesearch import participants

    lv = Locale.objects.get(language_code="lv")
    chosen = {}
    for page in Page.objects.live().filter(locale=lv, depth__gt=2).specific().order_by("path"):
        model = type(page)
        single = getattr(model, "max_count", None) == 1 or (
            getattr(model, "max_count_per_parent", None) == 1
        )
        if participants.takes_part(model) and not single and model not in chosen:
            chosen[model] = page
    return list(chosen.items())


def clone_pages(model, template, count, text, topic_ids):
    """`count` copies of `template` under its parent, in bulk (no signals, no revisions)."""
    from django.db import transaction
    from wagtail.models import Page

    from website.models import PageTopic

    parent = template.get_parent(update=True)  # its numchild grows with every batch
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    # Every table between Page and the model (events: Page → EventPage → ConferencePage),
    # parents first.
    levels = sorted(
        [level for level in model._meta.get_parent_list() if level is not Page] + [model],
        key=lambda level: len(level._meta.get_parent_list()),
    )
    level_fields = [field for level in levels for field in level._meta.local_concrete_fields]
    start = parent.numchild
    now = datetime.now(UTC)
    copies = []
    for number in range(count):
        title = text.sentence(3, 8)[:-1]
        slug = f"bench-{uuid.uuid4().hex[:12]}"
        published = now - timedelta(days=text.rng.randint(0, 4000))
        copy = model()
        for field in [*page_fields, *level_fields]:
            setattr(copy, field.attname, getattr(template, field.attname))
        values = {
            "title": title,
            "draft_title": title,
            "slug": slug,
            "path": Page._get_path(parent.path, parent.depth + 1, start + number + 1),
            "depth": parent.depth + 1,
            "numchild": 0,
            "url_path": f"{parent.url_path}{slug}/",
            "translation_key": uuid.uuid4(),
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": published,
            "last_published_at": published,
            "latest_revision_id": None,
            "live_revision_id": None,
            "latest_revision_created_at": None,
            "listing_summary": text.sentence(15, 35),
            "search_description": text.sentence(10, 25),
        }
        if hasattr(copy, "introduction"):
            values["introduction"] = " ".join(text.sentence(8, 16) for _ in range(6))
        for name, value in values.items():
            setattr(copy, name, value)
        copies.append(copy)

    with transaction.atomic():
        bases = Page.objects.bulk_create(
            [Page(**{f.attname: getattr(c, f.attname) for f in page_fields}) for c in copies],
            batch_size=200,
        )
        for copy, base in zip(copies, bases, strict=True):
            copy.id = base.pk
            for level in levels:
                setattr(copy, level._meta.pk.attname, base.pk)
        for level in levels:
            for batch in range(0, len(copies), 200):
                level._base_manager._insert(
                    copies[batch : batch + 200],
                    fields=list(level._meta.local_concrete_fields),
                    using="default",
                )
        Page.objects.filter(pk=parent.pk).update(numchild=start + count)
        if topic_ids:
            PageTopic.objects.bulk_create(
                [
                    PageTopic(page_id=copy.pk, topic_id=topic)
                    for copy in copies
                    for topic in text.rng.sample(topic_ids, text.rng.randint(0, 2))
                ],
                batch_size=500,
            )
    return [copy.pk for copy in copies]


def index_pages(model, ids):
    """Index the pages in every backend (the database's and, with --opensearch, the node's)."""
    from modelsearch.backends import get_search_backend

    from sitesearch.participants import indexing_batch

    backends = [get_search_backend(name) for name in ["default", *cluster_backends()]]
    queryset = model.objects.filter(pk__in=ids).prefetch_related("topic_items")
    for start in range(0, len(ids), 500):
        pages = list(queryset.order_by("pk")[start : start + 500])
        with indexing_batch():  # each page's text analysed once for all the backends
            for backend in backends:
                backend.add_bulk(model, pages)


def load_demo():
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("load_demo_content", stdout=io.StringIO())
    print(f"demo site loaded in {time.perf_counter() - started:.0f} s", flush=True)


def add_pages(total, text):
    """Add `total` pages, spread over the page types, and index them."""
    from modelsearch.backends import get_search_backend

    from website.models import Topic

    topic_ids = list(Topic.objects.filter(locale__language_code="lv").values_list("pk", flat=True))
    types = clonable_types()
    per_type = max(1, total // len(types))
    counts = {}
    started = time.perf_counter()
    for position, (model, template) in enumerate(types):
        count = per_type if position < len(types) - 1 else total - per_type * (len(types) - 1)
        for batch in range(0, count, 5000):  # memory stays bounded at 100,000 pages
            ids = clone_pages(model, template, min(5000, count - batch), text, topic_ids)
            index_pages(model, ids)
        counts[model.__name__] = count
    for name in cluster_backends():
        backend = get_search_backend(name)
        backend.es.indices.refresh(index=f"{backend.index_prefix}*", request_timeout=120)
    print(
        f"{sum(counts.values())} pages of {len(counts)} types generated and indexed in "
        f"{time.perf_counter() - started:.0f} s: "
        + ", ".join(f"{name} {count}" for name, count in sorted(counts.items())),
        flush=True,
    )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


KINDS = [
    ("one word", ONE_WORD),
    ("two words", TWO_WORDS),
    ("no diacritics", NO_DIACRITICS),
    ("typo", TYPOS),
    ("empty query (newest)", [""]),
    ("one word + topic facet", [f"{q}&topic=seniori" for q in ONE_WORD[:4]]),
]


def profiled(function, *args):
    """function(*args) under cProfile; prints the 30 costliest calls, with and without what
    they call."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    result = profile.runcall(function, *args)
    for order in ("cumulative", "tottime"):
        pstats.Stats(profile).sort_stats(order).print_stats(30)
    return result


def measure(repeat):
    """Rows of (kind, requests, page p50, page p95, engine p50, engine p95, backends, found)."""
    from django.test import Client
    from wagtail.models import Locale

    from sitesearch import engine

    latvian = Locale.objects.get(language_code="lv")
    client = Client()
    # The catalogue and the spelling vocabulary are built once per content change and process,
    # then reused: built here, and their time printed apart from the searches'.
    started = time.perf_counter()
    client.get("/lv/meklet/", {"q": "darbs"})
    catalogue_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    client.get("/lv/meklet/", {"q": "darbz"})
    vocabulary_ms = (time.perf_counter() - started) * 1000
    print(
        f"first search (builds the catalogue) {catalogue_ms:.0f} ms, "
        f"first misspelt search (builds the vocabulary) {vocabulary_ms:.0f} ms"
    )
    engine_times, answered = [], []
    timed = engine.matches

    def matches(analysed, language, lookups=None):
        started = time.perf_counter()
        result = timed(analysed, language, lookups)
        engine_times.append((time.perf_counter() - started) * 1000)
        answered.append(result[2])
        return result

    rows = []
    engine.matches = matches
    try:
        for kind, queries in KINDS:
            times, found = [], []
            engine_times.clear()
            answered.clear()
            for query in queries:
                text, _, extra = query.partition("&")
                params = {"q": text}
                if extra:
                    name, _, value = extra.partition("=")
                    params[name] = value
                for _ in range(repeat):
                    started = time.perf_counter()
                    response = client.get("/lv/meklet/", params)
                    times.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (query, response.status_code)
                found.append(engine.run(latvian, params).total)
            searched = engine_times[: len(times)] or [0.0]
            rows.append(
                (
                    kind,
                    len(times),
                    statistics.median(times),
                    percentile(times, 0.95),
                    statistics.median(searched),
                    percentile(searched, 0.95),
                    sorted(set(answered)) or ["-"],
                    found,
                )
            )
    finally:
        engine.matches = timed
    return rows


def report(title, rows, target):
    print(f"\n{title}")
    print(
        f"{'queries':<24} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7} {'engine p50':>10} "
        f"{'engine p95':>10}  backend        results per query"
    )
    worst = 0.0
    for kind, requests, p50, p95, engine_p50, engine_p95, backends, found in rows:
        worst = max(worst, p95)
        print(
            f"{kind:<24} {requests:>8} {p50:>7.1f} {p95:>7.1f} {engine_p50:>10.1f} "
            f"{engine_p95:>10.1f}  {','.join(backends):<14} {found}"
        )
    verdict = "meets" if worst < target else "MISSES"
    print(f"worst p95 {worst:.1f} ms: {verdict} the {target} ms target")


def measure_and_report(pages, database, repeat, profile=False):
    from django.conf import settings
    from django.test import override_settings

    rows = profiled(measure, repeat) if profile else measure(repeat)
    if cluster_backends():
        report(
            f"Search page latency, {pages} generated pages, OpenSearch ({database} beside it)",
            rows,
            TARGET_OPENSEARCH_P95_MS,
        )
        database_only = {"default": settings.WAGTAILSEARCH_BACKENDS["default"]}
        with override_settings(WAGTAILSEARCH_BACKENDS=database_only):
            rows = measure(repeat)
    report(f"Search page latency, {pages} generated pages, {database}", rows, TARGET_P95_MS)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", type=int, nargs="+", default=[10_000], help="page counts, measured in turn"
    )
    parser.add_argument("--repeat", type=int, default=5, help="requests per query")
    parser.add_argument("--opensearch", metavar="URL", help="an OpenSearch node to measure too")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the database DATABASE_URL names as it is"
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the built test_… database (PostgreSQL) and the node's indexes, for --reuse",
    )
    parser.add_argument("--profile", action="store_true", help="print where the time goes")
    args = parser.parse_args()
    if (args.reuse or args.keep) and not os.environ.get("DATABASE_URL"):
        parser.error("--reuse and --keep need DATABASE_URL naming the database")
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp), args.opensearch, reuse=args.reuse, keep=args.keep)
        from django.db import connection
        from wagtail.models import Page

        database = f"{connection.vendor} {connection.settings_dict['NAME']}"
        text = Text(seed=8)
        added = 0
        try:
            if args.reuse:
                pages = Page.objects.filter(depth__gt=2).count()
                measure_and_report(f"{pages} (reused)", database, args.repeat, args.profile)
                return
            load_demo()
            for pages in sorted(args.pages):
                add_pages(pages - added, text)
                added = pages
                measure_and_report(pages, database, args.repeat, args.profile)
        finally:
            if not (args.keep or args.reuse):
                delete_cluster_indexes()
            if args.keep and not args.reuse:
                print(f"kept: {database}")
            elif connection.vendor != "sqlite" and not args.reuse:
                connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
