"""The events section page: the list of events with its filters, and the calendar feeds."""

from urllib.parse import urlencode

from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from events import ical
from events.dates import riga
from events.filters import EventFilters
from events.models.base import EventPage
from events.models.kinds import EVENT_TYPES
from website.listing import page_of
from website.models import SectionIndexPage


class EventIndexPage(RoutablePageMixin, SectionIndexPage):
    """The Events section: every event of this language, filters, and calendar feeds."""

    per_page = 12

    subpage_types = ["events.ConferencePage", "events.DiscussionPage", "events.SeminarPage"]

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    filters_class = EventFilters
    follow_parameters = ("type", "year", "region", "topic")

    def follow_value_label(self, name, value):
        if name == "type" and value in EVENT_TYPES:
            return str(EVENT_TYPES[value].type_label_plural)
        return None

    def listed_pages(self):
        # Children of this index, so also of its language.
        return EventPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = self.list_filters(request.GET)
        # The rows load what they show themselves, only when not kept (render_rows).
        listing = filters.filtered().in_listing_order()
        # The list's count came with the options' counts, in the same query.
        page_obj = page_of(listing, self.per_page, request.GET.get("page"), filters.counts.total)
        context.update(
            filters=filters,
            page_obj=page_obj,
            has_approximate_dates=any(e.date_is_approximate for e in page_obj.object_list),
            event_groups=group_by_when(page_obj.object_list),
            calendar_feeds=self.calendar_feeds(request, filters.active),
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
        filters = self.list_filters(request.GET)
        if not filters.active:
            return self.calendar_feed(request, filters.pages, self.title, "all")
        chosen = sorted(filters.active.items())
        described = ", ".join(filters.option(name, value).label for name, value in chosen)
        kind = "-".join(f"{name}-{value}" for name, value in chosen)
        return self.calendar_feed(request, filters.filtered(), f"{self.title}: {described}", kind)

    @path("ical/<slug:kind>/", name="calendar_of_type")
    def calendar_of_type(self, request, kind):
        model = EVENT_TYPES.get(kind)
        if model is None:
            raise Http404
        name = f"{self.title}: {model.type_label_plural}"
        return self.calendar_feed(request, self.listed_pages().type(model), name, kind)

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
