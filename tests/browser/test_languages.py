"""Language of parts (WCAG 3.1.2) where the site shows text in the other language: Latvian
documents on English pages, and the dictionary's suggestions (issue 21)."""

from tests.browser.conftest import assert_accessible


def download_links(page):
    return page.locator("main a[download]").evaluate_all(
        """links => links.map(a => ({
            text: a.textContent.trim(),
            lang: a.getAttribute("lang"),
            hreflang: a.getAttribute("hreflang"),
            note: a.nextElementSibling ? a.nextElementSibling.textContent : "",
        }))"""
    )


def test_latvian_documents_on_english_pages_say_so(page, demo_server, demo_pages):
    """The English research and conference pages link to the Latvian reports and materials:
    their Latvian titles are marked lang="lv", and the link says "in Latvian"."""
    for kind in ("ResearchPage en", "ConferencePage en"):
        page.goto(demo_server + demo_pages[kind])
        links = download_links(page)
        assert links, kind
        for link in links:
            assert link["hreflang"] == "lv", (kind, link)
            assert link["lang"] == "lv", (kind, link)
            assert "in Latvian" in link["note"], (kind, link)
        assert_accessible(page)
    # On the Latvian pages the same documents need no mark.
    for kind in ("ResearchPage lv", "ConferencePage lv"):
        page.goto(demo_server + demo_pages[kind])
        links = download_links(page)
        assert links, kind
        for link in links:
            assert link["lang"] is None and link["hreflang"] is None, (kind, link)
            assert "valodā" not in link["note"], (kind, link)


def suggestions(page, query):
    page.locator("#dictionary-q").fill(query)
    options = page.locator(".suggestions__option")
    options.first.wait_for()
    return options


def test_dictionary_suggestions_mark_the_other_language(page, demo_server, demo_pages):
    page.goto(demo_server + demo_pages["DictionaryPage lv"])
    options = suggestions(page, "soci")
    assert options.count() > 0
    for option in options.all():
        english = option.locator(".suggestions__detail [lang]")
        assert english.get_attribute("lang") == "en"
        assert english.inner_text().strip()
        # The Latvian headword is the page's language: no mark.
        assert (
            option.locator(":scope > span:not(.suggestions__detail)").get_attribute("lang") is None
        )

    page.goto(demo_server + demo_pages["DictionaryPage en"])
    options = suggestions(page, "soci")
    assert options.count() > 0
    for option in options.all():
        assert option.locator(".suggestions__detail [lang]").get_attribute("lang") == "lv"
