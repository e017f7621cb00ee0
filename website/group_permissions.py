"""Data migrations that give a group of editors permissions, and take them away when reversed.

``grant("Moderatori", "subscriptions", "subscription", {"export_addresses": "Can …"})`` is a
RunPython operation: it makes the permissions if they do not exist yet (they are created after
migrations otherwise) with the migration's historical models, and adds them to the group if the
group exists (website migration 0003 makes the groups).
"""

from django.db import migrations


def _permissions(apps, app_label, model, names):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return [
        Permission.objects.get_or_create(
            content_type_id=content_type.pk, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in names.items()
    ]


def grant(group_name, app_label, model, names):
    """`names`: {codename: the permission's name}."""

    def forwards(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        for group in Group.objects.filter(name=group_name):
            group.permissions.add(*_permissions(apps, app_label, model, names))

    def backwards(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        for group in Group.objects.filter(name=group_name):
            group.permissions.remove(*_permissions(apps, app_label, model, names))

    return migrations.RunPython(forwards, backwards)
