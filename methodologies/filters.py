"""The methodology list's filters: target group, topic and year, from GET parameters.

Plain GET parameters so that the form works without JavaScript, filtered lists can be linked
to, and the filters combine. A value that is well formed but unknown (a target group or topic
that does not exist, a year no methodology has) gives an empty list; a year that is not a
four-digit number is ignored, as if it had not been given.
"""

from django.db.models import Q
from django.utils.functional import cached_property

from methodologies.models import MethodologyPage, TargetGroup
from website.listing import (
    NOTHING,
    cached_filters,
    facet_counts,
    listing_option_label,
    page_of,
)
from website.topics import offered_topics, topic_for_slug, topic_q


class MethodologyFilters:
    def __init__(self, params, methodologies, locale, index_page):
        self.base = methodologies
        self.locale = locale
        self.index_page = index_page
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
        return cached_filters(self.index_page, self._build_options)

    def _build_options(self):
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

    # The options with how many methodologies each gives, the other filters applied --------

    def target_choices(self):
        return self._choices("target", [(g.slug, g.name) for g in self.target_groups()])

    def topic_choices(self):
        return self._choices("topic", [(t.slug, t.name) for t in self.topics()])

    def year_choices(self):
        return self._choices("year", [(year, year) for year in self.years()])

    def _choices(self, name, options):
        counts = self._counts[name]
        return [(value, listing_option_label(label, counts[value])) for value, label in options]

    @cached_property
    def _counts(self):
        chosen = {}
        if self.target:
            chosen["target"] = getattr(self._chosen_group(), "slug", "?")
        if self.topic:
            chosen["topic"] = getattr(self._chosen_topic(), "slug", "?")
        if self.year:
            chosen["year"] = self.year if self.year in self.years() else "?"
        return cached_filters(self.index_page, self._build_counts, chosen=chosen)

    def _build_counts(self):
        links = MethodologyPage.target_groups.through.objects

        def group_q(group):
            pages = links.filter(targetgroup__translation_key=group.translation_key)
            return Q(pk__in=pages.values("methodologypage_id"))

        group = self._chosen_group()
        topic = self._chosen_topic()
        facets = {
            "target": (
                (group_q(group) if group else NOTHING) if self.target else None,
                {group.slug: group_q(group) for group in self.target_groups()},
            ),
            "topic": (
                (topic_q(topic) if topic else NOTHING) if self.topic else None,
                {topic.slug: topic_q(topic) for topic in self.topics()},
            ),
            "year": (
                Q(year=self.year) if self.year else None,
                {year: Q(year=year) for year in self.years()},
            ),
        }
        return facet_counts(self.base, facets)

    def _chosen_group(self):
        return next((g for g in self.target_groups() if g.slug == self.target), None)

    def _chosen_topic(self):
        # Matched against the offered topics first: the raw value never reaches the
        # database (PostgreSQL refuses strings with NUL characters).
        return topic_for_slug(self.topics(), self.topic)

    # The filtered list --------------------------------------------------------------------

    def apply(self):
        pages = self.base
        if self.target:
            group = self._chosen_group()
            pages = pages.for_target_group(group) if group else pages.none()
        if self.topic:
            topic = self._chosen_topic()
            pages = pages.with_topic(topic) if topic else pages.none()
        if self.year:
            pages = pages.in_year(self.year)
        return pages.newest_first().for_listing()

    def paginate(self, number, per_page):
        """The requested page of results; the first for nonsense, the last for too high."""
        # The count of the filtered list comes with the options' counts (one query for both).
        return page_of(self.apply(), per_page, number, self._counts.total)
