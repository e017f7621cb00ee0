"""Events: the annual conferences, thematic discussions and regional methodical seminars.

EventPage is a concrete page model that editors cannot create themselves; ConferencePage,
DiscussionPage and SeminarPage extend it (multi-table inheritance). The issue asked for an
abstract base; a concrete one puts the fields every list needs (dates, place, type) in one
table, so the event list, the calendar feeds and the home page sort, filter and paginate all
three types in one SQL query, instead of merging three querysets in Python.

A seminar round visits several towns, and its dates are its occurrences'. Whenever Wagtail
validates a seminar (before it saves or publishes a revision) and when it previews one, the
seminar's start becomes its earliest occurrence's start and its end the latest occurrence's end
(SeminarPage.full_clean). Lists, "upcoming"/"past" and the feeds therefore treat a seminar like
any other event: it is upcoming until its last visit is over, and it is listed and filtered
under the year of its first visit. The region filter matches a seminar that visits the region
(any occurrence). A seminar without occurrences has no dates: it is listed among the upcoming
events as "date to be announced", and its calendar has no VEVENT.
"""

from events.models.base import (
    AttendanceMode,
    EventMaterial,
    EventPage,
    EventPageQuerySet,
    EventSpeaker,
    Session,
    town_region_error,
)
from events.models.index import EventIndexPage, group_by_when
from events.models.kinds import (
    EVENT_TYPES,
    ConferencePage,
    DiscussionExpert,
    DiscussionPage,
    SeminarOccurrence,
    SeminarPage,
)

__all__ = [
    "EVENT_TYPES",
    "AttendanceMode",
    "ConferencePage",
    "DiscussionExpert",
    "DiscussionPage",
    "EventIndexPage",
    "EventMaterial",
    "EventPage",
    "EventPageQuerySet",
    "EventSpeaker",
    "SeminarOccurrence",
    "SeminarPage",
    "Session",
    "group_by_when",
    "town_region_error",
]
