import pytest

from tests.utils import add_page
from website.models import StandardPage

pytestmark = pytest.mark.django_db


def test_topics_given_in_the_publishing_save_are_searchable_at_once(client, site_tree):
    # Topics are child rows written after the page row; the index must still see them.
    add_page(
        site_tree["lv"],
        StandardPage,
        title="Atbalsts",
        slug="atbalsts",
        topics=["Vardarbība ģimenē"],
    )
    response = client.get("/lv/meklet/", {"q": "vardarbibas gimene"})
    assert response.status_code == 200
    assert "Atbalsts" in response.text


def test_a_topic_removed_in_a_later_revision_no_longer_finds_the_page(client, site_tree):
    page = add_page(
        site_tree["lv"], StandardPage, title="Atbalsts", slug="atbalsts", topics=["Bēgļi"]
    )
    page.topic_items = []
    page.save_revision().publish()
    response = client.get("/lv/meklet/", {"q": "begli"})
    assert "Atbalsts" not in response.text


def test_pages_built_in_a_deferred_block_are_indexed_once_at_its_end(
    client, site_tree, monkeypatch
):
    from sitesearch import indexing
    from sitesearch.models import SearchEntry

    indexed = []
    task = indexing.insert_or_update_object_task

    class CountingTask:
        def enqueue(self, *key):
            indexed.append(key)
            return task.enqueue(*key)

    monkeypatch.setattr(indexing, "insert_or_update_object_task", CountingTask())
    with indexing.indexing_deferred():
        page = add_page(site_tree["lv"], StandardPage, title="Kopienas darbs", slug="kopiena")
        page.listing_summary = "Darbs ar kopienām laukos."
        page.save_revision().publish()
        assert indexed == []
        assert not SearchEntry.objects.filter(object_id=page.pk).exists()
    assert indexed == [("website", "standardpage", str(page.pk))]
    assert "Kopienas darbs" in client.get("/lv/meklet/", {"q": "kopienam laukos"}).text


def test_a_renamed_topic_finds_its_pages_by_the_new_name_once_committed(
    client, site_tree, django_capture_on_commit_callbacks
):
    add_page(site_tree["lv"], StandardPage, title="Atbalsts", slug="atbalsts", topics=["Bēgļi"])
    from website.models import Topic

    refugees = Topic.objects.get(name="Bēgļi")
    refugees.name = "Patvēruma meklētāji"
    with django_capture_on_commit_callbacks(execute=True):
        refugees.save()
    assert "Atbalsts" in client.get("/lv/meklet/", {"q": "patveruma mekletaji"}).text


def test_indexing_reads_a_pages_text_once_and_an_edit_is_indexed_anew(
    client, site_tree, monkeypatch
):
    from modelsearch.backends import get_search_backend

    page = add_page(site_tree["lv"], StandardPage, title="Atbalsts", slug="atbalsts")
    reads = []
    parts = StandardPage.get_search_text_parts

    def counted(self):
        reads.append(self.pk)
        return parts(self)

    monkeypatch.setattr(StandardPage, "get_search_text_parts", counted)
    get_search_backend("default").add_bulk(StandardPage, [page])
    # The database backend asks for every field three times (title, body, autocomplete).
    assert reads == [page.pk]

    # The same object, edited and indexed again: its new words are found, not the old ones.
    page.listing_summary = "Krīzes intervence naktī."
    get_search_backend("default").add_bulk(StandardPage, [page])
    assert "Atbalsts" in client.get("/lv/meklet/", {"q": "krizes intervence"}).text
