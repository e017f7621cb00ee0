"""schema.org PodcastSeries and PodcastEpisode JSON-LD for the show and episode pages.

The same facts as the RSS feed, for search engines that read pages rather than feeds: the
series points at its feed (webFeed), each episode at its series (partOfSeries) and its
recording (associatedMedia, an AudioObject with the file's address, type and duration).
"""

from podcast.feeds import artwork_file_url
from website.structured_data import json_ld_script


def _iso(value):
    return value.replace(microsecond=0).isoformat() if value else ""


def series_reference(show, request):
    url = request.build_absolute_uri(show.get_url(request))
    return {"@type": "PodcastSeries", "@id": url, "name": show.title, "url": url}


def series_data(show, request):
    absolute = request.build_absolute_uri
    data = {
        "@context": "https://schema.org",
        **series_reference(show, request),
        "description": show.description,
        "inLanguage": show.language,
        "webFeed": absolute(show.feed_url(request)),
        "author": {"@type": "Organization", "name": show.author},
        "publisher": {"@type": "Organization", "name": show.owner_name or show.author},
    }
    if show.artwork_id:
        artwork = artwork_file_url(show.artwork)
        if artwork:
            data["image"] = absolute(artwork)
    if show.copyright:
        data["copyrightNotice"] = show.copyright
    return data


def episode_data(episode, show, request):
    absolute = request.build_absolute_uri
    url = absolute(episode.get_url(request))
    data = {
        "@context": "https://schema.org",
        "@type": "PodcastEpisode",
        "@id": url,
        "url": url,
        "name": episode.title,
        "description": episode.description,
        "episodeNumber": episode.number,
        "inLanguage": show.language if show else episode.locale.language_code,
    }
    if episode.release_date:
        data["datePublished"] = _iso(episode.release_date)
    if episode.duration:
        data["duration"] = episode.duration_iso
    if show is not None:
        data["partOfSeries"] = series_reference(show, request)
    if episode.season:
        data["partOfSeason"] = {"@type": "PodcastSeason", "seasonNumber": episode.season}
    if episode.audio_id:
        audio = {
            "@type": "AudioObject",
            "contentUrl": absolute(episode.audio.url),
            "encodingFormat": episode.audio.mime_type,
        }
        if episode.duration:
            audio["duration"] = episode.duration_iso
        data["associatedMedia"] = audio
    people = [credit.person.name for credit in episode.credits]
    if people:
        data["contributor"] = [{"@type": "Person", "name": name} for name in people]
    return data


def series_json_ld(show, request):
    return json_ld_script(series_data(show, request))


def episode_json_ld(episode, show, request):
    return json_ld_script(episode_data(episode, show, request))
