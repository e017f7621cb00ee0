"""The event list's filters: type, year, region and topic (website.filters)."""

from datetime import datetime

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.dates import EVENT_TIME_ZONE
from events.models.kinds import EVENT_TYPES, SeminarOccurrence
from website.choices import PlanningRegion
from website.filters import ListFilters, Option, topic_options
from website.topics import topic_q


class EventFilters(ListFilters):
    type = forms.ChoiceField(label=_("Type"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    region = forms.ChoiceField(label=_("Region"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    all_labels = {
        "type": _("All types"),
        "year": _("All years"),
        "region": _("All regions"),
        "topic": _("All topics"),
    }

    def offer(self, pages):
        moments = pages.datetimes("start", "year", order="DESC", tzinfo=EVENT_TIME_ZONE)
        return {
            "type": [
                Option(slug, str(model.type_label_plural)) for slug, model in EVENT_TYPES.items()
            ],
            "year": [Option(moment.year, str(moment.year)) for moment in moments],
            "region": [Option(value, str(label)) for value, label in PlanningRegion.choices],
            "topic": topic_options(pages, self.index_page.locale_id),
        }

    def condition(self, name, option):
        if name == "type":
            return Q(content_type=ContentType.objects.get_for_model(EVENT_TYPES[option.value]))
        if name == "year":
            return Q(
                start__gte=datetime(option.value, 1, 1, tzinfo=EVENT_TIME_ZONE),
                start__lt=datetime(option.value + 1, 1, 1, tzinfo=EVENT_TIME_ZONE),
            )
        if name == "region":
            visits = SeminarOccurrence.objects.filter(region=option.value).values("event_id")
            return Q(region=option.value) | Q(pk__in=visits)
        return topic_q(option.item)
