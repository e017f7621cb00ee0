from tests.browser.conftest import assert_accessible


def test_research_by_year_a_report_and_the_monograph(page, demo_server):
    page.goto(f"{demo_server}/lv/petijumi/")
    assert page.locator(".research-year h2").all_inner_texts() == ["2023", "2021", "2017"]
    assert_accessible(page)

    page.locator(".research-years a", has_text="2017").click()
    assert page.evaluate("location.hash") == "#year-2017"
    page.locator("#year-2017 ~ ul a").first.click()
    page.wait_for_url("**/petijumi/ex-ante-izvertejums/")
    assert page.locator(".research__impact p").inner_text() == (
        "Pamats projekta darbībām, jaunu aktivitāšu pievienošana"
    )
    assert_accessible(page)

    page.goto(f"{demo_server}/en/research/")
    page.locator("#publications ~ ul a", has_text="Social Casework").click()
    page.wait_for_url("**/en/research/social-casework/")
    assert page.locator(".card__label").inner_text().lower() == "monograph"
    assert_accessible(page)
