"""Elasticsearch 8 and 9 for the site search: one backend, and one set of indexes, per language.

Everything but the client is shared with OpenSearch (website.search.backends.cluster): the
per-language indexes, the site's analysis, site_matches() with typo tolerance.
"""

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9Index,
    Elasticsearch9SearchBackend,
)

from website.search.backends.cluster import (
    AdmittingIndexMixin,
    ClusterBackendMixin,
    responses_of,
)


class SiteElasticsearchIndex(AdmittingIndexMixin, Elasticsearch9Index):
    def _delete_document(self, document_id):
        self.es.options(ignore_status=404).delete(index=self.name, id=document_id)


class SiteElasticsearchSearchBackend(ClusterBackendMixin, Elasticsearch9SearchBackend):
    index_class = SiteElasticsearchIndex

    def _msearch(self, searches):
        lines = []
        for index, body in searches:
            lines.extend([{"index": index}, body])
        client = self.es.options(request_timeout=self.search_timeout)
        return responses_of(client.msearch(searches=lines))

    def _analyze(self, index, text):
        result = self.es.indices.analyze(index=index, analyzer="default", text=text)
        return [token["token"] for token in result["tokens"]]


SearchBackend = SiteElasticsearchSearchBackend
