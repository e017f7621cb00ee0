"""OAI-PMH resumption tokens over five articles (built once for the module, listed two to a
page): walking the whole list, articles published meanwhile, tampered tokens."""

import pytest
from django.core import signing

from periodical import oai
from tests.periodical.conftest import make_article, make_issue, make_person
from tests.periodical.test_oai import (
    NS,
    error_of,
    harvest,
    identifier,
    identifiers,
    request_attributes,
)
from tests.shared import shared_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_to_a_page(monkeypatch):
    """Five articles make lists of three pages."""
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)


@shared_fixture
def many_articles(periodical):
    issue = make_issue(periodical["lv"], 1, 2024)
    person = make_person("Anna Bērziņa", "Iestāde")
    return [
        make_article(issue, f"Raksts {n}", section=("theory", "practice")[n % 2], authors=[person])
        for n in range(5)
    ]


@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
def test_resumption_tokens_walk_through_the_whole_list(client, many_articles, verb):
    root = harvest(client, verb=verb, metadataPrefix="oai_dc")
    seen, cursors, sizes, tokens = [], [], [], 0
    while True:
        seen += identifiers(root)
        token = root.find(f"oai:{verb}/oai:resumptionToken", NS)
        assert token is not None
        cursors.append(token.get("cursor"))
        sizes.append(token.get("completeListSize"))
        if not token.text:
            break
        tokens += 1
        root = harvest(client, verb=verb, resumptionToken=token.text)
        assert request_attributes(root) == {"verb": verb, "resumptionToken": token.text}
    assert tokens == 2
    assert cursors == ["0", "2", "4"]
    assert sizes == ["5", "5", "5"]
    assert seen == [identifier(page) for page in many_articles]


def test_a_token_survives_articles_published_meanwhile(client, many_articles, periodical):
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="section:theory")
    first = identifiers(root)
    token = root.find("oai:ListIdentifiers/oai:resumptionToken", NS).text
    issue = many_articles[0].get_parent()
    late = make_article(issue, "Vēlāk", section="theory")
    root = harvest(client, verb="ListIdentifiers", resumptionToken=token)
    rest = identifiers(root)
    theory = [identifier(page) for page in many_articles if page.section == "theory"]
    assert first + rest == [*theory, identifier(late)]
    # The token kept the set: no practice article slipped in.
    assert not set(rest) & {
        identifier(page) for page in many_articles if page.section == "practice"
    }


def test_tampered_or_foreign_tokens_are_refused(client, many_articles):
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.find("oai:ListIdentifiers/oai:resumptionToken", NS).text
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), token + "x", "", ":", "x" * 5000):
        root = harvest(client, verb="ListIdentifiers", resumptionToken=bad)
        assert error_of(root) == "badResumptionToken"
        assert request_attributes(root)["verb"] == "ListIdentifiers"
    # A ListIdentifiers token does not continue a ListRecords list.
    root = harvest(client, verb="ListRecords", resumptionToken=token)
    assert error_of(root) == "badResumptionToken"
    # Nor does a genuine token whose content an older version of the site wrote.
    old = signing.Signer(salt=oai.TOKEN_SALT).sign_object(
        {"version": oai.TOKEN_VERSION, "verb": "ListRecords", "state": {"offset": 50}}
    )
    root = harvest(client, verb="ListRecords", resumptionToken=old)
    assert error_of(root) == "badResumptionToken"
