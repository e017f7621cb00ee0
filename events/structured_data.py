"""schema.org Event JSON-LD for event pages, so search engines can show the event's date and place.

Built as a dict and serialised with json.dumps; "<", ">" and "&" are escaped as JSON unicode
escapes (as Django's json_script does), so no text an editor types can close the <script>.
Dates carry the precision the page shows: a full ISO datetime in Latvian time, or only
"YYYY-MM" when the date is approximate; an event without dates has none.
"""

import json

from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from events.dates import iso_datetime

ORGANIZER_URL = "https://www.lm.gov.lv/"
ATTENDANCE_MODES = {
    "offline": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _place(session):
    address = {"@type": "PostalAddress", "addressCountry": "LV"}
    if session.town:
        address["addressLocality"] = session.town
    if session.region:
        address["addressRegion"] = session.region_label
    if session.venue:
        address["streetAddress"] = session.venue
    name = session.venue or session.town or gettext("Latvia")
    return {"@type": "Place", "name": name, "address": address}


def _dates(data, start, end, approximate):
    if start is not None:
        data["startDate"] = iso_datetime(start, approximate)
    if end is not None:
        data["endDate"] = iso_datetime(end, approximate)


def _locations(event, sessions, url):
    locations = []
    if event.is_in_person:
        for session in sessions:
            place = _place(session)
            if place not in locations:
                locations.append(place)
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": event.online_url or url})
    return locations


def _performers(people):
    performers = []
    for person in (person for role in people.values() for person in role):
        if person.name not in [performer["name"] for performer in performers]:
            performers.append({"@type": "Person", "name": person.name})
    return performers


def event_data(event, request, people):
    """`people` as EventPage.get_people() returns them: {role: [Person]}."""
    url = event.get_full_url(request)
    sessions = event.sessions()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "inLanguage": event.locale.language_code,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[event.attendance_mode],
        "organizer": {
            "@type": "Organization",
            "name": gettext("Ministry of Welfare of the Republic of Latvia"),
            "url": ORGANIZER_URL,
        },
    }
    if event.summary:
        data["description"] = event.summary
    _dates(data, event.start, event.end, event.date_is_approximate)
    performers = _performers(people)
    if performers:
        data["performer"] = performers
    locations = _locations(event, sessions, url)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if len(sessions) > 1:
        # A seminar round: each visit is an event of its own, in its own place.
        data["subEvent"] = []
        for session in sessions:
            sub_event = {"@type": "Event", "name": event.title}
            _dates(sub_event, session.start, session.end, event.date_is_approximate)
            sub_locations = _locations(event, [session], url)
            if sub_locations:
                sub_event["location"] = sub_locations[0]
            data["subEvent"].append(sub_event)
    return data


def event_json_ld(event, request, people):
    """The JSON text to put inside <script type="application/ld+json">."""
    text = json.dumps(event_data(event, request, people), ensure_ascii=False)
    return mark_safe(text.translate(JSON_ESCAPES))
