"""Demo events: the conferences, discussions and seminars of 2016–2023, and two upcoming ones.

The facts come from events.json (written from the seed content). The sources give only the
year of each past event, so each has a plausible date inside its year, marked approximate.
The two upcoming events are dated relative to the day the loader runs; a later run that finds
them already over moves them forward again, so the demo never runs out of upcoming events.
"""

from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from events.dates import EVENT_TIME_ZONE
from events.models import (
    ConferencePage,
    DiscussionExpert,
    DiscussionPage,
    EventIndexPage,
    EventMaterial,
    SeminarOccurrence,
    SeminarPage,
)
from website.choices import EsfProject

DATA = Path(__file__).with_name("events.json")
REQUIRED_KEYS = ("topics", "index", "conferences", "discussions", "seminars", "regional_events")
PAST_EVENT = {"date_is_approximate": True, "esf_project": EsfProject.MUNICIPALITIES_2015}


def riga_datetime(text):
    return datetime.fromisoformat(text).replace(tzinfo=EVENT_TIME_ZONE)


def days_from_today(days, clock):
    day = timezone.localdate(timezone=EVENT_TIME_ZONE) + timedelta(days=days)
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=EVENT_TIME_ZONE)


def load(loader):
    data = loader.read_json(DATA, required_keys=(*REQUIRED_KEYS, "upcoming"))
    loader.step("Events: conferences, thematic discussions, regional seminars")
    index = loader.section(EventIndexPage, data["index"])
    demo = DemoEvents(loader, index, data["topics"])
    for spec in data["conferences"]:
        demo.conference(spec)
    for spec in data["discussions"]:
        demo.discussion(spec)
    for spec in [*data["seminars"], *data["regional_events"]]:
        demo.seminar(spec)
    for spec in data["upcoming"]:
        demo.upcoming(spec)


def _programme(slots, language):
    return [
        {
            "type": "slot",
            "value": {
                "start_time": slot["time"],
                "end_time": slot["end_time"],
                "title": slot[f"title_{language}"],
                "speakers": slot["speakers"],
                "description": "",
            },
        }
        for slot in slots
    ]


class DemoEvents:
    def __init__(self, loader, index, topics):
        self.loader = loader
        self.index = index
        self.topics = topics

    def _create(self, model, spec, lv_fields, en_fields):
        """The event in Latvian and English (created only if missing, like every demo page)."""
        seed = {
            language: {
                "slug": spec[f"slug_{language}"],
                "title": spec[f"title_{language}"],
                "introduction": spec[f"summary_{language}"],
                "topics": [self.topics[key][language] for key in spec["topics"]],
            }
            for language in ("lv", "en")
        }
        return self.loader.pair(
            self.index,
            model,
            seed,
            texts=("title", "introduction", "topics"),
            lv=lv_fields,
            en=en_fields,
        )

    @staticmethod
    def _past(spec):
        """A past event's dates from the seed, marked approximate, and its project."""
        return {
            "start": riga_datetime(spec["start"]),
            "end": riga_datetime(spec["end"]),
            **PAST_EVENT,
        }

    def conference(self, spec):
        year = spec["year"]
        material = self.loader.pdf_document(
            f"{spec['title_lv']} ({year}): konferences informācija",
            [
                f"Ikgadējā konference sociālā darba speciālistiem, {year}. gads.",
                f"Tēma: {spec['theme_lv']}",
                "Projekts “Profesionāla sociālā darba attīstība pašvaldībās” "
                "(Nr. 9.2.1.1/15/I/001), Labklājības ministrija.",
                "Dokuments izveidots demonstrācijas vietnei.",
            ],
            f"konference-{year}.pdf",
        )
        self._create(
            ConferencePage,
            spec,
            {
                "theme": spec["theme_lv"],
                "attendance_mode": "offline",
                "materials": [EventMaterial(document=material)],
                **self._past(spec),
            },
            {"theme": spec["theme_en"]},
        )

    def discussion(self, spec):
        experts = [
            DiscussionExpert(person=self.loader.person(person))
            for person in spec.get("experts", [])
        ]
        self._create(
            DiscussionPage,
            spec,
            {
                "topic": spec["title_lv"],
                # The series was planned with about 40 people in the room and a video stream.
                "attendance_mode": "mixed",
                "experts": experts,
                **self._past(spec),
            },
            {"topic": spec["title_en"]},
        )

    def seminar(self, spec):
        occurrences = [
            SeminarOccurrence(
                start=riga_datetime(occurrence["start"]),
                end=riga_datetime(occurrence["end"]),
                town=occurrence["town"],
                region=occurrence["region"],
                sort_order=number,
            )
            for number, occurrence in enumerate(spec["occurrences"])
        ]
        self._create(
            SeminarPage,
            spec,
            {
                "topic": spec.get("topic_lv", ""),
                "attendance_mode": "offline",
                "occurrences": occurrences,
                **PAST_EVENT,
            },
            {"topic": spec.get("topic_en", "")},
        )

    # Upcoming examples ------------------------------------------------------------------------

    def _example_person(self, person):
        return self.loader.person(person, is_example=True)

    def upcoming(self, spec):
        common = {
            "topic": spec["topic_lv"],
            "attendance_mode": spec["attendance"],
            "esf_project": EsfProject.MODERN_2022,
            "programme": _programme(spec["programme"], "lv"),
        }
        english = {"topic": spec["topic_en"], "programme": _programme(spec["programme"], "en")}
        if spec["type"] == "discussion":
            start, end = self._discussion_dates(spec)
            page = self._create(
                DiscussionPage,
                spec,
                {
                    **common,
                    "start": start,
                    "end": end,
                    "venue": spec["venue"],
                    "town": spec["town"],
                    "region": spec["region"],
                    "moderator": self._example_person(spec["moderator"]),
                    "experts": [
                        DiscussionExpert(person=self._example_person(person))
                        for person in spec["experts"]
                    ],
                },
                english,
            )
        else:
            occurrences = [
                SeminarOccurrence(
                    start=start,
                    end=end,
                    town=occurrence["town"],
                    region=occurrence["region"],
                    sort_order=number,
                )
                for number, (occurrence, (start, end)) in enumerate(
                    zip(spec["occurrences"], self._occurrence_dates(spec), strict=True)
                )
            ]
            page = self._create(SeminarPage, spec, {**common, "occurrences": occurrences}, english)
        if not page.is_upcoming():
            self._move_forward(page, spec)

    @staticmethod
    def _discussion_dates(spec):
        days = spec["days_from_today"]
        return days_from_today(days, spec["time"]), days_from_today(days, spec["end_time"])

    @staticmethod
    def _occurrence_dates(spec):
        return [
            (
                days_from_today(occurrence["days_from_today"], occurrence["time"]),
                days_from_today(occurrence["days_from_today"], occurrence["end_time"]),
            )
            for occurrence in spec["occurrences"]
        ]

    def _move_forward(self, page, spec):
        """An example event of an earlier run is over: date it from today again, in both
        languages, and publish the change."""
        for version in page.get_translations(inclusive=True).specific():
            if isinstance(version, SeminarPage):
                occurrences = list(version.occurrences.all())
                # Not strict: an editor may have removed a visit from the example.
                dates = self._occurrence_dates(spec)
                for occurrence, (start, end) in zip(occurrences, dates, strict=False):
                    occurrence.start, occurrence.end = start, end
                version.occurrences = occurrences
            else:
                version.start, version.end = self._discussion_dates(spec)
            version.save_revision().publish()
            self.loader.created += 1
        self.loader.detail(f"Moved the example event “{page.title}” to upcoming dates.")
