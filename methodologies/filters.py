"""The methodology list's filters: target group, topic and year (website.filters).

They take their models from the pages they filter (`pages.model`), so this module does not
import methodologies.models, which uses it.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from website.filters import ListFilters, Option, topic_options
from website.topics import topic_q


class MethodologyFilters(ListFilters):
    target = forms.ChoiceField(label=_("Target group"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    all_labels = {
        "target": _("All target groups"),
        "topic": _("All topics"),
        "year": _("All years"),
    }

    def offer(self, pages):
        links = self._links(pages)
        groups = pages.model._meta.get_field("target_groups").related_model.objects
        # Groups of the list's language whose copy in any language is linked to a page.
        linked = groups.filter(
            pk__in=links.filter(methodologypage_id__in=pages.values("pk")).values("targetgroup_id")
        )
        offered = groups.filter(
            locale_id=self.index_page.locale_id,
            translation_key__in=linked.values("translation_key"),
        )
        years = pages.exclude(year=None).order_by("-year").values_list("year", flat=True)
        return {
            "target": [Option(group.slug, group.name, group) for group in offered],
            "topic": topic_options(pages, self.index_page.locale_id),
            "year": [Option(year, str(year)) for year in years.distinct()],
        }

    def condition(self, name, option):
        if name == "target":
            links = self._links(self.pages).filter(
                targetgroup__translation_key=option.item.translation_key
            )
            return Q(pk__in=links.values("methodologypage_id"))
        if name == "topic":
            return topic_q(option.item)
        return Q(year=option.value)

    @staticmethod
    def _links(pages):
        return pages.model.target_groups.through.objects
