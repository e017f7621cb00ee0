from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import prefetch_related_objects
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from modelsearch.utils import normalise_query_string
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page

from sitesearch import engine
from sitesearch.highlight import excerpt
from website.cache import Versioned
from website.languages import (
    Text,
    language_of,
    prefetch_text_languages,
    summary_language,
    title_language,
)

# A result's card (label, title, address, date, text) is kept until the content changes.
CARDS = Versioned("search-card", 24 * 60 * 60)
# Part of the cards' key: cards cached in an earlier shape are not read.
CARD_FORMAT = 2
# Enough of a page's text to find a passage with the query's words.
CARD_TEXT_CHARS = 8_000


@dataclass
class Hit:
    """One result as the template shows it. The languages are those of the title and the
    excerpt ("" when they are the page's own or unknown); the template marks them when they
    differ from the page's."""

    label: str
    title: str
    url: str
    meta: str
    excerpt: str
    title_language: str = ""
    excerpt_language: str = ""


def _card(obj, request):
    """What a result shows of an object, whatever the query: cached, since it costs queries."""
    year = obj.get_search_year() if hasattr(obj, "get_search_year") else None
    parts = obj.get_search_text_parts() if hasattr(obj, "get_search_text_parts") else []
    return {
        "label": str(getattr(obj, "card_label", "") or ""),
        "title": str(obj.title),
        "title_language": title_language(obj),
        "url": obj.get_url(request) or "",
        "meta": str(getattr(obj, "card_meta", "") or year or ""),
        "summary": str(getattr(obj, "summary", "") or ""),
        "summary_language": summary_language(obj),
        "text": _runs(parts, getattr(obj, "text_language", "") or ""),
    }


def _runs(parts, language):
    """The text parts as [(language, text)]: neighbouring parts of one language together.

    The fields apart (" · "), so that an excerpt across two of them does not read as one
    sentence; a part that says its language (website.languages.Text) starts a run of its own.
    """
    runs = []
    left = CARD_TEXT_CHARS
    for part in parts:
        if left <= 0:
            break
        if not isinstance(part, str) or not part.strip():
            continue
        part_language = language_of(part, language)
        if runs and runs[-1][0] == part_language:
            text = f" · {part}"[:left]
            runs[-1] = (part_language, runs[-1][1] + text)
        else:
            text = str(part)[:left]
            runs.append((part_language, text))
        left -= len(text)
    return runs


def _cards(keys, request, language):
    """{key: card} for the keys of one page of results: from the cache, else built in bulk."""
    host = request.get_host()
    parts = {key: (language, host, CARD_FORMAT, *key) for key in keys}
    cached = CARDS.get_many(parts.values())
    cards = {key: cached[part] for key, part in parts.items() if part in cached}
    missing = [key for key in keys if key not in cards]
    if missing:
        objects = engine.load_objects(missing)
        pages = [obj for obj in objects.values() if isinstance(obj, Page)]
        prefetch_related_objects(pages, "topic_items")
        prefetch_text_languages(pages)
        built = {key: _card(obj, request) for key, obj in objects.items()}
        CARDS.set_many({parts[key]: card for key, card in built.items()})
        cards.update(built)
    return cards


def _hit(card, analysed, language):
    texts = [
        Text(card["summary"], card["summary_language"]),
        *(Text(text, text_language) for text_language, text in card["text"]),
    ]
    passage, passage_language = excerpt(texts, analysed, language)
    return Hit(
        label=card["label"],
        title=card["title"],
        url=card["url"],
        meta=card["meta"],
        excerpt=passage,
        title_language=card["title_language"],
        excerpt_language=passage_language,
    )


def _promoted_hit(obj, description, request, analysed, language):
    """An editor's promoted result: a page of this language, or an external link."""
    if description:
        # Written by an editor of this language's search, for it.
        passage, passage_language = description, ""
    else:
        summary = Text(getattr(obj, "summary", "") or "", summary_language(obj))
        passage, passage_language = excerpt([summary], analysed, language)
    return Hit(
        label="",
        title=str(obj.title),
        url=(obj.get_url(request) if isinstance(obj, Page) else obj.link) or "",
        meta="",
        excerpt=passage,
        title_language=title_language(obj),
        excerpt_language=passage_language,
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
    prefetch_text_languages([obj for obj, _ in promotions if isinstance(obj, Page)])
    promoted = [
        _promoted_hit(obj, description, request, result.analysed, language)
        for obj, description in promotions
    ]
    return TemplateResponse(
        request,
        "sitesearch/search.html",
        {
            "query": result.query,
            "search": result,
            "page_obj": result.page_obj,
            "hits": hits,
            "promoted": promoted,
            "facets": result.facets,
        },
    )
