"""Editors and moderators translate: wagtail-localize's "submit_translation" for both groups.

Who does what is the same as for Latvian pages: an editor ("Redaktori") starts a translation,
translates it in wagtail-localize's editor and submits it to the workflow "Moderatoru
apstiprinājums"; a moderator ("Moderatori") approves and so publishes it (or translates and
publishes it directly, as they may any page). Publishing stays with "publish_page", which only
the moderators have (0003). A translation is created unpublished
(WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is off), so starting one shows nothing to readers.

wagtail-localize gives the permission only to groups named "Editors" and "Moderators" when its
own migration runs, which on this site is not always before 0003 renames them. Reversing takes
it away from both groups again.
"""

from django.db import migrations

GROUPS = ["Redaktori", "Moderatori"]


def submit_translation(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    # The content type wagtail-localize hangs the permission on (its migration 0006).
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    found, _ = Permission.objects.get_or_create(
        content_type_id=content_type.pk,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = submit_translation(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = submit_translation(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0003_editorial_workflow"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
