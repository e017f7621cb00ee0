"""The adapters around other packages' private APIs (website.adapters).

Per adapter: the canary (its check() passes against the installed packages), a proof that the
canary can fail with a message naming the package, its version and the module to update, and
what the feature built on it does for a reader.
"""

import hashlib
import io
from email.utils import parsedate_to_datetime
from importlib.metadata import version
from pkgutil import iter_modules

import pytest
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.core.management.base import OutputWrapper
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage

from tests.utils import add_page, translate
from website import adapters
from website.adapters import (
    AdapterOutdated,
    csp,
    django_output,
    sitemaps,
    wagtail_files,
)
from website.models import StandardPage
from website.models.pages import TopicsField


def assert_outdated(check, distribution, module, change):
    with pytest.raises(AdapterOutdated) as raised:
        check()
    message = str(raised.value)
    assert message.startswith(f"{distribution} {version(distribution)}: ")
    assert change in message
    assert f"Update {module.__name__}" in message


def test_every_adapter_module_is_checked_and_holds_for_the_installed_packages():
    modules = {f"{adapters.__name__}.{module.name}" for module in iter_modules(adapters.__path__)}
    assert set(adapters.ADAPTERS) == modules
    adapters.check_all()


# Django's Sitemap._urls -----------------------------------------------------------------------


def test_sitemap_canary():
    sitemaps.check()


def test_the_sitemap_canary_fails_when_get_urls_goes_elsewhere(monkeypatch):
    def get_urls(self, page=1, site=None, protocol=None):
        return self._entries(page, self.get_protocol(protocol), self.get_domain(site))

    monkeypatch.setattr(DjangoSitemap, "get_urls", get_urls)
    monkeypatch.setattr(DjangoSitemap, "_entries", lambda self, *args: [], raising=False)
    assert_outdated(sitemaps.check, "Django", sitemaps, "no longer calls self._urls")


def test_the_sitemap_canary_fails_when_urls_changes_its_arguments(monkeypatch):
    monkeypatch.setattr(DjangoSitemap, "_urls", lambda self, page, site: [])
    assert_outdated(sitemaps.check, "Django", sitemaps, "_urls takes (self, page, site)")


def test_the_sitemap_canary_fails_when_wagtail_stops_overriding_urls(monkeypatch):
    monkeypatch.delattr(WagtailSitemap, "_urls")
    assert_outdated(sitemaps.check, "wagtail", sitemaps, "no longer overrides _urls")


def test_the_sitemap_canary_fails_when_urls_stops_recording_last_modified(monkeypatch):
    real = DjangoSitemap._urls

    def forgetful(self, page, protocol, domain):
        urls = real(self, page, protocol, domain)
        vars(self).pop("latest_lastmod", None)
        return urls

    monkeypatch.setattr(DjangoSitemap, "_urls", forgetful)
    assert_outdated(sitemaps.check, "Django", sitemaps, "no longer records latest_lastmod")


@pytest.fixture
def translated_pages(site_tree):
    pages = []
    for number in range(3):
        lv = add_page(site_tree["lv"], StandardPage, title=f"Lapa {number}", slug=f"lapa-{number}")
        pages.append((lv, translate(lv, slug=f"page-{number}", title=f"Page {number}")))
    return pages


@pytest.mark.django_db
def test_the_sitemap_lists_each_page_with_its_translation_and_the_latest_change(
    client, translated_pages
):
    response = client.get("/sitemap.xml")
    body = response.content.decode()
    for lv, en in translated_pages:
        assert f"<loc>{lv.full_url}</loc>" in body
        assert f'hreflang="en" href="{en.full_url}"' in body
        assert f'hreflang="lv" href="{lv.full_url}"' in body
    latest = max(page.last_published_at for pair in translated_pages for page in pair)
    assert parsedate_to_datetime(response["Last-Modified"]) == latest.replace(microsecond=0)


@pytest.mark.django_db
def test_the_sitemap_looks_translations_up_once_however_many_pages(client, site_tree):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap.xml").status_code == 200
        return len(captured)

    lv = add_page(site_tree["lv"], StandardPage, title="Lapa", slug="lapa")
    translate(lv, slug="page", title="Page")
    queries()  # the first request also fills the site's caches
    few = queries()
    for number in range(4):
        lv = add_page(site_tree["lv"], StandardPage, title=f"Cita {number}", slug=f"cita-{number}")
        translate(lv, slug=f"other-{number}", title=f"Other {number}")
    assert queries() == few


# Django's OutputWrapper._out ------------------------------------------------------------------


def test_command_output_canary():
    django_output.check()


def test_the_command_output_canary_fails_when_the_stream_moves(monkeypatch):
    def init(self, out, ending="\n"):
        vars(self)["stream"] = out
        self.ending = ending

    monkeypatch.setattr(OutputWrapper, "__init__", init)
    assert_outdated(django_output.check, "Django", django_output, "no longer keeps the stream")


def test_the_command_output_canary_fails_when_the_stream_is_renamed(monkeypatch):
    monkeypatch.setattr(OutputWrapper, "__init__", lambda self, stream, ending="\n": None)
    assert_outdated(django_output.check, "Django", django_output, "no longer takes the stream")


def test_a_progress_bar_redraws_one_line_on_the_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    from tqdm import tqdm

    terminal = Terminal()
    wrapper = OutputWrapper(terminal)
    for _ in tqdm(range(3), file=django_output.raw_stream(wrapper), desc="Importing"):
        pass
    output = terminal.getvalue()
    assert "Importing: 100%" in output
    assert output.count("\r") >= 2
    assert output.count("\n") <= 1  # one line, redrawn; not one per step


# Wagtail's _set_file_hash ---------------------------------------------------------------------


def test_file_hash_canary():
    wagtail_files.check()


@pytest.mark.parametrize("abstract", [AbstractDocument, AbstractImage])
def test_the_file_hash_canary_fails_when_the_method_goes(monkeypatch, abstract):
    monkeypatch.delattr(abstract, "_set_file_hash")
    assert_outdated(wagtail_files.check, "wagtail", wagtail_files, "_set_file_hash is gone")


@pytest.mark.parametrize("abstract", [AbstractDocument, AbstractImage])
def test_the_file_hash_canary_fails_when_the_hash_changes(monkeypatch, abstract):
    def md5(self):
        with self.open_file() as f:
            self.file_hash = hashlib.md5(f.read()).hexdigest()

    monkeypatch.setattr(abstract, "_set_file_hash", md5)
    assert_outdated(wagtail_files.check, "wagtail", wagtail_files, "not the file's SHA-1")


def test_the_file_hash_canary_fails_when_the_method_wants_arguments(monkeypatch):
    monkeypatch.setattr(AbstractDocument, "_set_file_hash", lambda self, save: None)
    assert_outdated(wagtail_files.check, "wagtail", wagtail_files, "takes (self, save)")


# django-csp's _csp_replace ---------------------------------------------------------------------


def test_csp_canary():
    csp.check()


def test_the_csp_canary_fails_when_the_decorator_keeps_its_directives_elsewhere(monkeypatch):
    def csp_replace(config):
        def decorator(view):
            def wrapped(request):
                response = view(request)
                response.csp_directives = config
                return response

            return wrapped

        return decorator

    monkeypatch.setattr(csp, "csp_replace", csp_replace)
    assert_outdated(csp.check, "django-csp", csp, "no longer puts its directives in _csp_replace")


def test_the_csp_canary_fails_when_the_middleware_stops_reading_them(monkeypatch):
    from csp.middleware import CSPMiddleware, PolicyParts

    monkeypatch.setattr(
        CSPMiddleware,
        "get_policy_parts",
        lambda self, request, response, report_only=False: PolicyParts(None, None, None, None),
    )
    assert_outdated(csp.check, "django-csp", csp, "no longer writes the directives")


# taggit: the former workaround ----------------------------------------------------------------


def test_historical_topic_fields_never_carry_a_related_name():
    """TopicsField no longer interpolates "%(class)s" in a related name as taggit does not:
    migrations, its only users, never give it one. If taggit starts writing related_name into
    migrations, this fails: the historical fields would then need the interpolation back."""
    field = TopicsField(
        related_name="%(app_label)s_%(class)s_pages",
        through="website.PageTopic",
        to="website.TopicTag",
    )
    field.set_attributes_from_name("topics")
    _, path, _, kwargs = field.deconstruct()
    assert path == "website.models.pages.TopicsField"
    assert "related_name" not in kwargs
