"""Elasticsearch 9 for the site search: one backend, and one set of indexes, per language.

Wagtail applies one analyzer per index and has no notion of a page's language, so each
language gets its own backend (``LANGUAGE`` in its WAGTAILSEARCH_BACKENDS entry, see
website/settings/base.py) whose indexes hold only that language's objects (and those shown in
every language), analysed as that language:

- Latvian: Elasticsearch's built-in ``latvian`` analyzer, rebuilt from its parts as the
  Elasticsearch documentation describes so that ASCII folding can join it. The words are
  folded twice: once before stemming keeping the original (the stemmer's suffix table has
  diacritics, so "sociālajā" must reach it unfolded) and once after, so that a word typed
  without diacritics ("socialaja") meets the folded stem of the written one;
- English: the built-in ``english`` analyzer.

The query sent is the analysed query of website.search.analysis, the same as on the database:
analysing it again here is harmless (same input, same output on both sides) and lets raw
fields that page types index (titles, summaries) match too.
"""

from django.contrib.contenttypes.models import ContentType
from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9Index,
    Elasticsearch9SearchBackend,
)
from modelsearch.query import PlainText
from wagtail.models import Locale

from website.search import participants

LATVIAN_ANALYSIS = {
    "filter": {
        "latvian_stop": {"type": "stop", "stopwords": "_latvian_"},
        "latvian_stemmer": {"type": "stemmer", "language": "latvian"},
        "folding_keep_original": {"type": "asciifolding", "preserve_original": True},
    },
    "analyzer": {
        # Every text field without an analyzer of its own uses "default" (Wagtail names none).
        "default": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [
                "lowercase",
                "latvian_stop",
                "folding_keep_original",
                "latvian_stemmer",
                "asciifolding",
                "remove_duplicates",
            ],
        }
    },
}
ENGLISH_ANALYSIS = {"analyzer": {"default": {"type": "english"}}}
ANALYSIS = {"lv": LATVIAN_ANALYSIS, "en": ENGLISH_ANALYSIS}


def index_settings(language):
    """The INDEX_SETTINGS for a language's indexes (merged into Wagtail's by the backend)."""
    return {"settings": {"analysis": ANALYSIS[language]}}


class SiteElasticsearchIndex(Elasticsearch9Index):
    def add_item(self, item):
        if self.backend.admits([item]):
            super().add_item(item)

    def add_items(self, model, items):
        super().add_items(model, self.backend.admits(items))


class SiteElasticsearchSearchBackend(Elasticsearch9SearchBackend):
    index_class = SiteElasticsearchIndex

    def __init__(self, params):
        params = dict(params)
        self.language = params.pop("LANGUAGE")
        params["INDEX_SETTINGS"] = {
            **index_settings(self.language),
            **params.get("INDEX_SETTINGS", {}),
        }
        super().__init__(params)

    def admits(self, objects):
        """The objects this language's indexes hold: its own, and those without a locale."""
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        return [
            obj
            for obj in objects
            if getattr(obj, "locale_id", None) is None or codes.get(obj.locale_id) == self.language
        ]

    def site_matches(self, query, operator, ranked_limit):
        from website.search.engine import MAX_MATCHES

        ranked, everything = [], []
        for root in participants.root_models():
            root_id = ContentType.objects.get_for_model(root).pk
            compiler = self.query_compiler_class(
                root._default_manager.all(), PlainText(query, operator=operator)
            )
            index = self.get_index_for_model(root).name
            best = self.es.search(
                index=index,
                query=compiler.get_query(),
                size=ranked_limit,
                _source=False,
                stored_fields="pk",
                track_total_hits=False,
            )
            ranked.extend(
                ((root_id, int(hit["fields"]["pk"][0])), float(hit["_score"] or 0.0))
                for hit in best["hits"]["hits"]
            )
            # All matches, unscored and in index order: what the counts and facets need.
            every = self.es.search(
                index=index,
                query={"constant_score": {"filter": compiler.get_query()}},
                size=MAX_MATCHES,
                sort=["_doc"],
                _source=False,
                stored_fields="pk",
                track_total_hits=False,
            )
            everything.extend(
                (root_id, int(hit["fields"]["pk"][0])) for hit in every["hits"]["hits"]
            )
        ranked.sort(key=lambda match: -match[1])
        return ranked[:ranked_limit], everything


SearchBackend = SiteElasticsearchSearchBackend
