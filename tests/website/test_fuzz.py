"""No query string makes the site fail: hostile and random GET parameters on every public URL.

The URLs come from the demo site, not from a list written here: one live page of every page
type in every language, the site-wide views (search, OAI-PMH, sitemap, robots.txt), and every
address those pages link to, one per view (a routable page's feeds, letters, entries, exports,
documents). The GET names a view reads are recorded while it answers, so a new filter is fuzzed
as soon as it exists. Loading the demo takes most of this module's time: it is done once.

Run alone with `pytest -m fuzz`.
"""

import re
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import unescape
from unittest import mock
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.http import Http404, QueryDict
from django.test import Client, override_settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

# django_db: also makes pytest-django create the test database the module's fixture fills.
# One worker runs the whole module (make test uses --dist loadgroup): the demo is built once.
pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.django_db,
    pytest.mark.xdist_group("fuzz"),
    pytest.mark.usefixtures("demo_media"),
]

# What `grep request.GET` finds in the views (search, listings, dictionary); the recorded names
# must include them, or the recording has stopped working.
KNOWN_NAMES = {"q", "page", "type", "year", "topic", "target", "region", "season"}
# The OAI-PMH arguments (the protocol's, read by iterating over the query).
OAI_NAMES = ["verb", "identifier", "metadataPrefix", "set", "from", "until", "resumptionToken"]
OAI_VERBS = [
    "Identify",
    "ListMetadataFormats",
    "ListSets",
    "ListIdentifiers",
    "ListRecords",
    "GetRecord",
]
# Names no view reads: tracking tags, guesses at an API, the sitemap's page.
UNKNOWN_NAMES = ["utm_source", "format", "sort", "p", "lang", "zzz"]
SITE_WIDE_VIEWS = ["search", "oai_pmh", "sitemap", "robots_txt"]
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/django-admin/")
LINK_RE = re.compile(r"""(?:href|src|action|url)=["']([^"'#]+)""")
# The 500 page's heading (templates/500.html) in English and Latvian, and a debug page's.
ERROR_PAGE_MARKERS = ("Something went wrong", "Radās kļūda", "Traceback (most recent")


def q(text):
    """A value as a browser sends it."""
    return quote(text, safe="")


# Values written as they stand in the query string: some are not valid percent-encoding or
# UTF-8 on purpose. (label, raw value)
HOSTILE_VALUES = [
    ("empty", ""),
    ("10000 chars", "a" * 10_000),
    ("10000 digits", "9" * 10_000),
    ("NUL", "soci%00als"),
    ("invalid UTF-8 %C3%28", "%C3%28"),
    ("invalid UTF-8 %FF", "%FF"),
    ("encoded surrogate", "%ED%A0%80"),
    ("lone percent", "%"),
    ("bad escape", "%G1%2"),
    ("LIKE wildcards", q("%_%")),
    ("underscore", "_"),
    ("double quote", q('"')),
    ("backslash", q("\\")),
    ("SQL", q("' OR 1=1--")),
    ("Lucene", q("title:(a OR b)~2 AND *")),
    ("Lucene unbalanced", q('"unclosed (a OR [b TO')),
    ("FTS5 syntax", q('NEAR(a b, -1) ^c* AND NOT "')),
    ("only operators", q("* ? - + ~ ^ : ( ) { } [ ]")),
    ("emoji", q("👩‍⚕️ sociālais 🔥")),
    ("combining marks and BOM", q("\ufeffa\u0301\u0301 \u202e")),
    ("whitespace", q(" \t\r\n ")),
    ("HTML", q("<script>alert(1)</script>]]>")),
    ("negative", "-1"),
    ("zero", "0"),
    ("huge number", "99999999999999999999999999"),
    ("float", "1.5"),
    ("exponent", "1e400"),
    ("NaN", "NaN"),
    ("fullwidth digits", q("２０２３")),
    ("impossible date", "9999-99-99"),
]
# Dates and times for OAI-PMH's from and until, on top of the values above.
OAI_VALUES = [
    *HOSTILE_VALUES,
    ("zero date", "0000-00-00"),
    ("30 February", "2023-02-30"),
    ("year 1", "0001-01-01"),
    ("year 9999", "9999-12-31"),
    ("impossible time", "2023-01-01T25:61:61Z"),
    ("far future time", "9999-12-31T23:59:59Z"),
    ("time without Z", "2023-01-01T00:00:00"),
    ("offset time", q("2023-01-01T00:00:00+02:00")),
    ("negative year", "-2023-01-01"),
    ("five-digit year", "20231-01-01"),
]

# Whole query strings whose shape is odd: repeated, nameless, valueless, hostile names.
HOSTILE_QUERY_STRINGS = [
    ("repeated", "&".join(f"{name}=1&{name}=2&{name}=x" for name in sorted(KNOWN_NAMES))),
    ("200 repeats", "&".join(["page=2"] * 100 + ["q=a"] * 100)),
    ("no values", "&".join(sorted(KNOWN_NAMES))),
    ("odd names", "=1&=&&&=%FF&%00=1&%FF=2&q%00=3&page[]=4&%25=6&" + "n" * 3000 + "=7"),
    ("semicolons", "q=a;page=2;year=2023"),
]

# In place of a route's argument in the path.
ROUTE_SEGMENTS = ["%FF", "%00", "9" * 30, "a" * 3000, "-1", "%C3%A4%CC%81", "..%2F..", "%20"]

RANGE_HEADERS = [
    "bytes=0-0",
    "bytes=-1",
    "bytes=-0",
    "bytes=0-",
    "bytes=5-1",
    "bytes=999999999999-",
    "bytes=" + "9" * 5000 + "-",
    "bytes=-" + "9" * 5000,
    "bytes=0-1,5-9",
    "bytes=abc",
    "bytes=",
    "bytes=--1",
    "items=0-1",
    "bytes=\x01-\x02",
    "bytes=ā-ē",
]


@dataclass
class Target:
    key: tuple
    url: str
    names: set = field(default_factory=set)

    def __str__(self):
        return self.url


# Discovery -----------------------------------------------------------------------------------


@contextmanager
def recording_get_names():
    """Yields the set of names looked up in any QueryDict (request.GET) meanwhile."""
    names = set()

    def recorder(method):
        def lookup(self, key, *args, **kwargs):
            if isinstance(key, str):
                names.add(key)
            return method(self, key, *args, **kwargs)

        return lookup

    patches = [
        mock.patch.object(QueryDict, "__getitem__", recorder(QueryDict.__getitem__)),
        mock.patch.object(QueryDict, "get", recorder(QueryDict.get)),
        mock.patch.object(QueryDict, "getlist", recorder(QueryDict.getlist)),
        mock.patch.object(QueryDict, "__contains__", recorder(dict.__contains__)),
    ]
    for patch in patches:
        patch.start()
    try:
        yield names
    finally:
        for patch in reversed(patches):
            patch.stop()


def view_key(path, pages_by_url):
    """What answers `path`: ("page", type, language), ("route", type, route, language) or
    ("view", name, language or ""); None for a path no public view answers."""
    prefix_language = translation.get_language_from_path(path) or ""
    language = prefix_language or django_settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    if match.url_name != "wagtail_serve":
        return ("view", match.view_name or match._func_path, prefix_language)
    prefix = path
    while prefix and prefix not in pages_by_url:
        prefix = prefix[: prefix.rstrip("/").rfind("/") + 1]
    page = pages_by_url.get(prefix)
    if page is None:
        return None
    rest = path[len(prefix) :]
    kind = type(page).__name__
    if not rest:
        return ("page", kind, language)
    if not isinstance(page, RoutablePageMixin):
        return None
    try:
        route = page.resolve_subpage("/" + rest)
    except Http404:
        return None
    return ("route", kind, route.url_name or route.func.__name__, language)


def links_in(response):
    content_type = response.get("Content-Type", "")
    if response.streaming or not ("html" in content_type or "xml" in content_type):
        return []
    text = response.content.decode(errors="replace")
    found = []
    for link in LINK_RE.findall(text):
        parts = urlsplit(unescape(link))
        if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
            continue
        if parts.path.startswith("/") and not parts.path.startswith(SKIPPED_PREFIXES):
            found.append(parts.path)
    return found


def discover(client):
    """One target per view: start from a page of each type and language and the site-wide
    views, then follow links to addresses answered by views not seen yet."""
    pages = list(Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"))
    pages_by_url = {page.url: page for page in pages if page.url}
    start = list(pages_by_url)
    # Routes without arguments, whether or not a page links to them (an event's calendar).
    for url, page in pages_by_url.items():
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                try:
                    start.append(url + page.reverse_subpage(pattern.name).lstrip("/"))
                except NoReverseMatch:
                    pass
    for language, _name in django_settings.LANGUAGES:
        with translation.override(language):
            start += [reverse(name) for name in SITE_WIDE_VIEWS]
    targets, seen, queue = [], set(), list(start)
    while queue:
        path = queue.pop(0)
        key = view_key(path, pages_by_url)
        if key is None or key in seen:
            continue
        seen.add(key)
        with recording_get_names() as names:
            response = client.get(path)
        if response.status_code != 200:
            continue  # e.g. a route of an empty section; nothing to learn from it
        targets.append(Target(key, path, names - {""}))
        queue += links_in(response)
    return targets, [page.url for page in pages if page.url]


@dataclass
class Demo:
    media: object
    targets: list
    page_urls: list


@pytest.fixture(scope="module")
def demo(demo_content, django_db_blocker):
    """The demo site (tests/conftest.py) and the addresses found on it, once for the module."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_content):
        targets, page_urls = discover(Client())
    cache.clear()
    return Demo(demo_content, targets, page_urls)


# Asking ----------------------------------------------------------------------------------------


def failure(url, query, headers, problem):
    shown = query if len(query) < 300 else query[:300] + f"… ({len(query)} chars)"
    return f"GET {url}?{shown} {headers or ''}\n{problem}"


def describe(error):
    """The exception and the project's frames it went through (not Django's, not Wagtail's)."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if "site-packages" not in frame.filename] or frames[-3:]
    return "".join(traceback.format_list(ours[-6:]) + traceback.format_exception_only(error))


def ask(client, url, query="", **headers):
    """None when the site answers without a server error, else what went wrong."""
    try:
        response = client.get(f"{url}?{query}" if query else url, **headers)
        if response.streaming:
            body = b"".join(response.streaming_content)
        else:
            body = response.content
    except Exception as error:
        return failure(url, query, headers, describe(error))
    if response.status_code >= 500:
        return failure(url, query, headers, f"status {response.status_code}")
    if "html" in response.get("Content-Type", ""):
        text = body.decode(errors="replace")
        for marker in ERROR_PAGE_MARKERS:
            if marker in text:
                return failure(url, query, headers, f"error page ({marker!r})")
    return None


def assert_no_failures(failures):
    assert not failures, f"{len(failures)} failing requests:\n\n" + "\n\n".join(failures[:10])


def one_per_view(targets, per_language=()):
    """A target per view; per language too for a view that reads a name in `per_language`
    (text queries are analysed per language; the other parameters are parsed alike)."""
    chosen, seen = [], set()
    for target in targets:
        view = target.key if target.names & set(per_language) else target.key[:-1]
        if view not in seen:
            seen.add(view)
            chosen.append(target)
    return chosen


# Tests -----------------------------------------------------------------------------------------


def test_every_kind_of_public_address_is_found(demo):
    kinds = {target.key[0] for target in demo.targets}
    assert kinds == {"page", "route", "view"}
    views = {target.key[1:] for target in demo.targets if target.key[0] == "view"}
    assert {("search", "lv"), ("search", "en"), ("oai_pmh", ""), ("sitemap", "")} <= views
    # Routes are found from links and from the route table: feeds, calendars, the dictionary.
    routes = {target.key[2] for target in demo.targets if target.key[0] == "route"}
    assert len(routes) >= 5, routes
    assert any(target.url.startswith("/documents/") for target in demo.targets)
    names = set().union(*(target.names for target in demo.targets))
    assert names >= KNOWN_NAMES, KNOWN_NAMES - names


@pytest.mark.parametrize(
    ("label", "value"), HOSTILE_VALUES, ids=[label for label, _v in HOSTILE_VALUES]
)
def test_a_hostile_value_in_every_parameter_a_view_reads(demo, client, label, value):
    targets = one_per_view([t for t in demo.targets if t.names - {"verb"}], per_language={"q"})
    failures = []
    for target in targets:
        names = sorted(target.names - {"verb"}) + ["zzz"]
        query = "&".join(f"{name}={value}" for name in names)
        if problem := ask(client, target.url, query):
            failures.append(problem)
    assert_no_failures(failures)


@pytest.mark.parametrize(
    ("label", "query"), HOSTILE_QUERY_STRINGS, ids=[label for label, _q in HOSTILE_QUERY_STRINGS]
)
def test_an_odd_query_string_on_every_view(demo, client, label, query):
    failures = [p for target in one_per_view(demo.targets) if (p := ask(client, target.url, query))]
    assert_no_failures(failures)


def test_every_live_page_with_hostile_parameters(demo, client):
    query = "&".join(
        f"{name}={value}"
        for name in [*sorted(KNOWN_NAMES), *UNKNOWN_NAMES]
        for value in ("%FF", "%00", q("' OR 1=1--"), "-1", "9999-99-99")
    )
    failures = [p for url in demo.page_urls if (p := ask(client, url, query))]
    assert_no_failures(failures)


@pytest.mark.parametrize(("label", "value"), OAI_VALUES, ids=[label for label, _v in OAI_VALUES])
def test_oai_pmh_arguments(demo, client, label, value):
    url = reverse("oai_pmh")
    queries = [f"verb={value}"]
    for verb in OAI_VERBS:
        queries.append(f"verb={verb}&" + "&".join(f"{n}={value}" for n in OAI_NAMES[1:]))
    for name in ("identifier", "set", "from", "until", "resumptionToken"):
        queries.append(f"verb=ListRecords&metadataPrefix=oai_dc&{name}={value}")
    queries.append(f"verb=GetRecord&metadataPrefix=oai_dc&identifier={value}")
    queries.append(f"verb=ListIdentifiers&metadataPrefix=oai_dc&from={value}&until={value}")
    queries.append(f"verb=ListIdentifiers&metadataPrefix=oai_dc&from={value}&until=2000-01-01")
    failures = [p for query in queries if (p := ask(client, url, query))]
    assert_no_failures(failures)


@pytest.mark.parametrize("segment", ROUTE_SEGMENTS)
def test_hostile_route_arguments(demo, client, segment):
    """The last part of a route's address (an episode id, a letter, an entry, a format…)."""
    failures = []
    for target in demo.targets:
        if target.key[0] == "page" or target.key[1] in ("oai_pmh", "sitemap", "robots_txt"):
            continue
        head, _sep, tail = target.url.rstrip("/").rpartition("/")
        url = f"{head}/{segment}/" if target.url.endswith("/") else f"{head}/{segment}"
        if problem := ask(client, url):
            failures.append(problem)
    assert_no_failures(failures)


def test_document_byte_ranges(demo, client):
    documents = [t for t in demo.targets if t.url.startswith("/documents/")]
    assert documents
    failures = [
        p
        for target in documents
        for header in RANGE_HEADERS
        for if_range in ("", '"x"')
        if (p := ask(client, target.url, HTTP_RANGE=header, HTTP_IF_RANGE=if_range))
    ]
    assert_no_failures(failures)


# Random query strings ------------------------------------------------------------------------

raw_values = st.sampled_from([value for _label, value in HOSTILE_VALUES])
typed_values = st.text(st.characters(exclude_categories=("Cs",)), max_size=60).map(q)
numbers = st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True)).map(str)
values = st.one_of(raw_values, typed_values, numbers)


@st.composite
def requests(draw, targets):
    target = draw(st.sampled_from(targets))
    names = sorted(target.names) + sorted(KNOWN_NAMES) + OAI_NAMES + UNKNOWN_NAMES
    name = st.one_of(st.sampled_from(names), typed_values)
    pairs = draw(st.lists(st.tuples(name, values), max_size=6))
    return target, "&".join(f"{n}={v}" for n, v in pairs)


@hypothesis_settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_query_strings(demo, client, data):
    target, query = data.draw(requests(demo.targets))
    problem = ask(client, target.url, query)
    assert problem is None, problem
