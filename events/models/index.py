"""The events section page: the list of events with its filters, and the calendar feeds."""

from datetime import datetime
from types import SimpleNamespace
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from events import ical
from events.dates import EVENT_TIME_ZONE, riga
from events.forms import EventFilterForm
from events.models.base import EventPage
from events.models.kinds import EVENT_TYPES, SeminarOccurrence
from website.listing import NOTHING, cached_filters, facet_counts, page_of
from website.models import BasePage
from website.topics import offered_topics, topic_q


class EventIndexPage(RoutablePageMixin, BasePage):
    """The Events section: every event of this language, filters, and calendar feeds."""

    section_index = True

    per_page = 12

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["events.ConferencePage", "events.DiscussionPage", "events.SeminarPage"]
    max_count_per_parent = 1

    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def get_search_text_parts(self):
        return [*super().get_search_text_parts(), self.introduction]

    follow_parameters = ("type", "year", "region", "topic")

    def follow_value_label(self, name, value):
        if name == "type" and value in EVENT_TYPES:
            return str(EVENT_TYPES[value].type_label_plural)
        return None

    def events(self):
        # Children of this index, so also of its language.
        return EventPage.objects.child_of(self).live().public()

    def followed_pages(self, params):
        events = self.events()
        form = self.filter_form(SimpleNamespace(GET=params), events)
        return self.apply_filters(events, form.active)

    def filter_form(self, request, events, counted=False):
        """The filters; with `counted`, each option says how many events it gives with the
        other filters applied (one aggregate query for all of them)."""

        def options():
            moments = events.datetimes("start", "year", order="DESC", tzinfo=EVENT_TIME_ZONE)
            return [moment.year for moment in moments], offered_topics(events, self.locale_id)

        years, offered = cached_filters(self, options)
        self._topics = {topic.slug: topic for topic in offered}
        topics = [(slug, topic.name) for slug, topic in self._topics.items()]
        types = [(slug, model.type_label_plural) for slug, model in EVENT_TYPES.items()]
        form = EventFilterForm(request.GET, types=types, years=years, topics=topics)
        if counted:
            form.counts = cached_filters(
                self, lambda: self.option_counts(events, form), chosen=form.active
            )
            form.show_counts(form.counts)
        return form

    def filter_q(self, name, value):
        """The condition one filter value sets, as a Q on the events (for the counts)."""
        if name == "type":
            return Q(content_type=ContentType.objects.get_for_model(EVENT_TYPES[value]))
        if name == "year":
            return Q(
                start__gte=datetime(value, 1, 1, tzinfo=EVENT_TIME_ZONE),
                start__lt=datetime(value + 1, 1, 1, tzinfo=EVENT_TIME_ZONE),
            )
        if name == "region":
            visits = SeminarOccurrence.objects.filter(region=value).values("event_id")
            return Q(region=value) | Q(pk__in=visits)
        if name == "topic":
            topic = self._topics.get(value)
            return topic_q(topic) if topic else NOTHING
        raise ValueError(name)

    def option_counts(self, events, form):
        active = form.active
        facets = {}
        for name in ("type", "year", "region", "topic"):
            field = form.fields[name]
            values = [value for value, _label in field.choices if value != ""]
            chosen = self.filter_q(name, active[name]) if name in active else None
            facets[name] = (chosen, {value: self.filter_q(name, value) for value in values})
        return facet_counts(events, facets)

    def apply_filters(self, events, filters):
        if "type" in filters:
            events = events.type(EVENT_TYPES[filters["type"]])
        if "year" in filters:
            events = events.in_year(filters["year"])
        if "region" in filters:
            events = events.in_region(filters["region"])
        if "topic" in filters:
            events = events.with_topic(self._topics[filters["topic"]])
        return events

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = self.events()
        form = self.filter_form(request, events, counted=True)
        # The rows load what they show themselves, only when not kept (render_rows).
        listing = self.apply_filters(events, form.active).in_listing_order()
        # The list's count came with the options' counts, in the same query.
        page_obj = page_of(listing, self.per_page, request.GET.get("page"), form.counts.total)
        context.update(
            filter_form=form,
            page_obj=page_obj,
            has_approximate_dates=any(e.date_is_approximate for e in page_obj.object_list),
            event_groups=group_by_when(page_obj.object_list),
            calendar_feeds=self.calendar_feeds(request, form.active),
        )
        return context

    def calendar_feeds(self, request, filters=None):
        """(label, address) of the calendars offered: this list as filtered (when it is),
        every event, and one per type."""
        url = self.get_url(request)
        everything = url + self.reverse_subpage("calendar")
        feeds = []
        if filters:
            query = urlencode(sorted((name, str(value)) for name, value in filters.items()))
            feeds.append((gettext("This list, as filtered"), f"{everything}?{query}"))
        feeds.append((gettext("All events"), everything))
        for slug, model in EVENT_TYPES.items():
            route = self.reverse_subpage("calendar_of_type", kwargs={"kind": slug})
            feeds.append((model.type_label_plural, url + route))
        return feeds

    @path("ical/", name="calendar")
    def calendar_feed_of_all(self, request):
        """A calendar apps subscribe to: every event of this language, or those the list's
        filters (?type=&year=&region=&topic=, as the list takes them) leave, past ones too (an
        app deletes what leaves the feed from its reader's calendar)."""
        events = self.events()
        form = self.filter_form(request, events)
        filters = form.active
        if not filters:
            return self.calendar_feed(request, events, self.title, "all")
        described = ", ".join(
            str(dict(form.fields[name].choices).get(value, value))
            for name, value in sorted(filters.items())
        )
        kind = "-".join(f"{name}-{value}" for name, value in sorted(filters.items()))
        return self.calendar_feed(
            request, self.apply_filters(events, filters), f"{self.title}: {described}", kind
        )

    @path("ical/<slug:kind>/", name="calendar_of_type")
    def calendar_of_type(self, request, kind):
        model = EVENT_TYPES.get(kind)
        if model is None:
            raise Http404
        name = f"{self.title}: {model.type_label_plural}"
        return self.calendar_feed(request, self.events().type(model), name, kind)

    def calendar_feed(self, request, events, name, kind):
        events = list(events.order_by("start", "pk").with_sessions())
        calendar = ical.build_calendar(
            events, request, name=name, uid=f"{self.translation_key}-{kind}", feed=True
        )
        return ical.calendar_response(request, calendar, ical.last_change([self, *events]))


def group_by_when(events):
    """[(heading, [events])]: "Upcoming events", then one group per year, in list order.

    Expects in_listing_order(); a past event always has a start (undated ones are upcoming).
    """
    groups = []
    for event in events:
        if event.listed_as_upcoming:
            heading = gettext("Upcoming events")
        else:
            heading = str(riga(event.start).year)
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(event)
    return groups
