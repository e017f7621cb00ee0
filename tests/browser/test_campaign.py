"""The campaign's pages in Chromium: axe-core, images, the tracker map, no third-party requests."""

from tests.browser.conftest import assert_accessible

CAMPAIGN = {"lv": "/lv/celamies-kopa/", "en": "/en/lets-rise-together/"}
PORTRAIT = {"lv": "/lv/celamies-kopa/ilze/", "en": "/en/lets-rise-together/ilze/"}
DIARY = {
    "lv": "/lv/celamies-kopa/sapulce-biblioteka/",
    "en": "/en/lets-rise-together/a-meeting-at-the-library/",
}
MEMORANDUM = {"lv": "/lv/celamies-kopa/memorands/", "en": "/en/lets-rise-together/memorandum/"}


def loaded(image):
    return image.evaluate("img => img.complete && img.naturalWidth > 0")


def test_campaign_page_in_both_languages_is_accessible(page, demo_server):
    page.goto(demo_server + CAMPAIGN["lv"])
    assert page.locator("h1").inner_text() == "Ceļamies kopā"
    assert page.locator(".portrait-card").count() == 3
    assert all(loaded(image) for image in page.locator(".portrait-card img").all())
    assert page.locator(".campaign__diary .card").count() == 4
    assert_accessible(page)
    page.goto(demo_server + CAMPAIGN["en"])
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Let's Rise Together"
    assert_accessible(page)


def test_portrait_pages_are_accessible_with_their_photo(page, demo_server):
    for language, alt in (
        ("lv", "Zīmēta ilustrācija: cilvēka figūra un vārds “Ilze”"),
        ("en", "Drawn illustration: a figure and the name “Ilze”"),
    ):
        page.goto(demo_server + PORTRAIT[language])
        photo = page.get_by_role("img", name=alt)
        assert photo.is_visible() and loaded(photo)
        assert page.locator(".campaign-example").is_visible()
        assert_accessible(page)


def test_diary_entries_are_accessible_and_lead_to_their_author(page, demo_server):
    page.goto(demo_server + DIARY["lv"])
    assert page.locator("h1").inner_text() == "Sapulce bibliotēkā"
    assert_accessible(page)
    page.goto(demo_server + DIARY["en"])
    picture = page.get_by_role("img", name="Illustration: a community meeting at the library")
    assert loaded(picture)
    assert_accessible(page)
    page.get_by_role("link", name="Read the portrait").click()
    page.wait_for_url(demo_server + "/en/lets-rise-together/marta/")


def test_memorandum_tracker_is_accessible_with_its_map(page, demo_server):
    page.goto(demo_server + MEMORANDUM["lv"])
    assert page.locator(".tracker__total").inner_text() == (
        "Memorandam pievienojusies 31 pašvaldība."
    )
    region_map = page.get_by_role("img", name="Latvijas plānošanas reģionu karte", exact=False)
    assert region_map.is_visible()
    assert region_map.bounding_box()["width"] > 300
    assert page.locator(".tracker__municipalities li").count() == 31
    assert_accessible(page)
    page.goto(demo_server + MEMORANDUM["en"])
    assert page.locator(".tracker__total").inner_text() == (
        "31 municipalities have joined the memorandum."
    )
    assert_accessible(page)


def test_memorandum_fits_a_narrow_screen(mobile_page, demo_server):
    mobile_page.goto(demo_server + MEMORANDUM["lv"])
    width = mobile_page.evaluate("document.documentElement.clientWidth")
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= width
    assert mobile_page.locator("svg.region-map").bounding_box()["width"] <= width
    assert_accessible(mobile_page)


def test_campaign_pages_load_nothing_from_other_sites(page, demo_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for url in (CAMPAIGN["lv"], PORTRAIT["en"], DIARY["lv"], MEMORANDUM["en"]):
        page.goto(demo_server + url)
    assert requested and all(url.startswith(demo_server) for url in requested)
    share = page.locator(".share a").first
    assert share.get_attribute("href").startswith("https://www.facebook.com/sharer/")
