"""Loading lists of pages with a fixed number of queries, whatever their length."""

from wagtail.images import get_image_model
from wagtail.models import Page

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
    select_related("listing_image") and prefetch_related("listing_image__renditions").
    """
    image_ids = {page.listing_image_id for page in pages if getattr(page, "listing_image_id", None)}
    if image_ids:
        images = get_image_model().objects.prefetch_related("renditions").in_bulk(image_ids)
        for page in pages:
            if getattr(page, "listing_image_id", None) in images:
                page.listing_image = images[page.listing_image_id]
    return pages
