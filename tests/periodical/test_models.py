import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from periodical.models import ArticlePage, IssuePage, PeriodicalPage, validate_issn
from tests.periodical.conftest import make_article, make_issue, make_person
from website.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_tree_rules():
    assert PeriodicalPage in HomePage.allowed_subpage_models()
    assert PeriodicalPage.allowed_parent_page_models() == [HomePage]
    assert PeriodicalPage.allowed_subpage_models() == [IssuePage]
    assert IssuePage.allowed_parent_page_models() == [PeriodicalPage]
    assert IssuePage.allowed_subpage_models() == [ArticlePage]
    assert ArticlePage.allowed_parent_page_models() == [IssuePage]
    assert ArticlePage.allowed_subpage_models() == []
    assert ArticlePage not in StandardPage.allowed_subpage_models()


def test_a_home_page_has_one_periodical(periodical, site_tree):
    assert not PeriodicalPage.can_create_at(site_tree["lv"])
    assert IssuePage.can_create_at(periodical["lv"])
    assert not ArticlePage.can_create_at(periodical["lv"])
    assert not IssuePage.can_create_at(Page.objects.get(pk=site_tree["lv"].pk))


@pytest.mark.parametrize("issn", ["0317-8471", "2049-3630", "0000-006x", "0000-006X"])
def test_valid_issns_pass(issn):
    validate_issn(issn)


@pytest.mark.parametrize(
    "issn", ["0317-8472", "03178471", "0317-847", "ISSN 0317-8471", "abcd-efgh"]
)
def test_wrong_issns_are_refused(issn):
    with pytest.raises(ValidationError):
        validate_issn(issn)


def test_periodical_stores_issns_in_capitals(periodical):
    page = periodical["lv"]
    page.issn_online = "0000-006x"
    page.full_clean()
    assert page.issn_online == "0000-006X"
    assert page.issns == ["0317-8471", "0000-006X"]


def test_publication_date_must_fall_in_the_issue_year(periodical):
    import datetime

    issue = make_issue(periodical["lv"], 1, 2023)
    issue.publication_date = datetime.date(2022, 12, 1)
    with pytest.raises(ValidationError) as error:
        issue.full_clean()
    assert "publication_date" in error.value.message_dict


def test_editors_cannot_create_the_same_issue_twice(periodical, client, admin_user):
    make_issue(periodical["lv"], 1, 2023)
    client.force_login(admin_user)
    url = f"/admin/pages/add/periodical/issuepage/{periodical['lv'].pk}/"
    data = nested_form_data(
        {
            "title": "Vēl viens",
            "slug": "vel-viens",
            "number": 1,
            "year": 2023,
            "editorial": streamfield([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "1/2023" in response.text
    assert IssuePage.objects.filter(year=2023, number=1).count() == 1
    # The same number in another year is another issue.
    response = client.post(url, {**data, "year": "2024"})
    assert response.status_code == 302
    assert IssuePage.objects.filter(year=2024, number=1).exists()


def test_page_range_needs_a_first_page_before_the_last(periodical):
    issue = make_issue(periodical["lv"], 1, 2023)
    article = make_article(issue, "Raksts")
    article.first_page, article.last_page = 20, 10
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "last_page" in error.value.message_dict
    article.first_page = None
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "first_page" in error.value.message_dict


@pytest.mark.parametrize(
    ("first", "last", "page_range", "english", "latvian"),
    [
        (12, 24, "12–24", "pp. 12–24", "12.–24. lpp."),
        (7, 7, "7", "p. 7", "7. lpp."),
        (7, None, "7", "p. 7", "7. lpp."),
        (None, None, "", "", ""),
    ],
)
def test_page_ranges(first, last, page_range, english, latvian):
    article = ArticlePage(first_page=first, last_page=last)
    assert article.page_range == page_range
    with translation.override("en"):
        assert article.pages_label == english
    with translation.override("lv"):
        assert article.pages_label == latvian


def test_issue_label_and_parent_links(periodical):
    issue = make_issue(periodical["lv"], 2, 2022)
    article = make_article(issue, "Raksts")
    assert issue.label == "2/2022"
    assert article.issue == issue
    assert article.issue.periodical == periodical["lv"]


def test_search_text_covers_authors_keywords_abstract_and_body(periodical):
    issue = make_issue(periodical["lv"], 1, 2023)
    author = make_person("Ilze Piemēre", "Piemēru novada sociālais dienests")
    article = make_article(
        issue,
        "Kopienas darbs",
        authors=[author],
        keywords=["līdzdalība"],
        abstract="Par kopienas resursiem.",
        body=[("paragraph", "<p>Pagasta iedzīvotāji.</p>")],
    )
    text = " ".join(article.get_search_text_parts())
    for expected in (
        "Ilze Piemēre",
        "līdzdalība",
        "Par kopienas resursiem.",
        "Pagasta iedzīvotāji.",
    ):
        assert expected in text
    assert article.get_search_year() == 2023
    issue.editorial = [("paragraph", "<p>Redakcijas sleja.</p>")]
    assert "Redakcijas sleja." in " ".join(issue.get_search_text_parts())
    assert "1/2023" in issue.get_search_title_parts()
