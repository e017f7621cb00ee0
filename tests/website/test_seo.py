import pytest
from lxml import etree

from tests.utils import add_page, translate
from website.models import StandardPage

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def test_sitemap_lists_both_languages_with_alternates(client, site_tree):
    page = add_page(site_tree["lv"], StandardPage, title="Kontakti", slug="kontakti")
    translate(page, slug="contacts", title="Contacts")
    add_page(site_tree["lv"], StandardPage, title="Melnraksts", slug="melnraksts", publish=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = etree.fromstring(response.content)
    locations = tree.xpath("//s:url/s:loc/text()", namespaces=SITEMAP_NS)
    assert "http://testserver/lv/kontakti/" in locations
    assert "http://testserver/en/contacts/" in locations
    assert "http://testserver/lv/" in locations and "http://testserver/en/" in locations
    assert not any("melnraksts" in location for location in locations)
    entry = tree.xpath("//s:url[s:loc='http://testserver/lv/kontakti/']", namespaces=SITEMAP_NS)[0]
    hreflangs = entry.xpath("x:link/@hreflang", namespaces=SITEMAP_NS)
    assert sorted(hreflangs) == ["en", "lv"]


def test_the_sitemap_costs_the_same_queries_for_3_or_30_translated_pages(client, site_tree):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(start, count):
        for index in range(start, start + count):
            page = add_page(site_tree["lv"], StandardPage, title=f"Lapa {index}", slug=f"l{index}")
            translate(page, slug=f"page-{index}", title=f"Page {index}")

    def queries():
        cache.clear()  # the sitemap view is cached
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/sitemap.xml")
        tree = etree.fromstring(response.content)
        return len(captured), len(tree.xpath("//s:url", namespaces=SITEMAP_NS))

    add(0, 3)
    few, urls = queries()
    add(3, 27)
    many, more_urls = queries()
    assert more_urls == urls + 54
    assert many == few


def test_robots_txt_points_at_the_sitemap(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.text
    assert "Disallow: /admin/" in response.text
