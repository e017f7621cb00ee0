"""OpenSearch 2 for the site search: one backend, and one set of indexes, per language.

Wagtail's ``opensearch2`` backend (the opensearch-py client) with everything the Elasticsearch
backend has (sitesearch.backends.cluster): the per-language indexes, the site's analysis,
site_matches() with typo tolerance.
"""

from sitesearch.backends.opensearch_client import import_opensearchpy

import_opensearchpy()  # before modelsearch's module imports it

from modelsearch.backends.opensearch2 import (  # noqa: E402
    OpenSearch2Index,
    OpenSearch2SearchBackend,
)

from sitesearch.backends.cluster import (  # noqa: E402
    BULK_TIMEOUT,
    RESPONSE_FIELDS,
    AdmittingIndexMixin,
    ClusterBackendMixin,
    msearch_lines,
    responses_of,
)


class SiteOpenSearchIndex(AdmittingIndexMixin, OpenSearch2Index):
    def _delete_document(self, document_id):
        self.es.delete(index=self.name, id=document_id, ignore=404)


class SiteOpenSearchSearchBackend(ClusterBackendMixin, OpenSearch2SearchBackend):
    index_class = SiteOpenSearchIndex

    def bulk(self, client, actions, **kwargs):
        return super().bulk(client, actions, request_timeout=BULK_TIMEOUT, **kwargs)

    def _msearch(self, searches):
        result = self.es.msearch(
            body=msearch_lines(searches),
            filter_path=RESPONSE_FIELDS,
            request_timeout=self.search_timeout,
        )
        return responses_of(result, searches)

    def _analyze(self, index, text):
        result = self.es.indices.analyze(index=index, body={"analyzer": "default", "text": text})
        return [token["token"] for token in result["tokens"]]


SearchBackend = SiteOpenSearchSearchBackend
