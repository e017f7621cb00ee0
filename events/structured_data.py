"""schema.org Event JSON-LD for event pages, so search engines can show the event's date and place.

Serialised by website.structured_data, so no text an editor types can close the <script>.

Dates: a full ISO 8601 date and time with its UTC offset, in Latvian time. An approximate date
(only the month or the year is known) is left out rather than written as "2016-05": schema.org
takes startDate as an ISO 8601 date or date-time, which a month alone is not (it is xsd:gYearMonth,
not xsd:date), Google's event documentation asks for a complete date, and schema.org has no way
to mark a date as approximate, so any full date would claim a day nobody knows.
The place: the venue is the Place's name; its PostalAddress holds only what is an address
(town, region, country), never the venue's name.
"""

from django.utils.translation import gettext

from events.dates import iso_datetime
from website.structured_data import json_ld_script

ORGANIZER_URL = "https://www.lm.gov.lv/"
ATTENDANCE_MODES = {
    "offline": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}


def _place(session):
    address = {"@type": "PostalAddress", "addressCountry": "LV"}
    if session.town:
        address["addressLocality"] = session.town
    if session.region:
        address["addressRegion"] = session.region_label
    name = session.venue or session.town or gettext("Latvia")
    return {"@type": "Place", "name": name, "address": address}


def _dates(data, start, end, approximate):
    if approximate:
        return
    if start is not None:
        data["startDate"] = iso_datetime(start)
    if end is not None:
        data["endDate"] = iso_datetime(end)


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
    """The event's <script type="application/ld+json"> element."""
    return json_ld_script(event_data(event, request, people))
