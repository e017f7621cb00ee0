"""The episode list's filters: season and topic (website.filters)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from website.filters import ListFilters, Option, topic_options
from website.topics import topic_q


class EpisodeFilters(ListFilters):
    season = forms.TypedChoiceField(
        label=pgettext_lazy("podcast", "Season"), required=False, coerce=int, empty_value=None
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    all_labels = {"season": _("All seasons"), "topic": _("All topics")}

    def offer(self, pages):
        seasons = pages.exclude(season=None).order_by("season").values_list("season", flat=True)
        return {
            "season": [
                Option(season, pgettext("podcast", "Season %(season)s") % {"season": season})
                for season in seasons.distinct()
            ],
            "topic": topic_options(pages, self.index_page.locale_id),
        }

    def condition(self, name, option):
        if name == "topic":
            return topic_q(option.item)
        return super().condition(name, option)
