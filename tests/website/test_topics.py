"""Topics: a managed vocabulary in two languages that editors pick from and moderators extend.

Through the admin as members of the groups, the public lists and search, and the migration
that turned the free-typed tags into topics.
"""

import pytest
from wagtail.models import Locale, Page

from methodologies.models import MethodologyIndexPage, MethodologyPage
from tests.utils import add_page, soup, standard_page_form, topic, translate, translate_topic
from website.models import PageTopic, StandardPage, Topic

pytestmark = pytest.mark.django_db


def page_form(title, slug, topics=(), action=None):
    data = standard_page_form(title, slug, action)
    data["topics"] = [str(value) for value in topics]
    return data


def add_url(parent):
    return f"/admin/pages/add/website/standardpage/{parent.pk}/"


# Choosing topics ----------------------------------------------------------------------------


def test_an_editor_picks_published_topics_of_the_pages_language(client, editor, site_tree):
    lv = site_tree["lv"].locale
    violence = topic("Vardarbība", lv)
    ethics = topic("Ētika", lv)
    translate_topic(ethics, "Ethics")
    draft = Topic.objects.create(locale=lv, name="Melnraksts", live=False)
    client.force_login(editor)

    form = soup(client.get(add_url(site_tree["lv"])))
    offered = [
        box.find_parent("label").get_text(strip=True)
        for box in form.select("input[name=topics][type=checkbox]")
    ]
    # Published Latvian topics only, in Latvian order ("Ētika" among the E's).
    assert offered == ["Ētika", "Vardarbība"]
    assert draft.name not in offered

    data = page_form("Atbalsts", "atbalsts", [violence.pk])
    response = client.post(add_url(site_tree["lv"]), data)
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="atbalsts")
    revision = page.get_latest_revision_as_object()
    assert [item.topic for item in revision.topic_items.all()] == [violence]


@pytest.mark.parametrize(
    "value",
    ["Jauna tēma", "0", "-1", "<script>"],
    ids=["a typed name", "zero", "negative", "markup"],
)
def test_nothing_but_an_offered_topic_can_be_chosen(client, editor, site_tree, value):
    client.force_login(editor)
    before = Topic.objects.count()
    response = client.post(add_url(site_tree["lv"]), page_form("Atbalsts", "atbalsts", [value]))
    assert response.status_code == 200  # the form again, with an error
    assert not StandardPage.objects.filter(slug="atbalsts").exists()
    assert Topic.objects.count() == before


def test_a_draft_or_another_languages_topic_cannot_be_chosen(client, editor, site_tree):
    lv, en = site_tree["lv"].locale, site_tree["en"].locale
    draft = Topic.objects.create(locale=lv, name="Melnraksts", live=False)
    english = Topic.objects.create(locale=en, name="Ethics")
    client.force_login(editor)
    for chosen in (draft, english):
        response = client.post(
            add_url(site_tree["lv"]), page_form("Atbalsts", "atbalsts", [chosen.pk])
        )
        assert response.status_code == 200, chosen
        assert not StandardPage.objects.filter(slug="atbalsts").exists()


def test_editors_cannot_add_topics_and_moderators_can(client, editor, moderator, site_tree):
    client.force_login(editor)
    assert client.get("/admin/snippets/website/topic/add/").status_code in (302, 403)
    client.post("/admin/snippets/website/topic/add/", {"name": "Jauna tēma", "action-publish": "1"})
    assert not Topic.objects.filter(name="Jauna tēma").exists()

    client.force_login(moderator)
    response = client.post(
        "/admin/snippets/website/topic/add/?locale=lv",
        {"name": "Jauna  tēma ", "action-publish": "action-publish"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Topic.objects.get(name="Jauna tēma")
    assert created.live and created.slug == "jauna-tēma"
    assert created.locale.language_code == "lv"


def test_a_variant_of_an_existing_topic_is_refused(client, moderator, site_tree):
    topic("Vardarbība", site_tree["lv"].locale)
    client.force_login(moderator)
    response = client.post(
        "/admin/snippets/website/topic/add/?locale=lv",
        {"name": "vardarbiba", "action-publish": "action-publish"},
    )
    assert response.status_code == 200
    assert "jau ir" in response.text or "already exists" in response.text
    assert Topic.objects.filter(locale=site_tree["lv"].locale).count() == 1


def test_a_published_topic_keeps_its_address_when_renamed(client, moderator, site_tree):
    index = add_page(site_tree["lv"], MethodologyIndexPage, title="Metodikas", slug="metodikas")
    add_page(index, MethodologyPage, title="Seniori", year=2020, topics=["Aprūpe"])
    care = Topic.objects.get(name="Aprūpe")
    client.force_login(moderator)
    response = client.post(
        f"/admin/snippets/website/topic/edit/{care.pk}/",
        {"name": "Aprūpe mājās", "action-publish": "action-publish"},
    )
    assert response.status_code == 302
    care.refresh_from_db()
    assert (care.name, care.slug) == ("Aprūpe mājās", "aprūpe")
    page = soup(client.__class__().get("/lv/metodikas/?topic=aprūpe"))
    assert [a.get_text() for a in page.select(".listing-row__title a")] == ["Seniori"]
    # The chosen option, with how many methodologies it gives (issue 21: counted filters).
    assert page.select_one("#filter-topic option[selected]").get_text() == "Aprūpe mājās (1)"


# Two languages -------------------------------------------------------------------------------


def test_readers_of_each_language_see_the_topic_in_their_language(client, site_tree):
    lv_index = add_page(site_tree["lv"], MethodologyIndexPage, title="Metodikas", slug="metodikas")
    translate(lv_index, slug="methodologies", title="Methodologies")
    page = add_page(lv_index, MethodologyPage, title="Seniori", year=2020, topics=["Aprūpe"])
    care = Topic.objects.get(name="Aprūpe")
    english_topic = care.copy_for_translation(Locale.objects.get(language_code="en"))
    english_topic.live = False  # a translation not published yet: a Latvian name under /en/
    english_topic.save()
    english = translate(page, slug="seniors", title="Seniors")
    # The English page links to the Latvian topic (copied with the page).
    assert [item.topic for item in english.topic_items.all()] == [care]

    def shown(url):
        html = soup(client.get(url))
        return [a.get_text() for a in html.select(".tag-list a")]

    assert shown("/lv/metodikas/seniori/") == ["Aprūpe"]
    # Until the translation is published, nothing: never the Latvian name.
    assert shown("/en/methodologies/seniors/") == []
    assert "Aprūpe" not in client.get("/en/methodologies/").text

    english_topic.name = "Care"
    english_topic.save()
    english_topic.save_revision().publish()
    english_topic.refresh_from_db()
    assert english_topic.slug == "care"  # its own address, from its own name
    assert shown("/en/methodologies/seniors/") == ["Care"]
    listing = soup(client.get("/en/methodologies/?topic=care"))
    assert [a.get_text() for a in listing.select(".listing-row__title a")] == ["Seniors"]


def test_a_moderator_translates_a_topic_which_stays_a_draft_until_published(
    client, moderator, editor, site_tree, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import StringSegment, Translation, TranslationSource

    care = topic("Aprūpe", site_tree["lv"].locale)
    en = Locale.objects.get(language_code="en")
    url = f"/admin/localize/submit/snippet/website/topic/{care.pk}/"
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)  # the vocabulary is the moderators'

    client.force_login(moderator)
    assert client.post(url, {"locales": [en.pk]}).status_code == 302
    english = Topic.objects.get(locale=en, translation_key=care.translation_key)
    assert not english.live
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(care), target_locale=en
    )
    segment = StringSegment.objects.get(source=translation.source)
    client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        "value=Care",
        content_type="application/x-www-form-urlencoded",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/snippets/website/topic/edit/{english.pk}/", {"action": "publish"})
    english.refresh_from_db()
    assert english.live and english.name == "Care" and english.slug == "care"


# Old addresses ---------------------------------------------------------------------------------


def test_a_merged_variants_address_leads_to_the_topic(client, site_tree):
    from events.models import EventIndexPage

    lv = site_tree["lv"].locale
    events = add_page(site_tree["lv"], EventIndexPage, title="Pasākumi", slug="pasakumi")
    merged = topic("Starpinstitucionālā sadarbība", lv)
    merged.former_slugs = ["starpinstitūciju-sadarbība"]
    merged.save()
    response = client.get("/lv/pasakumi/?topic=starpinstit%C5%ABciju-sadarb%C4%ABba&year=2020")
    assert response.status_code == 301
    assert response["Location"] == (
        "/lv/pasakumi/?topic=starpinstitucion%C4%81l%C4%81-sadarb%C4%ABba&year=2020"
    )
    assert events.url == "/lv/pasakumi/"
    # The admin and unknown addresses are left alone.
    assert client.get("/lv/pasakumi/?topic=nav-tadas").status_code == 200
    assert client.get("/lv/meklet/?topic=starpinstit%C5%ABciju-sadarb%C4%ABba").status_code == 301


def test_search_facets_name_topics_in_the_readers_language(client, site_tree):
    page = add_page(site_tree["lv"], StandardPage, title="Atbalsts ģimenēm", topics=["Ģimenes"])
    families = Topic.objects.get(name="Ģimenes")
    translate_topic(families, "Families")
    translate(page, slug="support", title="Support for families")
    lv = soup(client.get("/lv/meklet/", {"q": "atbalsts"}))
    en = soup(client.get("/en/search/", {"q": "support"}))

    def facet(html):
        section = html.select_one("#facet-topic")
        return section.find_parent("section").get_text(" ", strip=True) if section else ""

    assert "Ģimenes" in facet(lv) and "Families" not in facet(lv)
    assert "Families" in facet(en) and "Ģimenes" not in facet(en)
    assert PageTopic.objects.filter(page__in=Page.objects.all()).count() == 2
