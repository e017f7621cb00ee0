"""The editors' workflow: "Redaktori" write, "Moderatori" approve and publish.

Wagtail's own migrations already create the groups "Editors" and "Moderators" and a workflow
"Moderators approval" on the root page. They are the same two roles, so they are renamed and
given this site's rights instead of a second pair being added beside them: users already in a
group keep their membership, and nobody can be put in an English group that looks equivalent
but lacks the snippet rights or the approval task. Reversing renames them back and takes away
only what this migration added, leaving Wagtail's defaults.

Permission rows are normally made by the post_migrate signal, after every migration has run,
so on a fresh database the snippet permissions do not exist yet: they are created here the way
Django and Wagtail name them, and post_migrate then finds them and leaves them alone.
"""

from django.db import migrations

EDITORS = "Redaktori"
MODERATORS = "Moderatori"
WORKFLOW = "Moderatoru apstiprinājums"

# The names Wagtail's migrations give them (wagtailcore 0002 and 0048).
WAGTAIL_NAMES = {EDITORS: "Editors", MODERATORS: "Moderators", WORKFLOW: "Moderators approval"}

# On the root page, so that they hold in every section and in both languages' trees.
# Without "publish", Wagtail lets editors delete only their own unpublished pages.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}
# What Wagtail gives its default groups; reversing leaves these.
WAGTAIL_PAGE_PERMISSIONS = {
    EDITORS: {"add_page", "change_page"},
    MODERATORS: {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
}

# In the root collection, the same for both groups (Wagtail's default too): everyone who
# writes pages needs to upload and pick images and documents.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add", "change", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "choose"]),
]

# Snippets that pages are built from: editors need to add the person or target group a page
# refers to. They take effect as soon as they are saved, so deleting them is the moderators'.
CONTENT_SNIPPETS = [
    ("website", "person"),
    ("website", "topictag"),
    ("methodologies", "targetgroup"),
    ("campaign", "municipality"),
    ("dictionary", "term"),
    ("dictionary", "subjectfield"),
]
# Site-wide, shown on every page the moment they are saved: moderators only.
SITE_WIDE_SNIPPETS = [("website", "navigationmenu"), ("website", "footertext")]

MODEL_PERMISSIONS = {
    EDITORS: [
        (app, model, action) for app, model in CONTENT_SNIPPETS for action in ("add", "change")
    ],
    MODERATORS: [
        (app, model, action)
        for app, model in CONTENT_SNIPPETS + SITE_WIDE_SNIPPETS
        for action in ("add", "change", "delete")
    ]
    # Dictionary entries have drafts: publishing one is approving it.
    + [("dictionary", "term", "publish"), ("website", "sitesettings", "change")],
}


def permission(apps, app_label, model_name, action):
    """The permission, created as Django or Wagtail's post_migrate would if it is missing."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    verbose_name = apps.get_model(app_label, model_name)._meta.verbose_name_raw
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model_name}",
        defaults={"name": f"Can {action} {verbose_name}"},
    )
    return found


def existing_permissions(apps, specs):
    Permission = apps.get_model("auth", "Permission")
    return [
        found
        for app_label, model_name, action in specs
        for found in Permission.objects.filter(
            content_type__app_label=app_label,
            content_type__model=model_name,
            codename=f"{action}_{model_name}",
        )
    ]


def wagtail_permission(apps, app_label, model_name, codename):
    """A permission that Wagtail's own migrations create (page permissions, admin access)."""
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(
        content_type__app_label=app_label, content_type__model=model_name, codename=codename
    )


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = {}
    for name in (EDITORS, MODERATORS):
        group = Group.objects.filter(name=name).first()
        if group is None:
            group = Group.objects.filter(name=WAGTAIL_NAMES[name]).first()
        if group is None:
            group = Group(name=name)
        group.name = name
        group.save()
        groups[name] = group

        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=wagtail_permission(apps, "wagtailcore", "page", codename),
            )
        for app_label, model_name, actions in COLLECTION_PERMISSIONS:
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(apps, app_label, model_name, action),
                )
        group.permissions.add(wagtail_permission(apps, "wagtailadmin", "admin", "access_admin"))
        group.permissions.add(*(permission(apps, *spec) for spec in MODEL_PERMISSIONS[name]))

    create_workflow(apps, groups[MODERATORS], root_page)


def create_workflow(apps, moderators, root_page):
    """Every page waits for a moderator's approval; moderators may also publish directly."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    names = [WORKFLOW, WAGTAIL_NAMES[WORKFLOW]]
    task = GroupApprovalTask.objects.filter(name__in=names).order_by("pk").first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask(content_type=content_type)
    task.name = WORKFLOW
    task.active = True
    task.save()
    task.groups.set([moderators])

    workflow = Workflow.objects.filter(name__in=names).order_by("pk").first() or Workflow()
    workflow.name = WORKFLOW
    workflow.active = True
    workflow.save()
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.filter(workflow=workflow).delete()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    Workflow.objects.filter(name=WORKFLOW).update(name=WAGTAIL_NAMES[WORKFLOW])
    Task.objects.filter(name=WORKFLOW).update(name=WAGTAIL_NAMES[WORKFLOW])
    for name in (EDITORS, MODERATORS):
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        GroupPagePermission.objects.filter(
            group=group,
            page__depth=1,
            permission__content_type__app_label="wagtailcore",
            permission__codename__in=set(PAGE_PERMISSIONS[name]) - WAGTAIL_PAGE_PERMISSIONS[name],
        ).delete()
        # Admin access stays: Wagtail's default groups have it.
        group.permissions.remove(*existing_permissions(apps, MODEL_PERMISSIONS[name]))
        group.name = WAGTAIL_NAMES[name]
        group.save()


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_search_entries"),
        ("methodologies", "0001_initial"),
        ("campaign", "0001_initial"),
        ("dictionary", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
