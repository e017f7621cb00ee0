"""Wagtail's image tags, leaving a picture out when its file is missing or broken.

When an image's original file is missing or cannot be decoded (SourceImageIOError, see
CustomImage), Wagtail's tags render a placeholder pointing at a file called "not-found": a
broken picture in the page. These are Wagtail's `image`, `picture` and `srcset_image` tags
rendering nothing instead. Templates load this library where they would load
wagtailimages_tags.
"""

from functools import cache

from django import template
from wagtail.images import get_image_model
from wagtail.images.templatetags import wagtailimages_tags as wagtail_tags

register = template.Library()

# The file name Wagtail gives the placeholder rendition (wagtail.images.shortcuts).
PLACEHOLDER_NAME = "not-found"


@cache
def _placeholder_url():
    rendition_model = get_image_model().get_rendition_model()
    return rendition_model._meta.get_field("file").storage.url(PLACEHOLDER_NAME)


class LeaveOutMissing(template.Node):
    def __init__(self, node):
        self.node = node

    def render(self, context):
        html = self.node.render(context)
        return "" if _placeholder_url() in html else html


def _leaving_out_missing(wagtail_tag):
    def tag(parser, token):
        return LeaveOutMissing(wagtail_tag(parser, token))

    return tag


# Wagtail parses all three with one function, which reads the tag's name from the token.
for name in ("image", "picture", "srcset_image"):
    register.tag(name, _leaving_out_missing(wagtail_tags.image))
