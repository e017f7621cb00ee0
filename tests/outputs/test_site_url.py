"""Every absolute URL the demo writes is on SITE_URL, whatever host the request came in on.

Behind a proxy, on a laptop or under a health check the Host header is not the public
address; feeds, calendars, the sitemap, OAI-PMH and JSON-LD are read far from the request and
kept, so none of them may name the host a request happened to use.
"""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from wagtail.models import Site

from website.siteurl import site_hostname

# A host the site answers on (tests allow any) that is not the public address.
FOREIGN_HOST = "iekseja.example:8080"
ABSOLUTE_RE = re.compile(rb"""https?://[^\s"'<>\\]+""")


@pytest.fixture
def foreign():
    return Client(HTTP_HOST=FOREIGN_HOST)


def own_urls(content):
    """Absolute URLs in `content` that point at this site (SITE_URL or the foreign host)."""
    own_hosts = (FOREIGN_HOST.split(":")[0].encode(), site_hostname().encode())
    return [
        url.decode()
        for url in ABSOLUTE_RE.findall(content)
        if any(b"//" + host in url for host in own_hosts)
    ]


def outputs(demo):
    """(what, path) of every kind of output that carries absolute URLs."""
    podcast = {lang: demo.first("PodcastPage", lang) for lang in ("lv", "en")}
    events = demo.first("EventIndexPage", "lv")
    yield "robots.txt", "/robots.txt"
    yield "sitemap", "/sitemap.xml"
    for lang, path in podcast.items():
        yield f"podcast feed ({lang})", f"{path}feed/"
    yield "calendar", f"{events}ical/"
    yield "OAI-PMH Identify", "/oai-pmh/?verb=Identify"
    yield "OAI-PMH records", "/oai-pmh/?verb=ListRecords&metadataPrefix=oai_dc"
    for _kind, _lang, path in demo.pages:
        yield "page", path


def test_no_output_names_the_host_it_was_asked_on(demo, foreign, settings):
    # Identify answers 503 without a contact address (the demo has none).
    settings.OAI_PMH_ADMIN_EMAIL = "redakcija@socialais-darbs.example.lv"
    found = {}
    for what, path in outputs(demo):
        response = foreign.get(path)
        assert response.status_code == 200, f"{what} {path}: {response.status_code}"
        content = b"".join(response) if response.streaming else response.content
        headers = "\n".join(f"{k}: {v}" for k, v in response.items()).encode()
        assert FOREIGN_HOST.split(":")[0].encode() not in content + headers, (
            f"{what} {path} names the host of the request"
        )
        urls = own_urls(content)
        assert all(url.startswith(settings.SITE_URL + "/") for url in urls), (what, path, urls)
        found[what] = found.get(what, 0) + len(urls)
    # Each kind of output does write absolute URLs (else the test would prove nothing).
    assert all(found.values()), {what: count for what, count in found.items() if not count}


def test_the_sitemap_the_calendar_and_oai_name_the_public_address(demo, foreign):
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == settings.SITE_URL
    sitemap = foreign.get("/sitemap.xml").content.decode()
    assert f"<loc>{settings.SITE_URL}/lv/</loc>" in sitemap
    calendar = foreign.get(f"{demo.first('EventIndexPage', 'lv')}ical/").content.decode()
    assert f"@{site_hostname()}" in calendar  # every UID
    assert "UID:" in calendar
    records = foreign.get("/oai-pmh/?verb=ListIdentifiers&metadataPrefix=oai_dc").content
    assert f"oai:{site_hostname()}:article/".encode() in records
    assert f">{settings.SITE_URL}/oai-pmh/</request>".encode() in records


def test_the_admin_password_mail_links_to_the_public_address(demo, foreign, django_user_model):
    django_user_model.objects.create_user("moderatore", "moderatore@example.lv", "x" * 12)
    response = foreign.post("/admin/password_reset/", {"email": "moderatore@example.lv"})
    assert response.status_code == 302
    (message,) = mail.outbox
    links = own_urls(message.body.encode())
    assert links and all(link.startswith(settings.SITE_URL + "/admin/") for link in links)
    assert FOREIGN_HOST.split(":")[0] not in message.body
