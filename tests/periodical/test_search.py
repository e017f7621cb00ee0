"""Readers find articles by title, abstract, keywords, authors and body; issues by editorial."""

import pytest
from bs4 import BeautifulSoup

from periodical.models import ArticlePage
from tests.periodical.conftest import make_article, make_issue, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(periodical):
    issue = make_issue(
        periodical["lv"],
        1,
        2023,
        title="Kopienas numurs",
        editorial=[("paragraph", "<p>Redakcija raksta par brīvprātīgajiem.</p>")],
    )
    make_article(
        issue,
        "Darbs ar senioriem",
        authors=[make_person("Ilze Kalnāja", "Iestāde")],
        keywords=["supervīzija"],
        abstract="Par ģimenēm laukos.",
        body=[("paragraph", "<p>Aprūpe mājās palīdz senioriem.</p>")],
    )


def found(client, query):
    html = BeautifulSoup(client.get("/lv/meklet/", {"q": query}).content, "html.parser")
    return [title.get_text(strip=True) for title in html.select(".card__title")]


@pytest.mark.parametrize(
    "query",
    ["senioriem", "Kalnāja", "supervizija", "gimenem laukos", "aprupe majas"],
)
def test_articles_are_found_by_their_text(client, content, query):
    assert "Darbs ar senioriem" in found(client, query)


def test_a_keyword_added_later_is_found(client, content):
    article = ArticlePage.objects.get(slug="darbs-ar-senioriem")
    article.keywords.add("mentorings")
    article.save_revision().publish()
    assert "Darbs ar senioriem" in found(client, "mentoringu")


def test_issues_are_found_by_their_editorial(client, content):
    assert "Kopienas numurs" in found(client, "brivpratigajiem")
