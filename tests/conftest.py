"""The page tree every test starts from: root → Site → lv HomePage → its en translation."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connections, transaction
from django.test import override_settings
from django.utils import translation
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Locale, Page, Site

from tests import databases
from tests.network import HungServer
from tests.shared import SHARED_BUILDERS, SharedData, shared_fixture, thaw
from tests.utils import group_member, translate
from website.models import HomePage

PROJECT = Path(__file__).resolve().parents[1]

# Fixtures shared by test packages: the background worker's (worker_mail).
pytest_plugins = ["tests.worker"]


def pytest_configure(config):
    """Compile the Latvian catalogues that are missing or older than their .po file, so that a
    plain `pytest` tests the Latvian site (without them every Latvian label is English), or stop
    with one message saying what is missing. Once per run: in the main process, not the workers.
    """
    if hasattr(config, "workerinput"):
        return
    stale = [
        po
        for pattern in ("locale/*/LC_MESSAGES/*.po", "*/locale/*/LC_MESSAGES/*.po")
        for po in PROJECT.glob(pattern)
        if not {".venv", "node_modules"} & set(po.relative_to(PROJECT).parts)
        and (
            not po.with_suffix(".mo").exists()
            or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
        )
    ]
    if not stale:
        return
    if shutil.which("msgfmt") is None:
        pytest.exit(
            f"{len(stale)} Latvian catalogues are not compiled and msgfmt is missing: install "
            "gettext, then run `make compilemessages` (or `make test`).",
            returncode=4,
        )
    for po in stale:
        subprocess.run(
            ["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], check=True
        )
    # Django has started already (pytest-django) and may have read a language's catalogues
    # without these files: a test process that runs the tests itself (-n 0) would keep those
    # for the whole run. Forget them as a changed LOCALE_PATHS does (Django's own receiver in
    # django.test.signals); they are read again, with the new files, when next used.
    from django.conf import settings
    from django.core.signals import setting_changed
    from django.test import signals  # noqa: F401 - connects that receiver

    setting_changed.send(
        sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
    )


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """The test database: a copy of one migrated template (tests/databases.py), not a migrate
    in every process. Replaces pytest-django's fixture of the same name (--reuse-db and
    --create-db do not apply: the template is what is reused)."""
    with django_db_blocker.unblock():
        connection, old_name, _ = databases.create_test_database()
    yield
    with django_db_blocker.unblock():
        databases.destroy_test_database(connection, old_name)


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site (load_demo_content) in this module's test database: built once per test
    run and copied in (tests/databases.py), put back to the migrated template after the module.
    Its value is the folder of the demo's media files, the module's own copy."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), databases.demo_in_test_database(media):
        yield media


@pytest.fixture
def hung_server():
    """A server that accepts connections and never answers (tests/network.py)."""
    with HungServer() as server:
        yield server


@pytest.fixture
def demo_media(demo_content, _isolated, settings):
    """A test on the demo site reads the demo's files (_isolated gives every test an empty
    media folder)."""
    settings.MEDIA_ROOT = demo_content
    return demo_content


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test that commits (django_db(transaction=True)) ends with every table emptied; put the
    rows the migrations wrote (locales, the root page, content types…) back, so that the tests
    after it in this process (and the demo sites that modules build once) start from the same
    database as every other test. It must ask for serialized_rollback=True: then the emptying
    does not re-create content types under new ids, which the rows put back would clash with.
    """
    yield
    if nextitem is None:
        # The last test of this process: no test follows, and the session's teardown, which
        # ran within this test's, has already dropped the test database.
        return
    marker = item.get_closest_marker("django_db")
    committing = {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    if not committing and not (marker and marker.kwargs.get("transaction")):
        return
    assert marker and marker.kwargs.get("serialized_rollback"), (
        f"{item.nodeid}: a committing test (or one with a live server) needs "
        "django_db(transaction=True, serialized_rollback=True) (tests/conftest.py)"
    )
    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                # Content types first: receivers of the rows loaded before them would create
                # the ones they look up under new ids.
                rows = json.loads(contents)
                rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
                connection.creation.deserialize_db_from_string(json.dumps(rows))


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path, request):
    # The cache outlives each test's rolled-back transaction: start every test with none.
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    # Only a test that gets shared fixtures builds them: pytest-django runs the tests without a
    # database first, and one of those would build the module's data once more for nothing.
    if request.node.stash.get(SHARED, None):
        shared = request.getfixturevalue("_shared_data")
        if shared.media is not None and any(shared.media.iterdir()):
            # The files of the module's shared data, in a folder of this test's own.
            shutil.copytree(shared.media, settings.MEDIA_ROOT)
    # A request or a test may leave another language active in this thread: start from Latvian.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.deactivate()


SHARED = pytest.StashKey[frozenset]()


def _uses_database(item):
    names = set(getattr(item, "fixturenames", ()))
    return bool(item.get_closest_marker("django_db")) or bool(
        {"db", "transactional_db", "django_db_reset_sequences", "live_server"} & names
    )


def _commits(item):
    marker = item.get_closest_marker("django_db")
    names = set(getattr(item, "fixturenames", ()))
    return bool(
        {"transactional_db", "live_server", "django_db_reset_sequences"} & names
        or (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or (marker and marker.args and marker.args[0])
    )


def _shared_fixtures(item):
    """The shared fixtures the test asks for: not a fixture of its module or package that has
    the name of a shared one (tests/website's `pages` is not tests/sitesearch's)."""
    definitions = item._fixtureinfo.name2fixturedefs
    return {
        name
        for name in item.fixturenames
        if name in SHARED_BUILDERS
        and definitions.get(name)
        and getattr(definitions[name][-1].func, "shared_build", None) is SHARED_BUILDERS[name][0]
    }


def pytest_collection_modifyitems(items):
    modules = {}
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and _uses_database(item):
            modules.setdefault(module, []).append(item)
    for module, tests in modules.items():
        on_demo = sum("demo_content" in item.fixturenames for item in tests)
        if 0 < on_demo < len(tests):
            raise pytest.UsageError(
                f"{module.__name__}: demo_content replaces the module's database, so every "
                "test of the module that uses the database must use it, or none"
            )
        if any(_commits(item) for item in tests) or on_demo:
            # A module on the demo site swaps its database under it (demo_content).
            continue
        names = set(SHARED_BUILDERS).intersection(*(_shared_fixtures(item) for item in tests))
        # Only what can be built from shared fixtures alone.
        while True:
            buildable = {
                name
                for name in names
                if all(arg in names or arg == "db" for arg in SHARED_BUILDERS[name][1])
            }
            if buildable == names:
                break
            names = buildable
        for item in tests:
            item.stash[SHARED] = frozenset(names)


@pytest.fixture(scope="module")
def _shared_data(request, django_db_blocker, tmp_path_factory):
    """The shared fixtures of this module (see above), built in a transaction around it."""
    shared = SharedData()
    names = set().union(
        *(
            item.stash.get(SHARED, frozenset())
            for item in request.session.items
            if getattr(item, "module", None) is request.module
        )
    )
    if not names:
        yield shared
        return
    request.getfixturevalue("django_db_setup")
    shared.media = tmp_path_factory.mktemp("shared-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=shared.media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            cache.clear()
            while names - set(shared.values):
                for name in sorted(names - set(shared.values)):
                    build, arguments = SHARED_BUILDERS[name]
                    if all(arg == "db" or arg in shared.values for arg in arguments):
                        kwargs = {arg: thaw(shared.values.get(arg)) for arg in arguments}
                        shared.values[name] = build(**kwargs)
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
    yield shared
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
    cache.clear()


@shared_fixture
def locales(db):
    lv = Locale.objects.get(language_code="lv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return {"lv": lv, "en": en}


@shared_fixture
def home_page(locales):
    """The Latvian home page, root of the default Site (Wagtail's welcome page removed)."""
    root = Page.get_first_root_node()
    for welcome in root.get_children():
        welcome.delete()
    home = HomePage(
        title="Sākums",
        slug="sakums",
        locale=locales["lv"],
        hero_title="Sociālā darba portāls",
        hero_text="Materiāli sociālā darba speciālistiem.",
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test"
    )
    return HomePage.objects.get(pk=home.pk)


@shared_fixture
def home_page_en(home_page):
    return translate(
        home_page,
        slug="home",
        title="Home",
        hero_title="Social Work Portal",
        hero_text="Materials for social work specialists.",
    )


@shared_fixture
def site_tree(home_page, home_page_en):
    return {"lv": home_page, "en": home_page_en}


# The editorial groups' members (website/group_permissions.py): what most editors are.


@pytest.fixture
def editor(db):
    """A member of "Redaktori", not signed in."""
    return group_member("Redaktori", "redaktore")


@pytest.fixture
def editor_client(client, editor):
    """The test client, signed in as `editor`."""
    client.force_login(editor)
    return client


@pytest.fixture
def moderator(db):
    """A member of "Moderatori", not signed in."""
    return group_member("Moderatori", "moderatore")
