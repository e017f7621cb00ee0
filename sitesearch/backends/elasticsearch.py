"""Elasticsearch 8 and 9 for the site search: one backend, and one set of indexes, per language.

Everything but the client is shared with OpenSearch (sitesearch.backends.cluster): the
per-language indexes, the site's analysis, site_matches() with typo tolerance.
"""

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9Index,
    Elasticsearch9SearchBackend,
)

from sitesearch.backends.cluster import (
    BULK_TIMEOUT,
    RESPONSE_FIELDS,
    AdmittingIndexMixin,
    ClusterBackendMixin,
    msearch_lines,
    responses_of,
)


class SiteElasticsearchIndex(AdmittingIndexMixin, Elasticsearch9Index):
    def _delete_document(self, document_id):
        self.es.options(ignore_status=404).delete(index=self.name, id=document_id)


class SiteElasticsearchSearchBackend(ClusterBackendMixin, Elasticsearch9SearchBackend):
    index_class = SiteElasticsearchIndex

    def bulk(self, client, actions, **kwargs):
        return super().bulk(client.options(request_timeout=BULK_TIMEOUT), actions, **kwargs)

    def _msearch(self, searches):
        client = self.es.options(request_timeout=self.search_timeout)
        result = client.msearch(searches=msearch_lines(searches), filter_path=RESPONSE_FIELDS)
        return responses_of(result, searches)

    def _analyze(self, index, text):
        result = self.es.indices.analyze(index=index, analyzer="default", text=text)
        return [token["token"] for token in result["tokens"]]


SearchBackend = SiteElasticsearchSearchBackend
