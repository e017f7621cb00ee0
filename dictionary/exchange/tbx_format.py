"""TBX (TermBase eXchange, ISO 30042:2019) import and export, TBX-Basic dialect, DCA style.

One conceptEntry per dictionary entry:

    conceptEntry id="c12"
        descrip type="subjectField"          the subject field's name
        ref type="crossReference" target=…   each related entry
        langSec xml:lang="lv"
            descripGrp: descrip type="definition" + admin type="source" ("Title, p. 12")
            note                              notes
            termSec: term (preferredTerm-admn-sts, partOfSpeech, grammaticalGender,
                     descrip type="context" per usage example)
            termSec: term (admittedTerm-admn-sts)    each synonym
        langSec xml:lang="en"
            descrip type="definition", note, termSec per English equivalent (the first preferred)

The namespace is ISO 30042:2019's, ``urn:iso:std:iso:30042:ed-2``, the one the TBX steward's
(LTAC-Global's) core RELAX NG schema and TBX-Basic DCA Schematron declare; the file names both
in ``<?xml-model?>`` instructions, as LTAC-Global's own examples do. This site's exports before
that used ``urn:iso:std:iso:30042:ed:3.0``, which those schemas reject; such files still import.

The import checks a file against schema/tbx_basic.rng, written for this project because no
package registry (PyPI, npm, Maven Central, Debian) ships the official schemas and nothing may be
downloaded at run time. It encodes the core structure and the TBX-Basic rules of the DCA
Schematron: the data categories, their picklists and the levels where each may appear.

TBX-Basic has no category for an entry's editorial status, so a TBX file says nothing about
it: the import command gives the status it is told (approved by default) and the public
download holds approved entries only. Files are parsed with lxml without network access,
without loading DTDs and without expanding entities; a file with a DOCTYPE is refused.
"""

import re
from pathlib import Path

from lxml import etree

from dictionary.exchange.csv_format import FileProblem
from dictionary.exchange.records import TermRecord

NS = "urn:iso:std:iso:30042:ed-2"
# What this site wrote before (and some tools still write): read as if it were NS.
OLD_NAMESPACES = ("urn:iso:std:iso:30042:ed:3.0",)
NAMESPACES = (NS, *OLD_NAMESPACES)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_PATH = Path(__file__).with_name("schema") / "tbx_basic.rng"
# The official schemas for TBX-Basic in DCA style: the core structure (RELAX NG) and the
# dialect's rules (Schematron). Validators such as oXygen read them from these instructions.
OFFICIAL_SCHEMAS = (
    (
        "https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng",
        "http://relaxng.org/ns/structure/1.0",
    ),
    (
        "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
        "TBX-Basic_DCA.sch",
        "http://purl.oclc.org/dsdl/schematron",
    ),
)
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
PAGE_SUFFIX = re.compile(r"^(?P<source>.*), p\. (?P<page>[^,]+)$", re.DOTALL)

_schema = None


def schema():
    global _schema
    if _schema is None:
        _schema = etree.RelaxNG(etree.parse(str(SCHEMA_PATH), _parser()))
    return _schema


def _parser():
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


# Writing ----------------------------------------------------------------------------------


def _sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _lang(parent, language):
    section = _sub(parent, "langSec")
    section.set(XML_LANG, language)
    return section


def write(records, title, description):
    root = etree.Element(f"{{{NS}}}tbx", nsmap={None: NS}, type="TBX-Basic", style="dca")
    root.set(XML_LANG, "lv")
    file_desc = _sub(_sub(root, "tbxHeader"), "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", title)
    _sub(_sub(file_desc, "sourceDesc"), "p", description)
    body = _sub(_sub(root, "text"), "body")
    ids = {record.headword: f"c{number}" for number, record in enumerate(records, start=1)}
    for record in records:
        body.append(_concept(record, ids))
    tree = etree.ElementTree(root)
    for href, schematypens in OFFICIAL_SCHEMAS:
        root.addprevious(
            etree.ProcessingInstruction(
                "xml-model",
                f'href="{href}" type="application/xml" schematypens="{schematypens}"',
            )
        )
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _concept(record, ids):
    concept = etree.Element(f"{{{NS}}}conceptEntry", id=ids[record.headword])
    if record.subject_field:
        _sub(concept, "descrip", record.subject_field, type="subjectField")
    for headword in record.related:
        attributes = {"type": "crossReference"}
        if headword in ids:
            attributes["target"] = ids[headword]
        _sub(concept, "ref", headword, **attributes)

    latvian = _lang(concept, "lv")
    if record.definition or record.source:
        group = _sub(latvian, "descripGrp")
        _sub(group, "descrip", record.definition, type="definition")
        if record.source:
            source = record.source
            if record.source_page:
                source = f"{source}, p. {record.source_page}"
            _sub(group, "admin", source, type="source")
    if record.notes:
        _sub(latvian, "note", record.notes)
    term = _sub(latvian, "termSec")
    _sub(term, "term", record.headword)
    if record.part_of_speech:
        _sub(term, "termNote", record.part_of_speech, type="partOfSpeech")
    if record.grammatical_gender:
        _sub(term, "termNote", record.grammatical_gender, type="grammaticalGender")
    _sub(term, "termNote", PREFERRED, type="administrativeStatus")
    for example in record.examples:
        _sub(term, "descrip", example, type="context")
    for synonym in record.synonyms:
        section = _sub(latvian, "termSec")
        _sub(section, "term", synonym)
        _sub(section, "termNote", ADMITTED, type="administrativeStatus")

    # TBX wants at least one term per language section: no equivalent, no English section.
    if record.equivalents:
        english = _lang(concept, "en")
        if record.definition_en:
            _sub(english, "descrip", record.definition_en, type="definition")
        if record.notes_en:
            _sub(english, "note", record.notes_en)
        for position, equivalent in enumerate(record.equivalents):
            section = _sub(english, "termSec")
            _sub(section, "term", equivalent)
            status = PREFERRED if position == 0 else ADMITTED
            _sub(section, "termNote", status, type="administrativeStatus")
    return concept


# Reading ----------------------------------------------------------------------------------


def read(data, default_status):
    """TermRecords from TBX bytes; FileProblem for a file that is not TBX-Basic."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise FileProblem(error.lineno or 1, f"not well-formed XML: {error.msg}") from error
    if root.getroottree().docinfo.doctype:
        raise FileProblem(1, "documents with a DOCTYPE are not accepted")
    namespace = etree.QName(root).namespace
    if etree.QName(root).localname != "tbx" or namespace not in NAMESPACES:
        raise FileProblem(
            root.sourceline or 1,
            "not a TBX v3 file (expected a <tbx> root in the ISO 30042:2019 namespace)",
        )
    if namespace != NS:
        _rename_namespace(root, namespace)
    validator = schema()
    if not validator.validate(root):
        problems = [(entry.line, entry.message) for entry in validator.error_log]
        return [], problems
    return _records(root, default_status)


def _rename_namespace(root, namespace):
    for element in root.iter():
        qname = etree.QName(element)
        if qname.namespace == namespace:
            element.tag = f"{{{NS}}}{qname.localname}"


def _q(tag):
    return f"{{{NS}}}{tag}"


def _text(element):
    """The element's text, each line trimmed (TBX files from other tools wrap long text)."""
    text = "".join(element.itertext()) if element is not None else ""
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines())


def _typed(parent, tag, kind):
    """Children of `parent` of this data category, also inside their …Grp wrappers."""
    found = []
    for child in parent:
        if child.tag == _q(tag) and child.get("type") == kind:
            found.append(child)
        elif child.tag == _q(f"{tag}Grp"):
            found += [c for c in child if c.tag == _q(tag) and c.get("type") == kind]
    return found


def _definition_and_source(section):
    definition, source = "", ""
    for child in section:
        if child.tag == _q("descripGrp"):
            descrip = child.find(_q("descrip"))
            if descrip is not None and descrip.get("type") == "definition":
                definition = definition or _text(descrip)
                admin = [c for c in child if c.tag == _q("admin") and c.get("type") == "source"]
                source = source or (_text(admin[0]) if admin else "")
        elif child.tag == _q("descrip") and child.get("type") == "definition":
            definition = definition or _text(child)
        elif child.tag == _q("admin") and child.get("type") == "source":
            source = source or _text(child)
    return definition, source


def _terms(section):
    """(text, termSec) of a language section, the preferred term first."""
    terms = []
    for term_sec in section.iterchildren(_q("termSec")):
        statuses = [_text(n) for n in _typed(term_sec, "termNote", "administrativeStatus")]
        terms.append((PREFERRED not in statuses, _text(term_sec.find(_q("term"))), term_sec))
    # Stable: the file's order among preferred terms and among the others.
    terms.sort(key=lambda item: item[0])
    return [(text, term_sec) for _not_preferred, text, term_sec in terms if text]


def _language_sections(concept, language):
    return [
        section
        for section in concept.iterchildren(_q("langSec"))
        if (section.get(XML_LANG) or "").lower().split("-")[0] == language
    ]


def _records(root, default_status):
    records, problems = [], []
    concepts = list(root.iter(_q("conceptEntry")))
    headwords = {}
    for concept in concepts:
        latvian = _language_sections(concept, "lv")
        terms = _terms(latvian[0]) if latvian else []
        if terms:
            headwords[concept.get("id")] = terms[0][0]
    for concept in concepts:
        line = concept.sourceline
        latvian = _language_sections(concept, "lv")
        if not latvian:
            problems.append((line, 'the concept has no Latvian (xml:lang="lv") section'))
            continue
        terms = _terms(latvian[0])
        if not terms:
            problems.append((line, "the Latvian section has no term"))
            continue
        headword, preferred = terms[0]
        definition, source = _definition_and_source(latvian[0])
        source_page = ""
        match = PAGE_SUFFIX.match(source)
        if match:
            source, source_page = match["source"], match["page"]
        english = _language_sections(concept, "en")
        definition_en = _definition_and_source(english[0])[0] if english else ""
        fields = _typed(concept, "descrip", "subjectField")
        record = TermRecord(
            line=line,
            headword=headword,
            synonyms=[text for text, _sec in terms[1:]],
            part_of_speech=_first(_typed(preferred, "termNote", "partOfSpeech")),
            grammatical_gender=_first(_typed(preferred, "termNote", "grammaticalGender")),
            examples=[_text(c) for c in _typed(preferred, "descrip", "context")],
            definition=definition,
            definition_en=definition_en,
            notes=_notes(latvian[0]),
            notes_en=_notes(english[0]) if english else "",
            equivalents=[text for text, _sec in _terms(english[0])] if english else [],
            source=source,
            source_page=source_page,
            subject_field=_text(fields[0]) if fields else "",
            related=[
                headwords.get(ref.get("target")) or _text(ref)
                for ref in concept.iterchildren(_q("ref"))
                if ref.get("type") == "crossReference"
            ],
            status=default_status,
        )
        records.append(record.cleaned())
    return records, problems


def _first(elements):
    return _text(elements[0]) if elements else ""


def _notes(section):
    return "\n\n".join(_text(note) for note in section.iterchildren(_q("note")))
