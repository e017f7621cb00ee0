import pytest
from bs4 import BeautifulSoup

import research.demo
from research.models import PublicationPage, ResearchPage
from tests.utils import assert_demo_loads_once

pytestmark = pytest.mark.django_db


def test_demo_research_loads_in_both_languages_and_only_once(client, locales):
    assert_demo_loads_once(research.demo)

    studies = ResearchPage.objects.filter(locale=locales["lv"])
    assert sorted(studies.values_list("year", flat=True)) == [2017, 2021, 2021, 2023, 2023]
    assert ResearchPage.objects.filter(locale=locales["en"]).count() == 5
    ex_post = studies.get(year=2023, title__startswith="Ex-post")
    assert ex_post.impact == "Projekta ietekmes novērtējums, ieteikumi nākotnei"
    assert ex_post.get_translation(locales["en"]).specific.impact == (
        "Assessment of the project's impact; recommendations for the future"
    )
    for study in studies:
        (report,) = study.get_search_documents()
        assert report.file.read(5) == b"%PDF-"

    html = BeautifulSoup(client.get("/lv/petijumi/").content, "html.parser")
    assert [s.h2.get_text() for s in html.select(".research-year")] == ["2023", "2021", "2017"]
    assert "Jauns sociālā darbinieka profesijas standarts" in html.get_text()
    ex_ante = client.get("/en/research/ex-ante-evaluation/")
    assert ex_ante.status_code == 200
    assert "3012 respondents aged 18–74, including 683 social service clients" in ex_ante.text

    monograph = PublicationPage.objects.get(locale=locales["lv"])
    assert monograph.title == "Sociālais darbs ar gadījumu"
    assert monograph.kind == PublicationPage.Kind.MONOGRAPH
    assert monograph.year is None and not monograph.authors.exists()
    english = client.get("/en/research/social-casework/")
    assert english.status_code == 200 and "Social Casework" in english.text
