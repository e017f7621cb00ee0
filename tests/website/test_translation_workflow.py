"""Translating as the groups do: editors ("Redaktori") translate, moderators ("Moderatori")
approve and so publish, through the same workflow as Latvian pages. Readers of /en/ see the
translation only then, and never the Latvian text in between.

Everything goes through the admin's own views (wagtail-localize's included), as a logged-in
member of each group; each rule also has a test that tries to get around it.
"""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from methodologies.models import MethodologyIndexPage, MethodologyPage
from tests.utils import add_page, translate
from website.models import NavigationMenu

pytestmark = pytest.mark.django_db

migration = importlib.import_module("website.migrations.0004_translation_permissions")

TITLE = "Darbs ar ģimenēm krīzē"
INTRODUCTION = "Kā atbalstīt ģimeni krīzes brīdī."
ENGLISH = {TITLE: "Working with families in crisis", INTRODUCTION: "Supporting a family."}


@pytest.fixture
def methodology(site_tree):
    index = add_page(site_tree["lv"], MethodologyIndexPage, title="Metodikas", slug="metodikas")
    translate(index, slug="methodologies", title="Methodologies")
    return add_page(
        index,
        MethodologyPage,
        title=TITLE,
        slug="gimenes-krize",
        introduction=INTRODUCTION,
        year=2024,
    )


def submit_url(page):
    return f"/admin/localize/submit/page/{page.pk}/"


def english_of(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def start_translation(client, page):
    en = Locale.objects.get(language_code="en")
    response = client.post(submit_url(page), {"locales": [en.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    return english_of(page)


def translate_strings(client, page, english):
    """What the translation editor sends as each string is typed (wagtail-localize's API)."""
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(page), target_locale=english.locale
    )
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        value = ENGLISH.get(segment.string.data, segment.string.data)
        response = client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            f"value={value}",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content[:500]
    return translation


def approve(client, page):
    page = Page.objects.get(pk=page.pk).specific
    task_state = page.current_workflow_task_state
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )


def assert_only_in_latvian(reader):
    """The site's own notice: the Latvian page's English link says it is not translated."""
    html = BeautifulSoup(reader.get("/lv/metodikas/gimenes-krize/").content, "html.parser")
    english_link = html.select_one('.lang-switch a[hreflang="en"]')
    assert english_link["href"] == "/en/"
    note = html.select_one(f"#{english_link['aria-describedby']}")
    assert note.get_text() == "(lapa nav tulkota: atvērs sākumlapu)"


def english_list_titles(client):
    html = BeautifulSoup(client.get("/en/methodologies/").content, "html.parser")
    return [heading.get_text(strip=True) for heading in html.select("main h2, main h3")]


def test_an_editor_translates_and_a_moderator_publishes(client, editor, moderator, methodology):
    reader = client.__class__()
    client.force_login(editor)

    # "Translate this page" is offered on the page, and its form answers.
    assert submit_url(methodology) in client.get(f"/admin/pages/{methodology.pk}/edit/").text
    assert client.get(submit_url(methodology)).status_code == 200
    english = start_translation(client, methodology)

    # A new translation is not published, whatever the state of its source.
    assert methodology.live and not english.live
    assert reader.get(f"/en/methodologies/{english.slug}/").status_code == 404
    assert TITLE not in reader.get("/en/methodologies/").text
    assert_only_in_latvian(reader)

    # The translation editor, with a way to hand the translation over to the moderators.
    edit = client.get(f"/admin/pages/{english.pk}/edit/")
    assert edit.status_code == 200
    assert "js-translation-editor" in edit.text
    assert 'name="translation-submit-for-moderation"' in edit.text

    # Nothing translated yet: it cannot be submitted (readers would get the Latvian text).
    client.post(f"/admin/pages/{english.pk}/edit/", {"translation-submit-for-moderation": "1"})
    assert not Page.objects.get(pk=english.pk).workflow_in_progress

    translate_strings(client, methodology, english)

    # An editor cannot publish it from the translation editor.
    response = client.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"})
    assert response.status_code in (302, 403)
    assert not Page.objects.get(pk=english.pk).live

    response = client.post(
        f"/admin/pages/{english.pk}/edit/", {"translation-submit-for-moderation": "1"}
    )
    assert response.status_code == 302
    english = Page.objects.get(pk=english.pk).specific
    assert english.workflow_in_progress and not english.live
    assert english.get_latest_revision_as_object().title == ENGLISH[TITLE]
    # Still nothing for readers while it waits.
    assert reader.get(f"/en/methodologies/{english.slug}/").status_code == 404
    assert TITLE not in reader.get("/en/methodologies/").text
    assert_only_in_latvian(reader)
    # The editor cannot approve it.
    assert approve(client, english).status_code in (302, 403)
    assert not Page.objects.get(pk=english.pk).live

    client.force_login(moderator)
    assert ENGLISH[TITLE] in client.get("/admin/").text  # waiting in the moderator's list
    assert approve(client, english).status_code == 302
    english = Page.objects.get(pk=english.pk).specific
    assert english.live and english.title == ENGLISH[TITLE]
    page = reader.get(english.url)
    assert page.status_code == 200
    assert ENGLISH[INTRODUCTION] in page.text
    assert TITLE not in page.text and INTRODUCTION not in page.text
    assert ENGLISH[TITLE] in english_list_titles(reader)


def publish_in_translation_editor(client, page, on_commit):
    # wagtail-localize publishes once the transaction commits.
    with on_commit(execute=True):
        return client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})


def test_a_moderator_cannot_publish_an_unfinished_translation(
    client, moderator, methodology, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    english = start_translation(client, methodology)
    assert not english.live
    response = publish_in_translation_editor(client, english, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert not Page.objects.get(pk=english.pk).live
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any(" 3 " in message for message in messages), messages  # title, slug, introduction

    translate_strings(client, methodology, english)
    publish_in_translation_editor(client, english, django_capture_on_commit_callbacks)
    english = Page.objects.get(pk=english.pk)
    assert english.live and english.title == ENGLISH[TITLE]


def test_submitting_an_updated_translation_leaves_the_published_one_alone(
    client, editor, moderator, methodology, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    english = start_translation(client, methodology)
    translate_strings(client, methodology, english)
    publish_in_translation_editor(client, english, django_capture_on_commit_callbacks)
    assert Page.objects.get(pk=english.pk).live

    # The Latvian page changes; the translation is synced and translated again by an editor.
    revision = methodology.get_latest_revision_as_object()
    revision.introduction = "Jauns ievads."
    revision.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(methodology)
    client.force_login(editor)
    response = client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert response.status_code == 302
    # "Publish immediately" is not offered, and asking for it anyway publishes nothing.
    assert "publish_translations" not in client.get(f"/admin/localize/update/{source.pk}/").text
    assert "Jauns ievads." not in client.get(english.url).text
    ENGLISH["Jauns ievads."] = "A new introduction."
    try:
        translate_strings(client, methodology, english)
    finally:
        del ENGLISH["Jauns ievads."]
    client.post(f"/admin/pages/{english.pk}/edit/", {"translation-submit-for-moderation": "1"})
    assert Page.objects.get(pk=english.pk).workflow_in_progress
    # The published English page is what a moderator approved last, not the new draft.
    live = client.__class__().get(english.url).text
    assert ENGLISH[INTRODUCTION] in live and "A new introduction." not in live

    client.force_login(moderator)
    assert approve(client, english).status_code == 302
    assert "A new introduction." in client.__class__().get(english.url).text


def test_translating_needs_a_group_and_the_right_to_edit(client, django_user_model, methodology):
    outsider = django_user_model.objects.create_user("outsider", password="not-used")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get(submit_url(methodology)).status_code in (302, 403)

    # The translation permission alone does not open pages the user may not edit.
    outsider.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    client.force_login(outsider)
    en = Locale.objects.get(language_code="en")
    response = client.post(submit_url(methodology), {"locales": [en.pk]})
    assert response.status_code in (302, 403)
    assert methodology.get_translation_or_none(en) is None


def test_an_editor_cannot_translate_what_only_moderators_change(
    client, editor, moderator, site_tree
):
    menu = NavigationMenu.objects.create(locale=site_tree["lv"].locale, handle="main")
    url = f"/admin/localize/submit/snippet/website/navigationmenu/{menu.pk}/"
    en = Locale.objects.get(language_code="en")
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"locales": [en.pk]})
    assert not NavigationMenu.objects.filter(locale=en).exists()

    client.force_login(moderator)
    assert client.get(url).status_code == 200


def permission_holders():
    return set(
        Group.objects.filter(permissions__codename="submit_translation").values_list(
            "name", flat=True
        )
    )


def test_the_migration_gives_both_groups_translation_and_reverses():
    state = ("website", "0004_translation_permissions")
    apps = MigrationLoader(connection).project_state(state).apps
    assert permission_holders() >= {"Redaktori", "Moderatori"}
    migration.revoke(apps, None)
    assert not permission_holders() & {"Redaktori", "Moderatori"}
    migration.grant(apps, None)
    assert permission_holders() >= {"Redaktori", "Moderatori"}
    # Editors still may not publish: that stays the moderators'.
    editors = Group.objects.get(name="Redaktori")
    assert not editors.page_permissions.filter(permission__codename="publish_page").exists()
