"""The demo site, built once for every module in this folder.

The tests here read what machines read (HTML, sitemap, structured data, the podcast feed)
with independent validators and clients, on the real demo content rather than on pages made
for a test. Loading the demo takes about a minute, so it is done once for the folder (a
package-scoped fixture, rolled back after the last module) and every test here runs in one
process (xdist group "outputs"; `make test` distributes with --dist loadgroup).

Requests go to the host of the demo's Site ("localhost"), so every absolute address the site
writes is the configured one, as on the production host.
"""

import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from wagtail.models import Page, Site

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.django_db)
            item.add_marker(pytest.mark.xdist_group("outputs"))


@dataclass
class Demo:
    media: Path
    host: str
    root_url: str
    # Every live public page, in tree order, as (page type, language, path).
    pages: list = field(default_factory=list)

    def first(self, kind, language):
        """The path of the first page of that type and language."""
        for page_kind, page_language, path in self.pages:
            if page_kind == kind and page_language == language:
                return path
        raise LookupError(f"the demo has no {kind} in {language}")


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"not a test database: {name}"
        with transaction.atomic():
            cache.clear()
            call_command("load_demo_content", stdout=io.StringIO())
            site = Site.objects.get(is_default_site=True)
            pages = [
                (type(page).__name__, page.locale.language_code, page.url)
                for page in Page.objects.live()
                .public()
                .filter(depth__gt=1)
                .select_related("locale")
                .specific()
                .order_by("path")
                if page.url
            ]
            yield Demo(media, site.hostname, site.root_url, pages)
            transaction.set_rollback(True)
    cache.clear()


@pytest.fixture(autouse=True)
def _demo_media(_isolated, settings, demo):
    # tests/conftest.py gives every test an empty media folder: use the demo's files.
    settings.MEDIA_ROOT = demo.media


@pytest.fixture
def site_client(demo):
    """A client that asks for the site by its configured host name."""
    return Client(SERVER_NAME=demo.host)
