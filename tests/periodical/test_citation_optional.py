"""An article with no pages, PDF nor authors, in a periodical without test_citation.py's article
(built once for that module): the optional citation tags are left out."""

import pytest
from bs4 import BeautifulSoup

from tests.periodical.conftest import VALID_ISSN, make_article, make_issue
from tests.periodical.test_citation import meta

pytestmark = pytest.mark.django_db


def test_optional_citation_tags_are_left_out_when_unknown(client, periodical):
    issue = make_issue(periodical["en"], 2, 2024)
    page = make_article(issue, "No pages", slug="no-pages")
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert meta(html, "citation_publication_date") == ["2024"]
    assert meta(html, "citation_language") == ["en"]
    assert meta(html, "citation_journal_title") == ["Social Work in Latvia"]
    for name in ("citation_firstpage", "citation_lastpage", "citation_pdf_url", "citation_author"):
        assert meta(html, name) == []
    # ISSNs are the periodical's, whichever language the page is in.
    assert meta(html, "citation_issn") == [VALID_ISSN]
