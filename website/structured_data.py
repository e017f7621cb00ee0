"""schema.org JSON-LD that every section writes the same way.

`json_ld_script` is the one way to put JSON-LD into a page: "<", ">" and "&" are written as
JSON unicode escapes (as Django's json_script does), so no text an editor types can end the
<script> element. `breadcrumb_list` describes the breadcrumbs a page shows, as Google's
BreadcrumbList documentation asks: one ListItem per visible link, positions from 1, absolute
addresses.
"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_for_script(data):
    """JSON text that cannot end its <script> element early."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES))  # noqa: S308


def json_ld_script(data):
    return format_html('<script type="application/ld+json">{}</script>', json_for_script(data))


def breadcrumb_list(trail):
    """`trail`: [(name, absolute URL)] from the home page to the page shown, in order."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }
