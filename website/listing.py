"""Lists of pages: loaded with a fixed number of queries whatever their length, and what one
row of a section's list shows."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from website.cache import Versioned
from website.languages import prefetch_text_languages


def specific_pages(page_ids):
    """Live public specific pages for these ids, in the given order (one query per page type).

    Public: not behind a view restriction (password, login, groups) on the page or above it.
    """
    pages = Page.objects.filter(pk__in=page_ids).live().public().specific().in_bulk()
    # The language of their text, for cards to mark (one query when some are aliases).
    return prefetch_text_languages([pages[pk] for pk in page_ids if pk in pages])


def with_listing_images(pages):
    """Attach the pages' listing images and their renditions, in two queries for any number.

    For lists that mix page types (home page, search); a list of one type can use
    BasePageQuerySet.with_image().
    """
    image_ids = {page.listing_image_id for page in pages if getattr(page, "listing_image_id", None)}
    if image_ids:
        images = get_image_model().objects.prefetch_related("renditions").in_bulk(image_ids)
        for page in pages:
            if getattr(page, "listing_image_id", None) in images:
                page.listing_image = images[page.listing_image_id]
    return pages


@dataclass
class ListingRow:
    """What one row of a section's list shows, as a programme reads: the template is
    templates/components/listing_row.html, the styles .listing-row in website/css/site.css.

    Each section's page type builds its own (`listing_row`), from the fields it has; the row
    leaves out what is empty.
    """

    when: str = ""  # the first column: a date, a year, an issue's number
    when_iso: str = ""  # `when` for <time datetime> when it is a date or a year
    kind: str = ""  # what kind of item, in bold: "Regional seminar", "Monograph"
    details: list = field(default_factory=list)  # after the kind: place, authors, duration
    note: str = ""  # one short line under them (a study's impact)
    note_label: str = ""
    available: list = field(default_factory=list)  # what there is to get: "Recording", "PDF"


ROWS = Versioned("listing-row", 60 * 60)


def render_rows(request, items, heading_level=3):
    """The rows of a section's list (components/listing_row.html), as HTML.

    A row shows only its page's published fields, so each is kept per page, language, heading
    level and site under the content version (website.cache), and a list's rows are fetched in
    one round trip to the cache: only the rows not kept are built and rendered. What a page
    type's row reads from related tables (its `listing_row_related` lookups) is loaded then,
    for those rows only, in one query per lookup.
    """
    items = list(items)
    site = Site.find_for_request(request) if request is not None else None
    language = get_language()
    parts = [(item.pk, language, heading_level, getattr(site, "pk", "")) for item in items]
    kept = ROWS.get_many(parts)
    missing = [item for item, key in zip(items, parts, strict=True) if key not in kept]
    for model in {type(item) for item in missing}:
        lookups = getattr(model, "listing_row_related", ())
        if lookups:
            prefetch_related_objects([i for i in missing if type(i) is model], *lookups)
    rendered = {}
    for item, key in zip(items, parts, strict=True):
        if key not in kept:
            context = {"item": item, "heading_level": heading_level, "request": request}
            rendered[key] = render_to_string("components/listing_row.html", context)
    if rendered:
        ROWS.set_many(rendered)
    return mark_safe("".join(kept.get(key) or rendered[key] for key in parts))


def page_of(object_list, per_page, number, total=None):
    """The page a list shows for the GET value `number`: page 1 for anything that is not a
    page number, the last page for one too big (an edited or outdated link never fails).
    With `total` (the list's length, as ListFilters.counts.total of website.filters gives it)
    no query counts the list again."""
    paginator = Paginator(object_list, per_page)
    if total is not None:
        paginator.count = total  # a cached_property: set, it is not computed
    return paginator.get_page(number)
