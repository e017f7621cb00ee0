"""The site search on a real OpenSearch node, over the demo content.

Run with a node: `make opensearch-start`, then `pytest -m opensearch`. Skipped without one
(unless REQUIRE_OPENSEARCH=1). The demo site is built once for the module, indexed by
`update_index` into indexes of this test process, and rolled back afterwards; tests that change
content make pages of their own, so that the index and the database stay alike.
"""

import io
import random
import urllib.error

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction

from dictionary.models import Term
from sitesearch import engine, participants
from sitesearch.analysis import analyse, fold, tokens
from sitesearch.engine import backend_named
from tests.sitesearch import opensearch_node as node
from tests.sitesearch.test_search_demo import inflect
from tests.utils import add_page
from website.models import StandardPage

pytestmark = [
    pytest.mark.opensearch,
    pytest.mark.django_db,
    # One process runs the module (make test uses --dist loadgroup): the demo is built once.
    pytest.mark.xdist_group("opensearch"),
]


@pytest.fixture(scope="module")
def node_url():
    return node.require_node()


@pytest.fixture(scope="module")
def cluster(node_url, demo_content, django_db_blocker):
    """The demo site (tests/conftest.py: built with the database index only) indexed in this
    process's OpenSearch indexes by update_index, as after pointing a site at a new cluster."""
    url = node_url
    prefix = node.index_prefix()
    # The module's tests search with these backends too.
    with override_settings(WAGTAILSEARCH_BACKENDS=node.backends(url, prefix)):
        with django_db_blocker.unblock():
            for name in ("opensearch_lv", "opensearch_en"):
                call_command("update_index", backend_name=name, stdout=io.StringIO())
            node.refresh(url, prefix)
        yield {"url": url, "prefix": prefix}
    node.delete_indexes(url, prefix)


@pytest.fixture(autouse=True)
def _on_the_cluster(demo_media, cluster):
    engine.outage.down_until.clear()
    yield
    engine.outage.down_until.clear()


def search(locale_code, query):
    """(keys of the first page of results, everything found, the backend that answered)."""
    locale = Locale.objects.get(language_code=locale_code)
    with translation.override(locale_code):
        result = engine.run(locale, {"q": query})
    paginator = result.page_obj.paginator
    return list(result.page_obj.object_list), list(paginator.object_list), result.backend


def database_top(locale_code, query, count):
    """The first keys the database backend ranks for a query (visible ones only)."""
    analysed = engine.analysed_query(query, locale_code)
    backend = backend_named("default")
    ranked, everything = backend.site_matches(analysed, "and", engine.RANKED)
    if not everything and " " in analysed:
        ranked, everything = backend.site_matches(analysed, "or", engine.RANKED)
    from sitesearch import catalogue

    visible = catalogue.for_locale(Locale.objects.get(language_code=locale_code)).items
    return [key for key, _score in ranked if key in visible][:count], set(everything)


def raw_cluster_keys(locale_code, query):
    """Everything the cluster itself matches, before the site's visibility rules."""
    analysed = engine.analysed_query(query, locale_code)
    _ranked, everything = backend_named(f"opensearch_{locale_code}").site_matches(
        analysed, "and", engine.RANKED
    )
    return set(everything)


def key_of(obj):
    from modelsearch.backends.base import get_model_root

    return (ContentType.objects.get_for_model(get_model_root(type(obj))).pk, obj.pk)


def titles(keys):
    objects = engine.load_objects(keys)
    return [str(objects[key].title) if key in objects else "?" for key in keys]


def refresh(cluster):
    node.refresh(cluster["url"], cluster["prefix"])


# The node and the analysis --------------------------------------------------------------------


def test_the_node_is_opensearch_2_19(cluster):
    info = node.about(cluster["url"])
    assert info["version"]["distribution"] == "opensearch"
    assert info["version"]["number"].startswith("2.19.")


PAIRS = [
    ("sociālajā", "socialaja"),
    ("ģimenēm", "gimenem"),
    ("ģimenes", "gimenes"),
    ("pašvaldībās", "pasvaldibas"),
    ("bēgļiem", "begliem"),
    ("supervīzijai", "supervizijai"),
    ("darbiniekiem", "darbiniekiem"),
    ("sociālajās", "socialajas"),
    ("Ceļamies", "celamies"),
    ("vardarbība", "vardarbiba"),
    ("kopienā", "kopiena"),
    ("speciālistiem", "specialistiem"),
    ("aprūpē", "aprupe"),
    ("līdzdalība", "lidzdaliba"),
]


def test_latvian_words_with_and_without_diacritics_give_equal_tokens(cluster):
    backend = backend_named("opensearch_lv")
    different = []
    for written, typed in PAIRS:
        with_diacritics = backend.analyze(Page, written)
        without = backend.analyze(Page, typed)
        if with_diacritics != without or with_diacritics != analyse(written).split():
            different.append((written, with_diacritics, typed, without, analyse(written)))
    assert not different, different
    # And the tokens are stems, not the words: an inflected form meets the written one.
    assert backend.analyze(Page, "Sociālais darbs ar senioriem 2019") == [
        "social",
        "darb",
        "senior",
        "2019",
    ]
    assert backend.analyze(Page, "socialajiem darbiniekiem") == backend.analyze(
        Page, "sociālais darbinieks"
    )


def test_the_cluster_analyses_text_as_the_database_does(cluster):
    """Every word of the demo's texts, and a large made-up vocabulary, in both languages."""
    lv_text, en_text = [], []
    for page in Page.objects.live().filter(depth__gt=1).specific():
        if not participants.takes_part(type(page)):
            continue
        parts = [page.title, *[p for p in page.get_search_text_parts() if isinstance(p, str)]]
        (lv_text if page.locale.language_code == "lv" else en_text).extend(parts)
    for term in Term.objects.filter(live=True):
        lv_text.extend([term.headword, term.definition])
        en_text.append(term.definition_en)
    rng = random.Random(19)
    letters = "aāeēiīoušžčģķļņrstvzpbmjdgklnc"
    made_up = [
        "".join(rng.choice(letters) for _ in range(rng.randint(2, 12))) for _ in range(20_000)
    ]
    latvian = different_analyses("lv", [*lv_text, *made_up])
    assert not latvian, latvian
    # English: Lucene's Snowball English is an older version of the algorithm than the
    # snowballstemmer package's; a few words stem differently ("added": "ad" and "add"). Their
    # analysed text, indexed beside the written one, still meets the query.
    english = different_analyses("en", en_text)
    english_words = {word for text in en_text for word in tokens(text)}
    assert len(english) < 0.01 * len(english_words), english


def different_analyses(language, texts):
    """The words of the texts that the cluster analyses otherwise than the database."""
    backend = backend_named(f"opensearch_{language}")
    words = list(dict.fromkeys(word for text in texts for word in tokens(text)))
    assert len(words) > 500
    different = []
    for start in range(0, len(words), 2000):
        chunk = words[start : start + 2000]
        if backend.analyze(Page, " ".join(chunk)) == analyse(" ".join(chunk), language).split():
            continue
        for word in chunk:
            on_cluster = backend.analyze(Page, word)
            if on_cluster != analyse(word, language).split():
                different.append((word, analyse(word, language), on_cluster))
    return different


# Finding --------------------------------------------------------------------------------------

# (language, what a reader types, what the database is asked for the same pages): no
# diacritics, inflected, misspelt, several words, one word too many.
QUERIES = [
    ("lv", "socialais darbs kopiena", "socialais darbs kopiena"),
    ("lv", "senioriem", "senioriem"),
    ("lv", "supervizijai", "supervizijai"),
    ("lv", "supervizja", "supervīzija"),
    ("lv", "vardabiba", "vardarbība"),
    ("lv", "ģimenes asistents", "ģimenes asistents"),
    ("lv", "gimenes asistentiem", "gimenes asistentiem"),
    ("lv", "ģimenes asistents jelgavā", "ģimenes asistents"),
    ("lv", "metodika kopienas darbam", "metodika kopienas darbam"),
    ("lv", "pasvaldibu socialajos dienestos", "pasvaldibu socialajos dienestos"),
    ("lv", "bērniem", "bērniem"),
    ("lv", "profesionala integritate", "profesionala integritate"),
    ("lv", "celamies kopa", "celamies kopa"),
    ("lv", "vārdnīcā", "vārdnīca"),
    ("en", "social work with seniors", "social work with seniors"),
    ("en", "supervison", "supervision"),
    ("en", "communities", "communities"),
    ("en", "family assistant", "family assistant"),
]


def test_the_cluster_finds_at_the_top_what_the_database_finds(cluster):
    """Two of the database's three best at least are on the cluster's first page of results,
    and the cluster's best is one the database finds too. (Their rankings differ: PostgreSQL's
    ts_rank does not weigh a text's length, BM25 does.)"""
    failures = []
    for language, typed, reference in QUERIES:
        expected, database_found = database_top(language, reference, 3)
        first_page, _everything, backend = search(language, typed)
        if backend != f"opensearch_{language}":
            failures.append(f"{typed!r}: answered by {backend}")
            continue
        assert expected, f"the database finds nothing for {reference!r}"
        missing = [key for key in expected if key not in first_page]
        if len(expected) - len(missing) < min(2, len(expected)):
            failures.append(
                f"{typed!r}: {titles(missing)} not on the first page {titles(first_page)}"
            )
        if first_page[0] not in database_found:
            failures.append(f"{typed!r}: first {titles(first_page[:1])} unknown to the database")
    assert not failures, "\n".join(failures)


def misspell(word):
    """The word with a letter left out in its middle (a typo the stem still shows)."""
    middle = len(word) // 2
    return word[:middle] + word[middle + 1 :]


def test_every_page_type_is_found_by_what_readers_type(cluster):
    """Its title without diacritics, in another form, misspelt, and with a word too many."""
    lv = Locale.objects.get(language_code="lv")
    root = ContentType.objects.get_for_model(Page).pk
    by_type = {}
    for page in Page.objects.live().filter(locale=lv, depth__gt=1).specific().order_by("path"):
        if participants.takes_part(type(page)):
            by_type.setdefault(type(page), []).append(page)
    assert len(by_type) >= 5
    failures, covered = [], 0
    for model, pages in by_type.items():
        chosen = next(
            (
                (page, word, form)
                for page in pages
                for word in tokens(page.title)
                if (form := inflect(word))
            ),
            None,
        )
        page = chosen[0] if chosen else pages[0]
        folded = fold(page.title)
        # On the first page of results: the title as typed without diacritics, misspelt (its
        # longest word, when long enough for a stem to show a typo), with a word too many.
        variants = [folded, f"{folded} jelgavā"]
        longest = max(tokens(page.title), key=len)
        if len(longest) >= 7:
            variants.append(folded.replace(longest, misspell(longest)))
        for query in variants:
            first_page, _everything, backend = search("lv", query)
            if backend != "opensearch_lv" or (root, page.pk) not in first_page:
                failures.append(f"{model.__name__}: {query!r} misses {page.title!r} ({backend})")
        # Among the results: one word of the title in another form.
        if chosen:
            _first, everything, backend = search("lv", chosen[2])
            if backend != "opensearch_lv" or (root, page.pk) not in everything:
                failures.append(f"{model.__name__}: {chosen[2]!r} misses {page.title!r}")
        covered += 1
    assert not failures, "\n".join(failures)
    assert covered == len(by_type)


def test_english_pages_are_found_on_the_english_site_only(cluster):
    root = ContentType.objects.get_for_model(Page).pk
    pages = [
        page
        for page in Page.objects.live().filter(locale__language_code="en", depth__gt=1).specific()
        if participants.takes_part(type(page))
    ]
    assert pages
    failures = []
    for page in pages:
        _first, everything, backend = search("en", page.title.lower())
        if backend != "opensearch_en" or (root, page.pk) not in everything:
            failures.append(f"{page.title!r} not found on the English site ({backend})")
        if (root, page.pk) in raw_cluster_keys("lv", page.title):
            failures.append(f"{page.title!r} is in the Latvian indexes")
    assert not failures, "\n".join(failures)


# Never found ----------------------------------------------------------------------------------


def result_titles(client, query):
    response = client.get("/lv/meklet/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("ol.search-results .card__title a")]


def test_drafts_restricted_pages_and_unapproved_entries_are_never_found(cluster, client):
    home = Page.objects.get(locale__language_code="lv", depth=2).specific
    draft = add_page(home, StandardPage, title="Zvaigžņotā melnraksta lapa", publish=False)
    restricted = add_page(home, StandardPage, title="Zvaigžņotā slēgtā lapa")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="slepens"
    )
    public = add_page(home, StandardPage, title="Zvaigžņotā publiskā lapa")
    unapproved = Term(headword="zvaigžņotais jēdziens", definition="Gaida apstiprinājumu.")
    unapproved.live = False
    unapproved.save()
    unapproved.save_revision()
    approved = Term(headword="zvaigžņotais termins", definition="Apstiprināts.")
    approved.save()
    refresh(cluster)

    # The cluster holds the published page, the restricted one (its restriction is the
    # site's to apply) and the approved entry; never the draft or the unapproved entry.
    on_cluster = raw_cluster_keys("lv", "zvaigznota")
    assert key_of(public) in on_cluster and key_of(approved) in on_cluster
    assert key_of(restricted) in on_cluster
    assert key_of(draft) not in on_cluster and key_of(unapproved) not in on_cluster

    _first, everything, backend = search("lv", "zvaigznota")
    assert backend == "opensearch_lv"
    assert key_of(public) in everything and key_of(approved) in everything
    for hidden in (draft, restricted, unapproved):
        assert key_of(hidden) not in everything
    shown = result_titles(client, "zvaigžņotā")
    assert "Zvaigžņotā publiskā lapa" in shown
    assert not {"Zvaigžņotā melnraksta lapa", "Zvaigžņotā slēgtā lapa"} & set(shown)
    assert "zvaigžņotais jēdziens" not in shown


def document_exists(cluster, obj):
    index = backend_named("opensearch_lv").get_index_for_model(type(obj)).name
    try:
        node.ask(f"{cluster['url']}/{index}/_doc/{obj.pk}")
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        raise
    return True


def test_unpublishing_and_deleting_remove_a_page_from_the_index(cluster, client):
    home = Page.objects.get(locale__language_code="lv", depth=2).specific
    unpublished = add_page(home, StandardPage, title="Mēnessgaismas lapa vienā")
    deleted = add_page(home, StandardPage, title="Mēnessgaismas lapa otrā")
    refresh(cluster)
    assert document_exists(cluster, unpublished) and document_exists(cluster, deleted)
    assert len(result_titles(client, "menessgaismas")) == 2

    unpublished.unpublish()
    Page.objects.get(pk=deleted.pk).delete()
    refresh(cluster)
    assert not document_exists(cluster, unpublished)
    assert not document_exists(cluster, deleted)
    assert raw_cluster_keys("lv", "menessgaismas") == set()
    assert result_titles(client, "menessgaismas") == []

    # Published again, it is back.
    unpublished.save_revision().publish()
    refresh(cluster)
    assert result_titles(client, "menessgaismas") == ["Mēnessgaismas lapa vienā"]


def test_update_index_rebuilds_the_cluster_index(cluster):
    page = Page.objects.filter(locale__language_code="lv", live=True, depth__gt=2).first()
    index = backend_named("opensearch_lv").get_index_for_model(Page).name
    # The cluster loses everything (a new, empty cluster behind the same address).
    node.ask(f"{cluster['url']}/{cluster['prefix']}lv_*", method="DELETE")
    query = fold(page.title)
    _first, _everything, backend = search("lv", query)
    assert backend == "default"  # the cluster has no index: the database answers

    engine.outage.down_until.clear()
    call_command("update_index", backend_name="opensearch_lv", stdout=io.StringIO())
    refresh(cluster)
    assert node.ask(f"{cluster['url']}/{index}/_count")["count"] > 50
    _first, everything, backend = search("lv", query)
    assert backend == "opensearch_lv"
    assert key_of(page.specific) in everything
