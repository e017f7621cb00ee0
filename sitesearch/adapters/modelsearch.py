"""modelsearch's private surface, as the site's database backend uses it (sitesearch.backends
.database). Nothing else in the site imports these names from modelsearch.

What is assumed, and stated by check():
- the index tables: the ``IndexEntry`` model (content type, object id, PostgreSQL's ``body``
  vector) and SQLite's ``SQLiteFTSIndexEntry`` FTS5 table, whose columns are, in order,
  FTS_COLUMNS: bm25() takes one weight per column in that order (bm25_sql());
- the backends' index classes, subclassed to keep SearchEntry rows in step (add_items,
  delete_item, delete_stale_entries) and named by the backend's ``index_class``;
- PostgreSQL's query compiler: ``build_tsquery(query, config=...)`` and its ``sql_weights``
  (tsquery());
- how the database module chooses SQLite's FTS5 (sqlite_fts_usable()) and a model's root
  (model_root()).
"""

import inspect

import modelsearch
from modelsearch.backends.base import get_model_root
from modelsearch.backends.database.fallback import DatabaseSearchBackend
from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists
from modelsearch.conf import get_app_config

from sitesearch.adapters import require

PACKAGE = "modelsearch"
VERSION = modelsearch.__version__
MODULE = "sitesearch/adapters/modelsearch.py"

# The FTS5 table's columns, in the order modelsearch creates them (its migration 0002), and
# the bm25() weight of each: the autocomplete copy is ignored, a title match counts three times.
FTS_COLUMNS = ("autocomplete", "body", "title")
FTS_WEIGHTS = {"autocomplete": 0.0, "body": 1.0, "title": 3.0}

# Databases without full-text search: substring matching.
FallbackSearchBackend = DatabaseSearchBackend


def model_root(model):
    """The concrete root model index entries are keyed by (every page type → Page)."""
    return get_model_root(model)


def index_entry_model():
    return get_app_config().get_model("IndexEntry")


def fts_entry_model():
    return get_app_config().get_model("SQLiteFTSIndexEntry")


def bm25_sql(table):
    """bm25() over the FTS5 table with FTS_WEIGHTS, one per column in the table's order."""
    weights = ", ".join(str(FTS_WEIGHTS[column]) for column in FTS_COLUMNS)
    return f"bm25({table}, {weights})"


def sqlite_base_classes():
    """(index class, backend class) of modelsearch's SQLite FTS5 backend."""
    from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex, SQLiteSearchBackend

    return SQLiteIndex, SQLiteSearchBackend


def postgres_base_classes():
    """(index class, backend class) of modelsearch's PostgreSQL backend."""
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
    )

    return PostgresIndex, PostgresSearchBackend


def sqlite_fts_usable():
    """Whether modelsearch's SQLite module would search through FTS5 here."""
    return fts5_available() and fts_table_exists()


def tsquery(backend, model, query):
    """(tsquery expression, weights for SearchRank) of a modelsearch query, as the PostgreSQL
    backend builds them for `model`'s search fields."""
    compiler = backend.query_compiler_class(model._default_manager.all(), query)
    return compiler.build_tsquery(query, config=backend.config), compiler.sql_weights


def fts_columns(connection):
    """The column names of the FTS5 table, in order, as the SQLite database has them."""
    table = fts_entry_model()._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'PRAGMA table_info("{table}")')
        return tuple(row[1] for row in cursor.fetchall())


def _require(condition, what):
    require(condition, PACKAGE, VERSION, what, MODULE)


def _parameters(function):
    return list(inspect.signature(function).parameters)


def check_api(connection):
    """The classes, methods and signatures used here exist as assumed. modelsearch's SQLite
    module reads its FTS5 model on import, which only exists on SQLite: its classes are
    checked there."""
    from modelsearch.query import PlainText
    from wagtail.models import Page

    try:
        index_entry_model()
    except LookupError:
        _require(False, "no longer has the model IndexEntry")
    fields = {field.name for field in index_entry_model()._meta.get_fields()}
    missing = {"content_type", "object_id", "body"} - fields
    _require(not missing, f"removed IndexEntry fields {sorted(missing)}")
    _require(model_root(Page) is Page, "changed get_model_root(model)")

    base_classes = [postgres_base_classes()]
    if connection.vendor == "sqlite":
        base_classes.append(sqlite_base_classes())
    for index_class, backend_class in base_classes:
        name = index_class.__name__
        expected = {
            "add_items": ["self", "model", "objs"],
            "delete_item": ["self", "item"],
            "delete_stale_entries": ["self"],
        }
        for method, parameters in expected.items():
            function = getattr(index_class, method, None)
            _require(function is not None, f"removed {name}.{method}()")
            found = _parameters(function)
            _require(
                found == parameters,
                f"changed {name}.{method}(): expected ({', '.join(parameters)}), "
                f"found ({', '.join(found)})",
            )
        _require(
            getattr(backend_class, "index_class", None) is index_class,
            f"changed {backend_class.__name__}.index_class",
        )

    _index, postgres_backend = postgres_base_classes()
    compiler_class = postgres_backend.query_compiler_class
    build = getattr(compiler_class, "build_tsquery", None)
    _require(build is not None, f"removed {compiler_class.__name__}.build_tsquery()")
    _require(
        _parameters(build)[:3] == ["self", "query", "config"],
        f"changed {compiler_class.__name__}.build_tsquery(): expected (self, query, config), "
        f"found ({', '.join(_parameters(build))})",
    )
    backend = postgres_backend({"SEARCH_CONFIG": "simple"})
    _require(
        getattr(backend, "config", None) == "simple",
        "no longer keeps SEARCH_CONFIG as PostgresSearchBackend.config",
    )
    compiler = compiler_class(Page.objects.all(), PlainText("x"))
    _require(
        hasattr(compiler, "sql_weights"),
        f"no longer sets {compiler_class.__name__}.sql_weights",
    )


def check_fts_columns(connection):
    """The FTS5 table's columns are in the order bm25_sql()'s weights assume (SQLite only)."""
    try:
        fts_entry_model()
    except LookupError:
        _require(False, "no longer has the model SQLiteFTSIndexEntry")
    found = fts_columns(connection)
    table = fts_entry_model()._meta.db_table
    _require(found, f"has no FTS5 table {table} in this database (is it migrated?)")
    _require(
        found == FTS_COLUMNS,
        f"changed the FTS5 column order: expected ({', '.join(FTS_COLUMNS)}), "
        f"found ({', '.join(found)})",
    )


def check(connection):
    """Every assumption above; the table's columns too on an SQLite database with FTS5."""
    check_api(connection)
    if connection.vendor == "sqlite" and fts5_available():
        check_fts_columns(connection)
