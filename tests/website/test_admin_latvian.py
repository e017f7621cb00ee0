"""The admin an editor and a moderator use is in Latvian: a crawl of their screens finds no
English (tests/admin_language.py says how a string is judged English).

The demo site is loaded once; an editor ("Redaktori") and a moderator ("Moderatori"), both
with Latvian as their admin language, open what their work takes them to: the dashboard, the
page explorer, the editor and the new-page form of every page type, the workflow's screens,
image and document uploads and choosers, the snippets, wagtail-localize's translation screens
and editor, the reports and their account. The JavaScript catalogues the admin's scripts draw
their text from are checked to have every string in Latvian.

ADMIN_CRAWL_REPORT=path writes what was found, screen by screen, as JSON (how the count in the
README's Editors section was measured).
"""

import json
import os
import re
import sysconfig
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import models
from django.test import override_settings
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site, Task, Workflow
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

from tests.admin_language import Detector, Vocabulary, javascript_catalogue, read_po

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("admin-crawl")]

PROJECT = Path(__file__).resolve().parents[2]
SITE_PACKAGES = Path(sysconfig.get_paths()["purelib"])


class AdminSite:
    def __init__(self, media):
        self.media = media


def make_user(django_user_model, username, group):
    user = django_user_model.objects.create_user(
        username, email=f"{username}@example.lv", password="not-used", first_name=username
    )
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "lv"
    profile.save()
    return user


def new_page(parent, title):
    from website.models import StandardPage

    page = StandardPage(title=title, slug=slugify(title), introduction="Ievads.")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def content_strings():
    """What editors wrote (in either language): taken out of a string before it is judged."""
    strings = set()
    for page in Page.objects.all():
        strings.update([page.title, page.draft_title, page.seo_title, page.slug])
    # Every text the project's own models hold (snippets, their inline rows, page fields).
    project_models = [
        model
        for model in django_apps.get_models()
        if Path(django_apps.get_app_config(model._meta.app_label).path).is_relative_to(PROJECT)
        and ".venv" not in django_apps.get_app_config(model._meta.app_label).path
    ]
    for model in {*project_models, *get_snippet_models()}:
        text_fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and field.max_length is not None
            and field.max_length <= 500
        ]
        for obj in model._default_manager.all()[:3000]:
            strings.add(str(obj))
            strings.update(getattr(obj, name) for name in text_fields)
    for model in (get_image_model(), get_document_model()):
        for obj in model.objects.all():
            strings.update([obj.title, Path(obj.file.name).name])
    strings.update(Collection.objects.values_list("name", flat=True))
    strings.update(Group.objects.values_list("name", flat=True))
    strings.update(Workflow.objects.values_list("name", flat=True))
    strings.update(Task.objects.values_list("name", flat=True))
    strings.update(Site.objects.values_list("site_name", flat=True))
    strings.update(Site.objects.values_list("hostname", flat=True))
    from django.contrib.auth import get_user_model

    for user in get_user_model().objects.all():
        strings.update([user.username, user.get_full_name(), user.email])
    from taggit.models import Tag

    strings.update(Tag.objects.values_list("name", flat=True))
    return {s for s in strings if s}


@pytest.fixture(scope="module")
def admin_site(demo_content, django_db_blocker):
    """The demo site with an editor's submitted page and a translation under way."""
    from django.contrib.auth import get_user_model
    from wagtail_localize.operations import translate_object

    # Added to the demo site (tests/conftest.py), whose database goes back to the migrated
    # template after the module.
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_content):
        users = get_user_model()
        site = AdminSite(demo_content)
        site.editor = make_user(users, "redaktore", "Redaktori")
        site.moderator = make_user(users, "moderatore", "Moderatori")
        lv = Locale.objects.get(language_code="lv")
        en = Locale.objects.get(language_code="en")
        pages = Page.objects.filter(locale=lv, depth__gt=2).specific()
        site.pages_by_type = {}
        for page in pages.order_by("path"):
            site.pages_by_type.setdefault(type(page), page)
        site.home = Site.objects.get(is_default_site=True).root_page
        site.home_en = site.home.get_translation(en)
        # Waiting in the workflow: the moderator's review list and the workflow screens.
        submitted = next(iter(site.pages_by_type.values()))
        submitted.save_revision(user=site.editor)
        submitted.get_workflow().start(submitted, site.editor)
        site.submitted = Page.objects.get(pk=submitted.pk)
        # A page to translate, and one whose translation is under way.
        site.to_translate, under_way = (
            new_page(site.home, "Tulkojamā lapa"),
            new_page(site.home, "Lapa, ko tulko"),
        )
        translate_object(under_way, [en], user=site.editor)
        site.translation = under_way.get_translation(en)
        site.content = content_strings()
    cache.clear()
    return site


@pytest.fixture(autouse=True)
def _admin_media(demo_media, admin_site):
    pass


@pytest.fixture(scope="module")
def detector(admin_site):
    from django.conf import settings

    vocabulary = Vocabulary(SITE_PACKAGES, PROJECT)
    # The names of the languages in their own language (the admin's language choice).
    return Detector(vocabulary, admin_site.content, [name for _code, name in settings.LANGUAGES])


def add_url(page):
    parent = page.get_parent()
    return f"/admin/pages/add/{page._meta.app_label}/{page._meta.model_name}/{parent.pk}/"


def screens(site, role):
    """The screens a member of the group opens in a day's work: (what, address)."""
    yield "dashboard", "/admin/"
    yield "explorer: root", "/admin/pages/"
    yield "explorer: Latvian home", f"/admin/pages/{site.home.pk}/"
    yield "explorer: English home", f"/admin/pages/{site.home_en.pk}/"
    yield "page search", "/admin/pages/search/?q=darbs"
    for model, page in site.pages_by_type.items():
        yield f"edit {model.__name__}", f"/admin/pages/{page.pk}/edit/"
        yield f"new {model.__name__}", add_url(page)
    yield "new page: type choice", f"/admin/pages/{site.home.pk}/add_subpage/"
    yield "page history", f"/admin/pages/{site.submitted.pk}/history/"
    yield "workflow: page in moderation", f"/admin/pages/{site.submitted.pk}/edit/"
    yield "workflow: history", f"/admin/pages/{site.submitted.pk}/workflow_history/"
    if role == "moderator":
        state = site.submitted.current_workflow_task_state
        yield (
            "workflow: approve dialog",
            f"/admin/pages/workflow/action/{site.submitted.pk}/approve/{state.pk}/",
        )
        yield (
            "workflow: request changes dialog",
            f"/admin/pages/workflow/action/{site.submitted.pk}/reject/{state.pk}/",
        )
    yield "images", "/admin/images/"
    yield "images: upload", "/admin/images/multiple/add/"
    image = get_image_model().objects.first()
    yield "image: edit", f"/admin/images/{image.pk}/"
    yield "image chooser", "/admin/images/chooser/"
    yield "documents", "/admin/documents/"
    yield "documents: upload", "/admin/documents/multiple/add/"
    document = get_document_model().objects.first()
    yield "document: edit", f"/admin/documents/edit/{document.pk}/"
    yield "document chooser", "/admin/documents/chooser/"
    yield "page chooser", f"/admin/choose-page/{site.home.pk}/"
    yield "snippets", "/admin/snippets/"
    for model in get_snippet_models():
        prefix = f"/admin/snippets/{model._meta.app_label}/{model._meta.model_name}/"
        yield f"snippets: {model.__name__}", prefix
        yield f"snippets: new {model.__name__}", prefix + "add/"
        first = model.objects.first()
        if first is not None:
            yield f"snippets: edit {model.__name__}", f"{prefix}edit/{first.pk}/"
    yield "translate: submit", f"/admin/localize/submit/page/{site.to_translate.pk}/"
    yield "translate: translation editor", f"/admin/pages/{site.translation.pk}/edit/"
    yield "translate: report", "/admin/localize/reports/translations/"
    for report in ("locked", "workflow", "workflow_tasks", "site-history", "aging-pages"):
        yield f"report: {report}", f"/admin/reports/{report}/"
    yield "account", "/admin/account/"
    if role == "moderator":
        yield "settings", "/admin/settings/website/sitesettings/"


# Screens a member of each group must reach for the crawl to mean anything.
ESSENTIAL = {
    "dashboard",
    "explorer: Latvian home",
    "workflow: page in moderation",
    "images: upload",
    "documents: upload",
    "document chooser",
    "snippets",
    "translate: submit",
    "translate: translation editor",
    "account",
}


def body_of(response):
    text = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        data = json.loads(text)
        return data.get("html", "") if isinstance(data, dict) else ""
    return text


def crawl(client, user, site, role, detector):
    client.force_login(user)
    found, reached, refused = {}, set(), []
    for label, url in screens(site, role):
        response = client.get(url, follow=True)
        if response.status_code != 200 or response.redirect_chain:
            refused.append((label, url, response.status_code))
            continue
        reached.add(label)
        findings = detector.findings(body_of(response))
        if findings:
            found[f"{label} ({url})"] = findings
    return found, reached, refused


def report(role, found):
    path = os.environ.get("ADMIN_CRAWL_REPORT")
    strings = {text for findings in found.values() for text in findings}
    if path:
        target = Path(path)
        data = json.loads(target.read_text()) if target.exists() else {}
        data[role] = {
            "distinct_strings": len(strings),
            "screens": {screen: sorted(findings) for screen, findings in found.items()},
        }
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1))
    lines = [f"{len(strings)} English strings on {len(found)} screens:"]
    for screen, findings in found.items():
        lines.append(f"  {screen}")
        lines += [f"    {text!r}  ({', '.join(words)})" for text, words in findings.items()]
    return "\n".join(lines)


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_the_screens_of_the_day_are_in_latvian(client, admin_site, detector, role):
    user = getattr(admin_site, role)
    found, reached, refused = crawl(client, user, admin_site, role, detector)
    assert ESSENTIAL <= reached, f"not reached: {ESSENTIAL - reached}; refused: {refused}"
    assert not found, report(role, found)
    report(role, found)


@pytest.mark.parametrize(
    ("url", "package"),
    [("/admin/jsi18n/", "wagtail/admin"), ("/admin/localize/jsi18n/", "wagtail_localize")],
)
def test_the_admins_scripts_have_their_latvian(client, admin_site, url, package):
    """The strings Wagtail's and wagtail-localize's JavaScript show come from these catalogues:
    each of the package's JavaScript strings must have its Latvian there."""
    client.force_login(admin_site.editor)
    catalogue = javascript_catalogue(client.get(url).content.decode())
    assert catalogue, url
    expected = read_po(SITE_PACKAGES / package / "locale/en/LC_MESSAGES/djangojs.po")
    missing = []
    for msgid, plural, _strings in expected:
        # Skip the header, and formats with no words of their own ("%(a)s: %(b)s").
        if not msgid or not re.search(r"[^\W\d_]", re.sub(r"%\(\w+\)s", "", msgid)):
            continue
        translated = catalogue.get(msgid)
        if not translated or (not plural and translated == msgid):
            missing.append(msgid)
    assert not missing, f"{len(missing)} without Latvian: {missing}"


def test_the_detector_finds_english_and_lets_latvian_and_content_be(admin_site, detector):
    title = next(iter(admin_site.pages_by_type.values())).title
    html = f"""
        <main>
          <h1>9 custom images</h1>
          <p>Pievienot atbilsmi</p>
          <button title="Move up" aria-label="Pārvietot uz augšu">↑</button>
          <input type="submit" value="Save draft">
          <p>Lapa „<span>{title}</span>” ir apstiprināta</p>
          <p lang="en">Supporting a family</p>
          <span>PDF, DOCX, 15 MB</span>
          <textarea>What an editor typed in English</textarea>
          <script type="application/json">{{"label": "Documents", "url": "/x/"}}</script>
          <div data-w-block-data-value='{{"helpText": "Choose a heading"}}'></div>
          <p>Izvēlēties no datora</p>
        </main>
    """
    assert set(detector.findings(html)) == {
        "9 custom images",
        "Move up",
        "Save draft",
        "Documents",
        "Choose a heading",
    }
    for string in Locale.objects.values_list("language_code", flat=True):
        assert not detector.english_words(string)
