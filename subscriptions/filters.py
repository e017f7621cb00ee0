"""What a subscription follows: a list page and its filters, or the whole portal in one language.

A list page says which GET parameters filter it (``follow_parameters``) and which pages it shows
for them (``followed_pages``, website.models.pages.BasePage): a subscription keeps exactly those
parameters, normalised (only the list's own names, stripped, empty ones dropped, sorted), so
that ``?year=2024&target=seniori&page=3&utm_source=x`` and ``?target=seniori&year=2024`` are one
filter. Without a list page the filters are the site search's (section ``type``, ``year``,
``topic``); none at all is "everything new on the portal". Search words (``q``) are not
followed: what a search finds changes with every page, not only with new ones.

Only live pages behind no view restriction (on themselves or an ancestor) are ever followed.
A list whose news are not pages (the dictionary: its entries) names their model
(``followed_entry_model``) and the approved ones it follows (``followed_entries``).
"""

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Page

from website.choices import PlanningRegion
from website.models import Topic
from website.siteurl import absolute
from website.topics import topic_for_slug

SITE_PARAMETERS = ("type", "year", "topic")
LONGEST_VALUE = 100


def normalise(params, names):
    """The query string of the parameters `names` in `params`, in one order, as a list reads them
    (their first value); values that no list could have (too long, control characters) are
    dropped."""
    pairs = []
    for name in names:
        value = (params.get(name) or "").strip()
        if value and len(value) <= LONGEST_VALUE and value.isprintable():
            pairs.append((name, value))
    return urlencode(sorted(pairs))


def is_public_page(page):
    """Live, and not behind a view restriction (on it or above it)."""
    return Page.objects.live().public().filter(pk=page.pk).exists()


def is_followable(page):
    return page is not None and getattr(page, "follow_parameters", None) is not None


@dataclass
class Followed:
    listing: Page | None  # specific
    query: str
    language: str

    @classmethod
    def for_listing(cls, listing, params, is_public=None, language=None):
        """The filter of this list page (specific) for GET `params`; None if it is not a list
        readers may follow or not public (`is_public`: whether it is, when the caller knows;
        `language`: the page's, when the caller knows, which saves reading its locale)."""
        if not is_followable(listing):
            return None
        if is_public is None:
            is_public = is_public_page(listing)
        if not is_public:
            return None
        query = normalise(params, listing.follow_parameters)
        return cls(listing, query, language or listing.locale.language_code)

    @classmethod
    def for_site(cls, params, language):
        return cls(None, normalise(params, SITE_PARAMETERS), language)

    @classmethod
    def of(cls, subscription):
        listing = subscription.listing.specific if subscription.listing_id else None
        return cls(listing, subscription.query, subscription.language)

    @property
    def params(self):
        return QueryDict(self.query)

    # The pages ----------------------------------------------------------------------------

    def pages(self):
        """Every public live page the filter follows (a QuerySet of Page, unordered)."""
        public = Page.objects.live().public()
        if self.listing is not None:
            if not public.filter(pk=self.listing.pk).exists():
                return Page.objects.none()
            followed = self.listing.followed_pages(self.params)
            return public.filter(pk__in=followed.order_by().values("pk"))
        pages = public.filter(locale__language_code=self.language).exclude(depth__lte=2)
        params = self.params
        if params.get("type"):
            model = self._model(params["type"])
            if model is None:
                return Page.objects.none()
            pages = pages.filter(content_type=ContentType.objects.get_for_model(model))
        if params.get("topic"):
            topic = self._topic(params["topic"])
            if topic is None:
                return Page.objects.none()
            pages = pages.filter(topic_items__topic__translation_key=topic.translation_key)
        return pages.distinct()

    def matching(self, pages, limit=None):
        """The specific pages of `pages` (a Page QuerySet, e.g. pages() narrowed) this filter
        follows, newest first, at most `limit`; what only the pages themselves can say (a search
        year) is checked on them."""
        pages = pages.filter(pk__in=self.pages().values("pk")).order_by("-first_published_at")
        if limit is not None:
            # Enough to be left with `limit` after the checks below, in all but odd cases.
            pages = pages[: limit if self.listing is not None else limit * 10]
        found = list(pages.specific())
        if self.listing is None:
            found = [page for page in found if not getattr(page, "section_index", False)]
            year = self.params.get("year", "")
            if year:
                found = [page for page in found if str(_search_year(page)) == year]
        return found[:limit] if limit is not None else found

    def follows(self, page):
        return bool(self.matching(Page.objects.filter(pk=page.pk)))

    # Entries: the news of a list of things that are not pages (the dictionary) -------------

    @property
    def entry_model(self):
        """The model of the entries this list follows, or None when it follows pages."""
        label = getattr(self.listing, "followed_entry_model", None)
        return apps.get_model(label) if label else None

    def entries(self):
        """The approved entries the filter follows (a QuerySet), none when the list is not
        public any more or follows pages."""
        if self.entry_model is None:
            return None
        if not Page.objects.live().public().filter(pk=self.listing.pk).exists():
            return self.entry_model.objects.none()
        return self.listing.followed_entries(self.params)

    def matching_entries(self, entries, limit=None):
        """The entries of `entries` (a QuerySet of the list's entry model) this filter follows,
        newest first, at most `limit`; [] if it follows pages."""
        followed = self.entries()
        if followed is None:
            return []
        entries = entries.filter(pk__in=followed.values("pk")).order_by("-first_published_at")
        return list(entries[:limit] if limit is not None else entries)

    def follows_entry(self, entry):
        return bool(self.matching_entries(type(entry).objects.filter(pk=entry.pk)))

    def url_of(self, thing):
        """The absolute address of a page, or of an entry on this list."""
        if isinstance(thing, Page):
            return thing.get_full_url()
        return self.listing.followed_entry_url(thing)

    # Words and addresses -----------------------------------------------------------------

    @cached_property
    def _labels(self):
        return {
            "target": _("target group"),
            "topic": _("topic"),
            "year": _("year"),
            "type": pgettext("kind of content", "type"),
            "region": _("region"),
            "season": _("season"),
        }

    def describe(self):
        """What is followed, in the active language: "Metodikas (mērķa grupa: seniori)"."""
        language = translation.get_language()
        described = self.__dict__.setdefault("_described", {})
        if language not in described:
            described[language] = self._describe()
        return described[language]

    def _describe(self):
        if self.listing is not None:
            title = self.listing.title
        elif self.query:
            title = _("New on the portal")
        else:
            title = _("Everything new on the portal")
        conditions = []
        for name, value in self.params.items():
            label = self.listing.follow_value_label(name, value) if self.listing else None
            if label is not None:
                value = label
            elif name == "region" and value in PlanningRegion.values:
                value = PlanningRegion(value).label
            elif name == "type":
                model = self._model(value)
                value = str(model._meta.verbose_name_plural) if model else value
            elif name == "topic":
                topic = self._topic(value)
                value = topic.name if topic else value
            conditions.append(f"{self._labels.get(name, name)}: {value}")
        return f"{title} ({', '.join(conditions)})" if conditions else title

    def list_url(self):
        if "_list_url" not in self.__dict__:
            self.__dict__["_list_url"] = self._list_url()
        return self.__dict__["_list_url"]

    def _list_url(self):
        if self.listing is not None:
            url = self.listing.get_full_url()
        else:
            with translation.override(self.language):
                url = absolute(reverse("search"))
        return f"{url}?{self.query}" if self.query else url

    def feed_url(self, absolute_url=False):
        with translation.override(self.language):
            if self.listing is not None:
                url = reverse("subscriptions:feed_of_list", args=[self.listing.pk])
            else:
                url = reverse("subscriptions:feed")
        url = f"{url}?{self.query}" if self.query else url
        return absolute(url) if absolute_url else url

    def subscribe_url(self):
        with translation.override(self.language):
            url = reverse("subscriptions:subscribe")
        params = ([("list", self.listing.pk)] if self.listing is not None else []) + list(
            self.params.items()
        )
        return f"{url}?{urlencode(params)}" if params else url

    # ---------------------------------------------------------------------------------------

    def _model(self, label):
        label = label.strip().lower()
        if label.count(".") != 1:
            return None
        try:
            model = apps.get_model(label)
        except LookupError:
            return None
        return model if issubclass(model, Page) else None

    def _topic(self, slug):
        topics = Topic.objects.live().filter(locale__language_code=self.language)
        return topic_for_slug(topics, slug)


def _search_year(page):
    method = getattr(page, "get_search_year", None)
    year = method() if method else None
    if year is None and page.first_published_at:
        year = page.first_published_at.year
    return year
