"""Search backends of the site: Wagtail's, with what the site-wide search page needs.

Each offers ``site_matches(query, operator, ranked_limit)`` for an analysed query over the
models taking part in site search (website.search.participants). It returns:

- ``ranked``: the best ``ranked_limit`` matches as ``((root content type id, object id),
  score)``, best first;
- ``everything``: the keys of all matches, unscored, for counts and facets.

Scoring every match is what costs on a large site; the page shows ten. The search page filters
and counts the keys itself (website.search.engine), whichever backend found them.
"""

from django.contrib.contenttypes.models import ContentType
from modelsearch.query import PlainText


class GenericMatchesMixin:
    """Matches through Wagtail's public search API, for backends without a faster way."""

    def site_matches(self, query, operator, ranked_limit):
        from website.search import participants

        ranked, everything = [], []
        for root in participants.root_models():
            root_id = ContentType.objects.get_for_model(root).pk
            search_query = PlainText(query, operator=operator)
            queryset = root._default_manager.only("pk")
            scored = self.search(search_query, queryset).annotate_score("_site_score")
            ranked.extend(
                ((root_id, obj.pk), obj._site_score or 0.0) for obj in scored[:ranked_limit]
            )
            unscored = self.search(search_query, queryset, order_by_relevance=False)
            everything.extend((root_id, obj.pk) for obj in unscored)
        ranked.sort(key=lambda match: -match[1])
        return ranked[:ranked_limit], everything
