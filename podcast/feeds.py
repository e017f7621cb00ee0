"""The show's RSS feed, and the JSON chapters it links to.

RSS 2.0 and Apple's itunes: elements come from feedgen and its podcast extension; the
Podcasting 2.0 podcast: elements (https://podcastindex.org/namespace/1.0) from the feedgen
extension below. Everything is built as XML elements by lxml, never by joining strings.
"""

import hashlib
import uuid

import lxml.html
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from wagtail.images.models import SourceImageIOError
from wagtail.rich_text import expand_db_html

from website.siteurl import absolute

PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"
ITUNES_NAMESPACE = "http://www.itunes.com/dtds/podcast-1.0.dtd"
# The namespace the Podcasting 2.0 specification gives for podcast:guid values.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
CHAPTERS_TYPE = "application/json+chapters"
CHAPTERS_VERSION = "1.2.0"


def podcast_guid(feed_url):
    """podcast:guid: UUIDv5 of the feed URL without its scheme and trailing slashes."""
    address = feed_url.split("://", 1)[-1].rstrip("/")
    return uuid.uuid5(PODCAST_GUID_NAMESPACE, address)


class PodcastIndexExtension(BaseExtension):
    """Channel elements feedgen does not write.

    podcast:locked and podcast:guid, and itunes:explicit spelt "true"/"false" as Apple's
    current specification asks (feedgen 1.0 only writes the older "yes"/"no"/"clean").
    """

    def __init__(self):
        self.explicit = None
        self.locked = None
        self.lock_owner = ""
        self.guid = None

    def extend_ns(self):
        return {"podcast": PODCAST_NAMESPACE}

    def extend_rss(self, feed):
        channel = feed[0]
        if self.explicit is not None:
            explicit = xml_elem(f"{{{ITUNES_NAMESPACE}}}explicit", channel)
            explicit.text = "true" if self.explicit else "false"
        if self.locked is not None:
            locked = xml_elem(f"{{{PODCAST_NAMESPACE}}}locked", channel)
            locked.text = "yes" if self.locked else "no"
            if self.lock_owner:
                locked.set("owner", self.lock_owner)
        if self.guid:
            xml_elem(f"{{{PODCAST_NAMESPACE}}}guid", channel).text = str(self.guid)
        return feed


class PodcastIndexEntryExtension(BaseEntryExtension):
    """Item elements: podcast:transcript, podcast:chapters and podcast:person."""

    def __init__(self):
        self.transcripts = []
        self.chapters_url = ""
        self.people = []

    def extend_rss(self, entry):
        for attributes in self.transcripts:
            xml_elem(f"{{{PODCAST_NAMESPACE}}}transcript", entry, **attributes)
        if self.chapters_url:
            xml_elem(
                f"{{{PODCAST_NAMESPACE}}}chapters", entry, url=self.chapters_url, type=CHAPTERS_TYPE
            )
        for name, role in self.people:
            person = xml_elem(f"{{{PODCAST_NAMESPACE}}}person", entry, role=role)
            person.text = name
        return entry


def expand_rich_texts(values):
    """Wagtail rich texts as front-end HTML, with their links resolved in one pass for all.

    Wagtail's rewriter looks up the linked pages and documents of each call in bulk; joining
    the texts makes that one lookup for the whole feed instead of one per episode.
    """
    if not values:
        return []  # a show without episodes yet: "".split() would give one empty text
    separator = f"<!--{uuid.uuid4()}-->"
    return expand_db_html(separator.join(values)).split(separator)


def absolute_links(html, base_url):
    """The HTML with relative href/src made absolute: feed readers have no page to resolve them."""
    if not html.strip():
        return ""
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    fragment.make_links_absolute(base_url, resolve_base_href=False)
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in fragment)


def artwork_file_url(image):
    """The artwork's own file if its name ends in .jpg or .png, else a JPEG copy of it.

    Apple asks for those endings, and feedgen silently leaves itunes:image out otherwise.
    """
    if image.file.name.lower().endswith((".jpg", ".png")):
        return image.file.url
    try:
        return image.get_rendition("original|format-jpeg|jpegquality-90").url
    except SourceImageIOError:
        # The original file is gone from storage: the feed goes out without artwork.
        return None


def build_feed(request, show, episodes, credits):
    """The RSS document (bytes) for the show and its episodes (newest first, with audio)."""
    show_url = absolute(show.get_url(request))
    feed_url = absolute(show.feed_url(request))
    language = show.locale.language_code

    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension)
    feed.title(show.title)
    # feedgen writes the last link given as the channel's <link>: the show page goes last.
    feed.link(href=feed_url, rel="self", type="application/rss+xml")
    feed.link(href=show_url, rel="alternate")
    feed.description(channel_description(show))
    feed.language(show.language)
    if show.copyright:
        feed.copyright(show.copyright)
    artwork_path = artwork_file_url(show.artwork) if show.artwork else None
    if artwork_path:
        artwork_url = absolute(artwork_path)
        feed.image(url=artwork_url, title=show.title, link=show_url)
        feed.podcast.itunes_image(artwork_url)
    feed.podcast.itunes_author(show.author)
    feed.podcast.itunes_owner(name=show.owner_name, email=show.owner_email)
    feed.podcast.itunes_category(
        [
            {"cat": category, "sub": subcategory} if subcategory else {"cat": category}
            for category, subcategory in show.directory_categories
        ]
    )
    feed.podcast.itunes_type(show.show_type)
    feed.podcastindex.explicit = show.explicit
    feed.podcastindex.locked = show.feed_locked
    feed.podcastindex.lock_owner = show.owner_email
    feed.podcastindex.guid = show.podcast_guid or podcast_guid(feed_url)

    episodes = list(episodes)
    updated = [show.last_published_at, *(episode.last_published_at for episode in episodes)]
    feed.lastBuildDate(max(date for date in updated if date))
    if episodes:
        feed.pubDate(episodes[0].release_date)

    notes = expand_rich_texts([episode.show_notes for episode in episodes])
    for episode, show_notes in zip(episodes, notes, strict=True):
        episode_url = absolute(episode.get_url(request))
        entry = feed.add_entry(order="append")
        entry.title(episode.title)
        entry.link(href=episode_url)
        entry.guid(str(episode.guid), permalink=False)
        entry.description(episode.description)
        if show_notes.strip():
            entry.content(absolute_links(show_notes, episode_url), type="CDATA")
        entry.pubDate(episode.release_date)
        audio = episode.audio
        entry.enclosure(
            url=absolute(audio.url), length=str(audio.get_file_size()), type=audio.mime_type
        )

        entry.podcast.itunes_episode(episode.number)
        if episode.season:
            entry.podcast.itunes_season(episode.season)
        entry.podcast.itunes_episode_type(episode.episode_type)
        if episode.duration:
            entry.podcast.itunes_duration(episode.duration_seconds)

        extension = entry.podcastindex
        if episode.transcript_file:
            extension.transcripts.append(
                {
                    "url": absolute(episode.transcript_file.url),
                    "type": "text/vtt",
                    "language": show.language,
                    "rel": "captions",
                }
            )
        if episode.transcript:
            extension.transcripts.append(
                {
                    "url": absolute(show.route_url(request, "transcript", episode.pk)),
                    "type": "text/plain",
                    "language": language,
                }
            )
        if episode.chapter_list:
            extension.chapters_url = absolute(show.route_url(request, "chapters", episode.pk))
        extension.people = [
            (credit.person.name, credit.role) for credit in credits.get(episode.pk, [])
        ]
    return feed.rss_str(pretty=True)


def channel_description(show):
    """The show's description, with the ESF funding statement publicity rules ask for."""
    statement = show.funding_statement
    return f"{show.description}\n\n{statement}" if statement else show.description


def feed_response(request, show, episodes, credits):
    """The feed, with an ETag so that apps polling it get "304 Not Modified" when unchanged."""
    document = build_feed(request, show, episodes, credits)
    etag = quote_etag(hashlib.sha256(document).hexdigest()[:32])
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is not None:
        return unchanged
    response = HttpResponse(document, content_type="application/rss+xml; charset=utf-8")
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"
    return response


def chapters_document(request, show, episode):
    """Podcasting 2.0 JSON chapters (version 1.2) of one episode."""
    chapters = []
    for chapter in episode.chapter_list:
        item = {"startTime": chapter.start, "title": chapter.title}
        if chapter.url:
            item["url"] = chapter.url
        chapters.append(item)
    return {
        "version": CHAPTERS_VERSION,
        "title": episode.title,
        "podcastName": show.title,
        "author": show.author,
        "chapters": chapters,
    }
