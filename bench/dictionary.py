"""Dictionary search and autocomplete latency with 10,000 entries.

    python -m bench.dictionary                 # SQLite in a temporary folder
    python -m bench.dictionary --entries 2000 --rounds 10
    DATABASE_URL=postgres://… python -m bench.dictionary

Builds the site with the dictionary's demo content (40 entries), adds synthetic entries made
of Latvian and English social work vocabulary, with definitions drawn from the words of the
demo definitions (bulk-inserted, with the same computed columns and search tokens as entries
saved by editors), then requests the autocomplete endpoint and the search
page through Django's test client, in both languages, with typed prefixes, inflected forms,
forms without diacritics, English words, typos and queries that find nothing. Prints p50/p95/max in
milliseconds per kind; the targets are p95 < 30 ms (autocomplete) and < 100 ms (search).
Exits with status 1 when a target is missed.
"""

import argparse
import os
import pickle
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench import start_django

TARGETS_MS = {"autocomplete": 30, "search": 100}

ADJECTIVES = [
    "sociālais", "sociālā", "ģimenes", "kopienas", "profesionālā", "starpinstitucionālā",
    "preventīvais", "individuālais", "grupas", "pašvaldības", "ilgtermiņa", "īslaicīgā",
    "ārkārtas", "mobilā", "digitālā", "psiholoģiskā", "juridiskā", "materiālā", "krīzes",
    "bērnu", "jauniešu", "senioru", "dienas", "nakts", "atbalsta", "rehabilitācijas",
    "aprūpes", "konsultatīvā", "metodiskā", "reģionālā",
]  # fmt: skip
NOUNS = [
    "pakalpojums", "atbalsts", "darbs", "plāns", "dienests", "centrs", "programma",
    "konsultācija", "palīdzība", "aprūpe", "vadīšana", "sadarbība", "izvērtēšana", "pieeja",
    "metode", "kompetence", "pilnveide", "supervīzija", "intervence", "rehabilitācija",
    "grupa", "komanda", "vide", "tīkls", "resurss", "vajadzība", "risks", "mērķis",
    "rezultāts", "rādītājs", "līgums", "lēmums", "novērtējums", "kvalitāte", "pieejamība",
    "iekļaušana", "integrācija", "aizsardzība", "drošība", "uzraudzība",
]  # fmt: skip
QUALIFIERS = [
    "", "", "", "sociālajā darbā", "ģimenēm ar bērniem", "senioriem", "kopienā", "pašvaldībā",
    "krīzes situācijā", "ar personām ar invaliditāti",
]  # fmt: skip
EN_ADJECTIVES = [
    "social", "family", "community", "professional", "inter-agency", "preventive",
    "individual", "group", "municipal", "long-term", "short-term", "emergency", "mobile",
    "digital", "psychological", "legal", "material", "crisis", "child", "youth", "senior",
    "day", "night", "support", "rehabilitation", "care", "counselling", "methodological",
    "regional",
]  # fmt: skip
EN_NOUNS = [
    "service", "support", "work", "plan", "office", "centre", "programme", "consultation",
    "assistance", "care", "management", "cooperation", "assessment", "approach", "method",
    "competence", "development", "supervision", "intervention", "rehabilitation", "group",
    "team", "environment", "network", "resource", "need", "risk", "goal", "outcome",
    "indicator", "agreement", "decision", "evaluation", "quality", "accessibility",
    "inclusion", "integration", "protection", "safety", "monitoring",
]  # fmt: skip
AUTOCOMPLETE_LV = ["s", "so", "soc", "supe", "gim", "ģimenes a", "darb", "kopienas s",
                   "sociālā d", "profesionala", "ārk", "zzz", "suprv", "bārņ", "vardrab",
                   "qwxz"]  # fmt: skip
AUTOCOMPLETE_EN = ["s", "soc", "supe", "family a", "care", "crisis i", "zzz", "supervsi", "famly"]
SEARCH_LV = [
    "sociālais darbs", "socialais darbs", "gimenes asistentam", "supervizijai",
    "darbiniekiem", "krīzes", "pakalpojums", "sociālās palīdzības organizatoram",
    "ģimenēm ar bērniem", "kopiena", "nav tāda vārda", "social work", "a", "suprvizija",
    "barintesa", "qwxz",
]  # fmt: skip
SEARCH_EN = ["social work", "family assistant", "supervision", "care", "crisis intervention",
             "sociālais darbs", "nothing like this", "violance"]  # fmt: skip


def setup(folder, entries):
    start_django(folder)
    from django.core.management import call_command

    import dictionary.demo
    import website.demo
    from website.demo.loader import DemoLoader

    call_command("migrate", verbosity=0, interactive=False)
    website.demo.load(DemoLoader())
    dictionary.demo.load(DemoLoader())
    started = time.perf_counter()
    added = add_synthetic_entries(entries)
    print(f"{added} synthetic entries added in {time.perf_counter() - started:.1f} s")


def definition_words():
    """The words of the demo glossary's definitions, with their natural frequencies."""
    import json

    import dictionary.demo

    data = json.loads(
        (Path(dictionary.demo.__file__).with_name("terms.json")).read_text(encoding="utf-8")
    )
    latvian = [word for term in data["terms"] for word in term["definition_lv"].split()]
    english = [word for term in data["terms"] for word in term["definition_en"].split()]
    return latvian, english


def synthetic_names(count, rng):
    """(Latvian term, English equivalent) pairs with distinct Latvian terms."""
    names = {}
    while len(names) < count:
        words = [rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(QUALIFIERS)]
        name = " ".join(word for word in words if word)
        if rng.random() < 0.5:
            name = f"{name} {rng.randint(1, 99)}"  # enough distinct entries for any count
        names.setdefault(name, f"{rng.choice(EN_ADJECTIVES)} {rng.choice(EN_NOUNS)}")
    return sorted(names.items())


def add_synthetic_entries(count, batch=500):
    from django.db import transaction
    from django.utils.text import slugify

    from dictionary.models import Equivalent, SearchToken, Synonym, Term

    rng = random.Random(2024)
    latvian_words, english_words = definition_words()
    existing = set(Term.objects.values_list("headword", flat=True))
    slugs = set(Term.objects.values_list("slug", flat=True))
    created = 0
    with transaction.atomic():
        names = synthetic_names(count + len(existing), rng)
        names = [pair for pair in names if pair[0] not in existing][:count]
        for start in range(0, len(names), batch):
            terms, children = [], []
            for headword, english in names[start : start + batch]:
                term = Term(
                    headword=headword,
                    definition=" ".join(rng.choices(latvian_words, k=rng.randint(12, 30))),
                    definition_en=" ".join(rng.choices(english_words, k=rng.randint(12, 30))),
                    live=rng.random() > 0.05,
                )
                equivalents = [Equivalent(text=english, sort_order=0)]
                # About one entry in five has a synonym, as in the demo glossary.
                synonyms = []
                if rng.random() < 0.2:
                    synonym = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
                    synonyms.append(Synonym(text=synonym, sort_order=0))
                if rng.random() < 0.3:
                    equivalents.append(Equivalent(text=f"{english} service", sort_order=1))
                term.equivalents = equivalents
                term.synonyms = synonyms
                term.compute_search_columns()
                slug, number = slugify(headword)[:200], 1
                while slug in slugs:
                    number += 1
                    slug = f"{slugify(headword)[:200]}-{number}"
                slugs.add(slug)
                term.slug = slug
                terms.append(term)
                children.append((equivalents, synonyms))
            Term.objects.bulk_create(terms)
            new_equivalents, new_synonyms, new_tokens = [], [], []
            for term, (equivalents, synonyms) in zip(terms, children, strict=True):
                # What Term.save() writes after the row: the entry's search tokens.
                new_tokens += [
                    SearchToken(term_id=term.pk, field=field, token=token)
                    for field, token in term._search_tokens
                ]
                for equivalent in equivalents:
                    equivalent.term_id = term.pk
                    equivalent.compute_search_columns()
                    new_equivalents.append(equivalent)
                for synonym in synonyms:
                    synonym.term_id = term.pk
                    new_synonyms.append(synonym)
            Equivalent.objects.bulk_create(new_equivalents)
            Synonym.objects.bulk_create(new_synonyms)
            SearchToken.objects.bulk_create(new_tokens, batch_size=2000)
            created += len(terms)
    return created


def timed(client, url, params):
    """Wall-clock and CPU milliseconds of one request (SQLite runs in this process, so the
    CPU time is what the request costs on an otherwise idle machine)."""
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(url, params)
    elapsed = (time.perf_counter() - started) * 1000
    cpu = (time.process_time() - cpu) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}?{params}: HTTP {response.status_code}")
    return elapsed, cpu, response


def measure(rounds):
    from django.test import Client

    from dictionary.models import DictionaryPage
    from dictionary.search import rank_terms

    client = Client()
    lv = DictionaryPage.for_language("lv")
    en = DictionaryPage.for_language("en")
    plan = [
        ("autocomplete", lv.route_url("suggest"), AUTOCOMPLETE_LV),
        ("autocomplete", en.route_url("suggest"), AUTOCOMPLETE_EN),
        ("search", lv.route_url("search"), SEARCH_LV),
        ("search", en.route_url("search"), SEARCH_EN),
    ]
    for _kind, url, queries in plan:  # warm caches (site root paths, chrome, compiled SQL)
        for query in queries:
            client.get(url, {"q": query})
    timings = {"autocomplete": [], "search": []}
    cpu = {"autocomplete": [], "search": []}
    per_query = defaultdict(list)
    for _ in range(rounds):
        for kind, url, queries in plan:
            for query in queries:
                elapsed, used, _response = timed(client, url, {"q": query})
                timings[kind].append(elapsed)
                cpu[kind].append(used)
                per_query[(url, query)].append(elapsed)
    found = {
        (page.language, query): len(rank_terms(query, page.language))
        for page, queries in ((lv, SEARCH_LV), (en, SEARCH_EN))
        for query in queries
    }
    extra = {}
    # What the first typo after a change of content costs: the names' vocabulary is read.
    from dictionary.search import _build_vocabulary

    started = time.perf_counter()
    built = _build_vocabulary()
    extra["typo vocabulary"] = ((time.perf_counter() - started) * 1000, len(pickle.dumps(built)))
    for name, url in (
        ("letter page S (lv)", lv.letter_url("S")),
        ("letter page S (en)", en.letter_url("S")),
        ("entry page", f"{lv.base_url}supervizija/"),
        ("download CSV", lv.route_url("download", format="csv")),
        ("download TBX", lv.route_url("download", format="tbx")),
    ):
        elapsed, _cpu, response = timed(client, url, {})
        extra[name] = (elapsed, len(response.content))
    return timings, cpu, found, extra, per_query


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp), args.entries)
        from django.db import connection

        from dictionary.models import Term

        print(
            f"{Term.objects.count()} entries ({Term.objects.approved().count()} approved), "
            f"database: {connection.vendor}"
        )
        load_before = os.getloadavg()[0]
        timings, cpu, found, extra, per_query = measure(args.rounds)
        load_after = os.getloadavg()[0]

    print(
        f"\nLoad average (1 min) before/after: {load_before:.1f}/{load_after:.1f} "
        f"on {os.cpu_count()} CPUs: other processes lengthen the wall-clock times."
    )
    print(
        f"{'kind':<14} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
        f"{'CPU p50':>8} {'CPU p95':>8}  target (wall p95)"
    )
    missed = []
    for kind, values in timings.items():
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        ok = p95 < TARGETS_MS[kind]
        if not ok:
            missed.append(kind)
        print(
            f"{kind:<14} {len(values):>8} {p50:>8.1f} {p95:>8.1f} {max(values):>8.1f} "
            f"{statistics.median(cpu[kind]):>8.1f} {percentile(cpu[kind], 0.95):>8.1f}  "
            f"< {TARGETS_MS[kind]} ms: {'yes' if ok else 'NO'}"
        )
    print("\nEntries found per search query:")
    for (language, query), count in found.items():
        print(f"  {language}  {query!r:<40} {count:>6}")
    print("\nSlowest queries (median ms):")
    medians = sorted(
        ((statistics.median(values), url, query) for (url, query), values in per_query.items()),
        reverse=True,
    )
    for median, url, query in medians[:8]:
        print(f"  {median:>7.1f}  {url}?q={query}")
    print("\nOther requests (one each):")
    for name, (elapsed, size) in extra.items():
        print(f"  {name:<22} {elapsed:>8.1f} ms {size / 1024:>9.1f} KiB")
    if missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
