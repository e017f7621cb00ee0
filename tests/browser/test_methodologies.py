from tests.browser.conftest import assert_accessible


def test_filter_the_methodology_list_and_open_one(page, demo_server):
    page.goto(f"{demo_server}/lv/metodikas/")
    assert page.locator("h1").inner_text() == "Metodikas"
    cards = page.locator(".listing-rows .listing-row__title a")
    assert cards.count() == 3
    assert_accessible(page)

    # The form works by a plain GET submit: no script is needed to filter.
    page.get_by_label("Mērķa grupa").select_option(label="Seniori (1)")
    page.get_by_role("button", name="Rādīt").click()
    page.wait_for_url(f"{demo_server}/lv/metodikas/?target=seniori*")
    assert cards.all_inner_texts() == ["Metodiskais materiāls sociālajam darbam ar senioriem"]
    assert page.get_by_label("Mērķa grupa").input_value() == "seniori"
    assert_accessible(page)

    cards.first.click()
    page.wait_for_url("**/metodikas/metodiskais-materials-socialajam-darbam-ar-senioriem/")
    assert page.locator(".component__title").all_inner_texts() == [
        "Metodiskais materiāls",
        "Klātienes mācību programma",
        "E-mācību programma",
        "Papildu vadlīnijas",
    ]
    meta = page.locator(".component--methodical_material .block-document__meta").inner_text()
    assert meta.startswith("(PDF, ") and meta.endswith("KB)")
    assert_accessible(page)

    # The material is downloaded from the site itself.
    link = page.locator(".component--methodical_material a").first
    assert link.get_attribute("href").startswith("/documents/")
    response = page.request.get(f"{demo_server}{link.get_attribute('href')}")
    assert response.status == 200 and response.body()[:5] == b"%PDF-"


def test_english_methodologies_and_a_methodology_without_materials(page, demo_server):
    page.goto(f"{demo_server}/en/methodologies/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_label("Target group").select_option(label="Families with children (1)")
    page.get_by_role("button", name="Show").click()
    # The filtered list is a new page: read it once it has loaded, not the one being left.
    page.wait_for_url(f"{demo_server}/en/methodologies/?*target=*")
    link = page.locator(".listing-rows .listing-row__title a")
    assert link.all_inner_texts() == ["Methodology for social work with families with children"]
    link.click()
    page.wait_for_url(f"{demo_server}/en/methodologies/*/")
    assert "have not been published yet" in page.locator(".notice").inner_text()
    assert_accessible(page)
