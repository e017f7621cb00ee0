"""The topic vocabulary is the moderators': they add, change, publish and delete topics (and
translate them). Editors choose among the published topics in the page editor, which needs no
permission. Reversing takes these rights away again."""

from django.db import migrations

ACTIONS = ["add", "change", "delete", "publish"]


def topic_permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="website", model="topic")
    return [
        Permission.objects.get_or_create(
            content_type_id=content_type.pk,
            codename=f"{action}_topic",
            defaults={"name": f"Can {action} topic"},
        )[0]
        for action in ACTIONS
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Moderatori"):
        group.permissions.add(*topic_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Moderatori"):
        group.permissions.remove(*topic_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0007_remove_topic_tags"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
