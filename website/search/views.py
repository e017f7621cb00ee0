from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import prefetch_related_objects
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from modelsearch.utils import normalise_query_string
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page

from website.cache import Versioned
from website.search import engine
from website.search.engine import clean_query  # noqa: F401 - public: apps clean queries alike
from website.search.highlight import excerpt

# A result's card (label, title, address, date, text) is kept until the content changes.
CARDS = Versioned("search-card", 24 * 60 * 60)
# Enough of a page's text to find a passage with the query's words.
CARD_TEXT_CHARS = 8_000


@dataclass
class Hit:
    """One result as the template shows it."""

    label: str
    title: str
    url: str
    meta: str
    excerpt: str


def _card(obj, request):
    """What a result shows of an object, whatever the query: cached, since it costs queries."""
    year = obj.get_search_year() if hasattr(obj, "get_search_year") else None
    parts = obj.get_search_text_parts() if hasattr(obj, "get_search_text_parts") else []
    return {
        "label": str(getattr(obj, "card_label", "") or ""),
        "title": str(obj.title),
        "url": obj.get_url(request) or "",
        "meta": str(getattr(obj, "card_meta", "") or year or ""),
        "summary": str(getattr(obj, "summary", "") or ""),
        # The fields apart, so that an excerpt across two of them does not read as one sentence.
        "text": " · ".join(part for part in parts if isinstance(part, str) and part.strip())[
            :CARD_TEXT_CHARS
        ],
    }


def _cards(keys, request, language):
    """{key: card} for the keys of one page of results: from the cache, else built in bulk."""
    host = request.get_host()
    parts = {key: (language, host, *key) for key in keys}
    cached = CARDS.get_many(parts.values())
    cards = {key: cached[part] for key, part in parts.items() if part in cached}
    missing = [key for key in keys if key not in cards]
    if missing:
        objects = engine.load_objects(missing)
        pages = [obj for obj in objects.values() if isinstance(obj, Page)]
        prefetch_related_objects(pages, "topic_items")
        built = {key: _card(obj, request) for key, obj in objects.items()}
        CARDS.set_many({parts[key]: card for key, card in built.items()})
        cards.update(built)
    return cards


def _hit(card, analysed, language):
    return Hit(
        label=card["label"],
        title=card["title"],
        url=card["url"],
        meta=card["meta"],
        excerpt=excerpt([card["summary"], card["text"]], analysed, language),
    )


def _promotions(query, locale):
    """Editors' promoted results for this query, in this language (page 1 only)."""
    promotions = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )
    shown = []
    for promotion in promotions:
        page = promotion.page
        if page is not None:
            if page.locale_id != locale.pk:
                page = page.get_translation_or_none(locale)
            # Only what the public may see: live, and behind no view restriction.
            page = page and Page.objects.live().public().filter(pk=page.pk).specific().first()
            if page is None:
                continue
            shown.append((page, promotion.description))
        elif promotion.external_link_url:
            shown.append((promotion, promotion.description))
    return shown


def _facet_urls(request, facets):
    """Each choice links to this search with the choice toggled, back on the first page."""
    for name, choices in facets.items():
        for choice in choices:
            params = request.GET.copy()
            params.pop("page", None)
            if choice.selected:
                params.pop(name, None)
            else:
                params[name] = choice.value
            choice.url = f"?{params.urlencode()}" if params else request.path


@require_safe
def search(request):
    locale = Locale.get_active()
    language = locale.language_code
    query = engine.clean_query(request.GET.get("q"))
    filtered = any(request.GET.get(name) for name in ("type", "year", "topic"))
    first_page = request.GET.get("page") in (None, "", "1")
    promotions = _promotions(query, locale) if query and first_page and not filtered else []
    page_type = ContentType.objects.get_for_model(Page).pk
    promoted_keys = [(page_type, obj.pk) for obj, _ in promotions if isinstance(obj, Page)]
    result = engine.run(locale, request.GET, promotions=promoted_keys)
    _facet_urls(request, result.facets)

    keys = list(result.page_obj.object_list)
    cards = _cards(keys, request, language)
    hits = [_hit(cards[key], result.analysed, language) for key in keys if key in cards]
    promoted = [
        Hit(
            label="",
            title=str(obj.title),
            url=(obj.get_url(request) if isinstance(obj, Page) else obj.link) or "",
            meta="",
            excerpt=description
            or excerpt([getattr(obj, "summary", "")], result.analysed, language),
        )
        for obj, description in promotions
    ]
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": result.query,
            "search": result,
            "page_obj": result.page_obj,
            "hits": hits,
            "promoted": promoted,
            "facets": result.facets,
        },
    )
