"""The demo podcast's feeds as podcast apps read them: feedparser and podcastparser (gPodder's).

Also the Podcasting 2.0 rule for podcast:guid (a UUIDv5 of the feed's address without its
scheme and trailing slashes, in the namespace ead4c236-bf58-58c6-a2c6-a6b28d128cb6), worked
out here from the configured feed address, and what a web player needs from the files the
feed names: the audio in byte ranges, the WebVTT captions readable from another site (CORS).
"""

import io
import uuid
from urllib.parse import urlsplit

import feedparser
import podcastparser
import pytest
from lxml import etree

PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
ORIGIN = "https://player.example"


@pytest.fixture(scope="module")
def feeds(demo, django_db_blocker):
    """{language: (configured feed URL, feed bytes)} for both languages' shows."""
    from django.test import Client

    client = Client(SERVER_NAME=demo.host)
    found = {}
    with django_db_blocker.unblock():
        for language in ("lv", "en"):
            url = demo.root_url + demo.first("PodcastPage", language) + "feed/"
            response = client.get(urlsplit(url).path)
            assert response.status_code == 200
            assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
            found[language] = (url, response.content)
    return found


@pytest.mark.parametrize("language", ["lv", "en"])
def test_feedparser_reads_the_feed(feeds, language):
    url, content = feeds[language]
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    # (itunes:explicit "false", Apple's current spelling, feedparser 6 reads as None: podcastparser
    # is checked for it below.)
    assert feed.feed.title and feed.feed.language and feed.feed.podcast_guid
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [url]
    assert len(feed.entries) == 5
    for entry in feed.entries:
        assert entry.title and entry.id and entry.published_parsed
        enclosures = [link for link in entry.links if link.rel == "enclosure"]
        assert len(enclosures) == 1 and enclosures[0].type == "audio/mpeg"
        assert int(enclosures[0].length) > 0
        assert int(entry.itunes_duration) > 0


@pytest.mark.parametrize("language", ["lv", "en"])
def test_podcastparser_reads_the_feed(feeds, language):
    url, content = feeds[language]
    podcast = podcastparser.parse(url, io.BytesIO(content))
    assert podcast["title"] and podcast["cover_url"]
    assert podcast["type"] == "episodic" and podcast["explicit"] is False
    episodes = podcast["episodes"]
    assert len(episodes) == 5
    assert len({episode["guid"] for episode in episodes}) == 5
    assert sorted(episode["number"] for episode in episodes) == [1, 2, 3, 4, 5]
    for episode in episodes:
        assert episode["total_time"] > 0 and episode["published"] > 0
        (enclosure,) = episode["enclosures"]
        assert enclosure["mime_type"] == "audio/mpeg" and enclosure["file_size"] > 0


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_podcast_guid_follows_the_podcasting_2_0_rule(feeds, language):
    url, content = feeds[language]
    address = url.split("://", 1)[1].rstrip("/")
    expected = str(uuid.uuid5(PODCAST_GUID_NAMESPACE, address))
    assert feedparser.parse(content).feed.podcast_guid == expected


def test_each_show_has_its_own_guid(feeds):
    guids = {feedparser.parse(content).feed.podcast_guid for _url, content in feeds.values()}
    assert len(guids) == 2


def test_web_players_can_use_the_files_the_feed_names(feeds, site_client):
    url, content = feeds["lv"]
    podcast = podcastparser.parse(url, io.BytesIO(content))
    for episode in podcast["episodes"]:
        audio = site_client.get(
            urlsplit(episode["enclosures"][0]["url"]).path, HTTP_RANGE="bytes=0-99"
        )
        assert audio.status_code == 206 and audio["Content-Range"].startswith("bytes 0-99/")
        whole = site_client.get(urlsplit(episode["enclosures"][0]["url"]).path)
        assert whole.status_code == 200 and "Content-Encoding" not in whole
    # feedparser keeps one podcast:transcript per item (the last): read them all with lxml.
    root = etree.fromstring(content)
    vtt_urls = [
        element.get("url")
        for element in root.iter(f"{{{PODCAST_NAMESPACE}}}transcript")
        if element.get("type") == "text/vtt" and element.get("rel") == "captions"
    ]
    assert len(vtt_urls) == len(podcast["episodes"])
    for caption_url in vtt_urls:
        response = site_client.get(urlsplit(caption_url).path, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/vtt")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Content-Encoding" not in response
        assert b"".join(response.streaming_content).startswith(b"WEBVTT")
