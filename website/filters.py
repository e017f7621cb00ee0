"""A list's filters, one way for every section: a form of GET parameters.

GET parameters, so that the form works without JavaScript, a filtered list can be linked to and
followed (subscriptions.filters), and the filters combine. Each filter offers only the values
some page of the list has, each with how many pages it gives with the other filters applied.

One rule for a value the list does not offer (a made-up, mistyped or outdated address, a
topic since removed): the filter is left out, the list is shown without it and the page says
so (`ListFilters.ignored`), so an edited or old link never fails or shows an empty list.

A section's filters are a subclass of ListFilters with:
- its fields: ChoiceField or TypedChoiceField, required=False; their "All …" option is the
  `all_labels` entry of the field's name;
- `offer(pages)`: what each filter offers, {name: [Option, …]}, labels as plain strings
  (kept in the cache per language);
- `condition(name, option)`: the Q on the pages that one option selects.
The list page passes its pages, itself and the GET parameters; the form gives the filtered
pages (`filtered()`) and the options' counts (`counts`, with the list's total for page_of).
Template: components/filters.html.
"""

from typing import NamedTuple

from django import forms
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.translation import get_language

from website.cache import Versioned
from website.numbers import quantity
from website.topics import offered_topics


class Option(NamedTuple):
    value: object  # what the address carries: a slug, a year
    label: str
    item: object = None  # what condition() builds on (a topic), when more than the value
    aliases: tuple = ()  # former values that still mean this option (a merged topic's slugs)


def topic_options(pages, locale_id):
    """The filter options of the topics some of `pages` have, in the list's language, each
    also under the addresses of the topics merged into it (old links and subscriptions)."""
    return [
        Option(topic.slug, topic.name, topic, tuple(topic.former_slugs))
        for topic in offered_topics(pages, locale_id)
    ]


class ListFilters(forms.Form):
    all_labels = {}  # {field name: the label of its empty option, "All topics"}

    def __init__(self, params, pages, index_page):
        self.pages = pages
        self.index_page = index_page
        offered = cached_filters(index_page, lambda: self.offer(pages))
        self.options = {name: offered.get(name, []) for name in self.base_fields}
        super().__init__(self._with_current_values(params), auto_id="filter-%s")
        for name, field in self.fields.items():
            field.choices = [("", self.all_labels[name])] + [
                (option.value, option.label) for option in self.options[name]
            ]
        self.is_valid()

    def _with_current_values(self, params):
        """The parameters with former values (Option.aliases) replaced by the current ones."""
        params = params.copy() if hasattr(params, "copy") else dict(params)
        for name, options in self.options.items():
            value = params.get(name)
            for option in options:
                if value and value in option.aliases:
                    params[name] = option.value
        return params

    def offer(self, pages):
        """{name: [Option, …]}: what each filter offers for these pages."""
        raise NotImplementedError

    def condition(self, name, option):
        """The condition on the pages that this option of filter `name` sets."""
        return Q(**{name: option.value})

    @cached_property
    def active(self):
        """The filters that apply: {name: value}, offered values only."""
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value not in ("", None)
        }

    @property
    def ignored(self):
        """Whether a value was given that the list does not offer (left out)."""
        return bool(self.errors)

    def option(self, name, value):
        return next(option for option in self.options[name] if str(option.value) == str(value))

    def filtered(self, strict=False):
        """The list's pages with the active filters applied. `strict`, for a subscription
        (which means exactly the list it was made on): with a value the list does not offer
        (yet: no page has that year or target group), no page."""
        if strict and self.ignored:
            return self.pages.none()
        conditions = [
            self.condition(name, self.option(name, value)) for name, value in self.active.items()
        ]
        return self.pages.filter(*conditions)

    @cached_property
    def counts(self):
        """FacetCounts: each option's count with the other filters applied, and the total."""
        return cached_filters(self.index_page, self._count, chosen=self.active)

    def _count(self):
        facets = {}
        for name, options in self.options.items():
            chosen = self.active.get(name)
            facets[name] = (
                None if chosen is None else self.condition(name, self.option(name, chosen)),
                {option.value: self.condition(name, option) for option in options},
            )
        return facet_counts(self.pages, facets)

    def shown(self):
        """The fields to show, each option labelled with its count: a filter that offers no
        option (no page has one yet) is left out."""
        fields = []
        for name, options in self.options.items():
            if not options:
                continue
            numbers = self.counts[name]
            self.fields[name].choices = [("", self.all_labels[name])] + [
                (option.value, listing_option_label(option.label, numbers[option.value]))
                for option in options
            ]
            fields.append(self[name])
        return fields


# A list's filter options and their counts: the same for every reader (the lists show live
# public pages only), so kept under the content version (website.cache): publishing,
# unpublishing or restricting anything builds them again.
FILTERS = Versioned("listing", "LISTING_CACHE_SECONDS")


def cached_filters(index_page, build, chosen=None):
    """build()'s value for this list page in the active language — its filters' options, or
    with `chosen` (the filters in use, {name: value}, offered values only, so that made-up
    addresses add no entries) their counts — from the cache when it has it."""
    parts = [index_page.pk, get_language(), "options" if chosen is None else "counts"]
    parts += [f"{name}={value}" for name, value in sorted((chosen or {}).items())]
    return FILTERS.get_or_build(build, *parts)


class FacetCounts(dict):
    """{filter name: {option value: count}}, and `total`: how many pages all the chosen
    filters give, for the list's paginator (which then needs no COUNT query of its own)."""

    total = 0


def facet_counts(pages, facets):
    """How many of `pages` each option of each filter gives, with the other filters applied.

    `facets` maps a filter's name to (the condition of its chosen value, or None when it is
    not used; {option value: the option's condition}). Conditions are Q objects on `pages`'
    model and must select what the list's own filtering selects. Returns FacetCounts, from ONE
    aggregate query for every option of every filter and the list's total, so the cost does not
    grow with the number of pages or of options, and the list's paginator takes the total
    instead of counting again. An option that would give nothing counts 0: the lists show it
    with "(0)" rather than hiding or disabling it.
    """
    chosen = [q for q, _options in facets.values() if q is not None]
    everything = Q()
    for condition in chosen:
        everything &= condition
    aggregates = {"total": Count("pk", filter=everything) if chosen else Count("pk")}
    names = {}
    for name, (_chosen, options) in facets.items():
        others = [q for other, (q, _) in facets.items() if other != name and q is not None]
        for value, condition in options.items():
            for other in others:
                condition &= other
            alias = f"option_{len(names)}"
            aggregates[alias] = Count("pk", filter=condition)
            names[(name, value)] = alias
    row = pages.order_by().aggregate(**aggregates)
    counts = FacetCounts(
        {
            name: {value: row[names[(name, value)]] for value in options}
            for name, (_chosen, options) in facets.items()
        }
    )
    counts.total = row["total"]
    return counts


def listing_option_label(label, count):
    """A filter option with the number of items it gives: "Kurzeme (3)", "Rīga (1 024)"."""
    return f"{label} ({quantity(count)})"
