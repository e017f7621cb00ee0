"""The podcast "Ne tikai par sociālo darbu": the show (PodcastPage) and its episodes.

The show page lists the episodes and serves, as routes of its own, the RSS feed podcast apps
subscribe to, each episode's JSON chapters and its plain-text transcript. One show per locale:
the Latvian and the English page each have their own feed.
"""

from podcast.models.choices import (
    EPISODES_PER_PAGE,
    SHOW_NOTES_FEATURES,
    ApplePodcastCategory,
    EpisodeType,
    PersonRole,
    ShowType,
    SpokenLanguage,
)
from podcast.models.episodes import (
    CREDITS_PREFETCH,
    Chapter,
    Credit,
    EpisodePage,
    EpisodePerson,
    EpisodeQuerySet,
    credits_for,
)
from podcast.models.show import PodcastGuidPanel, PodcastPage

__all__ = [
    "CREDITS_PREFETCH",
    "EPISODES_PER_PAGE",
    "SHOW_NOTES_FEATURES",
    "ApplePodcastCategory",
    "Chapter",
    "Credit",
    "EpisodePage",
    "EpisodePerson",
    "EpisodeQuerySet",
    "EpisodeType",
    "PersonRole",
    "PodcastGuidPanel",
    "PodcastPage",
    "ShowType",
    "SpokenLanguage",
    "credits_for",
]
