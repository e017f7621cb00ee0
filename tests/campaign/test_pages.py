"""The campaign page, a portrait and its diary entry in both languages (conftest.py's, built once
for the module), and the tree rules. Elsewhere: test_portraits.py (a portrait without entries),
test_memorandum.py, test_pages_own_portraits.py (the campaign alone)."""

from wagtail.models import PageViewRestriction

from campaign.models import CampaignPage, DiaryEntryPage, MemorandumPage, PortraitPage
from tests.utils import soup, text
from website.models import HomePage, StandardPage

# No module-wide django_db mark: the tests that use the database ask for `diary_entry`, built
# once for the module (tests/shared.py); the tree rules use none.


def test_campaign_page_renders_in_both_languages(client, campaign, portrait, diary_entry):
    lv = soup(client.get("/lv/celamies-kopa/"))
    en = soup(client.get("/en/lets-rise-together/"))
    assert lv.html["lang"] == "lv" and en.html["lang"] == "en"
    assert lv.h1.get_text(strip=True) == "Ceļamies kopā"
    assert en.h1.get_text(strip=True) == "Let's Rise Together"
    assert "Informatīvā kampaņa par sociālo darbu." in text(lv)
    assert "Sociālo darbinieku portreti" in text(lv)
    assert "Portraits of social workers" in text(en)
    assert lv.select_one('a[href="https://celamieskopa.lv/"]')
    # The lists: the portrait card and the diary entry card, each in its language.
    assert lv.select_one(".portrait-card a")["href"] == "/lv/celamies-kopa/ilze/"
    assert en.select_one(".portrait-card a")["href"] == "/en/lets-rise-together/ilze/"
    assert lv.select_one(".campaign__diary .card a")["href"] == "/lv/celamies-kopa/pirmdiena/"
    assert "2022. gada 18. maijs" in text(lv.select_one(".campaign__diary"))
    assert "18 May 2022" in text(en.select_one(".campaign__diary"))


def test_diary_entry_renders_in_both_languages_with_its_author(client, diary_entry):
    lv = soup(client.get("/lv/celamies-kopa/pirmdiena/"))
    en = soup(client.get("/en/lets-rise-together/monday/"))
    assert lv.h1.get_text(strip=True) == "Pirmdiena"
    assert lv.select_one("time")["datetime"] == "2022-05-18"
    assert "2022. gada 18. maijs · Ilze, sociālā darbiniece" in text(lv)
    assert "18 May 2022 · Ilze, social worker" in text(en)
    assert "At eight the school calls." in text(en)
    # The English entry still points at the Latvian portrait; readers get the English one.
    assert en.select_one(".diary-entry__author a")["href"] == "/en/lets-rise-together/ilze/"
    assert lv.select_one(".diary-entry__author a")["href"] == "/lv/celamies-kopa/ilze/"


def test_portrait_lists_its_diary_entries_in_its_language(client, diary_entry):
    lv = soup(client.get("/lv/celamies-kopa/ilze/"))
    en = soup(client.get("/en/lets-rise-together/ilze/"))
    assert [a["href"] for a in lv.select(".diary-list a")] == ["/lv/celamies-kopa/pirmdiena/"]
    assert [a["href"] for a in en.select(".diary-list a")] == ["/en/lets-rise-together/monday/"]


def test_tree_rules():
    assert CampaignPage in HomePage.allowed_subpage_models()
    assert set(CampaignPage.allowed_subpage_models()) == {
        PortraitPage,
        DiaryEntryPage,
        MemorandumPage,
    }
    assert CampaignPage.allowed_parent_page_models() == [HomePage]
    for model in (PortraitPage, DiaryEntryPage, MemorandumPage):
        assert model.allowed_parent_page_models() == [CampaignPage]
        assert model.allowed_subpage_models() == []
    assert PortraitPage not in StandardPage.allowed_subpage_models()


def diary_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".campaign__diary .card a")]


def test_private_diary_entries_are_not_listed(client, campaign, portrait, diary_entry):
    PageViewRestriction.objects.create(
        page=diary_entry["lv"], restriction_type=PageViewRestriction.LOGIN
    )
    assert diary_titles(client.get("/lv/celamies-kopa/")) == []
