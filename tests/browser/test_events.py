from pathlib import Path

from icalendar import Calendar

from tests.browser.conftest import assert_accessible

INDEX = "/lv/pasakumi/"


def test_filter_the_event_list_by_year(page, demo_server):
    page.goto(f"{demo_server}{INDEX}")
    assert page.locator("h1").inner_text() == "Pasākumi"
    # Upcoming events come first, then past years, newest first.
    headings = page.locator(".events-group h2").all_inner_texts()
    assert headings[0] == "Gaidāmie pasākumi"
    assert_accessible(page)

    page.get_by_label("Gads").select_option("2020")
    page.get_by_role("button", name="Rādīt").click()
    page.wait_for_url("**/pasakumi/?*year=2020*")
    assert page.locator(".events-group h2").all_inner_texts() == ["2020"]
    titles = page.locator(".listing-row__title").all_inner_texts()
    # The four 2020 discussions, the conference, the seminar and the Kuldīga regional event.
    assert len(titles) == 7
    assert "Sociālā darba profesijas attīstība" in titles
    assert "2020. gads Kurzeme (Kuldīga)" in titles
    assert page.get_by_label("Gads").input_value() == "2020"
    assert_accessible(page)

    # Filters combine; clearing them shows everything again.
    page.get_by_label("Reģions").select_option("kurzeme")
    page.get_by_role("button", name="Rādīt").click()
    page.wait_for_url("**region=kurzeme*")
    assert page.locator(".listing-row__title").all_inner_texts() == ["2020. gads Kurzeme (Kuldīga)"]
    page.get_by_role("link", name="Notīrīt atlasi").click()
    page.wait_for_url(f"{demo_server}{INDEX}")
    assert page.locator(".listing-row__title").count() > 7


def test_download_an_event_to_a_calendar(page, demo_server, tmp_path):
    page.goto(f"{demo_server}{INDEX}")
    page.locator(".events-group").first.locator(".listing-row__title a").first.click()
    title = page.locator("h1").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Pievienot kalendāram (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    calendar = Calendar.from_ical(Path(target).read_bytes())
    assert calendar.events
    assert all(str(event["SUMMARY"]).startswith(title) for event in calendar.events)


def test_every_event_type_is_accessible_in_both_languages(page, demo_server):
    pages = [
        "/lv/pasakumi/2022-vini-ir-mes/",
        "/en/events/2022-they-are-us/",
        "/lv/pasakumi/piemers-kapec-vairakums-socialo-darbinieku-ir-sievietes/",
        "/en/events/2020-a-pre-holiday-conversation-with-pastor-indulis-paics/",
        "/lv/pasakumi/piemers-starpprofesionalas-komandas-vietejo-krizu-risku-mazinasana/",
        "/en/events/2020-kurzeme-kuldiga/",
        "/en/events/",
    ]
    for path in pages:
        response = page.goto(f"{demo_server}{path}")
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        assert_accessible(page)
