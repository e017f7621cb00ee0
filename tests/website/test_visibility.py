"""Pages behind a view restriction are listed nowhere the public looks.

The home page's featured items, search promotions, related items, the sitemap's alternates and
the language switcher list only live pages that are not behind a password, login or group
restriction (Wagtail's view restrictions, on the page or an ancestor).
"""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from tests.utils import add_page, translate
from website.models import HomeFeaturedItem, StandardPage

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Slepenā lapa XQ17"
SECRET_SUMMARY = "Iekšējais kopsavilkums ZK44"


@pytest.fixture(params=[PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def restricted(request, site_tree):
    page = add_page(
        site_tree["lv"],
        StandardPage,
        title=SECRET_TITLE,
        slug="iekseja",
        listing_summary=SECRET_SUMMARY,
    )
    PageViewRestriction.objects.create(
        page=page,
        restriction_type=request.param,
        password="x" if request.param == "password" else "",
    )
    return page


def assert_not_shown(response):
    assert response.status_code == 200
    text = response.content.decode()
    assert SECRET_TITLE not in text
    assert SECRET_SUMMARY not in text
    assert "/iekseja/" not in text


def test_a_restricted_page_is_not_featured_on_the_home_page(client, site_tree, restricted):
    public = add_page(site_tree["lv"], StandardPage, title="Publiska lapa", slug="publiska")
    home = site_tree["lv"]
    for page in (restricted, public):
        HomeFeaturedItem.objects.create(home=home, page=page)
    home.save_revision().publish()
    response = client.get("/lv/")
    assert "Publiska lapa" in response.content.decode()
    assert_not_shown(response)


def test_a_restricted_page_is_not_shown_as_a_search_promotion(client, site_tree, restricted):
    query = Query.get("slepenais")
    SearchPromotion.objects.create(query=query, page=restricted, sort_order=0)
    assert_not_shown(client.get("/lv/meklet/", {"q": "slepenais"}))


def test_a_restricted_translation_is_not_an_alternate_of_its_public_original(client, site_tree):
    public = add_page(site_tree["lv"], StandardPage, title="Par projektu", slug="par-projektu")
    english = translate(public, slug="secret-english", title=SECRET_TITLE)
    PageViewRestriction.objects.create(page=english, restriction_type=PageViewRestriction.LOGIN)
    for url in ("/lv/par-projektu/", "/sitemap.xml"):
        response = client.get(url)
        assert "secret-english" not in response.content.decode(), url
