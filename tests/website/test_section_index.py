"""Every section's page is a SectionIndexPage: one per home page, an introduction and a body
the editors write around the section's list, in both languages, and found by search."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from dictionary.models import DictionaryPage
from events.models import EventIndexPage
from methodologies.models import MethodologyIndexPage
from projects.models import ProjectIndexPage
from research.models import ResearchIndexPage
from tests.utils import add_page, translate
from website.models import HomePage, SectionIndexPage

SECTIONS = [
    (MethodologyIndexPage, "metodikas", "methodologies"),
    (ResearchIndexPage, "petijumi", "research"),
    (EventIndexPage, "pasakumi", "events"),
    (DictionaryPage, "vardnica", "dictionary"),
    (ProjectIndexPage, "projekti", "projects"),
]


def body(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.mark.parametrize(("model", "slug", "slug_en"), SECTIONS)
def test_a_section_page_shows_its_introduction_and_body_in_both_languages(
    client, site_tree, model, slug, slug_en
):
    lv = add_page(
        site_tree["lv"],
        model,
        title="Sadaļa",
        slug=slug,
        introduction="Ievads sadaļai.",
        body=body("Sadaļas teksts."),
    )
    translate(
        lv,
        slug=slug_en,
        title="Section",
        introduction="An introduction.",
        body=body("The section's text."),
    )
    for url, introduction, text in (
        (f"/lv/{slug}/", "Ievads sadaļai.", "Sadaļas teksts."),
        (f"/en/{slug_en}/", "An introduction.", "The section's text."),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = BeautifulSoup(response.content, "html.parser")
        assert html.select_one("main .lead").get_text(strip=True) == introduction
        assert text in html.select_one("main").get_text()
    assert "Sadaļas teksts." in " ".join(model.objects.get(pk=lv.pk).get_search_text_parts())


@pytest.mark.parametrize(("model", "slug", "slug_en"), SECTIONS)
def test_one_section_page_of_a_kind_under_a_home_page_and_nowhere_else(
    site_tree, model, slug, slug_en
):
    home = site_tree["lv"]
    assert issubclass(model, SectionIndexPage)
    assert model.can_create_at(home)
    section = add_page(home, model, title="Sadaļa", slug=slug)
    assert not model.can_create_at(Page.objects.get(pk=home.pk))
    assert not model.can_create_at(section)
    assert model in HomePage.allowed_subpage_models()
