"""Wagtail's database search backend (SQLite FTS5 or PostgreSQL full text), for the site.

Two additions, both through Wagtail's own extension point (a backend class named in
WAGTAILSEARCH_BACKENDS), so that the search page needs no knowledge of the database:

- ``site_matches()`` (see sitesearch.backends): every match from the index table alone,
  and scores for the best few only. Wagtail's own ``.search()`` joins the index back to the
  searched model and, on SQLite, scores each row in a correlated subquery: measured at 10,000
  pages, ordering 2,356 matches by relevance took 17 s. Reading the index table alone takes
  milliseconds; scoring 8,000 matches with bm25() about 50 ms, hence scores for the best only.
- SearchEntry rows (sitesearch.models) are written whenever an object is indexed and
  removed with it, so facets and the newest-first list never load the pages themselves, and
  ``manage.py update_index`` rebuilds them with the index.
"""

from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchRank
from django.db import connection, transaction
from django.db.models import Expression, F, FloatField, Func, IntegerField, Lookup
from modelsearch.query import PlainText

from sitesearch import catalogue, entries, participants, spelling
from sitesearch.adapters import modelsearch as adapter
from sitesearch.analysis import spelt_endings
from sitesearch.backends import CoordinatedMatchesMixin, GenericMatchesMixin


def keys_of_entries(ids):
    """{entry: key} of the index entries that are participating objects' (sitesearch
    .backends): the whole map is read once per change of content, as one search may key
    thousands of matches and an `IN` of them cost more than the search."""
    keys = spelling.kept("entry-keys", catalogue.current_version(), _read_entry_keys)
    return {entry: keys[entry] for entry in ids if entry in keys}


def _read_entry_keys():
    rows = (
        adapter.index_entry_model()
        .objects.filter(content_type_id__in=participants.content_type_ids())
        .values_list("pk", "content_type_id", "object_id")
    )
    roots = _root_of_content_type()
    return {
        pk: (roots[content_type_id], int(object_id))
        for pk, content_type_id, object_id in rows_of(rows)
        if content_type_id in roots
    }


class AnyOf(Lookup):
    """`column = ANY(array)` (PostgreSQL): a list of ids as one array parameter."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


class IdArray(Expression):
    """Integer ids as one PostgreSQL array literal ('{1,2,3}'::integer[]). A Value with an
    ArrayField prepares each element through the field, and psycopg dumps each again: for the
    5,000 ids one search scores that cost 14 ms, more than half the ranking (bench.search)."""

    output_field = IntegerField()

    def __init__(self, ids):
        super().__init__()
        self.ids = ids

    def as_sql(self, compiler, connection):
        return "%s::integer[]", ["{" + ",".join(str(int(pk)) for pk in self.ids) + "}"]


def rows_of(queryset, index_scan=False):
    """The rows of a values_list() queryset as the database returns them: at 10,000 pages a
    search reads hundreds of thousands of (id,) rows, and Django's per-row conversion of them
    cost more than the query (4.4 s of 16 s over the bench's searches).

    ``index_scan`` (PostgreSQL): read a full-text match through its GIN index even when most
    rows match. The planner then prefers to read the whole table, not counting that testing
    each row detoasts its search vector: 36 ms for a word nine pages in ten have, against 6 ms
    through the index, at 10,000 pages. The setting holds for this query only.
    """
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if not index_scan:
            cursor.execute(sql, params)
            return cursor.fetchall()
        with transaction.atomic():
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), "
                "set_config('enable_seqscan', 'off', true)"
            )
            before, _off = cursor.fetchone()
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            # Within a test's (or any caller's) transaction the local setting would outlive
            # this block: put it back.
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])
        return rows


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
            adapter.model_root(model)
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
    SQLiteIndex, SQLiteSearchBackend = adapter.sqlite_base_classes()
    fts_model = adapter.fts_entry_model()
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
        # The title counts more than the body (adapter.FTS_WEIGHTS). bm25() is negative,
        # better matches lower.
        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra):
            return adapter.bm25_sql(table), []

    def fts_expression(query, operator):
        """Analysed terms (letters and digits only) as an FTS5 expression.

        The body holds every analysed field; the title column holds the title as written,
        which the analysed terms match as prefixes ("kopien" → "Kopienas"), for the boost;
        not those under four letters, which would match other words ("kur" → "kurš"). A stem
        whose final consonant the analysis normalised is matched as each way it is written
        ("iestad": "iestad"* or "iestaz"*, for "Iestāde" and "iestāžu").
        """
        terms = query.split()
        joiner = " AND " if operator == "and" else " OR "
        body = joiner.join(f'"{term}"' for term in terms)
        title = joiner.join(title_prefix(term) for term in terms)
        return f"{{body}} : ({body}) OR {{title}} : ({title})"

    def title_prefix(term):
        if len(term) < 4:
            return f'"{term}"'
        forms = spelt_endings(term)
        if len(forms) == 1:
            return f'"{term}"*'
        return "(" + " OR ".join(f'"{form}"*' for form in forms) + ")"

    class SiteSQLiteIndex(EntriesIndexMixin, SQLiteIndex):
        pass

    class SiteSQLiteSearchBackend(CoordinatedMatchesMixin, SQLiteSearchBackend):
        index_class = SiteSQLiteIndex

        def entries_with(self, term):
            matching = fts_model.objects.filter(Matches(fts_expression(term, "and")))
            return [pk for (pk,) in rows_of(matching.values_list("pk"))]

        def entry_scores(self, terms, entries):
            # Every match scored in one pass, then those asked for kept: FTS5 runs the whole
            # MATCH again for each value of a `rowid IN (…)`, which took 1.5 s per 900 entries
            # at 10,000 pages, against 12 ms for scoring all 9,000 matches at once.
            wanted = set(entries)
            rows = (
                fts_model.objects.filter(Matches(fts_expression(" ".join(terms), "or")))
                .annotate(score=WeightedBM25())
                .values_list("pk", "score")
            )
            return {pk: -score for pk, score in rows_of(rows) if pk in wanted}

        def keys_of(self, entries):
            return keys_of_entries(entries)

        def vocabulary(self):
            """{term: entries with it} of the analysed text (sitesearch.spelling)."""
            with connection.cursor() as cursor:
                # FTS5's own view of its terms, for this connection only.
                cursor.execute(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.site_search_terms "
                    f"USING fts5vocab(main, {table}, 'col')"
                )
                cursor.execute("SELECT term, doc FROM temp.site_search_terms WHERE col = 'body'")
                return dict(cursor.fetchall())

    return SiteSQLiteSearchBackend


@cache
def postgres_backend_class():
    PostgresIndex, PostgresSearchBackend = adapter.postgres_base_classes()
    entry_model = adapter.index_entry_model()

    class SitePostgresIndex(EntriesIndexMixin, PostgresIndex):
        pass

    class SitePostgresSearchBackend(CoordinatedMatchesMixin, PostgresSearchBackend):
        index_class = SitePostgresIndex

        def tsquery(self, terms, operator):
            search_query = PlainText(" ".join(terms), operator=operator)
            return adapter.tsquery(self, participants.models()[0], search_query)

        def entries(self):
            return entry_model.objects.filter(content_type_id__in=participants.content_type_ids())

        def entries_with(self, term):
            # The body vector holds every analysed field (the analysed title with a higher
            # weight), so it alone answers an analysed term, through its GIN index.
            tsquery, _weights = self.tsquery([term], "and")
            matching = self.entries().filter(body=tsquery).values_list("pk")
            return [pk for (pk,) in rows_of(matching, index_scan=True)]

        def entry_scores(self, terms, entries):
            tsquery, weights = self.tsquery(terms, "or")
            # Normalised by the document's length (1: divided by 1 + its logarithm), so that
            # long pages that mention a word often do not bury a short page about it.
            rank = SearchRank(F("body"), tsquery, weights=weights, normalization=1)
            # The ids as one array: `pk__in` writes thousands of parameters, and Django and
            # psycopg preparing them cost more than the ranking (bench.search).
            rows = (
                entry_model.objects.filter(AnyOf(F("pk"), IdArray(entries)))
                .annotate(score=rank)
                .values_list("pk", "score")
            )
            return {pk: float(score) for pk, score in rows_of(rows)}

        def keys_of(self, entries):
            return keys_of_entries(entries)

        def vocabulary(self):
            """{term: entries with it} of the analysed text (sitesearch.spelling)."""
            # ts_stat takes the text of a query: the ids are integers, written in.
            ids = ",".join(str(int(pk)) for pk in participants.content_type_ids())
            inner = (
                f"SELECT body FROM {entry_model._meta.db_table} WHERE content_type_id IN ({ids})"
            )
            with connection.cursor() as cursor:
                cursor.execute("SELECT word, ndoc FROM ts_stat(%s)", [inner])
                return dict(cursor.fetchall())

    return SitePostgresSearchBackend


class SiteFallbackSearchBackend(GenericMatchesMixin, adapter.FallbackSearchBackend):
    """Databases without full-text search: substring matching, slow but correct."""


def SearchBackend(params):  # noqa: N802 - Wagtail imports a backend module's "SearchBackend"
    """The backend for the default database, chosen the way Wagtail's own module chooses."""
    if connection.vendor == "postgresql":
        return postgres_backend_class()(params)
    if connection.vendor == "sqlite" and adapter.sqlite_fts_usable():
        return sqlite_backend_class()(params)
    return SiteFallbackSearchBackend(params)
