"""Wagtail's database search backend (SQLite FTS5 or PostgreSQL full text), for the site.

Two additions, both through Wagtail's own extension point (a backend class named in
WAGTAILSEARCH_BACKENDS), so that the search page needs no knowledge of the database:

- ``site_matches()`` (see website.search.backends): every match from the index table alone,
  and scores for the best few only. Wagtail's own ``.search()`` joins the index back to the
  searched model and, on SQLite, scores each row in a correlated subquery: measured at 10,000
  pages, ordering 2,356 matches by relevance took 17 s. Reading the index table alone takes
  milliseconds; scoring 8,000 matches with bm25() about 50 ms, hence scores for the best only.
- SearchEntry rows (website.search.models) are written whenever an object is indexed and
  removed with it, so facets and the newest-first list never load the pages themselves, and
  ``manage.py update_index`` rebuilds them with the index.
"""

from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import F, FloatField, Func, Lookup
from modelsearch.backends.base import get_model_root
from modelsearch.backends.database.fallback import DatabaseSearchBackend
from modelsearch.conf import get_app_config
from modelsearch.query import PlainText

from website.search import catalogue, entries, participants
from website.search.backends import GenericMatchesMixin


class EntriesIndexMixin:
    """An index that also keeps the objects' SearchEntry rows."""

    def add_items(self, model, objs):
        with participants.indexing_batch():
            super().add_items(model, objs)
        entries.store(model, objs)

    def delete_item(self, item):
        super().delete_item(item)
        entries.remove(item)

    def delete_stale_entries(self):
        super().delete_stale_entries()
        entries.remove_stale()


def _root_of_content_type():
    """Specific content type id → id of its root (every page type → Page)."""
    return {
        ContentType.objects.get_for_model(model).pk: ContentType.objects.get_for_model(
            get_model_root(model)
        ).pk
        for model in participants.models()
    }


def _as_keys(rows):
    """(content type id, object id as stored in the index) rows → site search keys."""
    roots = _root_of_content_type()
    return [
        (roots[content_type_id], int(object_id))
        for content_type_id, object_id in rows
        if content_type_id in roots
    ]


@cache
def sqlite_backend_class():
    from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex, SQLiteSearchBackend

    fts_model = get_app_config().get_model("SQLiteFTSIndexEntry")
    entry_model = get_app_config().get_model("IndexEntry")
    table = fts_model._meta.db_table

    class Matches(Lookup):
        """``<fts table> MATCH '<expression>'``; the expression is a parameter, never SQL."""

        lookup_name = "site_matches"

        def __init__(self, expression):
            self.expression = expression
            super().__init__(None, None)

        def as_sql(self, compiler, connection):
            return f"{table} MATCH %s", [self.expression]

    class WeightedBM25(Func):
        # FTS5 columns are (autocomplete, body, title): ignore the autocomplete copy and count
        # a title match three times. bm25() is negative, better matches lower.
        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra):
            return f"bm25({table}, 0.0, 1.0, 3.0)", []

    def fts_expression(query, operator):
        """Analysed terms (letters and digits only) as an FTS5 expression.

        The body holds every analysed field; the title column holds the title as written,
        which the analysed terms match as prefixes ("kopien" → "Kopienas"), for the boost.
        """
        terms = query.split()
        joiner = " AND " if operator == "and" else " OR "
        body = joiner.join(f'"{term}"' for term in terms)
        title = joiner.join(f'"{term}"*' for term in terms)
        return f"{{body}} : ({body}) OR {{title}} : ({title})"

    entry_keys = {}  # catalogue version → {index entry id: key}

    def keys_of_entries():
        """Index entry ids of participating objects → keys, read once per change of content."""
        version = catalogue.current_version()
        if version not in entry_keys:
            rows = entry_model.objects.filter(
                content_type_id__in=participants.content_type_ids()
            ).values_list("pk", "content_type_id", "object_id")
            roots = _root_of_content_type()
            entry_keys.clear()
            entry_keys[version] = {
                pk: (roots[content_type_id], int(object_id))
                for pk, content_type_id, object_id in rows
            }
        return entry_keys[version]

    class SiteSQLiteIndex(EntriesIndexMixin, SQLiteIndex):
        pass

    class SiteSQLiteSearchBackend(SQLiteSearchBackend):
        index_class = SiteSQLiteIndex

        def site_matches(self, query, operator, ranked_limit):
            if not query.split() or not participants.models():
                return [], []
            matching = fts_model.objects.filter(Matches(fts_expression(query, operator)))
            keys = keys_of_entries()
            # Every match, unscored (milliseconds), for counts and facets; scores only for
            # the best, because bm25() of thousands of matches is what costs.
            everything = [keys[pk] for pk in matching.values_list("pk", flat=True) if pk in keys]
            best = (
                matching.annotate(score=WeightedBM25())
                .order_by("score")
                .values_list("pk", "score")[:ranked_limit]
            )
            # Objects that are not part of site search (images, documents) are indexed too.
            ranked = [(keys[pk], -score) for pk, score in best if pk in keys]
            return ranked, everything

    return SiteSQLiteSearchBackend


@cache
def postgres_backend_class():
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
    )

    entry_model = get_app_config().get_model("IndexEntry")

    class SitePostgresIndex(EntriesIndexMixin, PostgresIndex):
        pass

    class SitePostgresSearchBackend(PostgresSearchBackend):
        index_class = SitePostgresIndex

        def site_matches(self, query, operator, ranked_limit):
            models = participants.models()
            if not query.split() or not models:
                return [], []
            search_query = PlainText(query, operator=operator)
            compiler = self.query_compiler_class(models[0]._default_manager.all(), search_query)
            tsquery = compiler.build_tsquery(search_query, config=self.config)
            # The body vector holds every analysed field (the analysed title with a higher
            # weight), so it alone answers an analysed query, through its GIN index.
            matching = entry_model.objects.filter(
                content_type_id__in=participants.content_type_ids(), body=tsquery
            )
            everything = _as_keys(matching.values_list("content_type_id", "object_id"))
            best = (
                matching.annotate(
                    score=SearchRank(F("body"), tsquery, weights=compiler.sql_weights)
                )
                .order_by("-score", "-id")
                .values_list("content_type_id", "object_id", "score")[:ranked_limit]
            )
            roots = _root_of_content_type()
            ranked = [
                ((roots[content_type_id], int(object_id)), float(score))
                for content_type_id, object_id, score in best
                if content_type_id in roots
            ]
            return ranked, everything

    return SitePostgresSearchBackend


class SiteFallbackSearchBackend(GenericMatchesMixin, DatabaseSearchBackend):
    """Databases without full-text search: substring matching, slow but correct."""


def SearchBackend(params):  # noqa: N802 - Wagtail imports a backend module's "SearchBackend"
    """The backend for the default database, chosen the way Wagtail's own module chooses."""
    from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

    if connection.vendor == "postgresql":
        return postgres_backend_class()(params)
    if connection.vendor == "sqlite" and fts5_available() and fts_table_exists():
        return sqlite_backend_class()(params)
    return SiteFallbackSearchBackend(params)
