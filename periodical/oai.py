"""An OAI-PMH 2.0 data provider for the periodical's articles.

Library catalogues and scholarly search services (the National Library of Latvia, BASE, Google
Scholar's partners…) collect journal metadata with the Open Archives Initiative Protocol for
Metadata Harvesting: https://www.openarchives.org/OAI/openarchivesprotocol.html

- One base URL outside the language prefixes (website/urls.py), answering GET and POST.
- Every live article in every language is an item with one ``oai_dc`` record; its datestamp is
  when it was last published.
- Sets: ``section`` (``section:theory`` …) and ``language`` (``language:lv`` …).
- Long lists come in pages of PAGE_SIZE with a resumption token: the list's arguments and the
  last id sent, signed with the site's secret key, so a harvester can neither forge nor break
  one and a page is never skipped or repeated when articles are published meanwhile.
- Protocol errors are answered as the protocol says: HTTP 200 with an <error> element.
- A Latvian article and its English translation are two items, related to each other with
  ``dc:relation`` (the other version's address); each record's ``dc:language`` is its own. The
  full-text PDF is a ``dc:identifier`` of the record whose text it is: an English version that
  shares the Latvian original's PDF relates to that PDF instead.
- Identify gives OAI_PMH_ADMIN_EMAIL (required in production), then the periodical's and the
  site's contact addresses; never an invented one. With none at all it answers 503.
"""

import logging
import re
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree
from wagtail.models import Site

from periodical.citation import Citation
from periodical.models import ArticlePage, PeriodicalPage, Section, attach_issues
from website.models import SiteSettings

logger = logging.getLogger(__name__)

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_NS = "http://purl.org/dc/elements/1.1/"
IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

PAGE_SIZE = 50
TOKEN_SALT = "periodical.oai.resumption-token"
TOKEN_VERSION = 1
DATESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
SECONDS_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", re.ASCII)
# The oai-identifier scheme wants a domain name with at least one dot as repository identifier.
DOMAIN_RE = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+")
# Page ids are bigints: longer digit strings would overflow the database's integer type.
LOCAL_ID_RE = re.compile(r"article/(\d{1,18})", re.ASCII)
# The syntax the protocol gives arguments; a value outside it is not repeated on <request>.
SPEC_CHARS = r"[A-Za-z0-9\-_.!~*'()]+"
ECHO_SYNTAX = {
    "metadataPrefix": re.compile(SPEC_CHARS),
    "set": re.compile(rf"{SPEC_CHARS}(:{SPEC_CHARS})*"),
    "from": re.compile(rf"{DAY_RE.pattern}|{SECONDS_RE.pattern}"),
    "until": re.compile(rf"{DAY_RE.pattern}|{SECONDS_RE.pattern}"),
}
# The OAI-PMH schema's emailType: an address without a dot in its domain is refused.
EMAIL_RE = re.compile(r"\S+@(\S+\.)+\S+")
# Characters XML 1.0 cannot carry, which pasted text (and hostile requests) may contain.
XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

METADATA_FORMATS = [("oai_dc", OAI_DC_SCHEMA, OAI_DC_NS)]


@dataclass(frozen=True)
class Verb:
    required: tuple = ()
    optional: tuple = ()
    resumable: bool = False

    @property
    def arguments(self):
        return {*self.required, *self.optional, *(("resumptionToken",) if self.resumable else ())}


LIST_VERB = Verb(required=("metadataPrefix",), optional=("from", "until", "set"), resumable=True)
VERBS = {
    "Identify": Verb(),
    "ListMetadataFormats": Verb(optional=("identifier",)),
    "ListSets": Verb(resumable=True),
    "ListIdentifiers": LIST_VERB,
    "ListRecords": LIST_VERB,
    "GetRecord": Verb(required=("identifier", "metadataPrefix")),
}


class NotConfigured(Exception):
    """The repository cannot describe itself: nobody to write to is configured."""


def is_admin_email(value):
    try:
        validate_email(value)
    except ValidationError:
        return False
    return bool(EMAIL_RE.fullmatch(value))


class OAIError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def xml_text(value):
    return XML_ILLEGAL_RE.sub("", str(value))


def datestamp(moment):
    return moment.astimezone(UTC).strftime(DATESTAMP_FORMAT)


def sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def oai(tag):
    return f"{{{OAI_NS}}}{tag}"


# The request --------------------------------------------------------------------------------


def parse_arguments(params):
    """(verb name, arguments) of a request, or OAIError(badVerb | badArgument)."""
    verbs = params.getlist("verb")
    if not verbs:
        raise OAIError("badVerb", "The request has no verb.")
    if len(verbs) > 1:
        raise OAIError("badVerb", "The verb argument is repeated.")
    if verbs[0] not in VERBS:
        raise OAIError("badVerb", "The value of the verb argument is not a legal OAI-PMH verb.")
    name, verb = verbs[0], VERBS[verbs[0]]
    arguments = {}
    for key in params:
        if key == "verb":
            continue
        if key not in verb.arguments:
            raise OAIError("badArgument", f"{name} does not take this argument.")
        values = params.getlist(key)
        if len(values) > 1:
            raise OAIError("badArgument", "An argument is repeated.")
        arguments[key] = values[0]
    if "resumptionToken" in arguments:
        if len(arguments) > 1:
            raise OAIError("badArgument", "resumptionToken is an exclusive argument.")
    elif missing := [key for key in verb.required if key not in arguments]:
        raise OAIError("badArgument", f"{name} requires the argument {missing[0]}.")
    return name, arguments


def parse_date(value, inclusive_end=False):
    """(UTC datetime bound, granularity) for a from/until argument, or badArgument.

    An until bound is returned exclusive: the day or second after it, since the protocol's
    bounds are inclusive and datestamps are truncated to whole seconds.
    """
    try:
        if DAY_RE.fullmatch(value):
            moment = datetime.combine(datetime.strptime(value, "%Y-%m-%d"), time(), tzinfo=UTC)
            granularity, step = "day", timedelta(days=1)
        elif SECONDS_RE.fullmatch(value):
            moment = datetime.strptime(value, DATESTAMP_FORMAT).replace(tzinfo=UTC)
            granularity, step = "seconds", timedelta(seconds=1)
        else:
            raise ValueError(value)
    except ValueError:
        raise OAIError(
            "badArgument", "Dates are written YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ."
        ) from None
    if inclusive_end:
        try:
            moment += step
        except OverflowError:  # until the last day of year 9999
            moment = datetime.max.replace(tzinfo=UTC)
    return moment, granularity


@dataclass
class ListState:
    """What a list request asks for and how far it got: the content of a resumption token."""

    metadata_prefix: str
    date_from: str = ""
    date_until: str = ""
    set_spec: str = ""
    after: int = 0
    cursor: int = 0

    @classmethod
    def from_arguments(cls, arguments):
        return cls(
            metadata_prefix=arguments["metadataPrefix"],
            date_from=arguments.get("from", ""),
            date_until=arguments.get("until", ""),
            set_spec=arguments.get("set", ""),
        )

    @classmethod
    def from_token(cls, token, verb):
        try:
            data = signing.Signer(salt=TOKEN_SALT).unsign_object(token)
        except signing.BadSignature:
            raise OAIError("badResumptionToken", "The resumption token is not valid.") from None
        if data.get("version") != TOKEN_VERSION or data.get("verb") != verb:
            raise OAIError("badResumptionToken", "The resumption token is for another list.")
        try:
            return cls(**data["state"])
        except (KeyError, TypeError):  # signed by a version that kept other fields
            raise OAIError("badResumptionToken", "The resumption token has expired.") from None

    def token(self, verb):
        data = {"version": TOKEN_VERSION, "verb": verb, "state": asdict(self)}
        return signing.Signer(salt=TOKEN_SALT).sign_object(data, compress=True)

    def date_range(self):
        """(from, until exclusive) as datetimes or None; badArgument when they do not fit."""
        start = end = None
        if self.date_from:
            start, start_granularity = parse_date(self.date_from)
        if self.date_until:
            end, end_granularity = parse_date(self.date_until, inclusive_end=True)
        if start and end:
            if start_granularity != end_granularity:
                raise OAIError("badArgument", "from and until must have the same granularity.")
            if start >= end:
                raise OAIError("badArgument", "from must not be later than until.")
        return start, end


# The repository -----------------------------------------------------------------------------


def in_both_languages(text):
    """ "Teorija / Theory": a lazy string as harvesters of either language read it."""
    names = []
    for language in ("lv", "en"):
        with translation.override(language):
            names.append(str(text))
    return " / ".join(dict.fromkeys(names))


def set_specs():
    """(setSpec, setName) of every set."""
    specs = [("section", in_both_languages(_("Sections")))]
    specs += [(f"section:{value}", in_both_languages(label)) for value, label in Section.choices]
    specs += [("language", in_both_languages(_("Languages")))]
    specs += [(f"language:{code}", name) for code, name in settings.LANGUAGES]
    return specs


class Repository:
    def __init__(self, request):
        self.request = request
        self.site = Site.find_for_request(request)
        self.host = self.site.hostname if self.site else request.get_host().split(":")[0]
        self.base_url = request.build_absolute_uri(request.path)

    # Items

    def identifier(self, article):
        return f"oai:{self.host}:article/{article.pk}"

    def articles(self):
        return (
            ArticlePage.objects.live()
            .public()
            .filter(last_published_at__isnull=False)
            .select_related("locale", "pdf")
        )

    def article(self, identifier, with_metadata=False):
        prefix = f"oai:{self.host}:"
        local = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
        match = LOCAL_ID_RE.fullmatch(local)
        articles = self.articles()
        if with_metadata:
            articles = articles.with_authors().with_keywords()
        article = articles.filter(pk=int(match[1])).first() if match else None
        if article is None:
            raise OAIError("idDoesNotExist", "No article has this identifier.")
        return article

    def filtered(self, state):
        articles = self.articles()
        start, end = state.date_range()
        if start:
            articles = articles.filter(last_published_at__gte=start)
        if end:
            articles = articles.filter(last_published_at__lt=end)
        # "section" and "language" hold every article; a set nobody defined holds none.
        if state.set_spec and state.set_spec not in ("section", "language"):
            kind, _colon, value = state.set_spec.partition(":")
            if kind == "section" and value in Section.values:
                articles = articles.filter(section=value)
            elif kind == "language" and value in dict(settings.LANGUAGES):
                articles = articles.filter(locale__language_code=value)
            else:
                articles = articles.none()
        return articles

    @property
    def periodical(self):
        return (
            PeriodicalPage.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .first()
        )

    def admin_emails(self, periodical):
        """The configured address, then the periodical's and the site's contact addresses
        (the site's administrators when there are none); NotConfigured when nobody is given."""
        site_settings = SiteSettings.for_site(self.site) if self.site else None
        configured = [
            settings.OAI_PMH_ADMIN_EMAIL,
            periodical.contact_email if periodical else "",
            site_settings.contact_email if site_settings else "",
        ]
        for candidates in (configured, [email for _name, email in settings.ADMINS]):
            emails = [e for e in dict.fromkeys(c.strip() for c in candidates if c) if e]
            valid = [email for email in emails if is_admin_email(email)]
            if len(valid) < len(emails):
                logger.warning("OAI-PMH: not an e-mail address: %s", set(emails) - set(valid))
            if valid:
                return valid
        raise NotConfigured("Set OAI_PMH_ADMIN_EMAIL: the repository has no adminEmail.")

    # Verbs, named as the protocol names them: each returns the element after <request>

    def Identify(self, arguments):
        periodical = self.periodical
        element = etree.Element(oai("Identify"))
        name = periodical.title if periodical else settings.WAGTAIL_SITE_NAME
        sub(element, oai("repositoryName"), name)
        sub(element, oai("baseURL"), self.base_url)
        sub(element, oai("protocolVersion"), "2.0")
        for email in self.admin_emails(periodical):
            sub(element, oai("adminEmail"), email)
        earliest = self.articles().aggregate(earliest=Min("last_published_at"))["earliest"]
        sub(element, oai("earliestDatestamp"), datestamp(earliest or timezone.now()))
        # Unpublished articles simply disappear: no record of deletions is kept.
        sub(element, oai("deletedRecord"), "no")
        sub(element, oai("granularity"), "YYYY-MM-DDThh:mm:ssZ")
        if DOMAIN_RE.fullmatch(self.host):
            description = sub(element, oai("description"))
            scheme = etree.SubElement(
                description,
                f"{{{IDENTIFIER_NS}}}oai-identifier",
                {f"{{{XSI_NS}}}schemaLocation": f"{IDENTIFIER_NS} {IDENTIFIER_SCHEMA}"},
                nsmap={None: IDENTIFIER_NS},
            )
            sub(scheme, f"{{{IDENTIFIER_NS}}}scheme", "oai")
            sub(scheme, f"{{{IDENTIFIER_NS}}}repositoryIdentifier", self.host)
            sub(scheme, f"{{{IDENTIFIER_NS}}}delimiter", ":")
            sub(scheme, f"{{{IDENTIFIER_NS}}}sampleIdentifier", f"oai:{self.host}:article/1")
        return element

    def ListMetadataFormats(self, arguments):
        if "identifier" in arguments:
            self.article(arguments["identifier"])
        element = etree.Element(oai("ListMetadataFormats"))
        for prefix, schema, namespace in METADATA_FORMATS:
            metadata_format = sub(element, oai("metadataFormat"))
            sub(metadata_format, oai("metadataPrefix"), prefix)
            sub(metadata_format, oai("schema"), schema)
            sub(metadata_format, oai("metadataNamespace"), namespace)
        return element

    def ListSets(self, arguments):
        if "resumptionToken" in arguments:
            # The set list always fits in one response, so no token was ever handed out.
            raise OAIError("badResumptionToken", "The list of sets is never split.")
        element = etree.Element(oai("ListSets"))
        for spec, name in set_specs():
            oai_set = sub(element, oai("set"))
            sub(oai_set, oai("setSpec"), spec)
            sub(oai_set, oai("setName"), name)
        return element

    def ListIdentifiers(self, arguments):
        return self._list("ListIdentifiers", arguments, with_metadata=False)

    def ListRecords(self, arguments):
        return self._list("ListRecords", arguments, with_metadata=True)

    def GetRecord(self, arguments):
        check_metadata_prefix(arguments["metadataPrefix"])
        article = self.article(arguments["identifier"], with_metadata=True)
        attach_issues([article])
        element = etree.Element(oai("GetRecord"))
        self._record(element, article, with_metadata=True, versions=self.versions([article]))
        return element

    # Lists

    def _list(self, verb, arguments, with_metadata):
        if "resumptionToken" in arguments:
            state = ListState.from_token(arguments["resumptionToken"], verb)
        else:
            state = ListState.from_arguments(arguments)
            check_metadata_prefix(state.metadata_prefix)
        articles = self.filtered(state).order_by("pk")
        if with_metadata:
            articles = articles.with_authors().with_keywords()
        batch = list(articles.filter(pk__gt=state.after)[: PAGE_SIZE + 1])
        if not batch:
            raise OAIError("noRecordsMatch", "No article matches these arguments.")
        more = len(batch) > PAGE_SIZE
        batch = batch[:PAGE_SIZE]
        versions = {}
        if with_metadata:
            attach_issues(batch)
            versions = self.versions(batch)
        element = etree.Element(oai(verb))
        for article in batch:
            self._record(element, article, with_metadata, versions)
        if more or state.cursor:
            next_state = replace(state, after=batch[-1].pk, cursor=state.cursor + len(batch))
            sub(
                element,
                oai("resumptionToken"),
                next_state.token(verb) if more else "",
                completeListSize=str(articles.count()),
                cursor=str(state.cursor),
            )
        return element

    def _header(self, parent, article):
        header = sub(parent, oai("header"))
        sub(header, oai("identifier"), self.identifier(article))
        sub(header, oai("datestamp"), datestamp(article.last_published_at))
        sub(header, oai("setSpec"), f"section:{article.section}")
        sub(header, oai("setSpec"), f"language:{article.locale.language_code}")
        return header

    def versions(self, articles):
        """{translation key: the public versions of these articles, the original language's
        first}, in one query."""
        found = {}
        pages = self.articles().filter(translation_key__in={a.translation_key for a in articles})
        for page in pages:
            found.setdefault(page.translation_key, []).append(page)
        for pages in found.values():
            pages.sort(key=lambda p: (p.locale.language_code != settings.LANGUAGE_CODE, p.pk))
        return found

    def _absolute(self, url):
        return self.request.build_absolute_uri(url)

    def _dublin_core(self, article, citation, versions):
        """Dublin Core of the article, its PDF and its other-language versions placed."""
        others = [p for p in versions.get(article.translation_key, []) if p.pk != article.pk]
        original = next(
            (p for p in others if p.locale.language_code == settings.LANGUAGE_CODE), None
        )
        # A translation sharing the original's PDF: the PDF is the original's full text.
        own_pdf = bool(article.pdf_id) and not (original and original.pdf_id == article.pdf_id)
        pdf_url = self._absolute(article.pdf.url) if own_pdf else ""
        elements = []
        for name, value, language in citation.dublin_core():
            if (name, value) == ("format", "application/pdf"):
                continue
            elements.append((name, value, language))
            if (name, value) == ("format", "text/html") and own_pdf:
                elements.append(("format", "application/pdf", None))
            if (name, value) == ("identifier", citation.url) and own_pdf:
                elements.append(("identifier", pdf_url, None))
        for other in others:
            elements.append(("relation", self._absolute(other.get_url(self.request)), None))
            if other is original and other.pdf_id and not own_pdf:
                elements.append(("relation", self._absolute(other.pdf.url), None))
        return elements

    def _record(self, parent, article, with_metadata, versions=None):
        if not with_metadata:
            self._header(parent, article)
            return
        record = sub(parent, oai("record"))
        self._header(record, article)
        metadata = sub(record, oai("metadata"))
        dc = etree.SubElement(
            metadata,
            f"{{{OAI_DC_NS}}}dc",
            {f"{{{XSI_NS}}}schemaLocation": f"{OAI_DC_NS} {OAI_DC_SCHEMA}"},
            nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS},
        )
        citation = Citation.for_article(article, self.request)
        for name, value, language in self._dublin_core(article, citation, versions or {}):
            element = sub(dc, f"{{{DC_NS}}}{name}", value)
            if language:
                element.set(XML_LANG, language)


def check_metadata_prefix(prefix):
    if prefix not in {prefix for prefix, _schema, _namespace in METADATA_FORMATS}:
        raise OAIError("cannotDisseminateFormat", "Records are available as oai_dc only.")


# The view -----------------------------------------------------------------------------------


@csrf_exempt  # harvesters POST without a session; nothing is changed by a request
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    params = request.POST if request.method == "POST" else request.GET
    repository = Repository(request)
    root = etree.Element(
        oai("OAI-PMH"),
        {f"{{{XSI_NS}}}schemaLocation": f"{OAI_NS} {OAI_SCHEMA}"},
        nsmap={None: OAI_NS, "xsi": XSI_NS},
    )
    sub(root, oai("responseDate"), datestamp(timezone.now()))
    request_element = sub(root, oai("request"), repository.base_url)
    try:
        verb, arguments = parse_arguments(params)
        content = getattr(repository, verb)(arguments)
    except NotConfigured as problem:
        logger.error("OAI-PMH Identify: %s", problem)
        response = HttpResponse(
            f"{problem}\n", status=503, content_type="text/plain; charset=utf-8"
        )
        response["Retry-After"] = "3600"
        return response
    except OAIError as error:
        content = etree.Element(oai("error"), code=error.code)
        content.text = error.message
        # After badVerb or badArgument the request is echoed as the base URL alone.
        echo = error.code not in ("badVerb", "badArgument")
    else:
        echo = True
    if echo:
        for key, value in {"verb": verb, **arguments}.items():
            if key not in ECHO_SYNTAX or ECHO_SYNTAX[key].fullmatch(value):
                request_element.set(key, xml_text(value))
    root.append(content)
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
