"""The OAI-PMH interface checked by others: the official XML schemas (from PyPI packages, see
tests/official_schemas.py) and an OAI-PMH harvester from PyPI (oaipmh-scythe) over HTTP."""

import os
import re

import pytest
from lxml import etree
from oaipmh_scythe import Scythe
from wagtail.models import Site

from periodical import oai
from tests import official_schemas
from tests.periodical.conftest import make_article, make_issue, make_pdf, make_person
from tests.periodical.test_oai import NS, XML_LANG
from tests.periodical.test_oai import harvest as harvest_from
from tests.utils import translate
from website.models import SiteSettings
from website.siteurl import apply_to_site

pytestmark = pytest.mark.django_db

HOST = "socialais-darbs.example.lv"
# The OAI identifier guidelines' syntax (no package ships oai-identifier.xsd).
REPOSITORY_IDENTIFIER = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
SAMPLE_IDENTIFIER = re.compile(
    rf"oai:{REPOSITORY_IDENTIFIER.pattern}:[a-zA-Z0-9\-_.!~*'();/?:@&=+$,%]+"
)


@pytest.fixture(scope="module")
def schema():
    if not official_schemas.present():
        if os.environ.get("CI"):
            pytest.fail("the OAI-PMH schemas are missing: run `make schemas`")
        pytest.skip("run `make schemas` for the official OAI-PMH schemas")
    folder = official_schemas.FOLDER
    remote = {
        "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": "simpledc20021212.xsd",
        "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
        "http://www.w3.org/2001/xml.xsd": "xml.xsd",
    }

    class Local(etree.Resolver):
        def resolve(self, url, public_id, context):
            name = remote.get(url)
            if name:
                return self.resolve_filename(str(folder / name), context)
            assert url.startswith("file:"), f"the schema asks for {url}"  # never the network
            return None

    imports = {NS["oai"]: "OAI-PMH.xsd", NS["oai_dc"]: "oai_dc.xsd"}
    imported = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{(folder / name).as_uri()}"/>'
        for namespace, name in imports.items()
    )
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imported}</xs:schema>'
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.fromstring(wrapper, parser))


def validate(schema, document):
    """The schema's verdict; the oai-identifier description (no schema to be had) is checked
    against the identifier guidelines and taken out before."""
    for description in document.iterfind(".//oai:Identify/oai:description", NS):
        scheme = description.find("id:oai-identifier", NS)
        assert scheme is not None
        assert [etree.QName(child).localname for child in scheme] == [
            "scheme",
            "repositoryIdentifier",
            "delimiter",
            "sampleIdentifier",
        ]
        assert scheme.findtext("id:scheme", namespaces=NS) == "oai"
        assert REPOSITORY_IDENTIFIER.fullmatch(
            scheme.findtext("id:repositoryIdentifier", namespaces=NS)
        )
        assert scheme.findtext("id:delimiter", namespaces=NS) == ":"
        assert SAMPLE_IDENTIFIER.fullmatch(scheme.findtext("id:sampleIdentifier", namespaces=NS))
        description.getparent().remove(description)
    return schema.validate(document)


@pytest.fixture
def bilingual(periodical, settings):
    """A Latvian article with its PDF, its English translation, and an untranslated one."""
    settings.SITE_URL = f"http://{HOST}"
    apply_to_site()
    issue = make_issue(periodical["lv"], 2, 2024)
    translate(issue, slug="2-2024", title="Number 2/2024")
    author = make_person("Ilze Piemēre", "Latvijas Universitāte")
    pdf = make_pdf("Vecumdienu kvalitāte", "vecumdienu-kvalitate.pdf")
    lv = make_article(
        issue,
        "Vecumdienu kvalitāte",
        authors=[author],
        keywords=["seniori"],
        pdf=pdf,
        first_page=4,
        last_page=15,
    )
    en = translate(lv, slug="quality-of-life", title="Quality of life in old age")
    alone = make_article(issue, "Tikai latviski", section="practice")
    return {"lv": lv, "en": en, "alone": alone, "pdf": pdf}


def harvest(client, **params):
    """The response as tests/periodical/test_oai.py reads it (and checks it), from HOST."""
    return harvest_from(client, host=HOST, **params)


def record_of(client, page):
    root = harvest(
        client,
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=f"oai:{HOST}:article/{page.pk}",
    )
    dc = root.find(".//oai_dc:dc", NS)

    def values(name):
        return [(e.text, e.get(XML_LANG)) for e in dc.findall(f"dc:{name}", NS)]

    return values


def test_translations_are_related_and_each_record_says_its_language(client, bilingual):
    pdf_url = f"http://{HOST}{bilingual['pdf'].url}"
    lv_url = f"http://{HOST}/lv/socialais-darbs-latvija/2-2024/vecumdienu-kvalitate/"
    en_url = f"http://{HOST}/en/social-work-in-latvia/2-2024/quality-of-life/"

    latvian = record_of(client, bilingual["lv"])
    assert latvian("language") == [("lv", None)]
    assert latvian("title") == [("Vecumdienu kvalitāte", "lv")]
    # The full text: the PDF is the Latvian original's.
    assert latvian("identifier")[:2] == [(lv_url, None), (pdf_url, None)]
    assert ("application/pdf", None) in latvian("format")
    assert latvian("relation") == [(en_url, None)]

    english = record_of(client, bilingual["en"])
    assert english("language") == [("en", None)]
    assert english("title") == [("Quality of life in old age", "en")]
    # The English version is a translation: its record points to the Latvian original and
    # its PDF, and does not give the Latvian PDF out as its own full text.
    assert [value for value, _lang in english("identifier")][0] == en_url
    assert pdf_url not in [value for value, _lang in english("identifier")]
    assert ("application/pdf", None) not in english("format")
    assert english("relation") == [(lv_url, None), (pdf_url, None)]

    assert record_of(client, bilingual["alone"])("relation") == []


def test_an_english_version_with_a_pdf_of_its_own_identifies_it(client, bilingual):
    english_pdf = make_pdf("Quality of life", "quality-of-life.pdf")
    en = bilingual["en"]
    en.pdf = english_pdf
    en.save_revision().publish()
    english = record_of(client, en)
    identifiers = [value for value, _lang in english("identifier")]
    assert f"http://{HOST}{english_pdf.url}" in identifiers
    assert ("application/pdf", None) in english("format")


def test_every_response_is_valid_against_the_official_schemas(client, bilingual, schema):
    root = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert validate(schema, root), schema.error_log
    record = f"oai:{HOST}:article/{bilingual['lv'].pk}"
    requests = [
        {"verb": "Identify"},
        {"verb": "ListMetadataFormats"},
        {"verb": "ListMetadataFormats", "identifier": record},
        {"verb": "ListSets"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "language:en"},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": record},
        {"verb": "Nothing"},
        {"verb": "ListRecords"},
        {"verb": "ListRecords", "metadataPrefix": "a b c"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "no such set"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2100-01-01"},
        {"verb": "ListRecords", "resumptionToken": "forged"},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x.lv:article/1"},
    ]
    for params in requests:
        document = harvest(client, **params)
        assert validate(schema, document), (params, schema.error_log)
    # The validation can fail: an address without a domain is not an adminEmail.
    identify = harvest(client, verb="Identify")
    identify.find(".//oai:adminEmail", NS).text = "webmaster@localhost"
    assert not validate(schema, identify)


def test_resumed_lists_are_valid_too(client, bilingual, schema, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 1)
    root = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")
    pages = 1
    while token := root.findtext(".//oai:resumptionToken", namespaces=NS):
        assert validate(schema, root), schema.error_log
        root = harvest(client, verb="ListRecords", resumptionToken=token)
        pages += 1
    assert validate(schema, root), schema.error_log
    assert pages == 3


# The administrator's address -----------------------------------------------------------------


def test_identify_names_the_configured_address_first(client, bilingual, settings, schema):
    settings.OAI_PMH_ADMIN_EMAIL = "oai@lm.gov.lv"
    root = harvest(client, verb="Identify")
    assert [e.text for e in root.iterfind(".//oai:adminEmail", NS)] == [
        "oai@lm.gov.lv",
        "redakcija@example.lv",
    ]
    assert validate(schema, root), schema.error_log


def test_no_address_is_made_up(client, bilingual, periodical, settings):
    """Without any address, Identify says the repository is not configured (503), rather
    than inventing webmaster@<host>; addresses an editor mistyped are left out."""
    settings.OAI_PMH_ADMIN_EMAIL = ""
    settings.ADMINS = []
    for page in periodical.values():
        page.contact_email = ""
        page.save_revision().publish()
    site_settings = SiteSettings.for_site(Site.objects.get())
    site_settings.contact_email = "redakcija@localhost"  # no domain: not an address
    site_settings.save()
    response = client.get("/oai-pmh/", {"verb": "Identify"}, HTTP_HOST=HOST)
    assert response.status_code == 503
    assert "OAI_PMH_ADMIN_EMAIL" in response.content.decode()
    assert response["Retry-After"]
    assert b"webmaster@" not in response.content
    # The records themselves do not depend on it.
    assert harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc") is not None


# A harvester ------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_harvester_collects_every_record(live_server, bilingual, monkeypatch, settings):
    """oaipmh-scythe (PyPI) over HTTP, following resumption tokens as harvesters do."""
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)
    settings.SITE_URL = live_server.url.replace("127.0.0.1", "localhost")
    apply_to_site()
    base = live_server.url.replace("127.0.0.1", "localhost") + "/oai-pmh/"
    with Scythe(base, timeout=30) as scythe:
        identify = scythe.identify()
        assert identify.protocolVersion == "2.0"
        assert identify.adminEmail == "redakcija@example.lv"
        assert identify.baseURL == base
        formats = [f.metadataPrefix for f in scythe.list_metadata_formats()]
        assert formats == ["oai_dc"]
        records = list(scythe.list_records(metadata_prefix="oai_dc"))
        assert len(records) == 3
        by_title = {record.metadata["title"][0]: record.metadata for record in records}
        assert by_title["Quality of life in old age"]["language"] == ["en"]
        assert by_title["Vecumdienu kvalitāte"]["language"] == ["lv"]
        assert by_title["Vecumdienu kvalitāte"]["relation"] == [
            f"{live_server.url.replace('127.0.0.1', 'localhost')}"
            "/en/social-work-in-latvia/2-2024/quality-of-life/"
        ]
        english_sets = list(scythe.list_identifiers(metadata_prefix="oai_dc", set_="language:en"))
        assert [header.identifier for header in english_sets] == [
            f"oai:localhost:article/{bilingual['en'].pk}"
        ]
        record = scythe.get_record(
            identifier=f"oai:localhost:article/{bilingual['alone'].pk}", metadata_prefix="oai_dc"
        )
        assert record.metadata["title"] == ["Tikai latviski"]
