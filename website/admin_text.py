"""Text that Wagtail's admin templates write in English whatever the admin's language.

A few of Wagtail's templates hard-code an English word where a translation belongs: the hidden
"Search" button screen readers announce on the dashboard, in listing headers and in the page
chooser, and the "Actions" label of the header's buttons. The templates around them have no
block to override, so these exact fragments are replaced in the admin's responses (HTML pages,
and the HTML of the JSON that choosers and dialogs load), in the admin language of the user
(Wagtail's own choice of it). Anything else in a response is left as it is.
"""

import json

from django.utils import translation
from django.utils.html import escape
from wagtail.admin.localization import get_available_admin_languages
from wagtail.users.models import UserProfile

# Wagtail's exact markup -> (the same with a placeholder, the msgid to put there).
FRAGMENTS = {
    '<input type="submit" value="Search" class="button" />': (
        '<input type="submit" value="{}" class="button" />',
        "Search",
    ),
    '<nav aria-label="Actions" id="w-slim-header-buttons"': (
        '<nav aria-label="{}" id="w-slim-header-buttons"',
        "Actions",
    ),
}


def admin_language(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return UserProfile.get_for_user(user).get_preferred_language()
    current = translation.get_language()
    return current if current in dict(get_available_admin_languages()) else None


def translated(text, language):
    if not any(fragment in text for fragment in FRAGMENTS):
        return text
    with translation.override(language):
        for fragment, (replacement, msgid) in FRAGMENTS.items():
            text = text.replace(fragment, replacement.format(escape(translation.gettext(msgid))))
    return text


class AdminHardcodedTextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not request.path.startswith("/admin/")
            or response.status_code != 200
            or getattr(response, "streaming", False)
        ):
            return response
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html"):
            language = admin_language(request)
            if language:
                text = response.content.decode(response.charset)
                response.content = translated(text, language).encode(response.charset)
        elif content_type.startswith("application/json") and b'value=\\"Search\\"' in (
            response.content
        ):
            language = admin_language(request)
            data = json.loads(response.content)
            if language and isinstance(data, dict) and isinstance(data.get("html"), str):
                data["html"] = translated(data["html"], language)
                response.content = json.dumps(data).encode(response.charset)
        return response
