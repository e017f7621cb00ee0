"""SearchEntry moved from the website app to sitesearch with its rows (website migration 0014,
sitesearch 0001–0002): a database with entries is taken back to before the move, where the rows
are in website's table, and forward again, where they are in sitesearch's and still searched."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from sitesearch.models import SearchEntry
from tests.sitesearch.helpers import LV, titles
from tests.utils import leaf_nodes, migrate

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("website", "0013_privacy_page")]


def rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT object_id, live, title_terms FROM {table}")
        return sorted((object_id, bool(live), terms) for object_id, live, terms in cursor)


def searchentry_app_labels():
    return list(ContentType.objects.filter(model="searchentry").values_list("app_label", flat=True))


def test_search_entries_keep_their_rows_back_and_forth_across_the_move(client, pages):
    entries = rows("sitesearch_searchentry")
    assert len(entries) == 6  # the two home pages, three Latvian pages and one translation

    migrate(BEFORE)
    tables = connection.introspection.table_names()
    assert "website_searchentry" in tables and "sitesearch_searchentry" not in tables
    assert rows("website_searchentry") == entries
    assert searchentry_app_labels() == ["website"]

    migrate(leaf_nodes())
    tables = connection.introspection.table_names()
    assert "sitesearch_searchentry" in tables and "website_searchentry" not in tables
    assert rows(SearchEntry._meta.db_table) == entries
    assert searchentry_app_labels() == ["sitesearch"]
    assert "Sociālais darbs ar senioriem" in titles(client.get(LV, {"q": "senioriem"}))
