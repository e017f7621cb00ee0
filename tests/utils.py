"""Helpers for building pages in tests, in both languages, and for loading the demo content."""

import threading
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Locale, Page, Revision
from wagtail.test.utils.form_data import nested_form_data, streamfield

import website.demo
from website.demo.loader import DemoLoader
from website.models import PageTopic, Topic


def topic(name, locale):
    """The published topic of this name in this language, created if missing."""
    found = Topic.objects.filter(locale=locale, name=name).first()
    if found is None:
        found = Topic.objects.create(locale=locale, name=name)
        found.save_revision().publish()
        found.refresh_from_db()
    return found


def translate_topic(source, name, language="en"):
    """The source topic's published translation, with this name."""
    translation = source.copy_for_translation(Locale.objects.get(language_code=language))
    translation.name = name
    translation.save()
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def with_topics(page, names):
    """Give the page these topics (of its language, created if missing); not saved yet."""
    page.topic_items = [PageTopic(topic=topic(name, page.locale)) for name in names]
    return page


def add_page(parent, model, publish=True, topics=(), **fields):
    """Create `model` under `parent` (in the parent's language) and publish it."""
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    page = model(locale=parent.locale, live=publish, **fields)
    if topics:
        with_topics(page, topics)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page.specific_class.objects.get(pk=page.pk)


def translate(page, language="en", publish=True, **fields):
    """The page's translation with `fields` changed (its parent must be translated already)."""
    locale = Locale.objects.get(language_code=language)
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    if publish:
        translation.save_revision().publish()
    else:
        translation.save_revision()
    return translation.specific_class.objects.get(pk=translation.pk)


def add_bilingual_page(parent, model, lv, en):
    """A page of `model` under `parent` (Latvian) and its English translation, both published:
    {"lv": page, "en": translation}. `lv`: the page's fields; `en`: those its translation
    changes (the parent must be translated already)."""
    page = add_page(parent, model, **lv)
    return {"lv": page, "en": translate(page, **en)}


def load_demo(*sections, finish=False):
    """The site's demo content and these sections' (their `demo` modules), loaded as
    `manage.py load_demo_content` loads them, without the other sections; with `finish`, its
    second pass too (menus, links between sections). The loader: `created` counts what is new."""
    loader = DemoLoader()
    loader.build((website.demo, *sections), finish=finish)
    return loader


def assert_demo_loads_once(*sections, counted=(), finish=False):
    """load_demo() twice: the first run creates content, the second nothing, and the numbers of
    pages, of revisions and of each of `counted` (querysets) stay as the first run left them."""
    querysets = (Page.objects.all(), Revision.objects.all(), *counted)
    assert load_demo(*sections, finish=finish).created > 0
    first = [queryset.count() for queryset in querysets]
    assert load_demo(*sections, finish=finish).created == 0
    assert [queryset.count() for queryset in querysets] == first


def soup(response, status=200):
    """The HTML of a response with this status, parsed."""
    assert response.status_code == status
    return BeautifulSoup(response.content, "html.parser")


def text(html):
    """An element's text as a reader sees it: its words, one space between them."""
    return " ".join(html.get_text(" ").split())


def group_member(group, username):
    """A user (not signed in) who is a member of this group ("Redaktori", "Moderatori")."""
    user = get_user_model().objects.create_user(username, password="not-used")
    user.groups.add(Group.objects.get(name=group))
    return user


def page_form(title, slug, action=None, **fields):
    """The admin's form for a page as a browser posts it: the fields every page has
    (BasePage) and the page type's own `fields` (inlines as inline_formset(…), streams as
    streamfield(…)). `action`: "submit" (for moderation), "publish", … (none: save a draft)."""
    data = {
        "title": title,
        "slug": slug,
        "seo_title": "",
        "search_description": "",
        "listing_summary": "",
        "listing_image": "",
        "topics": "",
        **fields,
    }
    if action:
        data[f"action-{action}"] = action
    return nested_form_data(data)


def standard_page_form(title, slug, action=None, **fields):
    """page_form() for a StandardPage."""
    return page_form(
        title, slug, action, **{"introduction": "Ievads.", "body": streamfield([]), **fields}
    )


def migrate(targets):
    """Take the database forward or back to these migrations ([(app, name)], as Django's
    `migrate` command does); the models as they stand there (an `apps` registry)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection).loader.project_state(targets).apps


def leaf_nodes():
    """Every app's latest migration: where migrate() takes the database back to the present."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def concurrent_writers():
    """The marks of a module whose requests write at the same moment, each on its own database
    connection: committed data, and PostgreSQL (SQLite serialises writers)."""
    return [
        pytest.mark.django_db(transaction=True, serialized_rollback=True),
        pytest.mark.skipif(
            connection.vendor != "postgresql",
            reason="concurrent writers need PostgreSQL (SQLite serialises them)",
        ),
    ]


def at_once(requests):
    """Run each callable in its own thread, all released together: their answers (in the order
    they came) and the seconds they took."""
    start = threading.Barrier(len(requests))
    answers = []
    # Each thread opens its own connection, all at once: on a busy 2-core machine a hundred of
    # them can take longer than the site's connect timeout (3 s, for a dead server), which is
    # not what these tests measure.
    options = connections.settings["default"].setdefault("OPTIONS", {})
    timeout = options.get("connect_timeout")
    if timeout is not None:
        options["connect_timeout"] = 60

    def run(request):
        try:
            start.wait()
            answers.append(request())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(request,)) for request in requests]
    began = time.perf_counter()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(180)
    finally:
        if timeout is not None:
            options["connect_timeout"] = timeout
    return answers, time.perf_counter() - began


# The headings of the accessibility statement, the parts of the model statement (Latvian
# Cabinet Regulation No. 445), in the site's two languages.
STATEMENT_PARTS = {
    "lv": [
        "Atbilstības statuss",
        "Nepiekļūstams saturs",
        "Piekļūstamas alternatīvas",
        "Atsauksmes un kontaktinformācija",
        "Izpildes panākšanas procedūra",
        "Paziņojuma sagatavošana",
    ],
    "en": [
        "Compliance status",
        "Non-accessible content",
        "Accessible alternatives",
        "Feedback and contact information",
        "Enforcement procedure",
        "Preparation of the statement",
    ],
}
