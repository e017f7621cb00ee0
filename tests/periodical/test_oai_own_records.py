"""OAI-PMH on a periodical with no article but those a test adds: an empty repository, any
token text, and a number of queries that does not grow with the records."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.periodical.conftest import make_article, make_issue, make_person
from tests.periodical.test_oai import DATESTAMP_RE, NS, error_of, harvest

pytestmark = pytest.mark.django_db


def test_an_empty_repository_has_no_records(client, periodical):
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert error_of(root) == "noRecordsMatch"
    root = harvest(client, verb="Identify")
    assert DATESTAMP_RE.match(root.findtext("oai:Identify/oai:earliestDatestamp", namespaces=NS))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(token=st.text(max_size=300))
def test_any_token_text_gets_a_protocol_answer(client, periodical, token):
    response = client.get("/oai-pmh/", {"verb": "ListRecords", "resumptionToken": token})
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    assert root.find("oai:error", NS).get("code") == "badResumptionToken"


def _records_queries(client):
    client.get("/oai-pmh/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    with CaptureQueriesContext(connection) as captured:
        root = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")
    return len(captured), len(root.findall(".//oai:record", NS))


def test_list_records_queries_do_not_grow_with_the_records(client, periodical):
    issue = make_issue(periodical["lv"], 1, 2024)
    people = [make_person(f"Autors {n}", "Iestāde") for n in range(3)]

    def add(start, count):
        for n in range(start, start + count):
            make_article(issue, f"Raksts {n}", authors=people, keywords=[f"vārds {n}", "kopīgs"])

    add(0, 2)
    few, listed_few = _records_queries(client)
    add(2, 4)
    many, listed_many = _records_queries(client)
    assert (listed_few, listed_many) == (2, 6)
    assert many == few
