"""The production settings, in a process of their own: they read the environment once, when
they are imported, so each combination of variables is a new Python process."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]

# What production needs to start at all.
ENV = {
    "SITE_URL": "https://socialais-darbs.example.lv",
    "SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "ALLOWED_HOSTS": "socialais-darbs.example.lv",
    "DATABASE_URL": "sqlite:////tmp/production-check.sqlite3",
    "OAI_PMH_ADMIN_EMAIL": "oai@socialais-darbs.example.lv",
}


def run(*args, env=None, unset=()):
    """`python args…` in the project with website.settings.production, this environment
    without the names in `unset` and with `env` on top. A test runner's
    DJANGO_ALLOW_ASYNC_UNSAFE is never passed on: production does not have it."""
    environ = {
        name: value
        for name, value in os.environ.items()
        if name not in {*unset, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environ.update(env or {})
    environ["DJANGO_SETTINGS_MODULE"] = "website.settings.production"
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def manage(*args, env=None, unset=()):
    return run("manage.py", *args, env=env, unset=unset)


def settings(*expressions, env=None, unset=()):
    """The values of `expressions` (of the settings module `s`) printed on one line, each
    with str(), by production's settings with ENV and `env`."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        f"print({', '.join(expressions)})"
    )
    return run("-c", code, env={**ENV, **(env or {})}, unset=unset)
