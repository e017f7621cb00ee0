"""Nothing restricted or unpublished reaches the public, through any channel or cache.

The demo site gets one secret of every kind, each with its own marker word: pages that are
drafts, scheduled, behind a password, a login or a group, a live page's unpublished draft,
documents and an image in a login-only collection, a file used only by a restricted page, a
dictionary entry waiting for approval and an approved entry's unapproved edit. An editor then
looks at all of them (with the anonymous page cache on). Then an anonymous visitor crawls every
public address (pages and their routes, sitemap, feeds, calendars, OAI-PMH, exports, media and
documents linked from anywhere), searches and autocompletes for every marker, and asks for
every secret file in every way (Range, HEAD, If-Range). No response may carry a marker, a
secret page's address (except its own), or a secret file's bytes.

Run alone with `pytest tests/website/test_leak_scan.py`.
"""

import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from html import unescape
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client, override_settings
from django.urls import NoReverseMatch
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from dictionary.models import DictionaryPage, Term
from website.demo.loader import make_pdf
from website.models import HomeFeaturedItem, StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("leak-scan")]

LINK_RE = re.compile(r"""(?:href|src|url|action)=["']([^"'#]+)""")
OAI_TOKEN_RE = re.compile(r"<resumptionToken[^>]*>([^<]+)</resumptionToken>")
# Page types copied into secret variants: one demo page of each, so that every template, feed,
# calendar and export that lists that type is exercised.
COPIED_TYPES = [
    "methodologies.MethodologyPage",
    "events.SeminarPage",
    "events.ConferencePage",
    "events.DiscussionPage",
    "podcast.EpisodePage",
    "periodical.ArticlePage",
    "periodical.IssuePage",
    "research.ResearchPage",
    "campaign.PortraitPage",
    "campaign.DiaryEntryPage",
    "projects.ProjectPage",
    "website.StandardPage",
]
RULES = ["draft", "scheduled", "password", "login", "groups", "livedraft"]
# Crawling every combination of filters would take hours; a few variants per path show
# whether a list leaks.
QUERY_VARIANTS_PER_PATH = 6
MAX_REQUESTS = 4000


def marker(*parts):
    return "LEAK" + "".join(part.upper() for part in parts) + "ZQ"


@dataclass
class Secrets:
    markers: set = field(default_factory=set)
    # Addresses of secret pages: listed nowhere but answered (refused) at themselves.
    page_paths: dict = field(default_factory=dict)
    # (url, bytes) of files nobody anonymous may read.
    files: list = field(default_factory=list)
    editor: object = None


def secret_copy(page, rule, parent=None):
    """A copy of a demo page carrying a marker, in the state `rule` names."""
    word = marker(rule, type(page).__name__)
    slug = f"slepena-{rule}-{type(page).__name__.lower()}"
    copy = page.copy(
        to=parent or page.get_parent(),
        update_attrs={
            "title": f"{page.title} {word}",
            "draft_title": f"{page.title} {word}",
            "slug": slug,
            "seo_title": word,
            "search_description": f"Apraksts {word}",
            "listing_summary": f"Kopsavilkums {word}",
        },
        keep_live=rule not in ("draft", "scheduled"),
        copy_revisions=False,
        reset_translation_key=True,
        log_action=None,
    ).specific
    copy.save_revision()
    if rule == "scheduled":
        copy.go_live_at = timezone.now() + timedelta(days=30)
        copy.save_revision().publish()
    elif rule in ("password", "login", "groups"):
        restriction = PageViewRestriction.objects.create(
            page=copy, restriction_type=rule, password="x7-parole" if rule == "password" else ""
        )
        if rule == "groups":
            restriction.groups.add(Group.objects.get(name="Moderatori"))
    elif rule == "livedraft":
        # The live copy is public; only its unpublished edit is secret.
        copy.title = f"{page.title} (kopija)"
        copy.seo_title = copy.search_description = copy.listing_summary = ""
        copy.save_revision().publish()
        copy.title = f"{page.title} {word}"
        copy.listing_summary = f"Kopsavilkums {word}"
        copy.save_revision()
        return word, None
    copy.refresh_from_db()
    return word, copy


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "purple").save(buffer, "PNG")
    return buffer.getvalue()


def add_secrets():
    secrets = Secrets()
    for label in COPIED_TYPES:
        model = (
            Page.objects.filter(
                content_type__app_label=label.split(".")[0],
                content_type__model=label.split(".")[1].lower(),
                locale__language_code="lv",
            )
            .live()
            .public()
        )
        original = model.first()
        assert original is not None, f"the demo has no {label}"
        original = original.specific
        for rule in RULES:
            word, copy = secret_copy(original, rule)
            secrets.markers.add(word)
            if copy is not None:
                secrets.page_paths[copy.url] = word

    home = Page.objects.get(depth=2, locale__language_code="lv").specific
    password_page = Page.objects.get(slug="slepena-password-standardpage").specific
    login_method = Page.objects.get(slug="slepena-login-methodologypage").specific
    # Editors point at restricted pages from public places.
    for page in (password_page, login_method):
        HomeFeaturedItem.objects.create(home=home, page=page)
    home.save_revision().publish()
    for word, page in (("leakpromo", password_page), ("leakpromo", login_method)):
        SearchPromotion.objects.create(query=Query.get(word), page=page, sort_order=0)

    # A login-only collection with a document (linked from a public page) and an image.
    collection = Collection.get_first_root_node().add_child(name="Iekšējie materiāli")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    document_word = marker("collection", "document")
    content = make_pdf("Iekšējs", [f"Iekšējais plāns {document_word} tikai darbiniekiem."])
    document = get_document_model()(title=f"Plāns {document_word}", collection=collection)
    document.file.save("iekseja.pdf", ContentFile(content), save=False)
    document.save()
    secrets.markers.add(document_word)
    secrets.files.append((document.url, content))
    public = StandardPage(title="Publiska lapa ar pielikumiem", slug="publiska-ar-pielikumiem")
    public.body = [("document", {"document": document, "title": "Pielikums"})]
    home.add_child(instance=public)
    public.save_revision().publish()

    image_word = marker("collection", "image")
    image = get_image_model()(
        title=f"Foto {image_word}", description=f"Apraksts {image_word}", collection=collection
    )
    image.file.save("ieksejs.png", ImageFile(io.BytesIO(png_bytes()), name="x.png"), save=False)
    image.save()
    secrets.markers.add(image_word)
    rendition = image.get_rendition("fill-32x32")
    for url, fieldfile in ((image.file.url, image.file), (rendition.url, rendition.file)):
        with fieldfile.open("rb") as handle:
            secrets.files.append((url, handle.read()))

    # A file in a public collection that only a restricted page uses.
    used_word = marker("usedby", "restricted")
    used = get_document_model()(title=f"Pielikums {used_word}")
    used_content = make_pdf("Pielikums", [f"Saturs {used_word}."])
    used.file.save("pielikums-slegtai-lapai.pdf", ContentFile(used_content), save=False)
    used.save()
    password_page.body = [("document", {"document": used, "title": used_word})]
    password_page.save_revision().publish()
    secrets.markers.add(used_word)
    secrets.files.append((used.url, used_content))

    # Dictionary: an entry waiting for approval, and an approved entry's unapproved edit.
    approved = Term.objects.approved().first()
    pending_word = marker("term", "pending")
    # As the admin saves a new entry's draft: not live until a moderator approves it.
    pending = Term(
        live=False,
        headword=pending_word.capitalize(),
        definition=f"Definīcija {pending_word}",
        subject_field=approved.subject_field,
    )
    pending.save()
    pending.save_revision()
    secrets.markers.add(pending_word)
    edit_word = marker("term", "edit")
    approved.definition = f"{approved.definition} {edit_word}"
    approved.save_revision()
    secrets.markers.add(edit_word)

    secrets.editor = get_user_model().objects.create_superuser(
        "redaktore-scan", "scan@example.lv", "x"
    )
    return secrets


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def links_in(text):
    for link in LINK_RE.findall(text):
        parts = urlsplit(unescape(link))
        if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
            continue
        if parts.path.startswith("/") and not parts.path.startswith(("/admin/", "/static/")):
            yield parts.path + (f"?{parts.query}" if parts.query else "")


def start_urls(secrets):
    urls = ["/", "/lv/", "/en/", "/sitemap.xml", "/robots.txt"]
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    for page in pages:
        url = page.url
        if not url:
            continue
        urls.append(url)
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                try:
                    urls.append(url + page.reverse_subpage(pattern.name).lstrip("/"))
                except NoReverseMatch:
                    pass
    words = sorted(secrets.markers) + ["leakpromo"]
    for word in words:
        for query in (word.lower(), word[:8].lower()):
            urls += [f"/lv/meklet/?q={query}", f"/en/search/?q={query}"]
    for dictionary in DictionaryPage.objects.live().select_related("locale"):
        for name in ("search", "suggest"):
            route = f"{name}-{dictionary.locale.language_code}"
            for word in words:
                for query in (word.lower(), word[:8].lower()):
                    urls.append(
                        dictionary.url
                        + dictionary.reverse_subpage(route).lstrip("/")
                        + "?"
                        + urlencode({"q": query})
                    )
    for verb in ("Identify", "ListSets", "ListMetadataFormats"):
        urls.append(f"/oai-pmh/?verb={verb}")
    for verb in ("ListRecords", "ListIdentifiers"):
        urls.append(f"/oai-pmh/?verb={verb}&metadataPrefix=oai_dc")
    for article in Page.objects.filter(slug__startswith="slepena-").filter(
        content_type__model="articlepage"
    ):
        urls.append(
            f"/oai-pmh/?verb=GetRecord&metadataPrefix=oai_dc&identifier="
            f"oai:testserver:article/{article.pk}"
        )
    return urls


def is_own_page(path, secrets):
    """A secret page's own address, or its routes: answered with the password form or a
    redirect to the login, never with its content (checked by the marker scan)."""
    return any(path.startswith(secret) for secret in secrets.page_paths)


@dataclass
class Crawl:
    leaks: list = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    fetched: int = 0


def carries(data, content):
    """Whether a response body is the secret file or a piece of it (a Range answer)."""
    return content in data or (len(data) >= 256 and data in content)


def check(response, url, secrets, crawl):
    data = body_of(response)
    text = data.decode("utf-8", errors="replace")
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    # A search or a suggestion repeats what was asked (in lower case here): a marker asked for
    # counts only in the capitals it is stored with.
    echoed = {word for word in secrets.markers if word.lower() in url.lower()}
    for word in secrets.markers:
        for place, haystack in (("body", text), ("headers", headers)):
            if word in echoed:
                found = word in haystack or word.capitalize() in haystack
            else:
                found = word.lower() in haystack.lower()
            if found:
                crawl.leaks.append(f"{url}: marker {word} in the {place}")
    if not is_own_page(urlsplit(url).path, secrets):
        for path, word in secrets.page_paths.items():
            if path.rstrip("/") and f"{path}" in text:
                crawl.leaks.append(f"{url}: links the secret page {path} ({word})")
    for file_url, content in secrets.files:
        if carries(data, content):
            crawl.leaks.append(f"{url}: carries the bytes of {file_url}")
    return text


def crawl_site(client, secrets):
    crawl = Crawl()
    queue = list(dict.fromkeys(start_urls(secrets)))
    seen = set(queue)
    variants = defaultdict(int)
    while queue and crawl.fetched < MAX_REQUESTS:
        url = queue.pop(0)
        response = client.get(url)
        crawl.fetched += 1
        crawl.statuses[response.status_code] += 1
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        text = check(response, url, secrets, crawl)
        content_type = response.get("Content-Type", "")
        found = []
        if any(kind in content_type for kind in ("html", "xml", "json", "calendar")):
            found = list(links_in(text))
            if url.startswith("/oai-pmh/"):
                found += [
                    f"/oai-pmh/?verb={'ListRecords' if 'ListRecords' in url else 'ListIdentifiers'}"
                    f"&resumptionToken={token}"
                    for token in OAI_TOKEN_RE.findall(text)
                ]
        for link in found:
            path = urlsplit(link).path
            if link in seen:
                continue
            if "?" in link:
                if variants[path] >= QUERY_VARIANTS_PER_PATH:
                    continue
                variants[path] += 1
            seen.add(link)
            queue.append(link)
    return crawl


@pytest.fixture(scope="module")
def demo_with_secrets(demo_content, django_db_blocker):
    """The demo site (tests/conftest.py) with secrets added, once for the module (the database
    goes back to the template after it)."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_content):
        secrets = add_secrets()
    cache.clear()
    return demo_content, secrets


@pytest.fixture
def secrets(demo_with_secrets, settings):
    media, secrets = demo_with_secrets
    settings.MEDIA_ROOT = media
    # The anonymous page cache on, as in production: an editor's view must not be kept for
    # the public.
    settings.PAGE_CACHE_SECONDS = 600
    settings.HOME_SECTIONS_CACHE_SECONDS = 600
    settings.LISTING_CACHE_SECONDS = 600
    # As production requires, so that OAI-PMH's Identify answers too.
    settings.OAI_PMH_ADMIN_EMAIL = "oai@socialais-darbs.example.lv"
    return secrets


def test_the_public_sees_no_secret_through_any_channel(secrets):
    editor = Client()
    editor.force_login(secrets.editor)
    for path in [*secrets.page_paths, "/lv/", "/en/", "/sitemap.xml"]:
        assert editor.get(path).status_code < 500
    for url, _content in secrets.files:
        assert editor.get(url).status_code == 200

    crawl = crawl_site(Client(), secrets)
    assert crawl.fetched > 300, crawl.fetched
    leaks = sorted(set(crawl.leaks))
    assert not leaks, f"{len(leaks)} leaks:\n" + "\n".join(leaks[:80])


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_RANGE": "bytes=0-"},
        {"HTTP_RANGE": "bytes=0-", "HTTP_IF_RANGE": "x"},
        {"HTTP_RANGE": "bytes=-500"},
        {"HTTP_IF_NONE_MATCH": "*"},
    ],
)
@pytest.mark.parametrize("method", ["get", "head"])
def test_no_secret_file_is_served_however_it_is_asked_for(client, secrets, headers, method):
    for url, content in secrets.files:
        response = getattr(client, method)(url, **headers)
        data = body_of(response)
        assert response.status_code not in (206, 304), url
        assert not carries(data, content), url
        assert "X-Accel-Redirect" not in response, url


def test_the_restricted_pages_themselves_show_nothing_of_their_content(client, secrets):
    for path, word in secrets.page_paths.items():
        for url in (path, path + "?format=json", path + "ical/"):
            response = client.get(url)
            assert response.status_code in (200, 302, 404), url
            assert word not in body_of(response).decode(errors="replace"), url
