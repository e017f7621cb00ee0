"""Moderators may export a list's subscriber addresses (a recorded action); editors see only
the numbers. Reversing takes the right away again."""

from django.db import migrations

from website.group_permissions import grant


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0001_initial"),
        ("website", "0008_topic_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        grant(
            "Moderatori",
            "subscriptions",
            "subscription",
            {"export_addresses": "Can export subscribers' e-mail addresses"},
        )
    ]
