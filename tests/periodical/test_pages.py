import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from periodical.models import ArticleAuthor, ArticlePage, EditorialBoardMember
from tests.periodical.conftest import (
    make_article,
    make_image,
    make_issue,
    make_pdf,
    make_person,
)
from tests.utils import soup, translate

pytestmark = pytest.mark.django_db


def texts(elements):
    return [element.get_text(" ", strip=True) for element in elements]


@pytest.fixture
def issue_with_articles(periodical):
    issue = make_issue(
        periodical["lv"],
        2,
        2022,
        title="Sociālais darbs ar senioriem",
        season="autumn",
        cover_image=make_image(size=(600, 850)),
        pdf=make_pdf("Viss numurs", "numurs.pdf"),
        editorial=[("paragraph", "<p>Redakcijas sleja par senioriem.</p>")],
    )
    anna = make_person("Anna Bērziņa", "Rīgas Stradiņa universitāte")
    janis = make_person("Jānis Kalniņš", "Piemēru novada sociālais dienests")
    # Created out of order: the table of contents sorts by section, then by page.
    make_article(issue, "Ziņas no nozares", section="news", first_page=30, last_page=31)
    make_article(issue, "Prakse otrā", section="practice", first_page=20, last_page=29)
    make_article(
        issue, "Teorija", section="theory", authors=[anna, janis], first_page=4, last_page=15
    )
    make_article(issue, "Prakse pirmā", section="practice", authors=[janis], first_page=16)
    make_article(issue, "Prakse bez lappusēm", section="practice")
    return issue


def test_issue_lists_its_articles_by_section_in_page_order(client, issue_with_articles):
    html = soup(client.get("/lv/socialais-darbs-latvija/2-2022/"))
    contents = html.select_one(".issue-contents")
    assert texts(contents.select("h3")) == ["Teorija", "Prakse", "Aktualitātes nozarē"]
    assert texts(contents.select(".contents__title")) == [
        "Teorija",
        "Prakse pirmā",
        "Prakse otrā",
        "Prakse bez lappusēm",
        "Ziņas no nozares",
    ]
    first = contents.select_one(".contents__item")
    assert first.select_one(".contents__authors").get_text() == "Anna Bērziņa, Jānis Kalniņš"
    assert first.select_one(".contents__pages").get_text() == "4.–15. lpp."
    assert html.select_one("h1").get_text() == "Sociālais darbs ar senioriem"
    assert "Redakcijas sleja par senioriem." in html.select_one(".issue-editorial").get_text()
    cover = html.select_one(".issue-head__cover")
    assert cover["alt"] == "Numura 2/2022 vāks"
    # Sharp on a phone's dense screen: a rendition twice the shown width to choose from.
    assert (cover["width"], cover["sizes"]) == ("300", "300px")
    assert [entry.split()[1] for entry in cover["srcset"].split(", ")] == ["300w", "600w"]
    assert "PDF" in html.select_one(".periodical-download").get_text()


def test_unpublished_articles_stay_out_of_the_contents(client, issue_with_articles):
    draft = issue_with_articles.get_children().get(slug="teorija").specific
    draft.unpublish()
    html = soup(client.get("/lv/socialais-darbs-latvija/2-2022/"))
    assert "Teorija" not in texts(html.select(".contents__title"))


def test_periodical_shows_the_latest_issue_and_all_issues_by_year(client, periodical):
    for number, year in [(1, 2022), (2, 2023), (2, 2022), (1, 2023)]:
        make_issue(periodical["lv"], number, year, title=f"Tēma {number}/{year}")
    html = soup(client.get("/lv/socialais-darbs-latvija/"))
    current = html.select_one(".current-issue")
    assert current.select_one("h3").get_text(strip=True) == "Tēma 2/2023"
    assert texts(html.select(".issue-archive__year")) == ["2023", "2022"]
    assert texts(html.select(".issue-archive .listing-row__title")) == [
        "Tēma 2/2023",
        "Tēma 1/2023",
        "Tēma 2/2022",
        "Tēma 1/2022",
    ]
    # Each row says the issue's number (the year is the heading above it).
    first = html.select_one(".issue-archive .listing-row")
    assert first.select_one(".listing-row__when").get_text(strip=True) == "Nr. 2/2023"
    about = html.select_one(".periodical-about").get_text(" ", strip=True)
    for expected in ("Labklājības ministrija", "divas reizes gadā", "0317-8471"):
        assert expected in about
    assert html.select_one('.periodical-about a[href="/oai-pmh/?verb=Identify"]')


def test_periodical_shows_its_board_and_guidelines_for_authors(client, periodical):
    page = periodical["lv"]
    page.board_members = [
        EditorialBoardMember(person=make_person("Anna Bērziņa", "LU"), role="galvenā redaktore")
    ]
    page.submission_guidelines = [("paragraph", "<p>Raksta apjoms līdz 20 000 zīmēm.</p>")]
    page.save_revision().publish()
    html = soup(client.get("/lv/socialais-darbs-latvija/"))
    about = html.select_one(".periodical-about")
    assert texts(about.select(".board li")) == ["Anna Bērziņa , galvenā redaktore (LU)"]
    assert "Raksta apjoms līdz 20 000 zīmēm." in about.get_text()
    assert about.select_one('a[href="mailto:redakcija@example.lv"]')


def test_periodical_without_issues_says_so(client, periodical):
    response = client.get("/en/social-work-in-latvia/")
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == "en"
    assert html.select_one(".current-issue") is None
    assert "No issue has been published on the site yet." in html.text


def test_every_page_type_renders_in_latvian_and_english(client, issue_with_articles, periodical):
    issue_en = translate(issue_with_articles, slug="2-2022", title="Social work with seniors")
    article = issue_with_articles.get_children().get(slug="teorija").specific
    translate(article, slug="theory", title="Theory article", abstract="About theory.")
    pages = {
        "/lv/socialais-darbs-latvija/": ("lv", "Sociālais darbs Latvijā"),
        "/en/social-work-in-latvia/": ("en", "Social Work in Latvia"),
        "/lv/socialais-darbs-latvija/2-2022/": ("lv", "Sociālais darbs ar senioriem"),
        "/en/social-work-in-latvia/2-2022/": ("en", "Social work with seniors"),
        "/lv/socialais-darbs-latvija/2-2022/teorija/": ("lv", "Teorija"),
        "/en/social-work-in-latvia/2-2022/theory/": ("en", "Theory article"),
    }
    for url, (language, heading) in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = soup(response)
        assert html.html["lang"] == language
        assert html.select_one("h1").get_text(strip=True) == heading
    english = soup(client.get("/en/social-work-in-latvia/2-2022/"))
    assert texts(english.select(".issue-contents h3")) == ["Theory"]
    assert english.select_one(".issue-head__cover")["alt"] == "Cover of issue 2/2022"
    assert issue_en.label == "2/2022"


def test_article_page_shows_authors_abstract_and_summary(client, issue_with_articles):
    article = issue_with_articles.get_children().get(slug="teorija").specific
    article.summary_en = "A summary in English."
    article.keywords.add("seniori", "novērtēšana")
    article.references = [("reference", {"text": "Autors, A. (2020). Darbs.", "url": ""})]
    article.save_revision().publish()
    html = soup(client.get("/lv/socialais-darbs-latvija/2-2022/teorija/"))
    authors = html.select(".article__authors li")
    assert texts(authors) == [
        "Anna Bērziņa Rīgas Stradiņa universitāte",
        "Jānis Kalniņš Piemēru novada sociālais dienests",
    ]
    assert "Kopsavilkums: Teorija." in html.select_one(".article__abstract").get_text()
    summary = html.select_one(".article__summary-en [lang=en]")
    assert summary.get_text(strip=True) == "A summary in English."
    assert texts(html.select(".article__keywords li")) == ["seniori", "novērtēšana"]
    assert texts(html.select(".references li")) == ["Autors, A. (2020). Darbs."]
    assert html.select_one(".article__kicker").get_text(" ", strip=True).startswith("Teorija")


def test_article_without_pdf_or_body_renders_its_abstract(client, issue_with_articles):
    response = client.get("/lv/socialais-darbs-latvija/2-2022/prakse-bez-lappusem/")
    assert response.status_code == 200
    html = soup(response)
    assert html.select_one(".article__abstract p").get_text() == (
        "Kopsavilkums: Prakse bez lappusēm."
    )
    assert html.select_one(".article__body") is None
    assert html.select_one(".periodical-download") is None
    # The reader is sent to the issue's PDF, which holds the full text.
    pointer = html.select_one(".notice a")
    assert pointer["href"].endswith("numurs.pdf")


def test_a_preview_shows_the_editors_unsaved_authors(rf, issue_with_articles):
    article = issue_with_articles.get_children().get(slug="teorija").specific
    article.authors = [ArticleAuthor(person=make_person("Jauna Autore"))]
    request = rf.get(article.url)
    request.is_preview = True
    context = article.get_context(request)
    assert [author.name for author in context["citation"].authors] == ["Jauna Autore"]
    # A published page reads its authors from the database (in one prefetch query).
    request.is_preview = False
    saved = type(article).objects.get(pk=article.pk)
    saved.get_context(request)
    assert [person.name for person in saved.author_list] == ["Anna Bērziņa", "Jānis Kalniņš"]


def test_example_issues_say_they_are_examples(client, periodical):
    issue = make_issue(periodical["lv"], 1, 2024, is_example=True)
    make_article(issue, "Piemēra raksts")
    for url in (
        "/lv/socialais-darbs-latvija/1-2024/",
        "/lv/socialais-darbs-latvija/1-2024/piemera-raksts/",
    ):
        assert soup(client.get(url)).select_one(".periodical-example")
    real = make_issue(periodical["lv"], 2, 2024)
    assert soup(client.get(real.url)).select_one(".periodical-example") is None


def _count_queries(client, url):
    client.get(url)  # renditions and caches are made on the first view
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _add_issues(periodical_page, start, count):
    people = [make_person(f"Autors {start}-{n}", "Iestāde") for n in range(2)]
    for index in range(start, start + count):
        issue = make_issue(
            periodical_page,
            1 + index % 2,
            2000 + index // 2,
            slug=f"numurs-{index}",
            cover_image=make_image(f"Vāks {index}"),
        )
        for section in ("theory", "practice", "news"):
            make_article(issue, f"Raksts {index} {section}", section=section, authors=people)


def test_archive_queries_do_not_grow_with_the_number_of_issues(client, periodical):
    _add_issues(periodical["lv"], 0, 2)
    few = _count_queries(client, "/lv/socialais-darbs-latvija/")
    _add_issues(periodical["lv"], 2, 4)
    many = _count_queries(client, "/lv/socialais-darbs-latvija/")
    rows = soup(client.get("/lv/socialais-darbs-latvija/")).select(".issue-archive .listing-row")
    assert len(rows) == 6
    assert many == few


def test_issue_queries_do_not_grow_with_the_number_of_articles(client, periodical):
    issue = make_issue(periodical["lv"], 1, 2023)
    people = [make_person(f"Autors {n}", "Iestāde") for n in range(3)]
    for n in range(2):
        make_article(issue, f"Raksts {n}", authors=people)
    few = _count_queries(client, issue.url)
    for n in range(2, 6):
        make_article(issue, f"Raksts {n}", section="practice", authors=people)
    many = _count_queries(client, issue.url)
    assert many == few


def test_article_queries_do_not_grow_with_authors_and_keywords(client, periodical):
    issue = make_issue(periodical["lv"], 1, 2023)
    people = [make_person(f"Autors {n}", "Iestāde") for n in range(6)]
    small = make_article(issue, "Mazs", authors=people[:1], keywords=["a"])
    large = make_article(issue, "Liels", authors=people, keywords=["b", "c", "d", "e", "f"])
    assert _count_queries(client, small.url) == _count_queries(client, large.url)


def test_editor_can_add_an_article_in_the_admin(client, issue_with_articles, admin_user):
    client.force_login(admin_user)
    url = f"/admin/pages/add/periodical/articlepage/{issue_with_articles.pk}/"
    assert client.get(url).status_code == 200
    person = make_person("Ilze Piemēre", "Piemēru novada sociālais dienests")
    data = nested_form_data(
        {
            "title": "Jauns raksts",
            "slug": "jauns-raksts",
            "section": "practice",
            "abstract": "Kopsavilkums.",
            "keywords": "kopiena, prakse",
            "first_page": "40",
            "last_page": "44",
            "authors": inline_formset([{"person": person.pk}]),
            "body": streamfield([]),
            "references": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(slug="jauns-raksts")
    assert article.live
    assert [person.name for person in article.author_list] == ["Ilze Piemēre"]
    assert sorted(article.keyword_names) == ["kopiena", "prakse"]
    assert article.authors.get().locale == article.locale
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200


def test_archive_rows_say_number_season_and_pdf_in_both_languages(client, periodical):
    from tests.methodologies.utils import make_document
    from tests.utils import translate

    issue = make_issue(
        periodical["lv"], 1, 2023, title="Kopiena", season="spring", pdf=make_document("Nr. 1")
    )
    make_issue(periodical["lv"], 2, 2023, title="Bez PDF")
    translate(issue, slug="1-2023", title="Community")

    def rows(url):
        html = soup(client.get(url))
        return [
            (
                row.select_one(".listing-row__when").get_text(strip=True),
                row.select_one(".listing-row__title").get_text(strip=True),
                [li.get_text() for li in row.select(".listing-row__available li")],
                row.select_one(".listing-row__meta"),
            )
            for row in html.select(".issue-archive .listing-row")
        ]

    lv = rows("/lv/socialais-darbs-latvija/")
    assert [row[:3] for row in lv] == [
        ("Nr. 2/2023", "Bez PDF", []),
        ("Nr. 1/2023", "Kopiena", ["PDF"]),
    ]
    assert lv[1][3].get_text(strip=True) == "Pavasaris"
    en = rows("/en/social-work-in-latvia/")
    assert [row[:3] for row in en] == [("No. 1/2023", "Community", ["PDF"])]
    assert en[0][3].get_text(strip=True) == "Spring"
