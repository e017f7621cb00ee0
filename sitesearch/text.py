"""Plain text of structured fields, for the search index."""

from django.utils.html import strip_tags


def stream_text(stream_value):
    """The words of a StreamField value, as Wagtail's blocks themselves describe them.

    Every block knows its searchable content (rich text without markup, the text of its
    struct children …); images, embeds and links contribute nothing.
    """
    if not stream_value:
        return []
    return [
        strip_tags(text)
        for text in stream_value.stream_block.get_searchable_content(stream_value)
        if text
    ]
