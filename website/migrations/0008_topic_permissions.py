"""The topic vocabulary is the moderators': they add, change, publish and delete topics (and
translate them). Editors choose among the published topics in the page editor, which needs no
permission. Reversing takes these rights away again."""

from django.db import migrations

from website.group_permissions import grant

ACTIONS = ["add", "change", "delete", "publish"]


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0007_remove_topic_tags"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        grant(
            "Moderatori",
            "website",
            "topic",
            {f"{action}_topic": f"Can {action} topic" for action in ACTIONS},
        )
    ]
