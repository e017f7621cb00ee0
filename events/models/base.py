"""The event page every kind of event is (EventPage: dates, place, type, programme, speakers,
materials), and what its lists and feeds read of it."""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index

from events import ical, structured_data
from events.blocks import ProgrammeBlock, programme_days
from events.dates import EVENT_TIME_ZONE, format_date_only, format_period, iso_datetime, riga
from events.forms import EventPageForm
from sitesearch.text import stream_text
from website.blocks import VideoBlock
from website.choices import EsfProject, PlanningRegion
from website.listing import ListingRow
from website.models import AttachedDocument, BasePage, PersonLink, people_in_language
from website.models.pages import BasePageQuerySet
from website.panels import InlinePanel
from website.places import region_mismatch


class AttendanceMode(models.TextChoices):
    # The values are schema.org's eventAttendanceMode names, without the suffix.
    OFFLINE = "offline", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("In person and online")


def town_region_error(town, region):
    """The message for a town entered with a planning region it is not in (website.places)."""
    actual = region_mismatch(town, region)
    if actual is None:
        return None
    return _(
        "%(town)s is in the planning region %(actual)s, not %(chosen)s: choose %(actual)s or "
        "correct the town."
    ) % {"town": town.strip(), "actual": actual.label, "chosen": PlanningRegion(region).label}


@dataclass(frozen=True)
class Session:
    """One sitting of an event: the event itself, or one visit of a seminar round."""

    key: str  # language-independent: the calendar UID is built from it
    start: datetime | None
    end: datetime | None
    venue: str = ""
    town: str = ""
    region: str = ""

    @property
    def place(self):
        return ", ".join(part for part in (self.venue, self.town) if part)

    @property
    def region_label(self):
        return str(PlanningRegion(self.region).label) if self.region else ""

    @property
    def place_with_region(self):
        """ "Venue, Kuldīga (Kurzeme)"; the region is left out when it is the town (Rīga)."""
        region = self.region_label if self.region_label != self.town else ""
        if self.place and region:
            return f"{self.place} ({region})"
        return self.place or region


class EventPageQuerySet(BasePageQuerySet):
    """`now` is a parameter so that tests (and previews) can ask about any moment."""

    @staticmethod
    def upcoming_q(now):
        # An event is upcoming until it ends (so also while it runs); one without dates is
        # still to be announced, which is not in the past either.
        return Q(end__gte=now) | Q(end__isnull=True, start__gte=now) | Q(start__isnull=True)

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(self.upcoming_q(now)).order_by(F("start").asc(nulls_last=True), "pk")

    def past(self, now=None):
        now = now or timezone.now()
        return self.exclude(self.upcoming_q(now)).order_by("-start", "-pk")

    def in_year(self, year):
        """Events that start in this calendar year in Latvia."""
        return self.filter(
            start__gte=datetime(year, 1, 1, tzinfo=EVENT_TIME_ZONE),
            start__lt=datetime(year + 1, 1, 1, tzinfo=EVENT_TIME_ZONE),
        )

    def in_region(self, region):
        # A seminar's visits (events.models.kinds, which imports this module: by name).
        visits = apps.get_model("events", "SeminarOccurrence").objects.filter(
            event=OuterRef("pk"), region=region
        )
        return self.filter(Q(region=region) | Exists(visits))

    def in_listing_order(self, now=None):
        """Upcoming events first, soonest first (undated last), then past ones, newest first."""
        now = now or timezone.now()
        upcoming = self.upcoming_q(now)
        return self.annotate(
            listed_as_upcoming=Case(When(upcoming, then=Value(1)), default=Value(0)),
            upcoming_start=Case(
                When(upcoming, then=F("start")), default=None, output_field=models.DateTimeField()
            ),
        ).order_by(
            "-listed_as_upcoming",
            F("upcoming_start").asc(nulls_last=True),
            F("start").desc(nulls_last=True),
            "pk",
        )

    def with_sessions(self):
        """Seminars' occurrences in one query, so sessions() costs none for any number."""
        return self.prefetch_related("occurrences")

    def for_listing(self):
        """What a list card shows, in a fixed number of queries for any number of events."""
        return self.with_sessions().with_image().prefetch_related("materials")


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventPage(RoutablePageMixin, BasePage):
    """What every event has. Not created directly: editors choose one of the three types."""

    type_slug = ""  # each type's value of the "type" filter and of its calendar feed
    type_label_plural = ""
    has_own_dates = True  # seminars take theirs from their occurrences

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "What the event is about, in a few sentences. Lists show it unless the summary under "
            "“Promote” says otherwise."
        ),
    )
    start = models.DateTimeField(_("starts"), null=True, blank=True, db_index=True)
    end = models.DateTimeField(_("ends"), null=True, blank=True, db_index=True)
    date_is_approximate = models.BooleanField(
        _("date is approximate"),
        default=False,
        help_text=_(
            "Tick when only the month or the year is known (an event reconstructed from a "
            "report): the page shows the month and year without the day and time, and calendar "
            "downloads leave the event out."
        ),
    )
    attendance_mode = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.OFFLINE,
    )
    venue = models.CharField(
        _("venue"),
        max_length=255,
        blank=True,
        help_text=_(
            "The building and its address, e.g. “Kuldīgas kultūras centrs, Pilsētas laukums 2”."
        ),
    )
    town = models.CharField(_("town"), max_length=100, blank=True)
    region = models.CharField(
        _("planning region"), max_length=20, choices=PlanningRegion.choices, blank=True
    )
    online_url = models.URLField(
        _("online address"),
        blank=True,
        help_text=_("Where to watch or join the event online (a stream or a meeting link)."),
    )
    programme = StreamField(ProgrammeBlock(), blank=True, verbose_name=_("programme"))
    recordings = StreamField(
        [("video", VideoBlock())], blank=True, verbose_name=_("video recordings")
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    esf_project = models.CharField(
        _("ESF project"), max_length=20, choices=EsfProject.choices, blank=True
    )

    objects = EventPageManager()

    is_creatable = False
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    base_form_class = EventPageForm

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("town"),
        index.FilterField("start"),
    ]

    when_panel = MultiFieldPanel(
        [FieldPanel("start"), FieldPanel("end"), FieldPanel("date_is_approximate")],
        heading=_("When"),
    )
    place_panel = MultiFieldPanel(
        [
            FieldPanel("attendance_mode"),
            FieldPanel("venue"),
            FieldPanel("town"),
            FieldPanel("region"),
            FieldPanel("online_url"),
        ],
        heading=_("Where"),
    )
    detail_panels = [
        FieldPanel("programme"),
        InlinePanel(
            "speakers",
            heading=_("Speakers"),
            label=_("Speaker"),
            add_label=_("Add a speaker"),
        ),
        FieldPanel("recordings"),
        InlinePanel(
            "materials",
            heading=_("Presentations and other materials"),
            label=_("Material"),
            add_label=_("Add a material"),
        ),
        MultiFieldPanel(
            [FieldPanel("registration_url"), FieldPanel("registration_deadline")],
            heading=_("Registration"),
        ),
        FieldPanel("esf_project"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.has_own_dates:
            if self.start is None:
                errors["start"] = _("Enter when the event starts.")
            if self.end is None:
                errors["end"] = _("Enter when the event ends.")
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            errors["registration_deadline"] = _(
                "The registration deadline cannot be after the event ends."
            )
        if self.has_own_dates and (mismatch := town_region_error(self.town, self.region)):
            errors["region"] = mismatch
        if errors:
            raise ValidationError(errors)

    # The event as a list, a calendar and schema.org see it ------------------------------------

    def sessions(self):
        # specific_class, not type(self): lists hold plain EventPages (read from the content
        # type cache, no query).
        if not self.specific_class.has_own_dates:
            return [occurrence.session for occurrence in self.occurrences.all()]
        return [
            Session(
                key="",
                start=self.start,
                end=self.end,
                venue=self.venue,
                town=self.town,
                region=self.region,
            )
        ]

    def calendar_sessions(self):
        """The sessions a calendar can hold: exact dates only (an approximate one would put an
        invented day into readers' calendars)."""
        if self.date_is_approximate:
            return []
        return [session for session in self.sessions() if session.start and session.end]

    @property
    def type_label(self):
        return capfirst(self.specific_class._meta.verbose_name)

    @property
    def when_text(self):
        return format_period(self.start, self.end, self.date_is_approximate)

    @property
    def start_iso(self):
        return iso_datetime(self.start, self.date_is_approximate)

    @property
    def row_date(self):
        """The date in a list's row: the day(s) without the hours, "≈ April 2019" when only
        the month is known (the list explains "≈" once)."""
        return format_date_only(self.start, self.end, self.date_is_approximate)

    # What listing_row reads from related tables (website.listing.render_rows loads them).
    listing_row_related = ("occurrences", "materials")

    @property
    def listing_row(self):
        """The event in the list: the day(s), its kind and place, and whether a recording or
        materials are there (loaded by for_listing() or by render_rows)."""
        available = []
        if self.recordings:
            available.append(gettext("Recording"))
        if self.materials.all():
            available.append(gettext("Materials"))
        return ListingRow(
            when=self.row_date,
            when_iso=self.start_iso if self.start else "",
            kind=self.type_label,
            details=[self.place_text] if self.place_text else [],
            available=available,
        )

    @property
    def is_in_person(self):
        return self.attendance_mode in (AttendanceMode.OFFLINE, AttendanceMode.MIXED)

    @property
    def is_online(self):
        return self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.MIXED)

    @property
    def place_text(self):
        """Where, in a few words: the towns (or venue), and "online" when it is."""
        places = []
        if self.is_in_person:
            for session in self.sessions():
                place = session.town or session.venue
                if place and place not in places:
                    places.append(place)
        if self.is_online:
            places.append(gettext("online"))
        return ", ".join(places)

    def is_upcoming(self, now=None):
        now = now or timezone.now()
        if self.end is not None:
            return self.end >= now
        return self.start is None or self.start >= now

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if not self.registration_url or not self.is_upcoming(now):
            return False
        return self.registration_deadline is None or self.registration_deadline >= now

    @property
    def esf_project_label(self):
        return EsfProject(self.esf_project).label if self.esf_project else ""

    # Lists and search ---------------------------------------------------------------------

    @property
    def summary(self):
        return self.listing_summary or self.introduction or self.search_description

    @property
    def card_label(self):
        return self.type_label

    @property
    def card_meta(self):
        return " · ".join(part for part in (self.when_text, self.place_text) if part)

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.introduction,
            self.venue,
            *(session.town for session in self.sessions()),
            *stream_text(self.programme),
            *(speaker.person.name for speaker in self.speakers.all()),
        ]

    def get_search_documents(self):
        return [material.document for material in self.materials.all()]

    def get_search_year(self):
        return riga(self.start).year if self.start else None

    # Page and calendar --------------------------------------------------------------------

    def people_by_role(self):
        """{role: [Person]} as stored: an English page may point to the Latvian people."""
        return {"speakers": [speaker.person for speaker in self.speakers.select_related("person")]}

    def get_people(self):
        """The people on the page, by role, in the reader's language (one query for all)."""
        roles = self.people_by_role()
        everyone = [person for people in roles.values() for person in people]
        localized = iter(people_in_language(everyone, self.locale_id))
        return {role: [next(localized) for _ in people] for role, people in roles.items()}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        people = self.get_people()
        url = self.get_url(request)  # None in the preview of a page that is not saved yet
        context.update(
            people,
            index_url=self.get_parent().get_url(request),
            topics=self.topics,
            sessions=self.sessions(),
            programme_days=programme_days(self.programme),
            materials=self.materials.select_related("document"),
            is_upcoming=self.is_upcoming(),
            registration_is_open=self.registration_is_open(),
            calendar_url=(
                url + self.reverse_subpage("calendar") if url and self.calendar_sessions() else ""
            ),
            structured_data=structured_data.event_json_ld(self, request, people),
        )
        return context

    @path("ical/", name="calendar")
    def calendar_download(self, request):
        """This event as an .ics file: one VEVENT per session with exact dates (none: 404)."""
        if not self.calendar_sessions():
            raise Http404
        calendar = ical.build_calendar([self], request, name=self.title, uid=self.translation_key)
        return ical.calendar_response(
            request, calendar, ical.last_change([self]), filename=f"{self.slug}.ics"
        )


class EventSpeaker(PersonLink):
    event = ParentalKey(EventPage, related_name="speakers", on_delete=models.CASCADE)


class EventMaterial(AttachedDocument):
    event = ParentalKey(EventPage, related_name="materials", on_delete=models.CASCADE)
