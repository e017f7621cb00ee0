"""Events as iCalendar (RFC 5545) with the icalendar library: downloads and subscribed feeds.

- One VEVENT per session: a conference or discussion has one, a seminar one per occurrence.
- UIDs do not change between downloads, so importing a file again, or a calendar app
  refreshing its subscription, updates the event rather than adding a copy. They are built from
  the page's translation key (shared by its Latvian and English versions: the same event) and,
  for a seminar, the occurrence's own UUID, plus the site's domain.
- Times are written in UTC ("…Z"): unambiguous, without a VTIMEZONE block to keep right, and
  every calendar app shows them in its reader's time zone (Europe/Riga for readers in Latvia).
  X-WR-TIMEZONE names the events' own zone for apps that use it to display a feed.
  Every calendar also holds the VTIMEZONE of Europe/Riga: RFC 5545 wants at least one
  component in a calendar, and a feed may have no event yet.
- Events whose date is approximate are left out: a calendar has no way to say "some day in
  April 2019", and an invented day would mislead. Such an event (or a seminar without
  occurrences) has no .ics file at all: its address answers 404 and the page offers none.
- Subscribed feeds hold past events too: a calendar app deletes whatever leaves a feed, and
  readers keep the events they attended.
- Text is written as iCalendar TEXT, escaped by the icalendar library; single-line values
  (titles, places) have line breaks and other control characters turned into spaces, so a title
  with CR/LF (an import, a crafted POST) can neither break the file nor add properties.
- Responses carry an ETag (a hash of the calendar) and Last-Modified (the latest publication,
  unpublication, move or other logged change on the site, or of an event in it), and answer
  304 Not Modified to If-None-Match / If-Modified-Since, as apps polling a feed send them.
"""

import datetime as dt
import hashlib
import re

from django.db.models import Max
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext
from icalendar import Calendar, Event, Timezone, vDuration
from wagtail.models import PageLogEntry, Site

from events.dates import EVENT_TIME_ZONE

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Labklājības ministrija//Sociālā darba portāls//LV"
# How often subscribed calendar apps should fetch a feed again.
REFRESH_INTERVAL = dt.timedelta(hours=12)


# Characters RFC 5545 does not allow in TEXT (CONTROL except HTAB), and line breaks.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAKS_RE = re.compile("[\t\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def one_line(value):
    """A single-line value: line breaks become spaces, other control characters go."""
    return " ".join(CONTROL_RE.sub("", LINE_BREAKS_RE.sub(" ", value or "")).split())


def text(value):
    """Multi-line TEXT: line breaks are kept (the library escapes them), control characters go."""
    return CONTROL_RE.sub("", (value or "").replace("\r\n", "\n").replace("\r", "\n"))


def _domain(request):
    site = Site.find_for_request(request)
    return site.hostname if site is not None else request.get_host().split(":")[0]


def _location(event, session):
    parts = [one_line(session.place)] if event.is_in_person and session.place else []
    if event.is_online:
        parts.append(event.online_url or gettext("Online"))
    return "; ".join(parts)


def vevents(event, request, domain):
    """The VEVENTs of one event (an EventPage, specific or not)."""
    url = event.get_full_url(request)
    stamp = event.last_published_at or timezone.now()
    sessions = event.calendar_sessions()
    description = text("\n\n".join(part for part in (event.summary, url) if part))
    title = one_line(event.title)
    components = []
    for session in sessions:
        summary = title
        if len(sessions) > 1 and session.town:
            summary = f"{title} ({one_line(session.town)})"
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
                categories=[one_line(str(event.type_label))],
            )
        )
    return components


def build_calendar(events, request, *, name, uid, feed=False):
    domain = _domain(request)
    calendar = Calendar.new(
        prodid=PRODID, method="PUBLISH", name=one_line(name), uid=f"{uid}@{domain}"
    )
    calendar.add("X-WR-TIMEZONE", EVENT_TIME_ZONE.key)
    if feed:
        # RFC 7986 requires the VALUE parameter; X-PUBLISHED-TTL is the older name that
        # Outlook and Apple Calendar still read.
        calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    calendar.add_component(_time_zone())
    for event in events:
        for component in vevents(event, request, domain):
            calendar.add_component(component)
    return calendar


def _time_zone():
    """Europe/Riga's VTIMEZONE, with its rules from this year on (tzdata's)."""
    return Timezone.from_tzinfo(EVENT_TIME_ZONE, first_date=dt.date(timezone.now().year, 1, 1))


def last_change(events):
    """When what a calendar shows last changed: the latest publication of one of `events`, or
    the latest logged change of any page (an unpublication, a deletion, a move, a new view
    restriction leave no trace on the events that remain)."""
    logged = PageLogEntry.objects.aggregate(latest=Max("timestamp"))["latest"]
    moments = [logged, *(event.last_published_at for event in events)]
    return max((moment for moment in moments if moment), default=None)


def calendar_response(request, calendar, last_modified, filename=None):
    """The calendar, or 304 Not Modified when the client's copy is still the current one."""
    body = calendar.to_ical()
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    # HTTP dates have whole seconds: a change later within the same second must not be hidden.
    stamp = int(last_modified.timestamp()) + 1 if last_modified else None
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["ETag"] = etag
    if stamp:
        response["Last-Modified"] = http_date(stamp)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The 304 repeats the validators (Django copies ETag, Last-Modified, Cache-Control…).
    return get_conditional_response(request, etag=etag, last_modified=stamp, response=response)
