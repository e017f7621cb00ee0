"""Sharing campaign stories: the OpenGraph/Twitter card data and plain share links.

The share links are ordinary links to each network's share address. No network's script,
button or pixel is loaded, so nothing about the reader reaches a network until they click
(the privacy policy promises no third-party scripts).
"""

import logging
from urllib.parse import quote, urlencode

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import SourceImageIOError

from website.siteurl import absolute

logger = logging.getLogger(__name__)

# The size Facebook, LinkedIn and X show as a large preview (1.91:1); JPEG for every network.
SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg"
DESCRIPTION_WORDS = 40


def share_links(url, title):
    return [
        {
            "name": "Facebook",
            "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        },
        {
            "name": "X (Twitter)",
            "url": "https://twitter.com/intent/tweet?" + urlencode({"url": url, "text": title}),
        },
        {
            "name": "LinkedIn",
            "url": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        },
        {
            "name": _("E-mail"),
            # Mail programs read "+" literally: spaces must be %20 here.
            "url": "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote),
        },
    ]


def share_context(page, request):
    """{"share": …} for the template: title, description, absolute URLs and the image."""
    url = page.get_full_url(request)
    title = page.seo_title or page.title
    share = {
        "url": url,
        "title": title,
        "description": Truncator(page.get_share_description()).words(DESCRIPTION_WORDS),
        "links": share_links(url, title),
        "image": None,
    }
    image, alt = page.get_share_image()
    rendition = None
    if image is not None:
        try:
            rendition = image.get_rendition(SHARE_IMAGE_FILTER)
        except SourceImageIOError:
            # The original file is gone from storage: a preview without a picture, not a 500.
            logger.warning("Share image %s has no file", image.pk)
    if rendition is not None:
        share["image"] = {
            "url": absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": alt,
        }
    return {"share": share}
