"""The podcast GUID becomes a field moderators may set (and only they: a permission of its own,
given to the group "Moderatori")."""

from django.db import migrations, models

MODERATORS = "Moderatori"
CODENAME = "change_podcast_guid"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="podcast", model="podcastpage")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can change the podcast GUID"},
    )
    for group in Group.objects.filter(name=MODERATORS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="podcast", codename=CODENAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("podcast", "0002_remove_topic_tags"),
        ("website", "0003_editorial_workflow"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="podcastpage",
            options={
                "permissions": [("change_podcast_guid", "Can change the podcast GUID")],
                "verbose_name": "podcast",
                "verbose_name_plural": "podcasts",
            },
        ),
        migrations.AlterField(
            model_name="podcastpage",
            name="podcast_guid",
            field=models.UUIDField(
                blank=True,
                help_text=(
                    "The show's permanent identifier in podcast apps (podcast:guid). Left empty, "
                    "it is made from the feed's address when the show is first published and "
                    "then kept, even if the address changes. Change it only to keep the "
                    "identifier the show already has elsewhere; a cleared field keeps the "
                    "current one."
                ),
                null=True,
                verbose_name="podcast GUID",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
