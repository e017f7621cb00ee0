"""Moderators manage registrations: open them on events, see and export the participants, check
them in, issue and revoke certificates. Editors do not see participants' personal data.
Reversing takes the right away again."""

from django.db import migrations

from website.group_permissions import grant


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0001_initial"),
        ("website", "0008_topic_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        grant(
            "Moderatori",
            "registrations",
            "offer",
            {"manage_registrations": "Can manage registrations, check-in and certificates"},
        )
    ]
