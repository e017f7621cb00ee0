"""{% follow_links as follow %}: how to follow the list being shown, for base.html.

On a list page readers may follow (website.models.pages.BasePage.follow_parameters), on a
language's home page ("everything new") and on the site search with a filter chosen: the
filter, its Atom feed and the address of the subscription form. Nothing on other pages, in
previews, or on lists that are not public.
"""

from django import template
from django.utils.translation import get_language

from subscriptions.filters import SITE_PARAMETERS, Followed, is_followable, is_public_page
from website.chrome import page_chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_links(context):
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return None
    page = context.get("page")
    followed = None
    if page is not None and getattr(page, "pk", None):
        if getattr(page, "depth", 0) == 2:
            followed = Followed.for_site({}, page.locale.language_code)
        elif is_followable(page):
            public = page_chrome(request, page, "public", lambda: is_public_page(page))
            # The page is served in its own language: the active one.
            followed = Followed.for_listing(
                page, request.GET, is_public=public, language=get_language()
            )
    elif getattr(request.resolver_match, "url_name", None) == "search":
        if any(request.GET.get(name) for name in SITE_PARAMETERS):
            followed = Followed.for_site(request.GET, get_language())
    if followed is None:
        return None
    return {
        # A list shown with filters: its <title> says which (base.html).
        "filtered": bool(followed.query),
        "description": followed.describe(),
        "feed_url": followed.feed_url(),
        "subscribe_url": followed.subscribe_url(),
    }
