"""The article's metadata as reference managers and search engines read it from the HTML."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from periodical.citation import Author, Citation, apa_authors
from tests.periodical.conftest import (
    VALID_ISSN,
    VALID_ISSN_ONLINE,
    make_article,
    make_issue,
    make_pdf,
    make_person,
)
from tests.shared import shared_fixture
from tests.utils import translate

# No module-wide django_db mark: the tests that use the database ask for `article`, built once
# for the module (tests/shared.py); the APA tests use none.

URL = "/lv/socialais-darbs-latvija/1-2023/kopienas-darbs/"


@shared_fixture
def article(periodical):
    page = periodical["lv"]
    page.issn_online = VALID_ISSN_ONLINE
    page.save_revision().publish()
    issue = make_issue(page, 1, 2023, publication_date=datetime.date(2023, 6, 15))
    people = [
        make_person("Anna Marija Bērziņa", "Rīgas Stradiņa universitāte"),
        make_person("Jānis Kalniņš"),
        make_person("Līga Ozola-Liepiņa", "Piemēru novada sociālais dienests"),
    ]
    return make_article(
        issue,
        "Kopienas darbs",
        slug="kopienas-darbs",
        authors=people,
        keywords=["kopiena", "līdzdalība"],
        abstract="Par kopienas resursiem.",
        summary_en="On community resources.",
        first_page=12,
        last_page=24,
        pdf=make_pdf("Kopienas darbs", "kopienas-darbs.pdf"),
        references=[("reference", {"text": "Autors, A. (2020). Darbs.", "url": ""})],
    )


def meta(html, name):
    return [tag["content"] for tag in html.find_all("meta", attrs={"name": name})]


def test_highwire_citation_tags(client, article):
    html = BeautifulSoup(client.get(URL).content, "html.parser")
    assert meta(html, "citation_title") == ["Kopienas darbs"]
    assert meta(html, "citation_author") == [
        "Anna Marija Bērziņa",
        "Jānis Kalniņš",
        "Līga Ozola-Liepiņa",
    ]
    assert meta(html, "citation_author_institution") == [
        "Rīgas Stradiņa universitāte",
        "Piemēru novada sociālais dienests",
    ]
    # Each institution follows its own author (Jānis Kalniņš has none).
    names = [
        tag["name"]
        for tag in html.find_all("meta")
        if tag.get("name", "").startswith("citation_author")
    ]
    assert names == [
        "citation_author",
        "citation_author_institution",
        "citation_author",
        "citation_author",
        "citation_author_institution",
    ]
    assert meta(html, "citation_publication_date") == ["2023/06/15"]
    assert meta(html, "citation_journal_title") == ["Sociālais darbs Latvijā"]
    assert meta(html, "citation_issn") == [VALID_ISSN, VALID_ISSN_ONLINE]
    assert meta(html, "citation_issue") == ["1"]
    assert meta(html, "citation_firstpage") == ["12"]
    assert meta(html, "citation_lastpage") == ["24"]
    assert meta(html, "citation_pdf_url") == [f"http://testserver{article.pdf.url}"]
    assert meta(html, "citation_language") == ["lv"]
    assert meta(html, "citation_keywords") == ["kopiena; līdzdalība"]
    assert meta(html, "citation_abstract_html_url") == [f"http://testserver{URL}"]
    assert meta(html, "citation_reference") == ["Autors, A. (2020). Darbs."]


def test_dublin_core_tags(client, article):
    html = BeautifulSoup(client.get(URL).content, "html.parser")
    assert html.find("link", rel="schema.DC")["href"] == "http://purl.org/dc/elements/1.1/"
    assert meta(html, "DC.title") == ["Kopienas darbs"]
    assert meta(html, "DC.creator") == [
        "Bērziņa, Anna Marija",
        "Kalniņš, Jānis",
        "Ozola-Liepiņa, Līga",
    ]
    assert meta(html, "DC.subject") == ["kopiena", "līdzdalība"]
    descriptions = html.find_all("meta", attrs={"name": "DC.description"})
    assert [(tag["content"], tag["lang"]) for tag in descriptions] == [
        ("Par kopienas resursiem.", "lv"),
        ("On community resources.", "en"),
    ]
    assert meta(html, "DC.date") == ["2023-06-15"]
    assert meta(html, "DC.language") == ["lv"]
    assert meta(html, "DC.identifier") == [
        f"http://testserver{URL}",
        f"urn:ISSN:{VALID_ISSN}",
        f"urn:ISSN:{VALID_ISSN_ONLINE}",
    ]
    assert meta(html, "DC.source") == ["Sociālais darbs Latvijā, 1/2023, 12–24"]
    assert meta(html, "DC.publisher") == ["Labklājības ministrija"]


def test_json_ld_scholarly_article(client, article):
    html = BeautifulSoup(client.get(URL).content, "html.parser")
    scripts = [json.loads(s.string) for s in html.find_all("script", type="application/ld+json")]
    # The article, and the breadcrumbs (tests/outputs/test_structured_data.py).
    assert sorted(data["@type"] for data in scripts) == ["BreadcrumbList", "ScholarlyArticle"]
    data = next(data for data in scripts if data["@type"] == "ScholarlyArticle")
    assert data["headline"] == "Kopienas darbs"
    assert [author["name"] for author in data["author"]] == [
        "Anna Marija Bērziņa",
        "Jānis Kalniņš",
        "Līga Ozola-Liepiņa",
    ]
    assert data["author"][0]["affiliation"] == {
        "@type": "Organization",
        "name": "Rīgas Stradiņa universitāte",
    }
    assert "affiliation" not in data["author"][1]
    assert (data["pageStart"], data["pageEnd"]) == ("12", "24")
    assert data["inLanguage"] == "lv"
    issue = data["isPartOf"]
    assert issue["@type"] == "PublicationIssue"
    assert issue["issueNumber"] == "1"
    assert issue["datePublished"] == "2023-06-15"
    periodical = issue["isPartOf"]
    assert periodical["@type"] == "Periodical"
    assert periodical["name"] == "Sociālais darbs Latvijā"
    assert periodical["issn"] == [VALID_ISSN, VALID_ISSN_ONLINE]
    assert data["encoding"]["encodingFormat"] == "application/pdf"


def test_json_ld_cannot_be_broken_out_of(client, article):
    article.title = 'Kopiena </script><script>alert("x")</script> & co'
    article.save_revision().publish()
    response = client.get(URL)
    assert b'</script><script>alert("x")' not in response.content
    html = BeautifulSoup(response.content, "html.parser")
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["headline"] == article.title


def test_cite_box_gives_the_apa_reference_without_javascript(client, article):
    html = BeautifulSoup(client.get(URL).content, "html.parser")
    box = html.select_one(".cite-box")
    reference = box.select_one("#cite-apa")
    assert reference.get_text() == (
        "Bērziņa, A. M., Kalniņš, J., & Ozola-Liepiņa, L. (2023). Kopienas darbs. "
        f"Sociālais darbs Latvijā, (1), 12–24. http://testserver{URL}"
    )
    assert reference.select_one("i").get_text() == "Sociālais darbs Latvijā"
    button = box.select_one("button[data-copy-target=cite-apa]")
    assert button.has_attr("hidden")  # shown by cite.js only where copying works
    assert html.find("script", src="/static/periodical/cite.js").has_attr("defer")
    assert not html.select("script:not([src]):not([type='application/ld+json'])")


# APA 7 --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "apa", "inverted"),
    [
        ("Anna Bērziņa", "Bērziņa, A.", "Bērziņa, Anna"),
        ("Anna Marija Bērziņa", "Bērziņa, A. M.", "Bērziņa, Anna Marija"),
        ("Anna-Marija Bērziņa", "Bērziņa, A.-M.", "Bērziņa, Anna-Marija"),
        ("UNESCO", "UNESCO", "UNESCO"),
    ],
)
def test_author_names(name, apa, inverted):
    assert Author(name).apa == apa
    assert Author(name).inverted == inverted


def test_apa_author_lists():
    people = [Author(f"Vārds Uzvārds{n}") for n in range(1, 23)]
    assert apa_authors(people[:1]) == "Uzvārds1, V."
    assert apa_authors(people[:2]) == "Uzvārds1, V., & Uzvārds2, V."
    assert apa_authors(people[:3]) == "Uzvārds1, V., Uzvārds2, V., & Uzvārds3, V."
    twenty = apa_authors(people[:20])
    assert twenty.count("Uzvārds") == 20 and ", & Uzvārds20, V." in twenty
    many = apa_authors(people)
    assert many.count("Uzvārds") == 20
    assert many.endswith("Uzvārds19, V., … Uzvārds22, V.")
    assert "&" not in many


def test_apa_reference_without_authors_pages_or_issue():
    citation = Citation(
        title="Vai sociālais darbs mainās?",
        url="https://example.lv/raksts/",
        language="lv",
        journal_title="Sociālais darbs Latvijā",
        year=2023,
    )
    assert citation.apa_text() == (
        "Vai sociālais darbs mainās? (2023). Sociālais darbs Latvijā. https://example.lv/raksts/"
    )
    citation.authors = [Author("Anna Bērziņa")]
    citation.issue_number = 2
    citation.page_range = "7"
    assert citation.apa_text() == (
        "Bērziņa, A. (2023). Vai sociālais darbs mainās? Sociālais darbs Latvijā, (2), 7. "
        "https://example.lv/raksts/"
    )
    assert "<i>Sociālais darbs Latvijā</i>" in citation.apa_html()


def test_apa_html_escapes_what_editors_typed():
    citation = Citation(
        title="<b>Tituls</b>", url="https://example.lv/", language="lv", journal_title="A & B"
    )
    html = citation.apa_html()
    assert "<b>" not in html
    assert "&lt;b&gt;Tituls&lt;/b&gt;" in html
    assert "<i>A &amp; B</i>" in html


# A translation -------------------------------------------------------------------------------

EN_URL = "/en/social-work-in-latvia/1-2023/community-work/"


@pytest.fixture
def translated(article):
    """The Latvian article and its English translation (same PDF: the Latvian original)."""
    translate(article.get_parent().specific, slug="1-2023", title="Number 1/2023")
    return article, translate(
        article, slug="community-work", title="Community work", abstract="On community."
    )


def test_the_english_translation_points_google_scholar_at_the_latvian_original(client, translated):
    """Google Scholar indexes the original: the translation's citation_* tags describe the
    Latvian article (its title, language, page and PDF), never an English work that the
    Latvian PDF is not."""
    latvian, english = translated
    lv = BeautifulSoup(client.get(URL).content, "html.parser")
    en = BeautifulSoup(client.get(EN_URL).content, "html.parser")

    def citation_tags(html):
        return [
            (tag["name"], tag["content"])
            for tag in html.find_all("meta")
            if tag.get("name", "").startswith("citation_")
        ]

    assert citation_tags(en) == citation_tags(lv)
    assert meta(en, "citation_title") == ["Kopienas darbs"]
    assert meta(en, "citation_language") == ["lv"]
    assert meta(en, "citation_abstract_html_url") == [f"http://testserver{URL}"]
    assert meta(en, "citation_pdf_url") == [f"http://testserver{latvian.pdf.url}"]


def test_json_ld_relates_the_original_and_its_translation(client, translated):
    lv = BeautifulSoup(client.get(URL).content, "html.parser")
    en = BeautifulSoup(client.get(EN_URL).content, "html.parser")
    original = json.loads(lv.find("script", type="application/ld+json").string)
    translation = json.loads(en.find("script", type="application/ld+json").string)
    assert translation["inLanguage"] == "en"
    assert translation["headline"] == "Community work"
    assert translation["translationOfWork"]["@id"] == f"http://testserver{URL}"
    assert translation["translationOfWork"]["inLanguage"] == "lv"
    assert [work["@id"] for work in original["workTranslation"]] == [f"http://testserver{EN_URL}"]
    assert "translationOfWork" not in original
