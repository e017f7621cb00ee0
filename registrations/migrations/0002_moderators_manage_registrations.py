"""Moderators manage registrations: open them on events, see and export the participants, check
them in, issue and revoke certificates. Editors do not see participants' personal data.
Reversing takes the right away again."""

from django.db import migrations


def permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="registrations", model="offer")
    return Permission.objects.get_or_create(
        content_type_id=content_type.pk,
        codename="manage_registrations",
        defaults={"name": "Can manage registrations, check-in and certificates"},
    )[0]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Moderatori"):
        group.permissions.add(permission(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Moderatori"):
        group.permissions.remove(permission(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0001_initial"),
        ("website", "0008_topic_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
