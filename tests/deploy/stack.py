"""What the stack tests share (tests/deploy/conftest.py starts the stack, once a session).

The production stack of the README, started by `deploy/run-local` on 127.0.0.1 and asked
over HTTP as a browser, a podcast app or an attacker would: Debian's nginx in front of gunicorn
(website.settings.production), the background worker (mail, search indexing), PostgreSQL and
Redis, the demo content loaded.

Marker `stack` (`make test-stack`); it needs nginx (apt-get install nginx), PostgreSQL 15's
binaries and Redis on 127.0.0.1 (`make services`). The stack runs on a PostgreSQL cluster of
its own (run-local's STACK_PRIVATE_POSTGRES=1), which a test stops and starts again; with
STACK_PRIVATE_POSTGRES=0 it uses STACK_DATABASE_URL (dropped and created) instead, and that test
is skipped. STACK_REDIS_URL (emptied) names its Redis database. Mail goes to a local SMTP sink
(aiosmtpd) that the mail test starts; search indexing goes to the OpenSearch test node at
OPENSEARCH_TEST_URL when one answers (`make opensearch-start`). REQUIRE_STACK=1 turns a missing
part into a failure (and REQUIRE_OPENSEARCH=1 a missing node).
"""

import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests
from wagtail.test.utils.form_data import nested_form_data, streamfield

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# A stack of its own for each test process that starts one (database, Redis database, ports):
# two processes on one database would migrate it at the same time.
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
DATABASE_URL = os.environ.get(
    "STACK_DATABASE_URL",
    "postgres://postgres:postgres@127.0.0.1:5432/stack_portal" + (f"_{WORKER}" if WORKER else ""),
)
REDIS_URL = os.environ.get("STACK_REDIS_URL", f"redis://127.0.0.1:6379/{13 - WORKER % 4}")
PORT = int(os.environ.get("STACK_PORT", str(8180 + 20 * WORKER)))
APP_PORT = PORT + 1
PG_PORT = PORT + 5  # the stack's own PostgreSQL
SMTP_PORT = PORT + 6  # the mail sink the mail test starts
PRIVATE_POSTGRES = os.environ.get("STACK_PRIVATE_POSTGRES", "1") == "1"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SECRET = b"SLEPENS-SATURS-4410"
PASSWORD = "stack-parole"
FILE_PREFIXES = ("/media/", "/documents/", "/static/")

MODERATOR_PASSWORD = "stack-tests-only-moderatore"


def unavailable(reason):
    if os.environ.get("REQUIRE_STACK"):
        pytest.fail(reason)
    pytest.skip(reason)


def free(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@dataclass
class Stack:
    folder: Path
    env: dict
    run_env: dict

    base = f"http://127.0.0.1:{PORT}"
    app = f"http://127.0.0.1:{APP_PORT}"

    def run_local(self, action):
        subprocess.run(
            ["deploy/run-local", action, str(self.folder)],
            cwd=ROOT,
            env=self.run_env,
            check=True,
            timeout=120,
        )

    @property
    def media_root(self):
        return Path(self.env["MEDIA_ROOT"])

    def manage(self, *args, stdin=None):
        result = subprocess.run(
            [str(ROOT / ".venv/bin/python"), "manage.py", *args],
            cwd=ROOT,
            env={**os.environ, **self.env},
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def gunicorn(self, port, **overrides):
        """Another gunicorn of the same site, with some settings changed; stopped by the caller."""
        pid = self.folder / f"gunicorn-{port}.pid"
        env = {
            **os.environ,
            **self.env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_ERROR_LOG": str(self.folder / f"gunicorn-{port}.log"),
            **overrides,
        }
        subprocess.run(
            [str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py", "--daemon"]
            + ["--pid", str(pid), "website.wsgi:application"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        for _ in range(100):
            if pid.exists() and not free(port):
                break
            time.sleep(0.1)
        return pid


def read_env(path):
    env = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    return env


def csrf_token(html):
    return html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]


class FormFields(HTMLParser):
    """What a browser would send of a form's own fields (without JavaScript)."""

    def __init__(self):
        super().__init__()
        self.fields = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = [""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.setdefault(self._select, []).append(attrs.get("value") or "")

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self._textarea:  # the line break after the tag is not part of the value
                self.fields[self._textarea][0] = self.fields[self._textarea][0].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def moderator_session(stack):
    """A member of "Moderatori", signed in through nginx with the admin's login form."""
    session = requests.Session()
    login = session.get(f"{stack.base}/admin/login/", timeout=30)
    session.post(
        f"{stack.base}/admin/login/",
        data={
            "csrfmiddlewaretoken": csrf_token(login.text),
            "username": "kesa-moderatore",
            "password": MODERATOR_PASSWORD,
        },
        headers={"Referer": f"{stack.base}/admin/login/"},
        timeout=30,
    )
    assert "sessionid" in session.cookies
    return session


def publish(stack, page_id, introduction):
    """The admin's Publish over HTTP, as a moderator's browser does it: the page's edit form as
    the admin rendered it, the introduction changed, sent with action-publish."""
    session = moderator_session(stack)
    edit = f"{stack.base}/admin/pages/{page_id}/edit/"
    form = session.get(edit, timeout=30)
    assert form.status_code == 200 and 'name="action-publish"' in form.text
    parser = FormFields()
    parser.feed(form.text)
    data = {name: values for name, values in parser.fields.items() if not name.startswith("body")}
    # The body's StreamField is built by the admin's JavaScript; this page's is empty.
    data.update(nested_form_data({"body": streamfield([])}))
    data["introduction"] = introduction
    data["action-publish"] = "action-publish"
    response = session.post(
        edit, data=data, headers={"Referer": edit}, timeout=60, allow_redirects=False
    )
    assert response.status_code == 302, re.findall(
        r'class="error-message"[^<]*<[^>]*>([^<]*)', response.text
    )
    assert f"/admin/pages/{page_id}/edit/" not in response.headers["Location"]


def cached_status(url, **kwargs):
    response = requests.get(url, timeout=30, allow_redirects=False, **kwargs)
    return response, response.headers.get("X-Cache-Status")


def stop_pid(pid_file):
    pid = int(pid_file.read_text())
    os.kill(pid, 15)
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)


def timed_get(url, **kwargs):
    started = time.monotonic()
    response = requests.get(url, timeout=60, **kwargs)
    return response, time.monotonic() - started


def request_password_reset(stack, address):
    session = requests.Session()
    form = session.get(f"{stack.base}/admin/password_reset/", timeout=30)
    assert form.status_code == 200
    return timed_post(
        session,
        f"{stack.base}/admin/password_reset/",
        data={"csrfmiddlewaretoken": csrf_token(form.text), "email": address},
        headers={"Referer": f"{stack.base}/admin/password_reset/"},
        allow_redirects=False,
    )


def timed_post(session, url, **kwargs):
    started = time.monotonic()
    response = session.post(url, timeout=60, **kwargs)
    return response, time.monotonic() - started
