"""The methodology list's filters: target group, topic and year, from GET parameters.

Plain GET parameters so that the form works without JavaScript, filtered lists can be linked
to, and the filters combine. A value that is well formed but unknown (a target group or topic
that does not exist, a year no methodology has) gives an empty list; a year that is not a
four-digit number is ignored, as if it had not been given.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

from methodologies.models import MethodologyPage, TargetGroup
from website.topics import offered_topics, topic_for_slug


class MethodologyFilters:
    def __init__(self, params, methodologies, locale):
        self.base = methodologies
        self.locale = locale
        self.target = params.get("target", "").strip()
        self.topic = params.get("topic", "").strip()
        raw_year = params.get("year", "").strip()
        is_year = raw_year.isascii() and raw_year.isdigit() and len(raw_year) == 4
        self.year = int(raw_year) if is_year else None

    @property
    def is_active(self):
        return bool(self.target or self.topic or self.year)

    # The choices offered: only values that some methodology of this language has. ---------

    def target_groups(self):
        return self._options["target_groups"]

    def topics(self):
        return self._options["topics"]

    def years(self):
        return self._options["years"]

    @cached_property
    def _options(self):
        page_ids = self.base.values("pk")
        links = MethodologyPage.target_groups.through.objects.filter(
            methodologypage_id__in=page_ids
        )
        # Groups of the active language whose copy in any language is linked to a page.
        groups = TargetGroup.objects.filter(
            locale=self.locale,
            translation_key__in=TargetGroup.objects.filter(
                pk__in=links.values("targetgroup_id")
            ).values("translation_key"),
        )
        topics = offered_topics(self.base, self.locale.pk)
        years = (
            self.base.exclude(year=None).order_by("-year").values_list("year", flat=True).distinct()
        )
        return {
            "target_groups": list(groups),
            "topics": topics,
            "years": list(years),
        }

    # The filtered list --------------------------------------------------------------------

    def apply(self):
        pages = self.base
        if self.target:
            group = next((g for g in self.target_groups() if g.slug == self.target), None)
            pages = pages.for_target_group(group) if group else pages.none()
        if self.topic:
            # Matched against the offered topics first: the raw value never reaches the
            # database (PostgreSQL refuses strings with NUL characters).
            topic = topic_for_slug(self.topics(), self.topic)
            pages = pages.with_topic(topic) if topic else pages.none()
        if self.year:
            pages = pages.in_year(self.year)
        return pages.newest_first().for_listing()

    def paginate(self, number, per_page):
        """The requested page of results; the first for nonsense, the last for too high."""
        paginator = Paginator(self.apply(), per_page)
        try:
            return paginator.page(number or 1)
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)
