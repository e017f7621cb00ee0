"""Events as iCalendar (RFC 5545) with the icalendar library: downloads and subscribed feeds.

- One VEVENT per session: a conference or discussion has one, a seminar one per occurrence.
- UIDs do not change between downloads, so importing a file again, or a calendar app
  refreshing its subscription, updates the event rather than adding a copy. They are built from
  the page's translation key (shared by its Latvian and English versions: the same event) and,
  for a seminar, the occurrence's own UUID, plus the site's domain.
- Times are written in UTC ("…Z"): unambiguous, without a VTIMEZONE block to keep right, and
  every calendar app shows them in its reader's time zone (Europe/Riga for readers in Latvia).
  X-WR-TIMEZONE names the events' own zone for apps that use it to display a feed.
- Events whose date is approximate are left out: a calendar has no way to say "some day in
  April 2019", and an invented day would mislead. A seminar without occurrences, likewise, is a
  valid calendar with no VEVENT.
"""

import datetime as dt

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event, vDuration
from wagtail.models import Site

from events.dates import EVENT_TIME_ZONE

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Labklājības ministrija//Sociālā darba portāls//LV"
# How often subscribed calendar apps should fetch a feed again.
REFRESH_INTERVAL = dt.timedelta(hours=12)


def _domain(request):
    site = Site.find_for_request(request)
    return site.hostname if site is not None else request.get_host().split(":")[0]


def _location(event, session):
    parts = [session.place] if event.is_in_person and session.place else []
    if event.is_online:
        parts.append(event.online_url or gettext("Online"))
    return "; ".join(parts)


def vevents(event, request, domain):
    """The VEVENTs of one event (an EventPage, specific or not)."""
    url = event.get_full_url(request)
    stamp = event.last_published_at or timezone.now()
    sessions = event.calendar_sessions()
    description = "\n\n".join(part for part in (event.summary, url) if part)
    components = []
    for session in sessions:
        summary = event.title
        if len(sessions) > 1 and session.town:
            summary = f"{event.title} ({session.town})"
        key = f"{event.translation_key}-{session.key}" if session.key else event.translation_key
        components.append(
            Event.new(
                uid=f"{key}@{domain}",
                stamp=stamp,
                last_modified=stamp,
                start=session.start.astimezone(dt.UTC),
                end=session.end.astimezone(dt.UTC),
                summary=summary,
                location=_location(event, session) or None,
                description=description,
                url=url,
                categories=[str(event.type_label)],
            )
        )
    return components


def build_calendar(events, request, *, name, uid, feed=False):
    domain = _domain(request)
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH", name=name, uid=f"{uid}@{domain}")
    calendar.add("X-WR-TIMEZONE", EVENT_TIME_ZONE.key)
    if feed:
        # RFC 7986 requires the VALUE parameter; X-PUBLISHED-TTL is the older name that
        # Outlook and Apple Calendar still read.
        calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    for event in events:
        for component in vevents(event, request, domain):
            calendar.add_component(component)
    return calendar


def calendar_response(calendar, filename=None):
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
