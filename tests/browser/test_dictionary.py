from tests.browser.conftest import assert_accessible


def test_index_and_letter_pages_follow_the_latvian_alphabet(page, demo_server):
    page.goto(f"{demo_server}/lv/vardnica/")
    assert page.locator("h1").inner_text() == "Vārdnīca"
    letters = page.locator(".alphabet__list li [aria-hidden]").all_inner_texts()
    assert letters[:5] == ["A", "Ā", "B", "C", "Č"]
    assert len(letters) == 33
    # Č has no entry: shown, not a link.
    assert page.locator(".alphabet__empty", has_text="Č").count() == 1
    assert_accessible(page)

    page.locator(".alphabet a", has_text="Ģ").click()
    page.wait_for_url(f"{demo_server}/lv/vardnica/burts/%C4%A3/")
    assert page.locator(".entry-list__term a").all_inner_texts() == [
        "ģimenes asistenta pakalpojums",
        "ģimenes asistents",
    ]
    assert_accessible(page)


def test_autocomplete_suggests_and_opens_an_entry_with_the_keyboard(page, demo_server):
    page.goto(f"{demo_server}/lv/vardnica/")
    box = page.locator("#dictionary-q")
    box.fill("supe")
    options = page.locator("#dictionary-q-suggestions [role=option]")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert [text.split(" —")[0] for text in options.all_inner_texts()] == [
        "supervizors",
        "supervīzija",
    ]
    assert page.locator(".dictionary-search [role=status]").inner_text().startswith("Ieteikumi: 2")
    assert_accessible(page)
    box.press("ArrowDown")
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "dictionary-q-suggestions-1"
    box.press("Enter")
    page.wait_for_url(f"{demo_server}/lv/vardnica/supervizija/")
    assert page.locator("h1").inner_text() == "supervīzija"


def test_search_without_javascript_finds_inflected_forms(browser, demo_server):
    context = browser.new_context(java_script_enabled=False, locale="lv-LV")
    page = context.new_page()
    try:
        page.goto(f"{demo_server}/lv/vardnica/")
        page.fill("#dictionary-q", "gimenes asistentam")
        page.locator(".dictionary-search button").click()
        page.wait_for_url("**/lv/vardnica/meklet/?q=gimenes+asistentam")
        assert page.locator(".entry-list__term a").first.inner_text() == "ģimenes asistents"
    finally:
        context.close()


def test_entry_page_in_both_languages(page, demo_server):
    page.goto(f"{demo_server}/lv/vardnica/supervizija/")
    assert page.locator("h1").inner_text() == "supervīzija"
    assert page.locator("#term-related ~ ul a").count() == 3
    assert_accessible(page)
    page.locator(".lang-switch a[hreflang=en]").click()
    page.wait_for_url(f"{demo_server}/en/dictionary/supervizija/")
    assert page.locator("h1").inner_text() == "supervision"
    assert page.locator(".term__definition").inner_text().startswith("A process of professional")
    assert_accessible(page)


def test_english_index_and_search(page, demo_server):
    page.goto(f"{demo_server}/en/dictionary/letter/s/")
    labels = page.locator(".entry-list__term a").all_inner_texts()
    # Word by word: "strengths-based approach" before "strengths perspective".
    assert labels == sorted(labels, key=lambda label: label.casefold().replace("-", " "))
    assert "social work" in labels
    assert_accessible(page)
    page.goto(f"{demo_server}/en/dictionary/search/?q=burnout")
    assert page.locator(".entry-list__term a").first.inner_text() == "professional burnout"
    assert_accessible(page)


def test_dictionary_on_a_phone(mobile_page, demo_server):
    page = mobile_page
    page.goto(f"{demo_server}/lv/vardnica/meklet/?q=socialais+darbs")
    assert page.locator(".entry-list__term a").first.inner_text() == "sociālais darbs"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    assert_accessible(page)
