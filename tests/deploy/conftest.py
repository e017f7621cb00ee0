"""The production stack (tests/deploy/stack.py), started once for every stack test of a session
(the test modules are test_stack_*.py), and the pages and moderator the front cache, worker and
outage tests share."""

import json
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.deploy.stack import (
    APP_PORT,
    DATABASE_URL,
    MODERATOR_PASSWORD,
    NGINX,
    PASSWORD,
    PG_BIN,
    PG_PORT,
    PORT,
    PRIVATE_POSTGRES,
    REDIS_URL,
    ROOT,
    SMTP_PORT,
    Stack,
    free,
    read_env,
    unavailable,
)
from tests.sitesearch import opensearch_node


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    if not Path(NGINX).exists():
        unavailable("nginx is not installed (apt-get install nginx)")
    import psycopg
    import redis

    if PRIVATE_POSTGRES and not (PG_BIN / "initdb").exists():
        unavailable(f"no {PG_BIN}/initdb (apt-get install postgresql-15)")
    try:
        if not PRIVATE_POSTGRES:
            admin = urlsplit(DATABASE_URL)._replace(path="/postgres").geturl()
            psycopg.connect(admin, connect_timeout=3).close()
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as error:  # noqa: BLE001 - whatever stops them, the stack cannot run
        unavailable(f"PostgreSQL or Redis on 127.0.0.1 does not answer (make services): {error}")
    ports = (PORT, APP_PORT, PORT + 2, PG_PORT, SMTP_PORT)
    if not all(free(port) for port in ports):
        unavailable(f"ports {ports} are not all free (STACK_PORT chooses others)")
    folder = tmp_path_factory.mktemp("stack")
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "STACK_PRIVATE_POSTGRES": "1" if PRIVATE_POSTGRES else "0",
        "PG_PORT": str(PG_PORT),
        "REDIS_URL": REDIS_URL,
        "PORT": str(PORT),
        "APP_PORT": str(APP_PORT),
        # The front cache keeps pages as long as the site's max-age: short, for the tests.
        "PAGE_CACHE_BROWSER_SECONDS": "5",
        # The worker sends mail to the sink the mail test starts there (down otherwise).
        "STACK_EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}/?timeout=5",
    }
    # The worker indexes into the OpenSearch test node, when there is one.
    node = opensearch_node.node_url()
    info = opensearch_node.about(node)
    if info and info.get("version", {}).get("distribution") == "opensearch":
        env["STACK_SEARCH_ENGINE_URL"] = f"opensearch+{node}"
        env["STACK_SEARCH_INDEX_PREFIX"] = opensearch_node.index_prefix().replace(
            "test_", "stack_", 1
        )
    started = subprocess.run(
        ["deploy/run-local", "start", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        assert started.returncode == 0, started.stderr[-3000:]
        yield Stack(folder, read_env(folder / "env"), env)
    finally:
        subprocess.run(["deploy/run-local", "stop", str(folder)], cwd=ROOT, env=env, timeout=60)


@pytest.fixture(scope="session")
def front_pages(stack):
    """A public page, pages behind a password and behind a login, and a moderator."""
    script = f"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, PageViewRestriction
from website.models.pages import HomePage, StandardPage

home = HomePage.objects.get(locale=Locale.objects.get(language_code="lv"))
made = {{}}
for kind in ("public", "password", "login"):
    page = StandardPage(title="Kešs " + kind, slug="kess-" + kind, introduction="Pirmais teksts.")
    home.add_child(instance=page)
    page.save_revision().publish()
    if kind != "public":
        PageViewRestriction.objects.create(
            page=page, restriction_type=kind, password={PASSWORD!r} if kind == "password" else "")
    made[kind] = {{"id": page.pk, "url": page.url}}
user = get_user_model().objects.create_user(
    "kesa-moderatore", email="kesa@example.lv", password={MODERATOR_PASSWORD!r})
user.groups.add(Group.objects.get(name="Moderatori"))
print(json.dumps(made))
"""
    return json.loads(stack.manage("shell", "-c", script).strip().splitlines()[-1])
