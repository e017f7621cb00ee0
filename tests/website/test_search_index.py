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
    page.topics.clear()
    page.save_revision().publish()
    response = client.get("/lv/meklet/", {"q": "begli"})
    assert "Atbalsts" not in response.text
