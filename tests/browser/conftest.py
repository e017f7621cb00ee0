"""Browser tests: Debian's Chromium driven by Playwright against the demo site.

Each test process copies the demo snapshot (tests/databases.py: load_demo_content, built once
per run) into a database of its own (SQLite, or one on the PostgreSQL server DATABASE_URL
names) and serves it by Django's development server in its own process, so every browser test
sees the real demo content and no test touches the ORM inside Playwright's event loop.
axe-core comes from node_modules (npm ci), never from a CDN.

Pages are loaded under the site's real Content-Security-Policy: every tab records the browser's
CSP reports from its console, and assert_accessible() fails on any. axe-core is run through
Playwright's evaluate (the DevTools protocol, which the page's policy does not govern), never
as a <script> the policy would block.
"""

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.network import free_port

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            # One process runs each module (make test: --dist loadgroup), and the modules are
            # shared out among the processes: each starts Chromium and its demo server (a copy
            # of the demo snapshot, seconds) once.
            item.add_marker(pytest.mark.xdist_group(f"browser-{Path(item.fspath).stem}"))


def _require(condition, reason):
    if condition:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def database_for(folder, name):
    """Where a demo server keeps its data: SQLite in its folder, or, when the tests run on
    PostgreSQL (DATABASE_URL), a database of this process's own on that server, made afresh.
    Either is a copy of the demo site built once per test run (tests/databases.py), its media
    files in folder/media; the server's migrate only applies its SITE_URL."""
    from tests import databases

    # This process's browser (package-scoped) may already be open, and Playwright's synchronous
    # API keeps an event loop running in this thread, under which Django refuses database work.
    # No coroutine touches the database here: allowed for these few statements only.
    with mock.patch.dict(os.environ, {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"}):
        snapshot, media = databases.demo_snapshot()
        databases.copy_files(media, folder / "media")
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            databases.copy_database(folder / "db.sqlite3", snapshot)
            return f"sqlite:///{folder / 'db.sqlite3'}"
        parts = urlsplit(url)
        # Each test process runs a demo server of its own.
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        database = f"{parts.path.lstrip('/') or 'portal'}_{name}_{worker}"
        databases.copy_database(database, snapshot)
        return urlunsplit(parts._replace(path=f"/{database}"))


def server_environment(folder, database_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DEBUG": "true",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(folder / "media"),
        "DJANGO_SUPERUSER_PASSWORD": "browser-tests-only",
    }
    env.pop("REDIS_URL", None)
    env.pop("ELASTICSEARCH_URL", None)
    env.pop("SEARCH_ENGINE_URL", None)
    env.pop("EMAIL_URL", None)
    return env


def manage(env, *command, timeout=600):
    """Run a management command for a demo server; its output is in the error if it fails."""
    result = subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), *command],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


# The copy of the demo site answers at the server's address (migrate applies SITE_URL to the
# Site), and its admin user logs in with DJANGO_SUPERUSER_PASSWORD as load_demo_content's would.
PREPARE = """
import os
from django.contrib.auth import get_user_model
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
admin = get_user_model().objects.get(username="admin")
admin.set_password(os.environ["DJANGO_SUPERUSER_PASSWORD"])
admin.save()
"""


def start_demo_server(folder, database_url):
    """The demo site (a copy of the demo snapshot, database_for) served by runserver at a port
    of its own: (base URL, env, process, log)."""
    port = free_port()
    env = server_environment(folder, database_url)
    # The site's public address is the server's, as SITE_URL is in production (migrate applies
    # it to the Site; feeds, sitemap and JSON-LD build their links on it).
    env["SITE_URL"] = f"http://127.0.0.1:{port}"
    manage(env, "shell", "-c", PREPARE)
    log = open(folder / "server.log", "w")
    server = subprocess.Popen(
        [
            sys.executable,
            str(PROJECT / "manage.py"),
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
        ],
        cwd=PROJECT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base_url}/robots.txt", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                log_path = folder / "server.log"
                raise RuntimeError(f"demo server did not start; see {log_path}") from None
            time.sleep(0.3)
    return base_url, env, server, log


def stop_demo_server(server, log):
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory, django_db_setup, django_db_blocker):
    """The shared demo server: (base URL, the environment its management commands run in)."""
    folder = tmp_path_factory.mktemp("browser-site")
    with django_db_blocker.unblock():
        database_url = database_for(folder, "browser")
    base_url, env, server, log = start_demo_server(folder, database_url)
    yield base_url, env
    stop_demo_server(server, log)


@pytest.fixture(scope="session")
def demo_server(demo_site):
    return demo_site[0]


# The first live public page of every page type in each language, read from the demo server's
# database by a management command (no ORM in the test process, which runs Playwright's loop).
PAGES_BY_TYPE = """
import json
from wagtail.models import Page
found = {}
pages = Page.objects.live().public().filter(depth__gt=1).select_related("locale").specific()
for page in pages.order_by("path"):
    if page.url:
        found.setdefault(f"{type(page).__name__} {page.locale.language_code}", page.url)
print("PAGES " + json.dumps(found))
"""


@pytest.fixture(scope="session")
def demo_pages(demo_site):
    """{"EventIndexPage lv": "/lv/pasakumi/", …}: one page of every page type per language."""
    import json

    output = manage(demo_site[1], "shell", "-c", PAGES_BY_TYPE)
    line = next(line for line in output.splitlines() if line.startswith("PAGES "))
    return json.loads(line.removeprefix("PAGES "))


# Per package, not per session: Playwright's synchronous API keeps an event loop running while
# it is open, and Django refuses database work under a running loop, so the browser is closed
# before the worker goes on to the tests of another package.
@pytest.fixture(scope="package")
def browser():
    _require(Path(CHROMIUM).exists() or shutil.which(CHROMIUM), f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _watch_content_security_policy(tab):
    """Collect the console messages in which the browser reports a blocked resource or script."""
    tab.csp_violations = []

    def record(message):
        if "Content Security Policy" in message.text:
            tab.csp_violations.append(f"{tab.url}: {message.text}")

    tab.on("console", record)
    return tab


def assert_no_csp_violations(page):
    assert not page.csp_violations, "Content-Security-Policy violations:\n" + "\n".join(
        page.csp_violations
    )


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="lv-LV")
    tab = _watch_content_security_policy(context.new_page())
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def mobile_page(browser):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, locale="lv-LV"
    )
    tab = _watch_content_security_policy(context.new_page())
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def axe_violations(page, tags=WCAG_TAGS):
    """axe-core's violations of the rules with these tags on the page, as "url: rule (impact)
    nodes" lines paired with the impact. Only violations are collected in full (resultTypes: the
    passes are not gathered node by node, which is most of axe's work on a long page)."""
    _require(AXE.exists(), f"axe-core is not installed ({AXE}); run `npm ci`")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags},
                                      resultTypes: ["violations"]})
                      .then(result => result.violations)""",
        tags,
    )
    return [
        (
            v["impact"],
            f"{page.url}: {v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(", ".join(node["target"]) for node in v["nodes"][:5]),
        )
        for v in violations
    ]


def assert_accessible(page):
    """Run axe-core (WCAG 2.1 A and AA rules) on the page; fail on serious or critical issues.

    Fails too if the browser has reported a Content-Security-Policy violation on this tab."""
    if hasattr(page, "csp_violations"):
        assert_no_csp_violations(page)
    problems = [line for impact, line in axe_violations(page) if impact in ("serious", "critical")]
    assert not problems, "axe-core found problems:\n" + "\n".join(problems)
