"""The periodical's demo content: facts from the seed, example issues, loaded once."""

import pytest
from django.db import transaction
from lxml import etree
from PIL import Image as PILImage
from PIL import ImageChops, ImageStat
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

import periodical.demo
from periodical import oai
from periodical.models import ArticlePage, IssuePage, Keyword, PeriodicalPage
from tests.shared import shared_fixture
from tests.utils import load_demo
from website.models import Person

pytestmark = pytest.mark.django_db

NS = {"oai": "http://www.openarchives.org/OAI/2.0/"}


def load():
    with transaction.atomic():
        return load_demo(periodical.demo)


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "people": Person.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "keywords": Keyword.objects.count(),
    }


@shared_fixture
def demo(locales):
    """Loaded once for the module (tests/shared.py)."""
    assert load().created > 0
    return locales


def test_loading_twice_changes_nothing(demo):
    first = counts()
    assert load().created == 0
    assert counts() == first


def test_the_periodical_is_described_as_the_seed_says(demo):
    lv = PeriodicalPage.objects.get(locale=demo["lv"])
    en = PeriodicalPage.objects.get(locale=demo["en"])
    assert (lv.slug, en.slug) == ("socialais-darbs-latvija", "social-work-in-latvia")
    assert (lv.title, en.title) == ("Sociālais darbs Latvijā", "Social Work in Latvia")
    assert lv.description == "Tematisks izdevums par sociālā darba aktualitātēm."
    assert (lv.frequency, en.frequency) == ("divas reizes gadā", "twice a year")
    assert lv.formats == "papīra formātā un elektroniski"
    assert lv.publisher_url == "https://www.lm.gov.lv/lv/periodiskais-izdevums"
    assert lv.issns == [] and en.issns == []  # the seed gives no ISSN
    assert [(share.section, share.share) for share in lv.content_plan.all()] == [
        ("theory", "vidēji trešdaļa"),
        ("practice", "vidēji 40%"),
        ("news", "trešdaļa"),
    ]
    assert [share.share for share in en.content_plan.all()] == [
        "about a third",
        "about 40%",
        "a third",
    ]


def test_example_issues_and_articles_in_both_languages(demo):
    for language in ("lv", "en"):
        issues = IssuePage.objects.filter(locale=demo[language])
        assert sorted(issue.label for issue in issues) == ["1/2023", "2/2022", "2/2023"]
        assert all(issue.is_example and issue.cover_image and issue.pdf for issue in issues)
        articles = ArticlePage.objects.filter(locale=demo[language]).with_authors()
        sections = [article.section for article in articles]
        # The planned structure: about a third theory, 40 % practice, a third news.
        assert (sections.count("theory"), sections.count("practice"), sections.count("news")) == (
            3,
            4,
            3,
        )
        for article in articles:
            assert article.abstract and article.first_page and article.keyword_names
            assert article.author_list
            assert all(
                person.is_example and person.locale == demo[language]
                for person in article.author_list
            )
    covers = get_image_model().objects.filter(title__startswith="Sociālais darbs Latvijā")
    assert covers.count() == 3 and all(
        cover.width == 600 and cover.height == 850 for cover in covers
    )


def test_every_demo_page_renders(client, demo):
    pages = [*IssuePage.objects.all(), *ArticlePage.objects.all(), *PeriodicalPage.objects.all()]
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    abstract_only = ArticlePage.objects.get(slug="metodiskais-materials-seniori")
    assert not abstract_only.body and not abstract_only.pdf
    assert abstract_only.abstract in client.get(abstract_only.url).text


def test_a_harvester_lists_every_demo_article(client, demo, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 7)
    params = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    harvested = []
    while True:
        root = etree.fromstring(client.get("/oai-pmh/", params).content)
        harvested += [node.text for node in root.iterfind(".//oai:header/oai:identifier", NS)]
        token = root.find(".//oai:resumptionToken", NS)
        if token is None or not token.text:
            break
        params = {"verb": "ListRecords", "resumptionToken": token.text}
    host = Site.objects.get(is_default_site=True).hostname
    expected = [
        f"oai:{host}:article/{pk}"
        for pk in ArticlePage.objects.order_by("pk").values_list("pk", flat=True)
    ]
    assert len(expected) == 20
    assert harvested == expected


def test_the_issue_covers_look_like_covers_and_tell_the_issues_apart(demo):
    issues = IssuePage.objects.filter(locale=demo["lv"]).select_related("cover_image")
    bands = set()
    pictures = []
    for issue in issues:
        with issue.cover_image.open_file() as handle, PILImage.open(handle) as cover:
            cover = cover.convert("RGB")
        width, height = cover.size
        assert height / width == pytest.approx(2**0.5, abs=0.02)  # a magazine's page
        masthead = cover.crop((0, 0, width, height // 5))
        # A band of the issue's colour with the masthead in white letters across it.
        (_, band), (letters, white) = sorted(masthead.getcolors(1 << 20), reverse=True)[:2]
        assert white == (255, 255, 255) and letters > width * height * 0.005
        bands.add(band)
        pictures.append(cover)
        assert issue.title in issue.cover_image.description  # the alt text names the theme
    # Side by side in a list, no two covers share their colour, and they differ everywhere.
    assert len(bands) == 3
    for first, second in ((0, 1), (1, 2), (0, 2)):
        difference = ImageStat.Stat(ImageChops.difference(pictures[first], pictures[second]))
        assert sum(difference.mean) / 3 > 20
