"""The three kinds of event: conferences, thematic discussions and regional seminar rounds (a
seminar's dates are its visits', SeminarOccurrence)."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from events.dates import format_period, iso_datetime, riga
from events.models.base import EventPage, Session, town_region_error
from website.choices import PlanningRegion
from website.models import BasePage, Person, PersonLink
from website.panels import InlinePanel


class ConferencePage(EventPage):
    type_slug = "conference"
    type_label_plural = _("Conferences")

    theme = models.CharField(_("theme"), max_length=255)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("theme"),
        FieldPanel("introduction"),
        EventPage.when_panel,
        EventPage.place_panel,
        *EventPage.detail_panels,
    ]

    search_fields = [*EventPage.search_fields, index.SearchField("theme", boost=2)]

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    @property
    def year(self):
        """The conference's year (one a year): that of its start, in Latvia."""
        return riga(self.start).year if self.start else None

    def get_search_title_parts(self):
        return [*super().get_search_title_parts(), self.theme]


class DiscussionPage(EventPage):
    type_slug = "discussion"
    type_label_plural = _("Thematic discussions")

    topic = models.CharField(_("topic"), max_length=500)
    moderator = models.ForeignKey(
        Person,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("topic"),
        FieldPanel("introduction"),
        EventPage.when_panel,
        EventPage.place_panel,
        FieldPanel("moderator"),
        InlinePanel(
            "experts", heading=_("Experts"), label=_("Expert"), add_label=_("Add an expert")
        ),
        *EventPage.detail_panels,
    ]

    search_fields = [*EventPage.search_fields, index.SearchField("topic", boost=2)]

    class Meta:
        verbose_name = _("thematic discussion")
        verbose_name_plural = _("thematic discussions")

    def get_search_title_parts(self):
        return [*super().get_search_title_parts(), self.topic]

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.moderator.name if self.moderator else "",
            *(expert.person.name for expert in self.experts.all()),
        ]

    def people_by_role(self):
        return {
            **super().people_by_role(),
            "moderators": [self.moderator] if self.moderator else [],
            "experts": [expert.person for expert in self.experts.select_related("person")],
        }


class DiscussionExpert(PersonLink):
    discussion = ParentalKey(DiscussionPage, related_name="experts", on_delete=models.CASCADE)


class SeminarPage(EventPage):
    type_slug = "seminar"
    type_label_plural = _("Regional seminars")
    has_own_dates = False

    topic = models.CharField(_("topic"), max_length=500, blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("topic"),
        FieldPanel("introduction"),
        InlinePanel(
            "occurrences",
            heading=_("Occurrences"),
            label=_("Occurrence"),
            add_label=_("Add an occurrence"),
            help_text=_(
                "Each town the seminar visits, with its own date and time. The seminar's dates "
                "in lists and calendars are taken from these."
            ),
        ),
        FieldPanel("date_is_approximate"),
        MultiFieldPanel(
            [FieldPanel("attendance_mode"), FieldPanel("online_url")], heading=_("Where")
        ),
        *EventPage.detail_panels,
    ]

    search_fields = [*EventPage.search_fields, index.SearchField("topic", boost=2)]

    class Meta:
        verbose_name = _("regional seminar")
        verbose_name_plural = _("regional seminars")

    def full_clean(self, *args, **kwargs):
        # Wagtail validates a page before it saves a revision and before it publishes one, with
        # the occurrences of the form or the revision in memory: the dates follow them there.
        self.set_dates_from_occurrences()
        super().full_clean(*args, **kwargs)

    def serve_preview(self, request, mode_name):
        # A preview renders the form's occurrences without validating the page first.
        self.set_dates_from_occurrences()
        return super().serve_preview(request, mode_name)

    def set_dates_from_occurrences(self):
        occurrences = [o for o in self.occurrences.all() if o.start and o.end]
        self.start = min((o.start for o in occurrences), default=None)
        self.end = max((o.end for o in occurrences), default=None)

    def get_search_title_parts(self):
        return [*super().get_search_title_parts(), self.topic]


class SeminarOccurrence(Orderable):
    """One visit of a seminar round. Only seminars offer occurrences to editors; the key points
    to EventPage so that a list of events of every type fetches them in one query."""

    event = ParentalKey(EventPage, related_name="occurrences", on_delete=models.CASCADE)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    town = models.CharField(_("town"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    region = models.CharField(
        _("planning region"), max_length=20, choices=PlanningRegion.choices, blank=True
    )
    # Copied with the page into its translation, so the lv and en calendars name the same
    # visit with the same UID; kept across revisions, so re-downloads update, not duplicate.
    calendar_uid = models.UUIDField(default=uuid.uuid4, editable=False)

    panels = [
        FieldPanel("start"),
        FieldPanel("end"),
        FieldPanel("town"),
        FieldPanel("venue"),
        FieldPanel("region"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if mismatch := town_region_error(self.town, self.region):
            errors["region"] = mismatch
        if errors:
            raise ValidationError(errors)

    @property
    def session(self):
        return Session(
            key=str(self.calendar_uid),
            start=self.start,
            end=self.end,
            venue=self.venue,
            town=self.town,
            region=self.region,
        )

    @property
    def when_text(self):
        return format_period(self.start, self.end, self.event.date_is_approximate)

    @property
    def start_iso(self):
        return iso_datetime(self.start, self.event.date_is_approximate)


EVENT_TYPES = {model.type_slug: model for model in (ConferencePage, DiscussionPage, SeminarPage)}
