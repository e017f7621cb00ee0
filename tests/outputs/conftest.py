"""The demo site for every module in this folder.

The tests here read what machines read (HTML, sitemap, structured data, the podcast feed)
with independent validators and clients, on the real demo content rather than on pages made
for a test (demo_content: built once per test run, copied into each module's database).

Requests go to the host of the demo's Site ("localhost"), so every absolute address the site
writes is the configured one, as on the production host.
"""

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.test import Client
from wagtail.models import Page, Site

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.django_db)


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


@pytest.fixture(scope="module")
def demo(demo_content, django_db_blocker):
    with django_db_blocker.unblock():
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
    return Demo(demo_content, site.hostname, site.root_url, pages)


@pytest.fixture(autouse=True)
def _demo_media(demo_media):
    pass


@pytest.fixture
def site_client(demo):
    """A client that asks for the site by its configured host name."""
    return Client(SERVER_NAME=demo.host)
