"""The demo podcast: built from the seed facts, offline, twice without change."""

import json

import feedparser
import pytest
from lxml import etree

import podcast.demo
from podcast.media import check_artwork
from podcast.models import EpisodePage, PodcastPage
from tests.utils import assert_demo_loads_once
from website.models import CustomDocument, Person

pytestmark = pytest.mark.django_db
PODCAST_NS = {"podcast": "https://podcastindex.org/namespace/1.0"}


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_demo_podcast_loads_once_with_real_recordings(client, locales):
    assert_demo_loads_once(podcast.demo, counted=[CustomDocument.objects.all()])

    data = json.loads(podcast.demo.DATA.read_text(encoding="utf-8"))
    lv = PodcastPage.objects.get(locale=locales["lv"])
    en = PodcastPage.objects.get(locale=locales["en"])
    assert (lv.title, en.title) == ("Ne tikai par sociālo darbu", "Not Only About Social Work")
    assert (lv.url, en.url) == ("/lv/raidieraksts/", "/en/podcast/")
    assert lv.artwork.width == lv.artwork.height == 1400
    check_artwork(lv.artwork)  # what Apple Podcasts accepts: square, 1400–3000 px, RGB
    titles = [spec["lv"]["title"] for spec in data["episodes"]]
    episodes = list(EpisodePage.objects.child_of(lv).order_by("number"))
    assert [episode.title for episode in episodes] == titles
    assert titles[3] == "Sociālā darba praksē ienestās domāšanas kļūdas – kurš un ko zaudē"
    for episode in episodes:
        assert episode.audio.mime_type == "audio/mpeg"
        assert episode.duration.total_seconds() == podcast.demo.SECONDS
    assert EpisodePage.objects.child_of(en).count() == 5
    # The source names nobody: the people on the demo episodes say they are examples.
    assert set(Person.objects.values_list("is_example", flat=True)) == {True}

    for url, language_title in (
        ("/lv/raidieraksts/feed/", "Ne tikai par sociālo darbu"),
        ("/en/podcast/feed/", "Not Only About Social Work"),
    ):
        content = body(client.get(url))
        feed = feedparser.parse(content)
        assert not feed.bozo
        assert feed.feed.title == language_title
        assert len(feed.entries) == 5
        for entry in feed.entries:
            (enclosure,) = entry.enclosures
            path = enclosure.href.removeprefix("http://testserver")
            assert int(enclosure.length) == len(body(client.get(path)))
        root = etree.fromstring(content)
        item = root.find("channel/item")
        assert item.find("podcast:chapters", PODCAST_NS) is not None
        assert len(item.findall("podcast:transcript", PODCAST_NS)) == 2
        assert [p.get("role") for p in item.findall("podcast:person", PODCAST_NS)] == [
            "host",
            "guest",
        ]

    episode_page = client.get("/en/podcast/eco-social-work/")
    assert episode_page.status_code == 200
    assert "Podcast host (example)" in episode_page.text
    assert "synthesised tone" in episode_page.text
