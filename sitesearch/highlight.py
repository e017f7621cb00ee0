"""Excerpts of result texts with the query's words marked, whatever their form.

A word of the text is marked when it analyses to one of the query's terms (folded and stemmed
in the page's language), so "senioriem" marks "seniori" and "Senioru". Everything else is
escaped: the excerpt is safe HTML built from plain text.
"""

import re
from functools import lru_cache

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from sitesearch.analysis import fold, stem
from website.languages import language_of

_WORD = re.compile(r"[^\W_]+")
EXCERPT_WORDS = 40
# Words shown before the first match, so that it is read in context.
LEAD_WORDS = 8


@lru_cache(maxsize=50_000)
def _term(word, language):
    """A written word as it is indexed. Cached: a result's text runs to 8,000 characters, read
    up to its first match (all of it when the query's word is misspelt), and texts share most of
    their words; analysing each word again was 14 ms of a search page at 100,000 pages."""
    return stem(fold(word), language)


def _matches(word, terms, language):
    return _term(word, language) in terms


def excerpt(texts, analysed_query, language):
    """The best short passage of `texts` (plain strings) with matching words in <mark>, and the
    language it is written in: a text's own when it is a website.languages.Text, else "".

    The first text with a matching word wins (texts come in order of importance: summary first);
    without any match, the start of the first non-empty text, unmarked. A passage never runs
    from one text into the next, so that it is in one language.
    """
    terms = set(analysed_query.split())
    texts = [
        (" ".join(strip_tags(text).split()), language_of(text))
        for text in texts
        if text and text.strip()
    ]
    if not texts:
        return "", ""
    if terms:
        for text, text_language in texts:
            words = list(_WORD.finditer(text))
            hits = [i for i, word in enumerate(words) if _matches(word.group(), terms, language)]
            if hits:
                return _render(text, words, hits[0], terms, language), text_language
    text, text_language = texts[0]
    return _render(text, list(_WORD.finditer(text)), 0, set(), language), text_language


def _render(text, words, first_hit, terms, language):
    if not words:
        return escape(text[:300])
    start_word = max(0, first_hit - LEAD_WORDS) if first_hit > LEAD_WORDS else 0
    end_word = min(len(words), start_word + EXCERPT_WORDS)
    start = words[start_word].start() if start_word else 0
    end = words[end_word - 1].end() if end_word < len(words) else len(text)
    parts = ["…" if start else ""]
    position = start
    for word in words[start_word:end_word]:
        parts.append(escape(text[position : word.start()]))
        if terms and _matches(word.group(), terms, language):
            parts.append(f"<mark>{escape(word.group())}</mark>")
        else:
            parts.append(escape(word.group()))
        position = word.end()
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped
