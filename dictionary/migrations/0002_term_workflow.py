"""Dictionary entries go through the moderators' approval workflow, like pages.

The workflow and the groups are made by website 0003_editorial_workflow; this attaches the
workflow to the Term snippet, so an editor's "Submit for moderation" reaches the moderators.
"""

from django.db import migrations

WORKFLOW = "Moderatoru apstiprinājums"


def attach(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        return
    term_type, _ = ContentType.objects.get_or_create(app_label="dictionary", model="term")
    WorkflowContentType.objects.update_or_create(
        content_type=term_type, defaults={"workflow": workflow}
    )


def detach(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(
        content_type__in=ContentType.objects.filter(app_label="dictionary", model="term")
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dictionary", "0001_initial"),
        ("website", "0003_editorial_workflow"),
        ("wagtailcore", "0083_workflowcontenttype"),
    ]

    operations = [migrations.RunPython(attach, detach)]
