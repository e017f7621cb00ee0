import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils
from wagtail.users.models import UserProfile

from tests.utils import add_page, soup, standard_page_form, translate
from website.models import HomeFeaturedItem, HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_latvian_and_english(client, site_tree):
    lv = client.get("/lv/")
    en = client.get("/en/")
    assert lv.status_code == 200 and en.status_code == 200
    assert soup(lv).html["lang"] == "lv"
    assert soup(en).html["lang"] == "en"
    assert soup(lv).h1.get_text(strip=True) == "Sociālā darba portāls"
    assert soup(en).h1.get_text(strip=True) == "Social Work Portal"
    # Interface strings come from the Latvian catalogue.
    assert "Pāriet uz galveno saturu" in lv.text
    assert "Skip to main content" in en.text


def test_root_redirects_to_a_language(client, site_tree):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/lv/"
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert english["Location"] == "/en/"


def test_standard_page_renders_body_blocks_in_both_languages(client, site_tree):
    page = add_page(
        site_tree["lv"],
        StandardPage,
        title="Par portālu",
        slug="par-portalu",
        introduction="Ievads par portālu.",
        body=[
            ("paragraph", "<p>Sociālais darbs pašvaldībās.</p>"),
            ("quote", {"quote": "Viņi ir mēs", "attribution": "Konference 2022"}),
        ],
    )
    translate(
        page,
        slug="about",
        title="About",
        introduction="About the portal.",
        body=[("paragraph", "<p>Social work in municipalities.</p>")],
    )
    lv = client.get("/lv/par-portalu/")
    en = client.get("/en/about/")
    assert "Sociālais darbs pašvaldībās." in lv.text
    assert soup(lv).find("blockquote").get_text(strip=True) == "Viņi ir mēs"
    assert "Social work in municipalities." in en.text
    # Breadcrumbs lead back home in the page's own language.
    assert soup(en).select_one(".breadcrumbs a")["href"] == "/en/"


def test_hreflang_alternates_and_switcher_lead_to_the_translation(client, site_tree):
    page = add_page(site_tree["lv"], StandardPage, title="Kontakti", slug="kontakti")
    translate(page, slug="contacts", title="Contacts")
    html = soup(client.get("/lv/kontakti/"))
    alternates = {link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"]')}
    assert alternates["lv"] == "http://testserver/lv/kontakti/"
    assert alternates["en"] == "http://testserver/en/contacts/"
    assert alternates["x-default"] == "http://testserver/lv/kontakti/"
    switch = html.select_one(".lang-switch a[hreflang=en]")
    assert switch["href"] == "/en/contacts/"
    assert html.select_one(".lang-switch__note") is None


def test_switcher_says_when_there_is_no_translation(client, site_tree):
    add_page(site_tree["lv"], StandardPage, title="Tikai latviski", slug="tikai-latviski")
    html = soup(client.get("/lv/tikai-latviski/"))
    switch = html.select_one(".lang-switch a[hreflang=en]")
    assert switch["href"] == "/en/"
    note = html.select_one(".lang-switch__note")
    assert note is not None and "nav tulkota" in note.get_text()
    assert not html.select('link[rel="alternate"][hreflang="en"]')


def test_missing_translation_is_a_404_not_a_500(client, site_tree):
    add_page(site_tree["lv"], StandardPage, title="Tikai latviski", slug="tikai-latviski")
    assert client.get("/en/tikai-latviski/").status_code == 404


def test_unknown_url_gives_styled_404_in_the_right_language(client, site_tree):
    lv = client.get("/lv/nav-tadas-lapas/")
    en = client.get("/en/no-such-page/")
    assert lv.status_code == 404 and en.status_code == 404
    assert soup(lv, 404).h1.get_text(strip=True) == "Lapa nav atrasta"
    assert soup(en, 404).h1.get_text(strip=True) == "Page not found"
    assert soup(en, 404).html["lang"] == "en"
    outside = client.get("/nothing-here", follow=True)
    assert outside.redirect_chain == [("/lv/nothing-here/", 302)]
    assert outside.status_code == 404
    assert soup(outside, 404).select_one("footer")


def test_every_page_shows_the_esf_funding_statement(client, site_tree):
    for url, status in (("/lv/", 200), ("/en/", 200), ("/lv/nav-tadas-lapas/", 404)):
        footer = soup(client.get(url), status).select_one(".site-footer__funding")
        assert footer.select_one("svg.esf-logo title") is not None
        assert footer.get_text(strip=True)


def test_where_pages_may_be_created(site_tree):
    home = site_tree["lv"]
    standard = add_page(home, StandardPage, title="Par mums", slug="par-mums")
    assert StandardPage.can_create_at(home) and StandardPage.can_create_at(standard)
    assert not StandardPage.can_create_at(Page.get_first_root_node())
    assert HomePage.can_create_at(Page.get_first_root_node())
    assert not HomePage.can_create_at(home) and not HomePage.can_create_at(standard)


class TestAdmin(WagtailTestUtils):
    def test_an_editor_creates_a_standard_page_under_home(self, client, site_tree, editor):
        """A member of "Redaktori" (not a superuser) fills in the form and saves a draft."""
        client.force_login(editor)
        url = f"/admin/pages/add/website/standardpage/{site_tree['lv'].pk}/"
        assert client.get(url).status_code == 200
        form = standard_page_form("Par mums", "par-mums", introduction="Kas mēs esam.")
        response = client.post(url, form)
        assert response.status_code == 302, response.context["form"].errors
        page = StandardPage.objects.get(slug="par-mums")
        assert page.get_parent().pk == site_tree["lv"].pk
        assert not page.live and page.owner == editor
        assert client.get("/lv/par-mums/").status_code == 404

    def test_admin_is_usable_in_latvian(self, client, site_tree, admin_user):
        profile = UserProfile.get_for_user(admin_user)
        profile.preferred_language = "lv"
        profile.save()
        client.force_login(admin_user)
        response = client.get("/admin/")
        assert response.status_code == 200
        assert 'lang="lv"' in response.text


def test_home_page_lists_featured_pages_with_a_fixed_number_of_queries(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    home = site_tree["lv"]

    def feature(start, count):
        for index in range(start, start + count):
            page = add_page(
                home,
                StandardPage,
                title=f"Izcelta {index}",
                slug=f"izcelta-{index}",
                listing_summary=f"Kopsavilkums {index}",
            )
            HomeFeaturedItem.objects.create(home=home, page=page, sort_order=index)

    def queries():
        client.get("/lv/")  # fills the menu cache
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/lv/")
        assert response.status_code == 200
        return len(captured), response

    feature(0, 1)
    one, _ = queries()
    feature(1, 5)
    six, response = queries()
    assert six == one
    cards = BeautifulSoup(response.content, "html.parser").select(".card__title a")
    assert [card.get_text() for card in cards] == [f"Izcelta {i}" for i in range(6)]
