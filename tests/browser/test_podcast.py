"""The podcast in Chromium: the player plays and seeks, the transcript opens, axe-core passes,
and the demo feed served by the running site is one podcast apps accept."""

import urllib.request

import feedparser
from lxml import etree

from tests.browser.conftest import assert_accessible

EPISODE = "/lv/raidieraksts/ekosocialais-darbs/"
PODCAST_NS = {"podcast": "https://podcastindex.org/namespace/1.0"}


def audio_state(page, expression):
    return page.evaluate(
        f"(() => {{ const a = document.getElementById('episode-audio'); return {expression}; }})()"
    )


def test_show_page_lists_the_episodes_and_links_its_feed(page, demo_server):
    page.goto(f"{demo_server}/lv/raidieraksts/")
    assert page.locator("h1").inner_text() == "Ne tikai par sociālo darbu"
    feed = page.locator('link[rel="alternate"][type="application/rss+xml"]')
    assert feed.get_attribute("href") == "/lv/raidieraksts/feed/"
    assert page.locator(".podcast-episodes .listing-row").count() == 5
    assert_accessible(page)
    page.goto(f"{demo_server}/en/podcast/")
    assert page.locator("h1").inner_text() == "Not Only About Social Work"
    assert_accessible(page)


def test_player_loads_the_recording_and_seeks_from_a_chapter(page, demo_server):
    statuses = []
    page.on(
        "response",
        lambda response: statuses.append(response.status) if ".mp3" in response.url else None,
    )
    page.goto(f"{demo_server}{EPISODE}")
    player = page.locator("audio#episode-audio")
    assert player.get_attribute("controls") is not None
    assert player.get_attribute("preload") == "metadata"
    page.wait_for_function("document.getElementById('episode-audio').readyState >= 1")
    assert 11.5 < audio_state(page, "a.duration") < 12.5

    page.get_by_role("button", name="Atskaņot no 0:06: Otrā puse").click()
    page.wait_for_function("document.getElementById('episode-audio').currentTime >= 6")
    # The browser fetched the recording in ranges, and the site answered them.
    assert 206 in statuses
    assert_accessible(page)


def test_transcript_opens_and_closes(page, demo_server):
    page.goto(f"{demo_server}{EPISODE}")
    transcript = page.locator("details.podcast-transcript")
    text = transcript.get_by_text("Šis ir demonstrācijas ieraksts", exact=False)
    assert not transcript.evaluate("element => element.open")
    assert not text.is_visible()
    transcript.locator("summary").click()
    assert transcript.evaluate("element => element.open")
    assert text.is_visible()
    assert_accessible(page)
    transcript.locator("summary").click()
    assert not text.is_visible()


def test_english_episode_page_is_accessible(page, demo_server):
    page.goto(f"{demo_server}/en/podcast/eco-social-work/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Eco-social Work"
    assert page.get_by_role("button", name="Play from 0:06: Second half").is_visible()
    assert_accessible(page)


def test_demo_feed_from_the_running_site(demo_server):
    with urllib.request.urlopen(f"{demo_server}/lv/raidieraksts/feed/", timeout=10) as response:
        content = response.read()
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Ne tikai par sociālo darbu"
    assert feed.feed.itunes_type == "episodic"
    assert feed.feed.image.href.startswith(demo_server)
    assert [entry.itunes_episode for entry in feed.entries] == ["5", "4", "3", "2", "1"]
    root = etree.fromstring(content)
    assert root.findtext("channel/podcast:locked", namespaces=PODCAST_NS) == "yes"
    assert root.findtext("channel/podcast:guid", namespaces=PODCAST_NS)
    for entry in feed.entries:
        assert entry.itunes_duration == "12"
        (enclosure,) = entry.enclosures
        request = urllib.request.Request(enclosure.href, headers={"Range": "bytes=100-199"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 206
            assert response.headers["Content-Range"] == f"bytes 100-199/{enclosure.length}"
            assert len(response.read()) == 100
