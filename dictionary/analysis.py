"""The dictionary's stored search text, built with the site's Latvian analysis.

Entries keep their term folded ("ģimenes asistents" → "gimenes asistents") and analysed
(folded, then stemmed: " gimen asistent ") in indexed columns for autocomplete, which looks
them up by prefix. Analysed columns are padded with spaces, and several names are separated
by " | ", so that a prefix or a phrase never runs across two names.
"""

from sitesearch.analysis import analyse, tokens


def folded_name(text):
    """Folded words joined by single spaces: punctuation and case do not count."""
    return " ".join(tokens(text))


def analysed_column(texts, language):
    parts = [analyse(text, language) for text in texts if text]
    parts = [part for part in parts if part]
    return f" {' | '.join(parts)} " if parts else ""
