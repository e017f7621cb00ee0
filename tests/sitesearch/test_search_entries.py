"""The search's facts table (SearchEntry): kept in step with publishing, and rebuilt by
update_index."""

import pytest

from sitesearch.models import SearchEntry

pytestmark = pytest.mark.django_db


def test_entries_follow_publish_unpublish_and_delete(pages):
    seniors = pages["seniors"]
    entry = SearchEntry.objects.get(object_id=seniors.pk)
    assert entry.live and entry.locale_id == seniors.locale_id
    seniors.unpublish()
    assert not SearchEntry.objects.get(object_id=seniors.pk).live
    seniors.delete()
    assert not SearchEntry.objects.filter(object_id=seniors.pk).exists()


def test_update_index_rebuilds_the_entries(pages):
    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    call_command("update_index", backend_name="default", verbosity=0)
    ids = set(SearchEntry.objects.values_list("object_id", flat=True))
    assert {pages["seniors"].pk, pages["worker_en"].pk} <= ids
