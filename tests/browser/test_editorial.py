"""The whole editorial path in a browser, as the groups work, never as a superuser.

An editor ("Redaktori") writes a methodology with a PDF and submits it; a moderator
("Moderatori") approves it from the dashboard; the editor translates it into English in
wagtail-localize's editor and submits the translation; the moderator approves that too. At
every step the public site is read as a reader would: the Latvian page appears when approved,
the English one only when its translation is approved, both are found by the site search and
listed in the sitemap, and no page under /en/ ever shows the Latvian text in between.

Its own demo site (the other browser tests share theirs): it adds pages and users.
"""

import re
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.browser.conftest import (
    database_for,
    manage,
    start_demo_server,
    stop_demo_server,
)

TITLE = "Metodika darbam ar jauniešiem"
INTRODUCTION = "Kā strādāt ar jauniešiem viņu kopienā."
SLUG = "metodika-darbam-ar-jauniesiem"
PDF_TITLE = "Metodika darbam ar jauniešiem: materiāls"
ENGLISH = {
    TITLE: "Methodology for work with young people",
    INTRODUCTION: "How to work with young people in their community.",
    SLUG: "methodology-for-young-people",
}
LATVIAN_TEXT = [TITLE, INTRODUCTION]
PASSWORD = "browser-tests-only-{}"

USERS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
for name, group in (("redaktore", "Redaktori"), ("moderatore", "Moderatori")):
    user = get_user_model().objects.create_user(
        name, email=name + "@example.lv", password="browser-tests-only-" + name,
        first_name=name.capitalize(),
    )
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "lv"
    profile.save()
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, django_db_setup, django_db_blocker):
    folder = tmp_path_factory.mktemp("editorial-site")
    with django_db_blocker.unblock():
        database_url = database_for(folder, "editorial")
    base_url, env, server, log = start_demo_server(folder, database_url)
    manage(env, "shell", "-c", USERS)
    yield base_url
    stop_demo_server(server, log)


def pdf_file(folder):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text="Methodology for work with young people")
    path = folder / "metodika.pdf"
    pdf.output(str(path))
    return path


@pytest.fixture
def as_user(browser):
    contexts = []

    def login(site, username):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="lv-LV")
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(20_000)
        tab.goto(f"{site}/admin/login/")
        tab.fill("#id_username", username)
        tab.fill("#id_password", PASSWORD.format(username))
        tab.click("button[type=submit]")
        tab.wait_for_url(f"{site}/admin/")
        return tab

    yield login
    for context in contexts:
        context.close()


def visible_text(html):
    """What a reader of the page sees, without what is marked as another language."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "head"]):
        element.decompose()
    for element in soup.select("[lang]"):
        if element.name != "html" and not element["lang"].startswith("en"):
            element.decompose()
    return " ".join(soup.get_text(" ").split())


def assert_no_latvian_under_en(tab, site, extra_urls=()):
    """The English lists, search and sitemap entries, and any /en/ page asked for."""
    urls = [
        "/en/",
        "/en/methodologies/",
        "/en/search/?q=" + quote("jauniešiem"),
        "/en/search/?q=young+people",
        *extra_urls,
    ]
    for url in urls:
        response = tab.request.get(site + url)
        text = visible_text(response.text())
        for latvian in LATVIAN_TEXT:
            assert latvian not in text, f"{url} shows “{latvian}”"
    sitemap = tab.request.get(f"{site}/sitemap.xml").text()
    english_locs = [loc for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap) if "/en/" in loc]
    assert not [loc for loc in english_locs if SLUG in loc]


def public_status(tab, url):
    return tab.request.get(url, max_redirects=0).status


def approve_on_dashboard(tab, site, title):
    tab.goto(f"{site}/admin/")
    row = tab.locator("tr", has_text=title)
    row.get_by_role("button", name="Darbības").click()
    row.locator("[data-workflow-action-url]", has_text=re.compile("^Apstiprināt$")).click()
    tab.wait_for_load_state("networkidle")
    assert tab.locator(".messages").inner_text().strip() == (
        f"Lapa „{title}” apstiprināta un publicēta."
    )


def test_an_editor_and_a_moderator_publish_a_methodology_in_two_languages(site, as_user, tmp_path):
    editor = as_user(site, "redaktore")
    reader = editor.context.browser.new_context().new_page()

    # The editor writes the methodology, uploads its PDF in the chooser, picks a topic.
    editor.goto(f"{site}/admin/pages/search/?q=Metodikas")
    editor.locator("a", has_text="Metodikas").first.click()
    index_id = re.search(r"/pages/(\d+)/", editor.url).group(1)
    editor.goto(f"{site}/admin/pages/{index_id}/add_subpage/")
    editor.wait_for_url("**/add/methodologies/methodologypage/**")
    editor.fill("#id_title", TITLE)
    editor.fill("#id_introduction", INTRODUCTION)
    editor.fill("#id_year", "2026")
    editor.get_by_label("Kopiena").first.check()
    editor.locator("button", has_text="Izvēlēties dokumentu").first.click()
    modal = editor.locator(".modal-dialog")
    modal.get_by_role("tab", name="Augšupielādēt").click()
    # The upload form says what it accepts before a file is chosen.
    assert "Pieņemtie faili: PDF" in modal.inner_text()
    modal.locator("#id_document-chooser-upload-title").fill(PDF_TITLE)
    modal.locator("#id_document-chooser-upload-file").set_input_files(str(pdf_file(tmp_path)))
    modal.locator("form[data-chooser-modal-creation-form] button[type=submit]").click()
    editor.wait_for_selector(".modal-dialog", state="detached")
    editor.get_by_role("tab").nth(1).click()
    editor.get_by_label("Sociālais darbs kopienā", exact=True).check()
    editor.get_by_role("tab").nth(0).click()
    # An editor cannot publish: the action menu offers the moderators' workflow.
    assert editor.locator("button[name='action-publish']").count() == 0
    editor.locator("footer").get_by_role("button", name="Citas darbības").click()
    submit = "Iesniegt apstiprināšanai (Moderatoru apstiprinājums)"
    editor.get_by_role("button", name=submit).click()
    editor.wait_for_url(f"{site}/admin/pages/{index_id}/")
    assert "iesniegta moderācijai" in editor.locator(".messages").inner_text()
    latvian_url = f"{site}/lv/metodikas/{SLUG}/"
    assert public_status(reader, latvian_url) == 404
    assert_no_latvian_under_en(reader, site)

    # The moderator approves it from the dashboard: the Latvian page is public.
    moderator = as_user(site, "moderatore")
    approve_on_dashboard(moderator, site, TITLE)
    reader.goto(latvian_url)
    assert reader.locator("h1").inner_text() == TITLE
    pdf_link = reader.locator("a[download]", has_text=PDF_TITLE)
    assert reader.request.get(site + pdf_link.get_attribute("href")).body()[:5] == b"%PDF-"
    # Its English link says it is not translated.
    english_link = reader.locator('.lang-switch a[hreflang="en"]')
    assert english_link.get_attribute("href") == "/en/"
    assert_no_latvian_under_en(reader, site)

    # The editor starts the English translation from the page explorer.
    editor.goto(f"{site}/admin/pages/{index_id}/")
    row = editor.locator("tr", has_text=TITLE)
    row.get_by_role("button", name=re.compile("Citas darbības")).click()
    row.get_by_role("link", name="Tulkot šo lapu").click()
    editor.get_by_label("Angļu").check()
    editor.get_by_role("button", name="Iesniegt").click()
    editor.wait_for_selector(".js-translation-editor [role=tab]")
    english_id = re.search(r"/pages/(\d+)/edit/", editor.url).group(1)
    # A translation just started is not public, and /en/ does not show its Latvian copy.
    assert_no_latvian_under_en(reader, site, [f"/en/methodologies/{SLUG}/"])
    # wagtail-localize's editor, in Latvian too.
    # (text_content: the screen-reader-only labels too.)
    editor_text = editor.locator("main").text_content()
    assert "More actions" not in editor_text and "Citas darbības" in editor_text
    assert not re.search(r"\bto \S+ translation\b", editor_text)
    assert "Tulkojums: " in editor_text

    for tab in editor.locator(".js-translation-editor [role=tab]").all():
        tab.click()
        while True:
            segment = editor.locator(".js-translation-editor li.incomplete >> visible=true").first
            if not segment.count():
                break
            source = segment.locator("p").first.inner_text()
            segment.get_by_role("button", name="Tulkot").click()
            segment.locator("textarea").fill(ENGLISH[source])
            segment.get_by_role("button", name=re.compile("Saglabāt")).click()
            editor.wait_for_selector(f"text={ENGLISH[source]}")
    # Translated but not yet approved: still nothing under /en/.
    assert_no_latvian_under_en(reader, site, [f"/en/methodologies/{ENGLISH[SLUG]}/"])
    assert public_status(reader, f"{site}/en/methodologies/{ENGLISH[SLUG]}/") == 404

    editor.get_by_role("button", name="Iesniegt apstiprināšanai").click()
    assert "iesniegts apstiprināšanai" in editor.locator(".messages").inner_text()
    assert public_status(reader, f"{site}/en/methodologies/{ENGLISH[SLUG]}/") == 404
    assert_no_latvian_under_en(reader, site, [f"/en/methodologies/{ENGLISH[SLUG]}/"])

    # The moderator approves the translation: the English page is public, in English. (A
    # reader who comes now: the first one's browser may keep the Latvian page it saw, with its
    # link to /en/, for the minute its Cache-Control allows.)
    approve_on_dashboard(moderator, site, ENGLISH[TITLE])
    reader.context.close()
    reader = editor.context.browser.new_context().new_page()
    english_url = f"{site}/en/methodologies/{ENGLISH[SLUG]}/"
    reader.goto(english_url)
    assert reader.locator("html").get_attribute("lang") == "en"
    assert reader.locator("h1").inner_text() == ENGLISH[TITLE]
    assert ENGLISH[INTRODUCTION] in reader.locator("main").inner_text()
    assert "Community social work" in reader.locator("main").inner_text()  # its topic
    assert_no_latvian_under_en(reader, site, [f"/en/methodologies/{ENGLISH[SLUG]}/"])
    reader.goto(latvian_url)
    assert reader.locator('.lang-switch a[hreflang="en"]').get_attribute("href") == (
        f"/en/methodologies/{ENGLISH[SLUG]}/"
    )

    # Found by the site search in each language…
    reader.goto(f"{site}/lv/meklet/?q=" + quote("jauniešiem kopienā"))
    assert TITLE in reader.locator("main").inner_text()
    reader.goto(f"{site}/en/search/?q=young+people")
    assert ENGLISH[TITLE] in reader.locator("main").inner_text()
    # …and listed in the sitemap, each version naming the other. (Addresses compared by path:
    # the sitemap names the Site's own host, "localhost" in the demo, not this test server.)
    sitemap = ET.fromstring(reader.request.get(f"{site}/sitemap.xml").body())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        urlsplit(url.find("s:loc", ns).text).path: {
            link.get("hreflang"): urlsplit(link.get("href")).path
            for link in url.findall("x:link", ns)
        }
        for url in sitemap.findall("s:url", ns)
    }
    latvian_path, english_path = urlsplit(latvian_url).path, urlsplit(english_url).path
    assert entries[latvian_path]["en"] == english_path
    assert entries[english_path]["lv"] == latvian_path
    # The English page is the translation the editor started (not a copy made elsewhere).
    assert reader.request.get(f"{site}/en/methodologies/{ENGLISH[SLUG]}/").ok
    assert english_id
