"""The free-typed topic tags become the managed vocabulary (website migrations 0005–0007).

The database is taken back to before the vocabulary, filled with tags as editors typed them
(case variants, a wording the glossary says otherwise, tags in both languages, a draft that
keeps its tags in a revision), and migrated forward again; then back, and forward once more.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from wagtail.models import Locale, Page

from dictionary.models import Equivalent, Synonym, Term
from tests.utils import add_page, leaf_nodes, migrate, translate
from website.models import PageTopic, StandardPage, Topic

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("website", "0004_translation_permissions")]


def tag_pages(apps, tags_by_page):
    TopicTag = apps.get_model("website", "TopicTag")
    PageTopic = apps.get_model("website", "PageTopic")
    for page, names in tags_by_page.items():
        for name, slug in names:
            tag, _ = TopicTag.objects.get_or_create(name=name, defaults={"slug": slug})
            PageTopic.objects.create(content_object_id=page.pk, tag=tag)  # taggit's name


def test_tags_become_one_vocabulary_and_old_addresses_still_lead_there(site_tree):
    lv = site_tree["lv"]
    term = Term.objects.create(headword="starpinstitucionālā sadarbība", definition="Sadarbība.")
    Equivalent.objects.create(term=term, text="inter-institutional cooperation")
    Synonym.objects.create(term=term, text="iestāžu sadarbība")
    pages = {
        name: add_page(lv, StandardPage, title=title, slug=name)
        for name, title in [("a", "Pirmā"), ("b", "Otrā"), ("c", "Trešā"), ("d", "Ceturtā")]
    }
    english = {
        name: translate(pages[name], slug=f"{name}-en", title=f"Page {name}") for name in "abc"
    }
    # A draft saved with tags in its revision.
    draft = add_page(lv, StandardPage, title="Melnraksts", slug="melnraksts", publish=False)

    apps = migrate(BEFORE)
    tag_pages(
        apps,
        {
            pages["a"]: [("Vardarbība", "vardarbiba"), ("Starpinstitūciju sadarbība", "sis")],
            pages["b"]: [("vardarbība", "vardarbiba-1"), ("Starpinstitūciju sadarbība", "sis")],
            pages["c"]: [("VARDARBĪBA", "vardarbiba-2"), ("iestāžu sadarbība", "iestazu")],
            pages["d"]: [("Bēgļi", "begli")],
            english["a"]: [("Violence", "violence"), ("Inter-institutional cooperation", "iic")],
            english["b"]: [("violence", "violence-1"), ("Inter-institutional cooperation", "iic")],
            english["c"]: [("Violence", "violence")],
        },
    )
    Revision = apps.get_model("wagtailcore", "Revision")
    TopicTag = apps.get_model("website", "TopicTag")
    revision = Revision.objects.filter(object_id=str(draft.pk)).latest("pk")
    revision.content["topic_items"] = [
        {"pk": None, "content_object": draft.pk, "tag": TopicTag.objects.get(slug="begli").pk}
    ]
    revision.save()

    migrate(leaf_nodes())

    lv_locale = Locale.objects.get(language_code="lv")
    latvian = {t.name: t for t in Topic.objects.filter(locale=lv_locale)}
    # Case variants merged; the glossary's wording wins over the variant and the synonym.
    assert sorted(latvian) == ["Bēgļi", "Starpinstitucionālā sadarbība", "Vardarbība"]
    violence = latvian["Vardarbība"]
    cooperation = latvian["Starpinstitucionālā sadarbība"]
    assert violence.slug == "vardarbība"
    assert set(violence.former_slugs) == {"vardarbiba", "vardarbiba-1", "vardarbiba-2"}
    assert cooperation.slug == "starpinstitucionālā-sadarbība"
    assert set(cooperation.former_slugs) == {"sis", "iestazu"}
    assert all(topic.live for topic in latvian.values())

    # Each Latvian topic and its English translation are one topic in two languages.
    en_locale = Locale.objects.get(language_code="en")
    english_topics = {t.name: t for t in Topic.objects.filter(locale=en_locale)}
    assert sorted(english_topics) == ["Inter-institutional cooperation", "Violence"]
    assert english_topics["Violence"].translation_key == violence.translation_key
    assert (
        english_topics["Inter-institutional cooperation"].translation_key
        == cooperation.translation_key
    )

    # Every page keeps its topics, once each; the draft keeps its own in its revision.
    def names(page):
        return sorted(item.topic.name for item in PageTopic.objects.filter(page=page))

    assert names(pages["a"]) == ["Starpinstitucionālā sadarbība", "Vardarbība"]
    assert names(pages["c"]) == ["Starpinstitucionālā sadarbība", "Vardarbība"]
    assert names(english["a"]) == ["Inter-institutional cooperation", "Violence"]
    draft_topics = Page.objects.get(pk=draft.pk).specific.get_latest_revision_as_object().topics
    assert [t.name for t in draft_topics] == ["Bēgļi"]

    # Links made with the old addresses reach the merged topic.
    client = Client()
    response = client.get("/lv/meklet/?q=pirma&topic=vardarbiba-1")
    assert response.status_code == 301
    assert parse_qs(urlsplit(response["Location"]).query) == {
        "q": ["pirma"],
        "topic": ["vardarbība"],
    }

    # Back to tags (one per topic and language), and forward again.
    apps = migrate(BEFORE)
    TopicTag = apps.get_model("website", "TopicTag")
    assert TopicTag.objects.filter(name="Vardarbība").exists()
    assert apps.get_model("website", "PageTopic").objects.filter(tag__isnull=True).count() == 0
    migrate(leaf_nodes())
    assert Topic.objects.filter(locale=lv_locale).count() == 3
