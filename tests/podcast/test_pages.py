"""The show and episode pages as readers see them, in Latvian and English."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from podcast.models import PersonRole
from tests.podcast.conftest import add_episode
from tests.podcast.samples import make_document, webvtt_bytes
from tests.utils import soup, translate, with_topics
from website.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest(locales):
    person = Person.objects.create(
        name="Anna Bērziņa", role="sociālā darbiniece", organisation="Rīgas Sociālais dienests"
    )
    english = person.copy_for_translation(locales["en"])
    english.role = "social worker"
    english.organisation = "Riga Social Service"
    english.save()
    return person


@pytest.fixture
def episode(show, audio, guest):
    episode = add_episode(
        show,
        3,
        audio=audio,
        title="Supervīzija kā atbalsts",
        slug="supervizija-ka-atbalsts",
        season=1,
        description="Saruna par supervīziju.",
        show_notes='<p>Vairāk par <a href="https://lm.gov.lv/">ministriju</a>.</p>',
        chapters=[
            ("chapter", {"start": 0, "title": "Ievads", "url": ""}),
            ("chapter", {"start": 2, "title": "Pieredze", "url": "https://lm.gov.lv/"}),
        ],
        transcript="Labdien, klausītāji!\n\nŠodien runājam par supervīziju.",
    )
    episode.people.create(person=guest, role=PersonRole.GUEST)
    episode.save_revision().publish()
    return episode


def test_show_page_in_latvian_lists_episodes_and_links_the_feed(client, show, episode):
    html = soup(client.get("/lv/raidieraksts/"))
    assert html.html["lang"] == "lv"
    assert html.h1.get_text(strip=True) == "Ne tikai par sociālo darbu"
    assert "Labklājības ministrijas raidieraksts" in html.select_one(".lead").get_text()
    feed = html.select_one('link[rel="alternate"][type="application/rss+xml"]')
    assert feed["href"] == "/lv/raidieraksts/feed/"
    assert html.select_one("#podcast-feed-address")["value"] == (
        "http://testserver/lv/raidieraksts/feed/"
    )
    assert html.select_one(".podcast-show__artwork")["alt"] == "Raidieraksta vāks"
    cards = html.select(".podcast-episodes .listing-row")
    assert [card.select_one(".listing-row__title").get_text(strip=True) for card in cards] == [
        "Supervīzija kā atbalsts"
    ]
    assert "1. sezona, 3. epizode" in cards[0].get_text()
    assert "0:03" in cards[0].get_text()
    assert "Eiropas Sociālā fonda projektā" in html.select_one(".podcast-funding").get_text()


def test_episode_page_has_player_download_chapters_guests_and_transcript(client, episode, audio):
    html = soup(client.get("/lv/raidieraksts/supervizija-ka-atbalsts/"))
    assert html.h1.get_text(strip=True) == "Supervīzija kā atbalsts"
    player = html.select_one("audio#episode-audio")
    assert player.has_attr("controls")
    assert player["preload"] == "metadata"
    assert player["src"] == audio.url
    download = html.select_one(".podcast-player a[download]")
    assert download["href"] == audio.url
    assert "MP3" in download.parent.get_text()
    chapters = html.select(".podcast-chapters li")
    assert [item["data-start"] for item in chapters] == ["0", "2"]
    assert chapters[1].select_one("time")["datetime"] == "PT2S"
    assert chapters[1].select_one("a")["href"] == "https://lm.gov.lv/"
    people = html.select_one(".podcast-people").get_text(" ", strip=True)
    assert "Anna Bērziņa" in people and "sociālā darbiniece" in people
    transcript = html.select_one("details.podcast-transcript")
    assert not transcript.has_attr("open")  # collapsed, readable without JavaScript
    assert transcript.summary.get_text(strip=True) == "Rādīt atšifrējumu"
    assert [p.get_text() for p in transcript.select("p")] == [
        "Labdien, klausītāji!",
        "Šodien runājam par supervīziju.",
    ]
    assert html.select_one("link[type='application/rss+xml']")["href"] == ("/lv/raidieraksts/feed/")


def test_english_pages_show_english_text_and_people(client, show_en, episode):
    translate(
        episode,
        slug="supervision-as-support",
        title="Supervision as Support",
        description="A conversation about supervision.",
        transcript="Hello, listeners!",
    )
    show_page = soup(client.get("/en/podcast/"))
    assert show_page.html["lang"] == "en"
    row = show_page.select_one(".listing-row")
    assert row.select_one(".listing-row__title").get_text(strip=True) == "Supervision as Support"
    assert [li.get_text() for li in row.select(".listing-row__available li")] == [
        "Recording",
        "Transcript",
    ]
    assert "Season 1, episode 3" in show_page.get_text()
    html = soup(client.get("/en/podcast/supervision-as-support/"))
    assert html.html["lang"] == "en"
    assert html.select_one("audio#episode-audio") is not None
    assert "Show the transcript" in html.select_one("details summary").get_text()
    # The Latvian person is copied with the page; readers see the English translation.
    assert "social worker, Riga Social Service" in html.select_one(".podcast-people").get_text()
    switch = html.select_one(".lang-switch a[hreflang=lv]")
    assert switch["href"] == "/lv/raidieraksts/supervizija-ka-atbalsts/"


def test_episode_page_queries_do_not_grow_with_its_guests(client, episode, locales):
    url = "/lv/raidieraksts/supervizija-ka-atbalsts/"

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        return len(captured), len(soup(response).select(".podcast-people li"))

    one = count()
    for name in ("Ilze Kalniņa", "Jānis Ozols"):
        episode.people.create(person=Person.objects.create(name=name), role=PersonRole.HOST)
    episode.save_revision().publish()
    three = count()
    assert (one[1], three[1]) == (1, 3)
    assert three[0] == one[0]


def test_webvtt_captions_are_shown_when_there_is_no_written_transcript(client, show, audio):
    captions = make_document(
        webvtt_bytes(
            [
                ("00:00:00.000", "00:00:01.500", "Labdien!"),
                ("00:00:01.500", "00:00:03.000", "<v Vadītāja>Sākam.</v>"),
            ]
        ),
        "subtitri.vtt",
    )
    add_episode(show, 1, audio=audio, slug="ar-subtitriem", transcript_file=captions)
    html = soup(client.get("/lv/raidieraksts/ar-subtitriem/"))
    lines = [p.get_text(" ", strip=True) for p in html.select(".podcast-transcript__text p")]
    assert lines == ["0:00 Labdien!", "0:01 Vadītāja: Sākam."]
    assert html.select_one(f'a[href="{captions.url}"][download]') is not None


def test_an_episode_without_audio_says_so(client, show):
    add_episode(show, 1, slug="bez-ieraksta")
    html = soup(client.get("/lv/raidieraksts/bez-ieraksta/"))
    assert html.select_one("audio") is None
    assert "Šīs epizodes ieraksts vēl nav pieejams." in html.select_one(".notice").get_text()


class TestEpisodeList:
    def add(self, show, start, count, **fields):
        return [
            add_episode(show, number, slug=f"e-{number}", title=f"Epizode {number}", **fields)
            for number in range(start, start + count)
        ]

    def titles(self, response):
        return [
            node.get_text(strip=True) for node in soup(response).select(".listing-row__title a")
        ]

    def test_newest_first_by_release_date_then_number(self, client, show):
        self.add(show, 1, 2)
        dated = add_episode(
            show, 3, slug="e-3", title="Epizode 3", publish_date=datetime(2020, 1, 1, tzinfo=UTC)
        )
        assert dated.release_date.year == 2020
        assert self.titles(client.get("/lv/raidieraksts/")) == [
            "Epizode 2",
            "Epizode 1",
            "Epizode 3",
        ]

    def test_filters_by_season_and_topic_combine_and_ignore_nonsense(self, client, show):
        self.add(show, 1, 2, season=1)
        second = self.add(show, 3, 2, season=2)
        with_topics(second[0], ["Supervīzija"]).save_revision().publish()
        url = "/lv/raidieraksts/"
        assert self.titles(client.get(url, {"season": "2"})) == ["Epizode 4", "Epizode 3"]
        assert self.titles(client.get(url, {"season": "2", "topic": "supervīzija"})) == [
            "Epizode 3"
        ]
        assert self.titles(client.get(url, {"season": "1", "topic": "supervīzija"})) == []
        everything = ["Epizode 4", "Epizode 3", "Epizode 2", "Epizode 1"]
        for nonsense in ({"season": "abc"}, {"season": "9"}, {"topic": "<script>"}):
            assert self.titles(client.get(url, nonsense)) == everything
        html = soup(client.get(url, {"season": "2"}))
        assert html.select_one("#filter-season option[selected]")["value"] == "2"

    def test_filter_options_say_how_many_episodes_each_gives(self, client, show):
        self.add(show, 1, 2, season=1)
        second = self.add(show, 3, 2, season=2)
        with_topics(second[0], ["Supervīzija"]).save_revision().publish()

        def options(query):
            html = soup(client.get("/lv/raidieraksts/", query))
            return {
                name: [o.get_text() for o in html.select(f"#filter-{name} option")][1:]
                for name in ("season", "topic")
            }

        assert options({}) == {
            "season": ["1. sezona (2)", "2. sezona (2)"],
            "topic": ["Supervīzija (1)"],
        }
        # With the other filter applied; an option that gives none stays, with (0).
        assert options({"topic": "supervīzija"})["season"] == ["1. sezona (0)", "2. sezona (1)"]
        assert options({"season": "1"})["topic"] == ["Supervīzija (0)"]
        assert (
            self.titles(client.get("/lv/raidieraksts/", {"season": "1", "topic": "supervīzija"}))
            == []
        )

    def test_pagination_handles_bad_page_numbers(self, client, show):
        self.add(show, 1, 14)
        assert len(self.titles(client.get("/lv/raidieraksts/", {"page": "abc"}))) == 12
        assert self.titles(client.get("/lv/raidieraksts/", {"page": "9999"})) == [
            "Epizode 2",
            "Epizode 1",
        ]

    def test_drafts_and_private_episodes_are_not_listed(self, client, show):
        self.add(show, 1, 1)
        add_episode(show, 2, slug="e-2", title="Melnraksts", publish=False)
        private = add_episode(show, 3, slug="e-3", title="Privāta")
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        assert self.titles(client.get("/lv/raidieraksts/")) == ["Epizode 1"]

    def test_query_count_does_not_grow_with_the_number_of_episodes(self, client, show, audio):
        def count():
            client.get("/lv/raidieraksts/")  # fills the site chrome cache
            with CaptureQueriesContext(connection) as captured:
                response = client.get("/lv/raidieraksts/")
            assert response.status_code == 200
            return len(captured), len(self.titles(response))

        self.add(show, 1, 3, audio=audio, season=1)
        few = count()
        self.add(show, 4, 6, audio=audio, season=2)
        many = count()
        assert few[1] == 3 and many[1] == 9
        assert many[0] == few[0], f"{few[0]} queries for 3 episodes, {many[0]} for 9"


def test_home_page_plays_the_latest_episode_with_a_fixed_number_of_queries(client, show, audio):
    def count():
        client.get("/lv/")
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/lv/")
        return len(captured), soup(response)

    add_episode(show, 1, audio=audio, slug="e-1", title="Pirmā")
    few, _html = count()
    for number in range(2, 6):
        add_episode(show, number, audio=audio, slug=f"e-{number}", title=f"Epizode {number}")
    add_episode(show, 6, slug="e-6", title="Bez ieraksta")
    many, html = count()
    assert many == few
    section = html.select_one(".home-section--podcast")
    assert section.h2.get_text(strip=True) == "Jaunākā raidieraksta epizode"
    assert section.select_one(".card__title").get_text(strip=True) == "Epizode 5"
    assert section.select_one("audio")["preload"] == "none"
    assert section.select_one(".home-section__more a")["href"] == "/lv/raidieraksts/"
    PageViewRestriction.objects.create(page=show, restriction_type="login")
    assert soup(client.get("/lv/")).select_one(".home-section--podcast") is None


def test_episodes_are_found_by_transcript_notes_and_guests(client, episode, guest):
    def found(query):
        html = soup(client.get("/lv/meklet/", {"q": query}))
        return [node.get_text(strip=True) for node in html.select(".search-results a")]

    assert "Supervīzija kā atbalsts" in found("klausitaji")  # transcript, without diacritics
    assert "Supervīzija kā atbalsts" in found("ministriju")  # show notes
    assert "Supervīzija kā atbalsts" in found("Bērziņa")  # guest
    assert "Supervīzija kā atbalsts" in found("pieredzi")  # a chapter, inflected
    assert found("kosmonauts") == []
