import json
import os
import subprocess
import sys

import pytest

from tests import production


@pytest.mark.parametrize(
    "missing", ["SITE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "OAI_PMH_ADMIN_EMAIL"]
)
def test_production_refuses_to_start_without_its_configuration(missing):
    env = {k: v for k, v in production.ENV.items() if k != missing}
    result = production.manage("check", env=env, unset=(missing,))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


@pytest.mark.parametrize("address", ["webmaster@localhost", "redakcija", "a b@lm.gov.lv"])
def test_production_refuses_an_admin_email_harvesters_could_not_use(address):
    env = {**production.ENV, "OAI_PMH_ADMIN_EMAIL": address}
    result = production.manage("check", env=env)
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
    result = production.manage("check", env={**production.ENV, "SITE_URL": address})
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_a_plain_http_site_url_fails_the_deployment_checklist():
    """http:// is for a test stack on loopback: cookies then go without Secure, and the
    checklist says so."""
    env = {**production.ENV, "SITE_URL": "http://127.0.0.1:8480"}
    result = production.manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stdout + result.stderr


def test_production_passes_the_deployment_checklist():
    result = production.manage("check", "--deploy", "--fail-level", "WARNING", env=production.ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_environment_chooses_database_cache_and_search():
    def chosen(**env):
        """The database engine, cache and search backends of the base settings."""
        code = (
            "import os, json;"
            "os.environ['DJANGO_SETTINGS_MODULE']='website.settings.base';"
            "from django.conf import settings;"
            "print(json.dumps([settings.DATABASES['default']['ENGINE'],"
            "settings.CACHES['default']['BACKEND'], sorted(settings.WAGTAILSEARCH_BACKENDS)]))"
        )
        names = {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL"}
        environ = {k: v for k, v in os.environ.items() if k not in names}
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=production.PROJECT,
            env={**environ, **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(result.stdout)

    engine, cache, backends = chosen(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal",
        REDIS_URL="redis://127.0.0.1:6379/1",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
    )
    assert engine == "django.db.backends.postgresql"
    assert cache == "website.redis_cache.FailFastRedisCache"
    assert "default" in backends and len(backends) > 1

    engine, cache, backends = chosen()
    assert engine == "django.db.backends.sqlite3"
    assert cache == "django.core.cache.backends.locmem.LocMemCache"
    assert backends == ["default"]


def test_the_deployment_checklist_wants_the_proxy_count_behind_a_proxy():
    behind = {**production.ENV, "SECURE_PROXY_SSL_HEADER": "1"}
    result = production.manage("check", "--deploy", "--fail-level", "WARNING", env=behind)
    assert result.returncode != 0
    assert "website.W001" in result.stdout + result.stderr
    counted = {**behind, "TRUSTED_PROXY_COUNT": "1"}
    result = production.manage("check", "--deploy", "--fail-level", "WARNING", env=counted)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deployment_checklist_wants_background_indexing_with_a_cluster():
    clustered = {**production.ENV, "SEARCH_ENGINE_URL": "opensearch+http://127.0.0.1:9"}
    result = production.manage("check", "--deploy", "--fail-level", "WARNING", env=clustered)
    assert result.returncode != 0
    assert "website.W002" in result.stdout + result.stderr
    background = {**clustered, "BACKGROUND_WORKER": "1"}
    result = production.manage("check", "--deploy", "--fail-level", "WARNING", env=background)
    assert result.returncode == 0, result.stdout + result.stderr
