import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_extra=None, drop=()):
    # Only what production would have: a test runner's DJANGO_ALLOW_ASYNC_UNSAFE, say, is not.
    drop = {*drop, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(env_extra or {})
    env["DJANGO_SETTINGS_MODULE"] = "website.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "SITE_URL": "https://socialais-darbs.example.lv",
    "SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "ALLOWED_HOSTS": "socialais-darbs.example.lv",
    "DATABASE_URL": "sqlite:////tmp/production-check.sqlite3",
    "OAI_PMH_ADMIN_EMAIL": "oai@socialais-darbs.example.lv",
}


@pytest.mark.parametrize(
    "missing", ["SITE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "OAI_PMH_ADMIN_EMAIL"]
)
def test_production_refuses_to_start_without_its_configuration(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env_extra=env, drop=(missing,))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


@pytest.mark.parametrize("address", ["webmaster@localhost", "redakcija", "a b@lm.gov.lv"])
def test_production_refuses_an_admin_email_harvesters_could_not_use(address):
    env = {**PRODUCTION_ENV, "OAI_PMH_ADMIN_EMAIL": address}
    result = run_manage("check", env_extra=env)
    assert result.returncode != 0
    assert "OAI_PMH_ADMIN_EMAIL is not an e-mail address" in result.stderr


@pytest.mark.parametrize(
    "address",
    [
        "socialais-darbs.example.lv",  # no scheme
        "https://socialais-darbs.example.lv/portals/",  # a path: the site is served from /
        "ftp://socialais-darbs.example.lv",
        "https://socialais-darbs.example.lv:8443",  # Wagtail's Site cannot hold it
        "https://user:secret@socialais-darbs.example.lv",
    ],
)
def test_production_refuses_a_site_url_that_is_not_a_public_address(address):
    result = run_manage("check", env_extra={**PRODUCTION_ENV, "SITE_URL": address})
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_a_plain_http_site_url_fails_the_deployment_checklist():
    """http:// is for a test stack on loopback: cookies then go without Secure, and the
    checklist says so."""
    env = {**PRODUCTION_ENV, "SITE_URL": "http://127.0.0.1:8480"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=env)
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stdout + result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_environment_chooses_database_cache_and_search(monkeypatch):
    code = (
        "import os, json;"
        "os.environ['DJANGO_SETTINGS_MODULE']='website.settings.base';"
        "from django.conf import settings;"
        "print(json.dumps([settings.DATABASES['default']['ENGINE'],"
        "settings.CACHES['default']['BACKEND'], sorted(settings.WAGTAILSEARCH_BACKENDS)]))"
    )
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/portal",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    engine, cache, backends = __import__("json").loads(result.stdout)
    assert engine == "django.db.backends.postgresql"
    assert cache == "website.redis_cache.FailFastRedisCache"
    assert "default" in backends and len(backends) > 1

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL"}
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    engine, cache, backends = __import__("json").loads(result.stdout)
    assert engine == "django.db.backends.sqlite3"
    assert cache == "django.core.cache.backends.locmem.LocMemCache"
    assert backends == ["default"]


def test_the_deployment_checklist_wants_the_proxy_count_behind_a_proxy():
    behind = {**PRODUCTION_ENV, "SECURE_PROXY_SSL_HEADER": "1"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=behind)
    assert result.returncode != 0
    assert "website.W001" in result.stdout + result.stderr
    counted = {**behind, "TRUSTED_PROXY_COUNT": "1"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=counted)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deployment_checklist_wants_background_indexing_with_a_cluster():
    clustered = {**PRODUCTION_ENV, "SEARCH_ENGINE_URL": "opensearch+http://127.0.0.1:9"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=clustered)
    assert result.returncode != 0
    assert "website.W002" in result.stdout + result.stderr
    background = {**clustered, "BACKGROUND_WORKER": "1"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=background)
    assert result.returncode == 0, result.stdout + result.stderr
