"""The OAI-PMH interface, read back as a harvester reads it: XML parsed by lxml; on an issue with
two articles built once for the module."""

import datetime
import re

import pytest
from lxml import etree
from wagtail.models import Site

from periodical import oai
from periodical.models import ArticlePage
from tests.periodical.conftest import VALID_ISSN, make_article, make_issue, make_person
from tests.shared import shared_fixture
from tests.utils import translate
from website.siteurl import apply_to_site

pytestmark = pytest.mark.django_db

NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}
BASE_URL = "http://testserver/oai-pmh/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DATESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
UTC = datetime.UTC


def harvest(client, method="get", host="testserver", **params):
    response = getattr(client, method)("/oai-pmh/", params, HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = etree.fromstring(response.content)
    assert root.tag == f"{{{NS['oai']}}}OAI-PMH"
    assert root.get(f"{{{NS['xsi']}}}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
    )
    children = [child.tag.split("}")[1] for child in root]
    assert children[:2] == ["responseDate", "request"] and len(children) == 3
    assert DATESTAMP_RE.match(root.findtext("oai:responseDate", namespaces=NS))
    assert root.findtext("oai:request", namespaces=NS) == f"http://{host}/oai-pmh/"
    _check_namespaces(root)
    return root


def _check_namespaces(root):
    """Every element is in the OAI namespace, except the records' Dublin Core metadata."""
    for element in root.iter(etree.Element):
        namespace = etree.QName(element).namespace
        inside_metadata = any(
            etree.QName(ancestor).localname == "metadata" for ancestor in element.iterancestors()
        )
        description = any(
            etree.QName(ancestor).localname == "description" for ancestor in element.iterancestors()
        )
        if inside_metadata:
            assert namespace in (NS["oai_dc"], NS["dc"]), element.tag
        elif not description:
            assert namespace == NS["oai"], element.tag


def error_of(root):
    errors = root.findall("oai:error", NS)
    assert len(errors) == 1
    assert errors[0].text
    return errors[0].get("code")


def request_attributes(root):
    return dict(root.find("oai:request", NS).attrib)


def identifiers(root):
    return [element.text for element in root.iterfind(".//oai:header/oai:identifier", NS)]


@shared_fixture
def articles(periodical):
    """An issue with two articles, the issue and one article translated (built once for the
    module: tests/shared.py)."""
    issue = make_issue(periodical["lv"], 1, 2023)
    issue_en = translate(issue, slug="1-2023", title="Community")
    author = make_person("Anna Marija Bērziņa", "Rīgas Stradiņa universitāte")
    theory = make_article(
        issue,
        "Teorija",
        section="theory",
        authors=[author],
        keywords=["kopiena"],
        abstract="Par teoriju.",
        summary_en="About theory.",
        first_page=4,
        last_page=15,
    )
    practice = make_article(issue, "Prakse", section="practice", first_page=16)
    theory_en = translate(theory, slug="theory", title="Theory", abstract="About theory.")
    return {"theory": theory, "practice": practice, "theory_en": theory_en, "issue_en": issue_en}


def identifier(page):
    return f"oai:testserver:article/{page.pk}"


# Identify, ListMetadataFormats, ListSets ----------------------------------------------------


def test_identify(client, articles):
    root = harvest(client, verb="Identify")
    assert request_attributes(root) == {"verb": "Identify"}
    identify = root.find("oai:Identify", NS)
    assert [etree.QName(child).localname for child in identify] == [
        "repositoryName",
        "baseURL",
        "protocolVersion",
        "adminEmail",
        "earliestDatestamp",
        "deletedRecord",
        "granularity",
    ]
    assert identify.findtext("oai:repositoryName", namespaces=NS) == "Sociālais darbs Latvijā"
    assert identify.findtext("oai:baseURL", namespaces=NS) == BASE_URL
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:adminEmail", namespaces=NS) == "redakcija@example.lv"
    earliest = min(page.last_published_at for page in ArticlePage.objects.all())
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == oai.datestamp(earliest)
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "no"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"


def test_identify_describes_the_identifier_scheme_on_a_real_domain(client, articles, settings):
    settings.SITE_URL = "http://socialais-darbs.example.lv"
    apply_to_site()
    root = harvest(client, verb="Identify", host="socialais-darbs.example.lv")
    scheme = root.find("oai:Identify/oai:description/id:oai-identifier", NS)
    assert scheme.findtext("id:repositoryIdentifier", namespaces=NS) == "socialais-darbs.example.lv"
    assert scheme.findtext("id:sampleIdentifier", namespaces=NS) == (
        "oai:socialais-darbs.example.lv:article/1"
    )
    records = harvest(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", host="socialais-darbs.example.lv"
    )
    assert all(
        value.startswith("oai:socialais-darbs.example.lv:article/")
        for value in identifiers(records)
    )


def test_admin_email_falls_back_to_the_site_contacts(client, articles, periodical):
    from website.models import SiteSettings

    for page in periodical.values():
        page.contact_email = ""
        page.save_revision().publish()
    settings_ = SiteSettings.for_site(Site.objects.get())
    settings_.contact_email = "info@example.lv"
    settings_.save()
    root = harvest(client, verb="Identify")
    assert root.findtext("oai:Identify/oai:adminEmail", namespaces=NS) == "info@example.lv"


def test_list_metadata_formats(client, articles):
    for params in ({}, {"identifier": identifier(articles["theory"])}):
        root = harvest(client, verb="ListMetadataFormats", **params)
        formats = root.findall("oai:ListMetadataFormats/oai:metadataFormat", NS)
        assert [f.findtext("oai:metadataPrefix", namespaces=NS) for f in formats] == ["oai_dc"]
        assert formats[0].findtext("oai:metadataNamespace", namespaces=NS) == NS["oai_dc"]
        assert formats[0].findtext("oai:schema", namespaces=NS) == (
            "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        )
    root = harvest(client, verb="ListMetadataFormats", identifier="oai:testserver:article/999999")
    assert error_of(root) == "idDoesNotExist"
    assert request_attributes(root) == {
        "verb": "ListMetadataFormats",
        "identifier": "oai:testserver:article/999999",
    }


def test_list_sets(client, articles):
    root = harvest(client, verb="ListSets")
    sets = {
        element.findtext("oai:setSpec", namespaces=NS): element.findtext(
            "oai:setName", namespaces=NS
        )
        for element in root.iterfind("oai:ListSets/oai:set", NS)
    }
    assert sets == {
        "section": "Sadaļas / Sections",
        "section:theory": "Teorija / Theory",
        "section:practice": "Prakse / Practice",
        "section:news": "Aktualitātes nozarē / News from the sector",
        "language": "Valodas / Languages",
        "language:lv": "Latviešu",
        "language:en": "English",
    }
    root = harvest(client, verb="ListSets", resumptionToken="anything")
    assert error_of(root) == "badResumptionToken"


# Records ------------------------------------------------------------------------------------


def test_list_records_covers_both_languages_with_dublin_core(client, articles):
    root = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert request_attributes(root) == {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    records = root.findall("oai:ListRecords/oai:record", NS)
    assert len(records) == 3
    assert root.find("oai:ListRecords/oai:resumptionToken", NS) is None
    by_id = {
        record.findtext("oai:header/oai:identifier", namespaces=NS): record for record in records
    }
    record = by_id[identifier(articles["theory"])]
    header = record.find("oai:header", NS)
    assert DATESTAMP_RE.match(header.findtext("oai:datestamp", namespaces=NS))
    assert [spec.text for spec in header.findall("oai:setSpec", NS)] == [
        "section:theory",
        "language:lv",
    ]
    dc = record.find("oai:metadata/oai_dc:dc", NS)
    assert dc.get(f"{{{NS['xsi']}}}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )

    def values(name):
        return [element.text for element in dc.findall(f"dc:{name}", NS)]

    assert values("title") == ["Teorija"]
    assert dc.find("dc:title", NS).get(XML_LANG) == "lv"
    assert values("creator") == ["Bērziņa, Anna Marija"]
    assert values("subject") == ["kopiena"]
    assert values("description") == ["Par teoriju.", "About theory."]
    assert [d.get(XML_LANG) for d in dc.findall("dc:description", NS)] == ["lv", "en"]
    assert values("identifier") == [
        "http://testserver/lv/socialais-darbs-latvija/1-2023/teorija/",
        f"urn:ISSN:{VALID_ISSN}",
    ]
    assert values("language") == ["lv"]
    assert values("source") == ["Sociālais darbs Latvijā, 1/2023, 4–15"]
    assert values("type") == ["Text"]
    english = by_id[identifier(articles["theory_en"])].find("oai:metadata/oai_dc:dc", NS)
    assert [e.text for e in english.findall("dc:language", NS)] == ["en"]
    assert [e.text for e in english.findall("dc:identifier", NS)][0] == (
        "http://testserver/en/social-work-in-latvia/1-2023/theory/"
    )


def test_list_identifiers(client, articles):
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert sorted(identifiers(root)) == sorted(
        identifier(page)
        for page in (articles["theory"], articles["practice"], articles["theory_en"])
    )
    assert root.find(".//oai:metadata", NS) is None


def test_get_record(client, articles):
    root = harvest(
        client,
        verb="GetRecord",
        identifier=identifier(articles["practice"]),
        metadataPrefix="oai_dc",
    )
    assert request_attributes(root) == {
        "verb": "GetRecord",
        "identifier": identifier(articles["practice"]),
        "metadataPrefix": "oai_dc",
    }
    records = root.findall("oai:GetRecord/oai:record", NS)
    assert len(records) == 1
    assert records[0].findtext("oai:metadata/oai_dc:dc/dc:title", namespaces=NS) == "Prakse"


@pytest.mark.parametrize(
    "value",
    [
        "oai:testserver:article/999999",
        "oai:elsewhere.lv:article/{pk}",
        "oai:testserver:article/{pk}x",
        "oai:testserver:article/99999999999999999999999999",
        "article/{pk}",
        "",
    ],
)
def test_get_record_of_an_unknown_identifier(client, articles, value):
    value = value.format(pk=articles["theory"].pk)
    root = harvest(client, verb="GetRecord", identifier=value, metadataPrefix="oai_dc")
    assert error_of(root) == "idDoesNotExist"


def test_unpublished_articles_are_not_records(client, articles):
    articles["practice"].unpublish()
    root = harvest(
        client,
        verb="GetRecord",
        identifier=identifier(articles["practice"]),
        metadataPrefix="oai_dc",
    )
    assert error_of(root) == "idDoesNotExist"
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert identifier(articles["practice"]) not in identifiers(root)


def test_post_requests_are_answered_like_get(client, articles):
    root = harvest(client, method="post", verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert len(identifiers(root)) == 3


# Errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "ListThings"}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
            "badArgument",
        ),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "GetRecord", "identifier": "oai:testserver:article/1"}, "badArgument"),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "yesterday"},
            "badArgument",
        ),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2023-02-30"},
            "badArgument",
        ),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "2023-01-01T10:00Z"},
            "badArgument",
        ),
        (
            {
                "verb": "ListIdentifiers",
                "metadataPrefix": "oai_dc",
                "from": "2023-01-01",
                "until": "2023-02-01T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListIdentifiers",
                "metadataPrefix": "oai_dc",
                "from": "2023-02-01",
                "until": "2023-01-01",
            },
            "badArgument",
        ),
    ],
)
def test_bad_verbs_and_arguments_echo_only_the_base_url(client, articles, params, code):
    root = harvest(client, **params)
    assert error_of(root) == code
    assert request_attributes(root) == {}


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers", "GetRecord"])
def test_unknown_metadata_formats_cannot_be_disseminated(client, articles, verb):
    params = {"verb": verb, "metadataPrefix": "marc21"}
    if verb == "GetRecord":
        params["identifier"] = identifier(articles["theory"])
    root = harvest(client, **params)
    assert error_of(root) == "cannotDisseminateFormat"
    assert request_attributes(root) == params


def test_no_records_match(client, articles):
    for params in (
        {"from": "2100-01-01"},
        {"until": "2000-01-01"},
        {"set": "section:news"},
        {"set": "no-such-set"},
        {"set": "language:de"},
    ):
        root = harvest(client, verb="ListRecords", metadataPrefix="oai_dc", **params)
        assert error_of(root) == "noRecordsMatch", params


# Selective harvesting ----------------------------------------------------------------------


def _published(page, moment):
    ArticlePage.objects.filter(pk=page.pk).update(last_published_at=moment)


def test_from_and_until_are_inclusive_at_both_granularities(client, articles):
    _published(articles["theory"], datetime.datetime(2023, 5, 1, 10, 0, 0, 600000, tzinfo=UTC))
    _published(articles["practice"], datetime.datetime(2023, 5, 2, 23, 59, 59, tzinfo=UTC))
    _published(articles["theory_en"], datetime.datetime(2023, 5, 3, 0, 0, 0, tzinfo=UTC))

    def listed(**params):
        root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
        return set(identifiers(root))

    theory, practice, english = (
        identifier(articles[key]) for key in ("theory", "practice", "theory_en")
    )
    assert listed(**{"from": "2023-05-01", "until": "2023-05-02"}) == {theory, practice}
    assert listed(**{"from": "2023-05-02"}) == {practice, english}
    assert listed(until="2023-05-01T10:00:00Z") == {theory}
    assert listed(**{"from": "2023-05-02T23:59:59Z", "until": "2023-05-02T23:59:59Z"}) == {practice}
    assert listed(until="9999-12-31") == {theory, practice, english}
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="section:theory")
    datestamps = [d.text for d in root.iterfind(".//oai:header/oai:datestamp", NS)]
    assert sorted(datestamps) == ["2023-05-01T10:00:00Z", "2023-05-03T00:00:00Z"]


def test_sets_select_records(client, articles):
    def listed(spec):
        return set(
            identifiers(harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec))
        )

    everything = {identifier(articles[key]) for key in ("theory", "practice", "theory_en")}
    assert listed("section") == everything
    assert listed("language") == everything
    assert listed("section:theory") == {
        identifier(articles["theory"]),
        identifier(articles["theory_en"]),
    }
    assert listed("language:en") == {identifier(articles["theory_en"])}


# Robustness -----------------------------------------------------------------------


def test_control_characters_never_break_the_xml(client, articles):
    article = articles["theory"]
    # Pasted text can hold control characters (NUL never: forms and PostgreSQL refuse it).
    article.abstract = "Kopsavilkums\x0b ar\x0c vadības\x1f rakstzīmēm"
    article.save_revision().publish()
    root = harvest(
        client,
        verb="GetRecord",
        identifier=identifier(article) + "\x00\x0b",
        metadataPrefix="oai_dc",
    )
    assert error_of(root) == "idDoesNotExist"
    root = harvest(
        client, verb="GetRecord", identifier=identifier(article), metadataPrefix="oai_dc"
    )
    description = root.find(".//dc:description", NS).text
    assert description == "Kopsavilkums ar vadības rakstzīmēm"


# Resumption tokens: test_oai_tokens.py. An empty repository, any token, the queries:
# test_oai_own_records.py. The official schemas and a harvester: test_oai_schemas.py.
