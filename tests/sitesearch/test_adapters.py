"""Canaries for the packages whose private surface the search uses (sitesearch.adapters): each
adapter's check() passes with the installed versions, and fails naming the package, what
changed and the adapter to update when one of its assumptions is broken."""

import re

import LatvianStemmer
import pytest
from django.db import connection
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchQueryCompiler,
)

from sitesearch.adapters import AdapterAssumptionError, latvian_stemmer
from sitesearch.adapters import modelsearch as modelsearch_adapter
from sitesearch.analysis import analyse


def fails_with(message):
    return pytest.raises(AdapterAssumptionError, match=re.escape(message))


@pytest.mark.django_db
def test_modelsearch_is_what_the_adapter_assumes():
    modelsearch_adapter.check(connection)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table is SQLite's")
def test_the_fts5_table_has_the_columns_bm25_weighs():
    assert modelsearch_adapter.fts_columns(connection) == ("autocomplete", "body", "title")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table is SQLite's")
def test_the_modelsearch_canary_fails_on_another_fts5_column_order(monkeypatch):
    monkeypatch.setattr(modelsearch_adapter, "FTS_COLUMNS", ("autocomplete", "title", "body"))
    with fails_with(
        f"modelsearch {modelsearch_adapter.VERSION} changed the FTS5 column order: expected "
        "(autocomplete, title, body), found (autocomplete, body, title); "
        "update sitesearch/adapters/modelsearch.py"
    ):
        modelsearch_adapter.check(connection)


def test_the_modelsearch_canary_fails_when_a_method_goes_or_changes(monkeypatch):
    monkeypatch.delattr(PostgresSearchQueryCompiler, "build_tsquery")
    with fails_with("removed PostgresSearchQueryCompiler.build_tsquery(); update sitesearch/"):
        modelsearch_adapter.check_api(connection)
    monkeypatch.undo()

    monkeypatch.setattr(PostgresIndex, "add_items", lambda self, model, objs, batch: None)
    with fails_with(
        "changed PostgresIndex.add_items(): expected (self, model, objs), "
        "found (self, model, objs, batch)"
    ):
        modelsearch_adapter.check_api(connection)


def test_latvian_stemmer_is_what_the_adapter_assumes():
    latvian_stemmer.check()
    assert analyse("sociālajiem darbiniekiem iestāžu") == "social darbiniek iestad"


def test_the_latvian_stemmer_canary_fails_when_its_table_or_helpers_change(monkeypatch):
    version = latvian_stemmer.VERSION
    monkeypatch.delattr(LatvianStemmer, "un_palatalize")
    with fails_with(
        f"LatvianStemmer {version} no longer has un_palatalize(); "
        "update sitesearch/adapters/latvian_stemmer.py"
    ):
        latvian_stemmer.check()
    monkeypatch.undo()

    class Rule:
        def __init__(self, suffix, vowels):
            self.suffix, self.vc = suffix, vowels

    monkeypatch.setattr(LatvianStemmer, "affixes", [Rule("iem", 2)])
    with fails_with(f"LatvianStemmer {version} changed the fields of its suffix rules"):
        latvian_stemmer.check()
    monkeypatch.undo()

    stem = LatvianStemmer.stem
    monkeypatch.setattr(LatvianStemmer, "stem", lambda s: stem(s).rstrip("k"))
    with fails_with(f"LatvianStemmer {version} changed stem() so that stem_with()"):
        latvian_stemmer.check()
