"""Who can publish what: editors ("Redaktori") write and submit, moderators ("Moderatori") publish.

Everything goes through the admin's own views, as a logged-in member of each group.
"""

import importlib
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, streamfield

from dictionary.models import Term
from methodologies.models import MethodologyIndexPage, MethodologyPage
from tests.utils import add_page, page_form, standard_page_form
from website.models import StandardPage

pytestmark = pytest.mark.django_db

migration = importlib.import_module("website.migrations.0003_editorial_workflow")


def methodology_form(title, slug, action=None):
    return page_form(
        title,
        slug,
        action,
        introduction="Kam metodika paredzēta.",
        year="2024",
        methodical_material="",
        training_programme="",
        elearning_document="",
        elearning_url="",
        guidelines=inline_formset([]),
        body=streamfield([]),
        authors=inline_formset([]),
        pilot_municipalities="",
        pilot_participants="",
        pilot_information="",
        related_links=inline_formset([]),
    )


def add_url(model, parent):
    return f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"


def approve_url(page):
    task_state = page.current_workflow_task_state
    return f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"


def test_an_editor_submits_a_page_and_it_waits_for_a_moderator(
    client, editor, moderator, site_tree
):
    client.force_login(editor)
    form = client.get(add_url(StandardPage, site_tree["lv"]))
    assert form.status_code == 200
    assert 'name="action-submit"' in form.text
    assert 'name="action-publish"' not in form.text

    response = client.post(
        add_url(StandardPage, site_tree["lv"]),
        standard_page_form("Par projektu", "par-projektu", "submit"),
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="par-projektu")
    assert not page.live
    assert page.owner == editor
    assert page.workflow_in_progress
    assert client.get("/lv/par-projektu/").status_code == 404

    # Only a moderator can act on the task.
    assert client.post(approve_url(page), {"comment": ""}).status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live

    client.force_login(moderator)
    dashboard = client.get("/admin/")
    assert "Par projektu" in dashboard.text  # waiting in the moderator's review list
    response = client.post(approve_url(page), {"comment": "Labi."})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert not page.workflow_in_progress
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_APPROVED
    assert "Ievads." in client.get("/lv/par-projektu/").text


def test_an_editor_asking_to_publish_only_saves_a_draft(client, editor, site_tree):
    client.force_login(editor)
    response = client.post(
        add_url(StandardPage, site_tree["lv"]),
        standard_page_form("Pieejamība", "pieejamiba", "publish"),
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="pieejamiba")
    assert not page.live
    assert not page.workflow_in_progress

    # Editing a draft and "publishing" it again is refused the same way.
    edit = f"/admin/pages/{page.pk}/edit/"
    assert 'name="action-publish"' not in client.get(edit).text
    client.post(edit, standard_page_form("Pieejamība", "pieejamiba", "publish"))
    page.refresh_from_db()
    assert not page.live


def test_a_methodology_follows_the_same_workflow(client, editor, moderator, site_tree):
    section = add_page(site_tree["lv"], MethodologyIndexPage, title="Metodikas", slug="metodikas")
    client.force_login(editor)
    response = client.post(
        add_url(MethodologyPage, section),
        methodology_form("Darbs ar ģimenēm", "darbs-ar-gimenem", "submit"),
    )
    assert response.status_code == 302
    page = MethodologyPage.objects.get(title="Darbs ar ģimenēm")
    assert not page.live and page.workflow_in_progress

    client.force_login(moderator)
    assert client.post(approve_url(page), {"comment": ""}).status_code == 302
    page.refresh_from_db()
    assert page.live


def test_a_moderator_publishes_directly(client, moderator, site_tree):
    section = add_page(site_tree["lv"], MethodologyIndexPage, title="Metodikas", slug="metodikas")
    client.force_login(moderator)
    assert 'name="action-publish"' in client.get(add_url(MethodologyPage, section)).text
    response = client.post(
        add_url(MethodologyPage, section), methodology_form("Supervīzija", "supervizija", "publish")
    )
    assert response.status_code == 302
    page = MethodologyPage.objects.get(title="Supervīzija")
    assert page.live
    assert client.get(page.url).status_code == 200


def test_an_editor_cannot_delete_a_published_page_but_a_moderator_can(
    client, editor, moderator, site_tree
):
    published = add_page(site_tree["lv"], StandardPage, title="Kontakti", slug="kontakti")
    client.force_login(editor)
    delete = f"/admin/pages/{published.pk}/delete/"
    assert client.get(delete).status_code != 200
    client.post(delete)
    assert Page.objects.filter(pk=published.pk, live=True).exists()

    # Their own unpublished draft is theirs to delete.
    client.post(
        add_url(StandardPage, site_tree["lv"]), standard_page_form("Melnraksts", "melnraksts")
    )
    draft = StandardPage.objects.get(slug="melnraksts")
    assert client.post(f"/admin/pages/{draft.pk}/delete/").status_code == 302
    assert not StandardPage.objects.filter(pk=draft.pk).exists()

    client.force_login(moderator)
    assert client.get(delete).status_code == 200
    client.post(delete)
    assert not Page.objects.filter(pk=published.pk).exists()


def test_editors_cannot_manage_users_groups_menus_or_settings(client, editor, site_tree):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    for url in (
        "/admin/users/",
        "/admin/groups/",
        "/admin/workflows/list/",
        "/admin/snippets/website/navigationmenu/",
        "/admin/snippets/website/footertext/",
        "/admin/settings/website/sitesettings/",
        # The topic vocabulary is the moderators' (editors choose among its topics).
        "/admin/snippets/website/topic/add/",
    ):
        assert client.get(url).status_code in (302, 403), url
    # What they do manage: the snippets pages are made of, and media.
    for url in (
        "/admin/snippets/website/person/",
        "/admin/snippets/methodologies/targetgroup/",
        "/admin/snippets/campaign/municipality/",
        "/admin/snippets/dictionary/term/",
        "/admin/images/",
        "/admin/documents/",
    ):
        assert client.get(url).status_code == 200, url


def test_moderators_manage_menus_and_settings_but_not_users(client, moderator, site_tree):
    client.force_login(moderator)
    assert client.get("/admin/snippets/website/navigationmenu/").status_code == 200
    assert client.get("/admin/settings/website/sitesettings/", follow=True).status_code == 200
    assert client.get("/admin/users/").status_code in (302, 403)


def test_only_a_moderator_publishes_a_dictionary_entry(client, editor, moderator, site_tree):
    term = Term(headword="supervīzija", definition="Profesionāls atbalsts.", live=False)
    term.save()
    term.save_revision()
    edit = f"/admin/snippets/dictionary/term/edit/{term.pk}/"

    client.force_login(editor)
    response = client.get(edit)
    assert response.status_code == 200
    assert 'name="action-publish"' not in response.text

    client.force_login(moderator)
    assert 'name="action-publish"' in client.get(edit).text


def test_scheduled_publishing_waits_for_its_time(client, moderator, site_tree):
    go_live_at = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    client.force_login(moderator)
    response = client.post(
        add_url(StandardPage, site_tree["lv"]),
        standard_page_form(
            "Konferences programma",
            "konferences-programma",
            "publish",
            go_live_at=timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M"),
        ),
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="konferences-programma")
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at == go_live_at

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live

    with mock.patch.object(timezone, "now", return_value=go_live_at + timedelta(minutes=1)):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert client.get("/lv/konferences-programma/").status_code == 200


def test_every_saved_version_is_kept(client, editor, moderator, site_tree):
    client.force_login(editor)
    url = add_url(StandardPage, site_tree["lv"])
    client.post(url, standard_page_form("Par mums", "par-mums"))
    page = StandardPage.objects.get(slug="par-mums")
    edit = f"/admin/pages/{page.pk}/edit/"
    client.post(edit, standard_page_form("Par mums", "par-mums", introduction="Otrā."))
    client.post(edit, standard_page_form("Par mums", "par-mums", "submit", introduction="3."))
    assert page.revisions.count() == 3

    client.force_login(moderator)
    client.post(approve_url(page), {"comment": ""})
    page.refresh_from_db()
    assert page.live and page.introduction == "3."
    introductions = [r.content["introduction"] for r in page.revisions.order_by("created_at")]
    assert introductions[:3] == ["Ievads.", "Otrā.", "3."]
    assert client.get(f"/admin/pages/{page.pk}/history/").status_code == 200


def test_the_latvian_admin_lists_the_groups_and_the_workflow(client, admin_user, site_tree):
    client.force_login(admin_user)
    groups = client.get("/admin/groups/").text
    assert '<html lang="lv"' in groups
    assert "Redaktori" in groups and "Moderatori" in groups
    assert "Editors" not in groups and "Moderators" not in groups
    assert "Moderatoru apstiprinājums" in client.get("/admin/workflows/list/").text
    editors = Group.objects.get(name="Redaktori")
    assert client.get(f"/admin/groups/edit/{editors.pk}/").status_code == 200


def group_state():
    state = {}
    for group in Group.objects.filter(
        name__in=["Redaktori", "Moderatori", "Editors", "Moderators"]
    ):
        state[group.name] = (
            {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()},
            {
                p.permission.codename
                for p in GroupPagePermission.objects.filter(group=group, page__depth=1)
            },
        )
    return state


def test_the_migration_reverses_to_wagtails_defaults_and_applies_again():
    apps = MigrationLoader(connection).project_state(("website", "0003_editorial_workflow")).apps
    applied = group_state()
    assert set(applied) == {"Redaktori", "Moderatori"}
    assert "publish_page" not in applied["Redaktori"][1]
    assert "dictionary.publish_term" not in applied["Redaktori"][0]
    assert "dictionary.publish_term" in applied["Moderatori"][0]

    migration.remove_groups(apps, None)
    reversed_ = group_state()
    assert set(reversed_) == {"Editors", "Moderators"}
    assert reversed_["Editors"][1] == {"add_page", "change_page"}
    assert reversed_["Moderators"][1] == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    for permissions, _pages in reversed_.values():
        assert "wagtailadmin.access_admin" in permissions
        # What 0003 gave is gone (the topic rights are website 0008's own, the accessibility
        # statement's 0012's, reversed there).
        assert not {
            p
            for p in permissions
            if p.split(".")[0] in {"website", "dictionary"}
            and not p.endswith(("_topic", "_accessibilitystatement"))
        }
    workflow = WorkflowPage.objects.get(page__depth=1).workflow
    assert workflow.name == "Moderators approval"
    assert [task.name for task in workflow.tasks.all()] == ["Moderators approval"]

    migration.create_groups(apps, None)
    assert group_state() == applied
    workflow = WorkflowPage.objects.get(page__depth=1).workflow
    assert workflow.name == "Moderatoru apstiprinājums"
    (task,) = workflow.tasks.all()
    assert list(task.specific.groups.values_list("name", flat=True)) == ["Moderatori"]


def test_an_editor_submits_a_dictionary_entry_and_a_moderator_approves_it(
    client, editor, moderator, site_tree
):
    from dictionary.models import DictionaryPage
    from tests.dictionary.test_demo_and_admin import entry_form

    add_page(site_tree["lv"], DictionaryPage, title="Vārdnīca", slug="vardnica")
    client.force_login(editor)
    form = client.get("/admin/snippets/dictionary/term/add/")
    assert 'name="action-submit"' in form.text
    data = entry_form(headword="gadījuma vadīšana", definition="Darba ar klientu metode.")
    data["action-submit"] = "submit"
    response = client.post("/admin/snippets/dictionary/term/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    term = Term.objects.get(headword="gadījuma vadīšana")
    assert not term.live
    assert term.workflow_in_progress
    assert client.get(f"/lv/vardnica/{term.slug}/").status_code == 404

    client.force_login(moderator)
    task_state = term.current_workflow_task_state
    approve = f"/admin/snippets/dictionary/term/workflow/action/{term.pk}/approve/{task_state.pk}/"
    assert client.post(approve, {"comment": ""}).status_code == 302
    term.refresh_from_db()
    assert term.live
    assert "Darba ar klientu metode." in client.get(f"/lv/vardnica/{term.slug}/").text
