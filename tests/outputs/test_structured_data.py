"""schema.org structured data as extruct extracts it, checked against what Google's and
schema.org's documentation requires or recommends for each type.

- BreadcrumbList (Google: itemListElement of ListItems with position, name and item): on every
  page that shows breadcrumbs, with the same names and addresses as the visible trail.
- Event (Google requires name, startDate, location; a Place needs an address, a
  VirtualLocation a url; recommends description, endDate, eventAttendanceMode, eventStatus,
  organizer with name and url, performer): the venue is the Place's name, never its street
  address; a date is a complete ISO 8601 date-time, and an approximate one is left out.
- PodcastSeries / PodcastEpisode (schema.org: a series with its webFeed; an episode with
  partOfSeries, episodeNumber, datePublished, duration and its recording as associatedMedia).
- ScholarlyArticle (Google's Article: headline, author names, datePublished).
- DefinedTerm (schema.org: name, description, inDefinedTermSet).
"""

import re
from datetime import datetime
from urllib.parse import urlsplit

import extruct
import feedparser
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.storage import default_storage

from dictionary.models import DictionaryPage, Term
from events.models import EventPage

FULL_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
ISO_DURATION = re.compile(r"^P(?:\d+D)?T?(?:\d+H)?(?:\d+M)?(?:\d+S)?$")


@pytest.fixture(scope="module")
def extracted(demo, django_db_blocker):
    """{path: (parsed HTML, [JSON-LD items])} for every page and the dictionary's views."""
    from django.test import Client

    client = Client(SERVER_NAME=demo.host)
    found = {}
    with django_db_blocker.unblock():
        paths = [url for _kind, _language, url in demo.pages]
        term = Term.objects.approved().order_by("pk").first()
        for dictionary in DictionaryPage.objects.live():
            letter = next(letter for letter in dictionary.letters() if letter["url"])
            paths += [letter["url"], dictionary.entry_url(term)]
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            html = response.content.decode()
            data = extruct.extract(
                html,
                base_url=demo.root_url + path,
                syntaxes=["json-ld"],
                errors="strict",
            )["json-ld"]
            found[path] = (BeautifulSoup(html, "html.parser"), data)
    return found


def items_of(extracted, kind):
    return [
        (path, item)
        for path, (_html, data) in extracted.items()
        for item in data
        if item.get("@type") == kind
    ]


def kinds_by_path(demo):
    return {url: kind for kind, _language, url in demo.pages}


# BreadcrumbList ------------------------------------------------------------------------------


def test_every_page_with_breadcrumbs_describes_them(demo, extracted):
    problems = []
    for path, (html, data) in extracted.items():
        nav = html.select_one("nav.breadcrumbs")
        lists = [item for item in data if item.get("@type") == "BreadcrumbList"]
        if nav is None:
            if lists:
                problems.append(f"{path}: a BreadcrumbList without visible breadcrumbs")
            continue
        if len(lists) != 1:
            problems.append(f"{path}: {len(lists)} BreadcrumbLists")
            continue
        shown = [
            (step.get_text(strip=True), step.get("href") or path)
            for step in nav.select("li > a, li > span")
        ]
        elements = lists[0]["itemListElement"]
        described = [(element["name"], urlsplit(element["item"]).path) for element in elements]
        if described != shown:
            problems.append(f"{path}: shows {shown}, describes {described}")
        if [element["position"] for element in elements] != list(range(1, len(elements) + 1)):
            problems.append(f"{path}: positions {[e['position'] for e in elements]}")
        for element in elements:
            if element["@type"] != "ListItem" or not element["item"].startswith(demo.root_url):
                problems.append(f"{path}: {element}")
    assert not problems, "\n".join(problems)
    # Home pages show none; every other page does.
    assert (
        sum(
            1
            for _html, data in extracted.values()
            for item in data
            if item.get("@type") == "BreadcrumbList"
        )
        == len(extracted) - 2
    )


# Event -----------------------------------------------------------------------------------------


def _places(event):
    location = event.get("location")
    locations = location if isinstance(location, list) else [location]
    return [place for place in locations if place]


def test_events_have_what_google_requires_and_recommends(demo, extracted):
    kinds = kinds_by_path(demo)
    events = [
        (path, item)
        for path, item in items_of(extracted, "Event")
        if kinds.get(path) in ("ConferencePage", "DiscussionPage", "SeminarPage")
    ]
    assert len(events) == 2 * EventPage.objects.live().filter(locale__language_code="lv").count()
    approximate = {
        page.url: page.date_is_approximate for page in EventPage.objects.live().specific()
    }
    problems = []
    for path, event in events:
        for name in ("name", "location", "description", "eventAttendanceMode", "eventStatus"):
            if not event.get(name):
                problems.append(f"{path}: no {name}")
        organizer = event.get("organizer") or {}
        if not (organizer.get("name") and organizer.get("url")):
            problems.append(f"{path}: organizer {organizer}")
        if approximate[path]:
            if "startDate" in event or "endDate" in event:
                problems.append(f"{path}: an approximate date given as {event.get('startDate')}")
        else:
            for name in ("startDate", "endDate"):
                value = event.get(name, "")
                if not FULL_DATETIME.match(value):
                    problems.append(f"{path}: {name} {value!r} is not a full date-time")
                else:
                    datetime.fromisoformat(value)
        for place in _places(event):
            if place["@type"] == "VirtualLocation":
                if not place.get("url"):
                    problems.append(f"{path}: a VirtualLocation without url")
                continue
            address = place.get("address") or {}
            if place["@type"] != "Place" or address.get("@type") != "PostalAddress":
                problems.append(f"{path}: {place}")
            if not place.get("name"):
                problems.append(f"{path}: a Place without name")
            if "streetAddress" in address and place.get("name", "") in address["streetAddress"]:
                problems.append(f"{path}: the venue {place['name']!r} as its street address")
        for performer in event.get("performer", []):
            if not performer.get("name"):
                problems.append(f"{path}: performer {performer}")
    assert not problems, "\n".join(problems)


def test_an_upcoming_event_in_a_named_venue(extracted):
    events = [
        event
        for _path, event in items_of(extracted, "Event")
        if "startDate" in event
        and any(place.get("address", {}).get("addressLocality") for place in _places(event))
        and any(
            place.get("name") not in (None, place.get("address", {}).get("addressLocality"))
            for place in _places(event)
            if place["@type"] == "Place"
        )
    ]
    assert events, "the demo has an upcoming event at a venue"
    for event in events:
        for place in _places(event):
            assert "streetAddress" not in place.get("address", {}), place


# Podcast ---------------------------------------------------------------------------------------


def test_the_podcast_is_a_series_with_its_feed(demo, site_client, extracted):
    for language in ("lv", "en"):
        path = demo.first("PodcastPage", language)
        series = [item for p, item in items_of(extracted, "PodcastSeries") if p == path]
        assert len(series) == 1, path
        series = series[0]
        for name in ("name", "url", "description", "inLanguage", "image", "author"):
            assert series.get(name), (path, name)
        assert series["url"] == series["@id"] == demo.root_url + path
        feed = site_client.get(urlsplit(series["webFeed"]).path)
        assert feed.status_code == 200
        assert feed["Content-Type"].startswith("application/rss+xml")
        # The language of what is said: the feed's (the English page's show is in Latvian).
        assert series["inLanguage"] == feedparser.parse(feed.content).feed.language
        # Media files are served by the web server or the bucket, not by Django.
        image = urlsplit(series["image"]).path
        assert default_storage.exists(image.removeprefix(settings.MEDIA_URL)), image


def test_each_episode_is_part_of_the_series_with_its_recording(demo, site_client, extracted):
    kinds = kinds_by_path(demo)
    episodes = items_of(extracted, "PodcastEpisode")
    assert sorted(path for path, _item in episodes) == sorted(
        path for path, kind in kinds.items() if kind == "EpisodePage"
    )
    series_languages = {
        item["@id"]: item["inLanguage"] for _path, item in items_of(extracted, "PodcastSeries")
    }
    for path, episode in episodes:
        language = path.split("/")[1]
        assert episode["url"] == demo.root_url + path
        assert episode["name"] and episode["description"]
        assert isinstance(episode["episodeNumber"], int)
        assert FULL_DATETIME.match(episode["datePublished"]), episode["datePublished"]
        assert ISO_DURATION.match(episode["duration"]), episode["duration"]
        series = episode["partOfSeries"]
        assert series["@type"] == "PodcastSeries"
        assert series["@id"] == demo.root_url + demo.first("PodcastPage", language)
        assert episode["inLanguage"] == series_languages[series["@id"]]
        audio = episode["associatedMedia"]
        assert audio["@type"] == "AudioObject"
        assert audio["encodingFormat"].startswith("audio/")
        response = site_client.get(urlsplit(audio["contentUrl"]).path, HTTP_RANGE="bytes=0-1")
        assert response.status_code == 206, audio["contentUrl"]


# ScholarlyArticle and DefinedTerm ----------------------------------------------------------------


def test_articles_have_what_google_recommends(demo, extracted):
    kinds = kinds_by_path(demo)
    articles = items_of(extracted, "ScholarlyArticle")
    assert sorted(path for path, _item in articles) == sorted(
        path for path, kind in kinds.items() if kind == "ArticlePage"
    )
    for path, article in articles:
        assert article["headline"] and article["url"] == demo.root_url + path
        assert article["datePublished"]
        assert all(author["name"] for author in article.get("author", []))
        language = path.split("/")[1]
        assert article["inLanguage"] == language
        if language == "en":
            original = article["translationOfWork"]
            assert original["inLanguage"] == "lv" and original["@id"] in {
                demo.root_url + p for p, _item in articles
            }
        else:
            assert all(work["inLanguage"] == "en" for work in article["workTranslation"])


def test_dictionary_entries_are_defined_terms(extracted):
    terms = items_of(extracted, "DefinedTerm")
    assert len(terms) == 2
    for _path, term in terms:
        assert term["name"] and term["description"]
        assert term["inDefinedTermSet"]["@type"] == "DefinedTermSet"
