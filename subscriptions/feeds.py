"""Atom feeds of every list a reader may follow, with the same filters as the mail.

``/lv/sekot/atom/<list page id>/?<its filters>`` and, for the whole portal or the search's
filters, ``/lv/sekot/atom/?type=&year=&topic=``. Only live pages behind no view restriction,
or, for the dictionary, its approved entries (named in the list's language).
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from subscriptions.filters import Followed

ITEMS = 50


class FollowedFeed:
    """A Feed per request (the syndication Feed keeps state on the instance)."""

    def __call__(self, request, listing_id=None):
        return _Feed()(request, listing_id=listing_id)


class _Feed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, listing_id=None):
        if listing_id is None:
            return Followed.for_site(request.GET, get_language())
        page = Page.objects.filter(pk=listing_id).first()
        followed = Followed.for_listing(page.specific, request.GET) if page else None
        if followed is None:
            raise Http404
        return followed

    def title(self, followed):
        return f"{followed.describe()} | {_('Social Work Portal')}"

    def link(self, followed):
        return followed.list_url()

    def feed_url(self, followed):
        return followed.feed_url(absolute_url=True)

    def subtitle(self, followed):
        return _("New pages in %(followed)s") % {"followed": followed.describe()}

    def items(self, followed):
        self.followed = followed
        if followed.entry_model is not None:
            newest = followed.entry_model.objects.exclude(first_published_at=None)
            return followed.matching_entries(newest, limit=ITEMS)
        newest = Page.objects.exclude(first_published_at=None)
        return followed.matching(newest, limit=ITEMS)

    def item_title(self, item):
        with translation.override(self.followed.language):
            return item.title

    def item_description(self, item):
        with translation.override(self.followed.language):
            return str(getattr(item, "summary", "") or "")

    def item_link(self, item):
        return self.followed.url_of(item)

    def item_guid(self, item):
        return self.followed.url_of(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        label = getattr(item, "card_label", "")
        return [str(label)] if label else []
