"""The RSS feed as podcast apps read it: feedparser for RSS/iTunes, lxml for podcast: elements."""

import json
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from wagtail.models import PageViewRestriction

from podcast.feeds import podcast_guid
from podcast.models import PersonRole
from tests.podcast.conftest import add_episode
from tests.podcast.samples import make_document, make_image, mp3_bytes, webvtt_bytes
from tests.utils import translate
from website.models import Person, StandardPage

pytestmark = pytest.mark.django_db

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "atom": "http://www.w3.org/2005/Atom",
}
FEED = "/lv/raidieraksts/feed/"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def episodes(show, locales):
    host = Person.objects.create(name="Ilze Kalniņa", role="vadītāja")
    guest = Person.objects.create(name="Jānis Ozols", role="supervizors")
    captions = make_document(webvtt_bytes(), "subtitri.vtt")
    first = add_episode(
        show,
        1,
        audio=make_document(mp3_bytes(2, 330.0), "pirma.mp3"),
        title="Pilsoniskā aktivitāte",
        slug="pilsoniska-aktivitate",
        description="Par pilsonisko aktivitāti.",
        transcript="Labdien!",
        transcript_file=captions,
    )
    second = add_episode(
        show,
        2,
        audio=make_document(mp3_bytes(4, 440.0), "otra.mp3"),
        title="Supervīzija kā atbalsts",
        slug="supervizija",
        season=2,
        description="Par supervīziju.",
        show_notes='<p>Skatīt <a href="/lv/par-portalu/">par portālu</a>.</p>',
        chapters=[
            ("chapter", {"start": 0, "title": "Ievads", "url": ""}),
            ("chapter", {"start": 2, "title": "Pieredze", "url": "https://lm.gov.lv/"}),
        ],
    )
    second.people.create(person=host, role=PersonRole.HOST)
    second.people.create(person=guest, role=PersonRole.GUEST)
    second.save_revision().publish()
    add_episode(show, 3, title="Bez ieraksta", slug="bez-ieraksta")
    add_episode(
        show,
        4,
        audio=make_document(mp3_bytes(2), "melnraksts.mp3"),
        title="Melnraksts",
        slug="melnraksts",
        publish=False,
    )
    return {"first": first, "second": second}


def fetch(client, url=FEED, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.status_code
    return response


def test_feed_is_valid_rss_with_the_itunes_fields(client, show, episodes):
    response = fetch(client)
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(body(response))
    assert not feed.bozo, feed.get("bozo_exception")
    channel = feed.feed
    assert channel.title == "Ne tikai par sociālo darbu"
    assert channel.link == "http://testserver/lv/raidieraksts/"
    assert channel.language == "lv"
    assert channel.rights == "© Labklājības ministrija"
    assert channel.author == "Labklājības ministrija"  # itunes:author
    assert channel.publisher_detail == {
        "name": "Labklājības ministrija",
        "email": "raidieraksts@example.org",
    }  # itunes:owner
    assert channel.image.href.startswith("http://testserver/media/original_images/art-1400x1400")
    assert [tag.term for tag in channel.tags] == ["Education", "Society & Culture", "Relationships"]
    assert channel.itunes_type == "episodic"
    # The ESF funding statement reaches podcast apps too.
    assert "Eiropas Sociālā fonda projektā" in channel.subtitle

    # Episodes with a recording only, newest first; no drafts.
    assert [entry.title for entry in feed.entries] == [
        "Supervīzija kā atbalsts",
        "Pilsoniskā aktivitāte",
    ]
    second, first = feed.entries
    assert second.link == "http://testserver/lv/raidieraksts/supervizija/"
    assert second.id == str(episodes["second"].guid)
    assert second.guidislink is False
    assert second.summary == "Par supervīziju."
    assert second.itunes_episode == "2"
    assert second.itunes_season == "2"
    assert second.itunes_episodetype == "full"
    assert second.itunes_duration == "4"
    assert first.itunes_duration == "2"
    assert "itunes_season" not in first
    # Show notes go out as HTML with links a feed reader can follow.
    assert 'href="http://testserver/lv/par-portalu/"' in second.content[0].value


def test_enclosures_are_absolute_with_the_exact_size_and_type(client, show, episodes):
    feed = feedparser.parse(body(fetch(client)))
    for entry, key in zip(feed.entries, ("second", "first"), strict=True):
        audio = episodes[key].audio
        (enclosure,) = entry.enclosures
        assert enclosure.href == f"http://testserver{audio.url}"
        assert enclosure.type == "audio/mpeg"
        assert int(enclosure.length) == audio.file.size == len(body(client.get(audio.url)))


def test_dates_are_rfc_822(client, show, episodes):
    root = etree.fromstring(body(fetch(client)))
    for item, key in zip(root.iter("item"), ("second", "first"), strict=True):
        text = item.findtext("pubDate")
        assert parsedate_to_datetime(text) == episodes[key].first_published_at.replace(
            microsecond=0
        )
    assert parsedate_to_datetime(root.findtext("channel/lastBuildDate"))


def test_artwork_named_jpeg_is_offered_as_jpg(client, show, episodes):
    show.artwork = make_image((1400, 1400), "JPEG", filename="vaks.jpeg")
    show.save_revision().publish()
    root = etree.fromstring(body(fetch(client)))
    href = root.find("channel/itunes:image", NS).get("href")
    assert href.startswith("http://testserver/media/images/") and href.endswith(".jpg")
    assert root.findtext("channel/image/url") == href


def test_podcasting_2_elements(client, show, episodes):
    root = etree.fromstring(body(fetch(client)))
    channel = root.find("channel")
    explicit = channel.find("itunes:explicit", NS)
    assert explicit.text == "false"
    locked = channel.find("podcast:locked", NS)
    assert (locked.text, locked.get("owner")) == ("yes", "raidieraksts@example.org")
    assert channel.findtext("podcast:guid", namespaces=NS) == str(
        podcast_guid("http://testserver/lv/raidieraksts/feed/")
    )
    assert channel.find("atom:link", NS).get("href") == "http://testserver/lv/raidieraksts/feed/"
    assert channel.find("itunes:image", NS).get("href").endswith(".png")
    category = channel.find("itunes:category", NS)
    assert category.get("text") == "Education"

    second, first = channel.findall("item")
    people = [(p.text, p.get("role")) for p in second.findall("podcast:person", NS)]
    assert people == [("Ilze Kalniņa", "host"), ("Jānis Ozols", "guest")]
    assert first.findall("podcast:person", NS) == []

    chapters = second.find("podcast:chapters", NS)
    assert chapters.get("type") == "application/json+chapters"
    assert first.find("podcast:chapters", NS) is None

    transcripts = {t.get("type"): t for t in first.findall("podcast:transcript", NS)}
    assert set(transcripts) == {"text/vtt", "text/plain"}
    assert transcripts["text/vtt"].get("rel") == "captions"
    assert transcripts["text/vtt"].get("url") == (
        f"http://testserver{episodes['first'].transcript_file.url}"
    )
    assert second.findall("podcast:transcript", NS) == []


def test_linked_chapters_and_transcripts_are_served(client, show, episodes):
    root = etree.fromstring(body(fetch(client)))
    second, first = root.find("channel").findall("item")

    chapters_url = second.find("podcast:chapters", NS).get("url")
    response = client.get(chapters_url)
    assert response["Content-Type"] == "application/json+chapters"
    document = json.loads(response.content)
    assert document["version"] == "1.2.0"
    assert document["chapters"] == [
        {"startTime": 0, "title": "Ievads"},
        {"startTime": 2, "title": "Pieredze", "url": "https://lm.gov.lv/"},
    ]
    assert document["title"] == "Supervīzija kā atbalsts"

    for transcript in first.findall("podcast:transcript", NS):
        response = client.get(transcript.get("url"))
        assert response.status_code == 200
        assert response["Content-Type"].startswith(transcript.get("type"))
    text = next(t for t in first.findall("podcast:transcript", NS) if t.get("type") == "text/plain")
    assert client.get(text.get("url")).content.decode() == "Labdien!"


def test_chapters_and_transcripts_of_what_is_not_there_are_404(client, show, episodes):
    first = episodes["first"].pk
    assert client.get(f"/lv/raidieraksts/chapters/{first}/").status_code == 404
    second = episodes["second"].pk
    assert client.get(f"/lv/raidieraksts/transcripts/{second}/").status_code == 404
    assert client.get("/lv/raidieraksts/chapters/999999/").status_code == 404


def test_guids_do_not_change_when_an_episode_is_edited(client, show, episodes):
    before = {entry.id for entry in feedparser.parse(body(fetch(client))).entries}
    episode = episodes["second"]
    episode.title = "Supervīzija: jauns nosaukums"
    episode.slug = "supervizija-jauns-nosaukums"
    episode.save_revision().publish()
    show.slug = "ne-tikai-par-socialo-darbu"
    show.save_revision().publish()
    feed = feedparser.parse(body(fetch(client, "/lv/ne-tikai-par-socialo-darbu/feed/")))
    assert {entry.id for entry in feed.entries} == before
    assert feed.entries[0].title == "Supervīzija: jauns nosaukums"
    assert feed.entries[0].link.endswith("/ne-tikai-par-socialo-darbu/supervizija-jauns-nosaukums/")
    root = etree.fromstring(body(fetch(client, "/lv/ne-tikai-par-socialo-darbu/feed/")))
    assert root.findtext("channel/podcast:guid", namespaces=NS) == str(show.podcast_guid)


def test_english_feed_has_english_text_and_its_own_identity(client, show, show_en, episodes):
    translate(episodes["second"], slug="supervision", title="Supervision as Support")
    feed = feedparser.parse(body(fetch(client, "/en/podcast/feed/")))
    assert not feed.bozo
    assert feed.feed.title == "Not Only About Social Work"
    assert feed.feed.language == "lv"  # the language spoken, as podcast apps expect
    assert "European Social Fund project" in feed.feed.subtitle
    (entry,) = feed.entries
    assert entry.title == "Supervision as Support"
    assert entry.id != str(episodes["second"].guid)
    root = etree.fromstring(body(fetch(client, "/en/podcast/feed/")))
    assert root.findtext("channel/podcast:guid", namespaces=NS) == str(
        podcast_guid("http://testserver/en/podcast/feed/")
    )


def test_a_language_without_a_show_has_no_feed(client, show, site_tree):
    assert client.get("/en/podcast/feed/").status_code == 404
    assert client.get("/en/raidieraksts/feed/").status_code == 404
    page = StandardPage(title="Par", slug="par")
    site_tree["en"].add_child(instance=page)
    assert client.get("/en/par/feed/").status_code == 404


def test_private_episodes_stay_out_of_the_feed(client, show, episodes):
    PageViewRestriction.objects.create(page=episodes["first"], restriction_type="login")
    feed = feedparser.parse(body(fetch(client)))
    assert [entry.title for entry in feed.entries] == ["Supervīzija kā atbalsts"]


def test_an_unchanged_feed_is_answered_with_304(client, show, episodes):
    etag = fetch(client)["ETag"]
    assert client.get(FEED, HTTP_IF_NONE_MATCH=etag).status_code == 304
    episodes["first"].title = "Jauns"
    episodes["first"].save_revision().publish()
    assert client.get(FEED, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_feed_query_count_does_not_grow_with_the_number_of_episodes(client, show, audio):
    host = Person.objects.create(name="Ilze Kalniņa")

    def add(start, count):
        for number in range(start, start + count):
            episode = add_episode(
                show,
                number,
                audio=audio,
                slug=f"e-{number}",
                show_notes='<p><a href="/lv/raidieraksts/">Raidieraksts</a></p>',
                chapters=[("chapter", {"start": 1, "title": "Vidus", "url": ""})],
                transcript="Teksts",
            )
            episode.people.create(person=host, role=PersonRole.HOST)
            episode.save_revision().publish()

    def count():
        with CaptureQueriesContext(connection) as captured:
            response = fetch(client)
        return len(captured), len(feedparser.parse(body(response)).entries)

    add(1, 2)
    fetch(client)  # both counts with the site's caches (root paths…) warm
    few = count()
    add(3, 4)
    many = count()
    assert (few[1], many[1]) == (2, 6)
    assert many[0] == few[0], f"{few[0]} queries for 2 episodes, {many[0]} for 6"


@pytest.mark.parametrize(
    ("header", "start", "end"), [("bytes=1000-1999", 1000, 1999), ("bytes=-500", None, None)]
)
def test_a_range_request_on_an_episode_recording_gets_206_with_those_bytes(
    client, episodes, header, start, end
):
    # One request per test: website/documents.py closes the first response inside the view,
    # which sends request_finished and, on PostgreSQL, closes the test's connection.
    audio = episodes["second"].audio
    content = mp3_bytes(4, 440.0)
    if start is None:
        start, end = len(content) - 500, len(content) - 1
    response = client.get(audio.url, HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(content)}"
    assert response["Content-Type"] == "audio/mpeg"
    assert body(response) == content[start : end + 1]
