import csv
import io
import os
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from wagtail.models import Revision

from dictionary.exchange import tbx_format
from dictionary.exchange.records import records_for_export
from dictionary.models import SubjectField, Term, TermRelation
from tests.dictionary.conftest import make_term, relate
from tests.shared import shared_fixture

# No module-wide django_db mark: the tests that use the database ask for `entries`, built once
# for the module (tests/shared.py), and the schema test uses none.

HEADER = "headword,equivalents,synonyms,definition,definition_en,related,status\n"


class Terminal(io.StringIO):
    """A stderr that says it is a terminal, as when an editor runs the command by hand."""

    def isatty(self):
        return True


@shared_fixture
def entries(dictionary):
    field = SubjectField.objects.create(name="Darbs ar klientu", name_en="Work with clients")
    supervision = make_term(
        "supervīzija",
        "Profesionāla atbalsta process; ar supervizoru.",
        equivalents=["supervision", "clinical supervision"],
        synonyms=["supervīzijas process"],
        definition_en="A process of professional support, with a supervisor.",
        notes="Piezīme ar „pēdiņām” un\njaunu rindu.",
        notes_en="A note.",
        examples="Pirmais piemērs.\nOtrais piemērs, ar komatu.",
        source="Sociālā darba vārdnīca",
        source_page="12–14",
        part_of_speech="noun",
        grammatical_gender="feminine",
        subject_field=field,
    )
    supervisor = make_term("supervizors", "Profesionālis, kas vada supervīziju.")
    burnout = make_term(
        "profesionālā izdegšana", "Izsīkums.", equivalents=["burnout"], subject_field=field
    )
    relate(supervision, supervisor, burnout)
    relate(burnout, supervision)
    make_term("melnraksts", "Vēl nav apstiprināts.", approved=False)
    return Term.objects.all()


def snapshot():
    return [
        (record, term.live)
        for record, term in zip(
            records_for_export(Term.objects.all()),
            Term.objects.in_latvian_order(),
            strict=True,
        )
    ]


def counts():
    return {
        "terms": Term.objects.count(),
        "revisions": Revision.objects.count(),
        "relations": TermRelation.objects.count(),
        "fields": SubjectField.objects.count(),
    }


def export(tmp_path, format, *options):
    path = tmp_path / f"export.{format}"
    call_command(
        "export_terms", "--format", format, "--output", str(path), *options, stderr=io.StringIO()
    )
    return path


def import_file(path, *options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_terms", str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_csv_round_trip_with_drafts(entries, tmp_path):
    before = snapshot()
    path = export(tmp_path, "csv", "--drafts")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfheadword,equivalents,synonyms,")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row["headword"] for row in rows] == [
        "melnraksts",
        "profesionālā izdegšana",
        "supervizors",
        "supervīzija",
    ]
    assert rows[3]["equivalents"] == "supervision; clinical supervision"
    assert rows[3]["related"] == "supervizors; profesionālā izdegšana"
    assert rows[0]["status"] == "draft"

    Term.objects.all().delete()
    SubjectField.objects.all().delete()
    output, _ = import_file(path)
    assert "4 created, 0 updated, 0 unchanged" in output
    assert "New subject field: Darbs ar klientu" in output
    assert snapshot() == before
    assert export(tmp_path, "csv", "--drafts").read_bytes() == data
    # Revisions are kept: each imported entry has one, approved ones are published.
    supervision = Term.objects.get(headword="supervīzija")
    assert supervision.revisions.count() == 1
    assert supervision.live and supervision.live_revision_id == supervision.latest_revision_id
    assert not Term.objects.get(headword="melnraksts").live


def test_tbx_round_trip(entries, tmp_path):
    approved = [item for item in snapshot() if item[1]]
    path = export(tmp_path, "tbx")
    data = path.read_bytes()
    document = etree.fromstring(data)
    assert tbx_format.schema().validate(document), tbx_format.schema().error_log
    assert b"melnraksts" not in data  # TBX has no draft status: drafts stay out

    Term.objects.all().delete()
    import_file(path)
    assert snapshot() == approved
    assert export(tmp_path, "tbx").read_bytes() == data


# The namespace of ISO 30042:2019 as the TBX steward's (LTAC-Global's) core RELAX NG schema and
# TBX-Basic DCA Schematron declare it: a file in any other namespace fails both.
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
OFFICIAL_CORE_RNG = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng"
)
OFFICIAL_DCA_SCHEMATRON = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch"
)


def test_the_tbx_export_points_validators_at_the_official_schemas(entries, tmp_path):
    data = export(tmp_path, "tbx").read_bytes()
    document = etree.fromstring(data)
    assert document.tag == f"{{{TBX_NAMESPACE}}}tbx"
    models = [
        dict(etree.fromstring(f"<pi {pi.text}/>").attrib)
        for pi in document.itersiblings(preceding=True)
        if isinstance(pi, etree._ProcessingInstruction) and pi.target == "xml-model"
    ]
    assert list(reversed(models)) == [
        {
            "href": OFFICIAL_CORE_RNG,
            "type": "application/xml",
            "schematypens": "http://relaxng.org/ns/structure/1.0",
        },
        {
            "href": OFFICIAL_DCA_SCHEMATRON,
            "type": "application/xml",
            "schematypens": "http://purl.oclc.org/dsdl/schematron",
        },
    ]


JING = shutil.which("jing")


@pytest.mark.skipif(not JING and not os.environ.get("CI"), reason="jing (Debian) is not installed")
def test_jing_accepts_the_tbx_export(entries, tmp_path):
    """Jing, the reference RELAX NG validator (not lxml, which the import uses), checks the
    export against the site's TBX-Basic schema; see tbx_format for why not the official one."""
    path = export(tmp_path, "tbx")
    result = subprocess.run(
        [JING or "jing", str(tbx_format.SCHEMA_PATH), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert result.returncode == 0 and not errors, result.stdout
    # Jing does fail a file that breaks the schema: the namespace of the site's older exports.
    old = tmp_path / "old.tbx"
    old.write_bytes(path.read_bytes().replace(TBX_NAMESPACE.encode(), OLD_NAMESPACE.encode()))
    result = subprocess.run(
        [JING or "jing", str(tbx_format.SCHEMA_PATH), str(old)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and 'element "tbx" not allowed' in result.stdout


OLD_NAMESPACE = "urn:iso:std:iso:30042:ed:3.0"


def test_files_in_the_namespace_of_older_exports_still_import(entries, tmp_path):
    approved = [item for item in snapshot() if item[1]]
    path = export(tmp_path, "tbx")
    old = tmp_path / "old.tbx"
    old.write_bytes(path.read_bytes().replace(TBX_NAMESPACE.encode(), OLD_NAMESPACE.encode()))
    assert OLD_NAMESPACE.encode() in old.read_bytes()
    Term.objects.all().delete()
    import_file(old)
    assert snapshot() == approved


def test_the_tbx_export_has_the_tbx_basic_structure(entries, tmp_path):
    document = etree.fromstring(export(tmp_path, "tbx").read_bytes())
    ns = {"t": tbx_format.NS}
    assert tbx_format.NS == TBX_NAMESPACE
    assert document.tag == f"{{{tbx_format.NS}}}tbx"
    assert (document.get("type"), document.get("style")) == ("TBX-Basic", "dca")
    concept = document.xpath(
        "//t:conceptEntry[t:langSec/t:termSec/t:term='supervīzija']", namespaces=ns
    )[0]
    assert concept.xpath("t:descrip[@type='subjectField']/text()", namespaces=ns) == [
        "Darbs ar klientu"
    ]
    targets = concept.xpath("t:ref[@type='crossReference']/@target", namespaces=ns)
    assert [
        document.xpath(f"//t:conceptEntry[@id='{t}']//t:term/text()", namespaces=ns)[0]
        for t in targets
    ] == [
        "supervizors",
        "profesionālā izdegšana",
    ]
    latvian = concept.xpath("t:langSec[@xml:lang='lv']", namespaces=ns)[0]
    assert latvian.xpath("t:descripGrp/t:admin[@type='source']/text()", namespaces=ns) == [
        "Sociālā darba vārdnīca, p. 12–14"
    ]
    preferred = latvian.xpath("t:termSec[1]", namespaces=ns)[0]
    assert preferred.xpath("t:termNote/text()", namespaces=ns) == [
        "noun",
        "feminine",
        "preferredTerm-admn-sts",
    ]
    assert preferred.xpath("t:descrip[@type='context']/text()", namespaces=ns) == [
        "Pirmais piemērs.",
        "Otrais piemērs, ar komatu.",
    ]
    english = concept.xpath("t:langSec[@xml:lang='en']/t:termSec/t:term/text()", namespaces=ns)
    assert english == ["supervision", "clinical supervision"]


def test_the_schema_rejects_what_tbx_basic_forbids():
    def validate(body):
        document = etree.fromstring(
            f'<tbx xmlns="{tbx_format.NS}" type="TBX-Basic" style="dca" xml:lang="lv">'
            "<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>"
            f"<text><body>{body}</body></text></tbx>"
        )
        return tbx_format.schema().validate(document)

    term = "<termSec><term>a</term>{}</termSec>"
    good = (
        f'<conceptEntry id="c1"><langSec xml:lang="lv">{term.format("")}</langSec></conceptEntry>'
    )
    assert validate(good)
    bad_value = term.format('<termNote type="partOfSpeech">lietvārds</termNote>')
    assert not validate(
        f'<conceptEntry id="c1"><langSec xml:lang="lv">{bad_value}</langSec></conceptEntry>'
    )
    # subjectField belongs to the concept, not to a term.
    misplaced = term.format('<descrip type="subjectField">x</descrip>')
    assert not validate(
        f'<conceptEntry id="c1"><langSec xml:lang="lv">{misplaced}</langSec></conceptEntry>'
    )
    assert not validate('<conceptEntry id="c1"><langSec xml:lang="lv"></langSec></conceptEntry>')


def test_import_updates_entries_by_their_latvian_term(entries, tmp_path):
    path = tmp_path / "update.csv"
    path.write_text(
        HEADER
        + 'supervīzija,supervision,,"Jauna definīcija.",New definition.,supervizors,approved\n'
        + "sociālais darbs,social work,,Profesionāla darbība.,,,approved\n",
        encoding="utf-8",
    )
    before = Term.objects.get(headword="supervīzija").revisions.count()
    output, _ = import_file(path)
    assert "1 created, 1 updated, 0 unchanged" in output
    supervision = Term.objects.get(headword="supervīzija")
    assert Term.objects.filter(headword="supervīzija").count() == 1
    assert supervision.definition == "Jauna definīcija."
    assert supervision.equivalent_list == ["supervision"]
    assert supervision.revisions.count() == before + 1
    assert supervision.live

    # The same file again changes nothing and makes no revisions.
    revisions = Revision.objects.count()
    output, _ = import_file(path)
    assert "0 created, 0 updated, 2 unchanged" in output
    assert Revision.objects.count() == revisions


def test_a_draft_row_unpublishes_an_approved_entry(entries, tmp_path):
    path = tmp_path / "draft.csv"
    path.write_text(
        HEADER + "supervizors,,,Profesionālis.,,,draft\n",
        encoding="utf-8",
    )
    import_file(path)
    assert not Term.objects.get(headword="supervizors").live


def test_an_invalid_csv_imports_nothing_and_names_every_bad_line(entries, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + "jauns termins,new term,,Laba rinda.,,,approved\n"  # line 2: valid
        + ',,,"Definīcija bez termina.",,,approved\n'  # line 3
        + 'otrs,,,"Definīcija\nar divām rindām.",,,publicēts\n'  # lines 4–5: bad status
        + "jauns termins,,,Atkārtots.,,,approved\n"  # line 6: duplicate
        + "trešais,,,Definīcija.,,nav tāda termina,approved\n"  # line 7: unknown related
        + "ceturtais,,,,,,approved\n"  # line 8: no definition
        + "piektais,,,Definīcija.,,,approved,lieka vērtība\n",  # line 9: one value too many
        encoding="utf-8",
    )
    before = counts()
    err = io.StringIO()
    with pytest.raises(CommandError, match="6 problem"):
        call_command("import_terms", str(path), stdout=io.StringIO(), stderr=err)
    messages = err.getvalue().splitlines()
    assert [message.split(": ")[0] for message in messages] == [
        f"{path}:3",
        f"{path}:4",
        f"{path}:6",
        f"{path}:7",
        f"{path}:8",
        f"{path}:9",
    ]
    assert "headword) is empty" in messages[0]
    assert "“publicēts”" in messages[1]
    assert "already on line 2" in messages[2]
    assert "“nav tāda termina”" in messages[3]
    assert "definition is empty" in messages[4]
    assert "8 values for 7 columns" in messages[5]
    assert counts() == before


def refused(path, line, message):
    """import_terms refuses the file, naming its line and what is wrong, and changes nothing:
    what it wrote to stderr."""
    err = io.StringIO()
    before = counts()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_terms", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith(f"{path}:{line}: ")
    assert message in err.getvalue()
    assert counts() == before
    return err.getvalue()


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"headword,definition,colour\nx,y,z\n", 1, "unknown column(s): colour"),
        (b"equivalents\nx\n", 1, "missing column(s): headword, definition"),
        (b"headword,definition\nsupervizija,ok\n\xff\xfe,bad\n", 3, "not UTF-8"),
        (b"", 1, "empty"),
        (b'headword,definition\n"unclosed,quote\n', 2, "not valid CSV"),
    ],
)
def test_unreadable_csv_files_are_reported_with_their_line(
    entries, tmp_path, content, line, message
):
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    refused(path, line, message)


def _tbx(body):
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<tbx xmlns="{tbx_format.NS}" type="TBX-Basic" style="dca" xml:lang="lv">\n'
        "<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>\n"
        f"<text><body>\n{body}\n</body></text>\n</tbx>\n"
    ).encode()


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"<tbx><unclosed></tbx>", 1, "not well-formed XML"),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY lol "lol">]>\n<tbx>&lol;</tbx>',
            1,
            "DOCTYPE",
        ),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b'\n<tbx xmlns="urn:iso:std:iso:30042:ed-2">&xxe;</tbx>',
            1,
            "DOCTYPE",
        ),
        (b'<martif type="TBX"><text/></martif>', 1, "not a TBX v3 file"),
        (
            _tbx(
                '<conceptEntry id="c1"><langSec xml:lang="lv"><termSec><term>a</term>'
                '<termNote type="partOfSpeech">lietvārds</termNote></termSec></langSec>'
                "</conceptEntry>"
            ),
            5,
            "Element termSec has extra content: termNote",
        ),
        (
            _tbx(
                '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>care</term>'
                "</termSec></langSec></conceptEntry>"
            ),
            5,
            "no Latvian",
        ),
    ],
)
def test_invalid_tbx_files_import_nothing(entries, tmp_path, content, line, message):
    path = tmp_path / "broken.tbx"
    path.write_bytes(content)
    assert "root:" not in refused(path, line, message)


def test_dry_run_and_a_progress_bar_on_a_terminal(entries, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text(HEADER + "aprūpe,care,,Palīdzība.,,,approved\n", encoding="utf-8")
    before = counts()
    output, _ = import_file(path, "--dry-run")
    assert "1 entries, no problems (dry run)" in output
    assert counts() == before

    terminal = Terminal()
    call_command("import_terms", str(path), stdout=io.StringIO(), stderr=terminal)
    assert "Importing: 100%" in terminal.getvalue()
    assert "1/1" in terminal.getvalue()
    assert Term.objects.filter(headword="aprūpe").exists()


def test_export_to_standard_output_and_tbx_drafts_refused(entries):
    out = io.StringIO()
    call_command("export_terms", "--format", "csv", stdout=out)
    assert out.getvalue().startswith("\ufeffheadword,")
    assert "melnraksts" not in out.getvalue()
    with pytest.raises(CommandError, match="TBX cannot record"):
        call_command("export_terms", "--format", "tbx", "--drafts")


def test_the_public_downloads(client, entries):
    response = client.get("/lv/vardnica/lejupielade/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="vardnica.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["headword"] for row in rows] == [
        "profesionālā izdegšana",
        "supervizors",
        "supervīzija",
    ]
    tbx = client.get("/en/dictionary/download/tbx/")
    assert tbx["Content-Disposition"] == 'attachment; filename="dictionary.tbx"'
    document = etree.fromstring(tbx.content)
    assert tbx_format.schema().validate(document)
    assert document.findtext(f".//{{{tbx_format.NS}}}title") == "Dictionary"
    assert client.get("/lv/vardnica/lejupielade/pdf/").status_code == 404


def test_downloads_are_made_once_until_an_entry_changes(
    client, entries, django_capture_on_commit_callbacks
):
    first = client.get("/lv/vardnica/lejupielade/csv/").content
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/lv/vardnica/lejupielade/csv/").content == first
    assert not [q for q in captured if "dictionary_term" in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        term = Term.objects.get(headword="supervizors")
        term.definition = "Jauna definīcija."
        term.save_revision().publish()
    assert "Jauna definīcija." in client.get("/lv/vardnica/lejupielade/csv/").content.decode()


def test_letter_counts_follow_the_entries(client, entries, django_capture_on_commit_callbacks):
    assert "A: šķirkļu nav" in client.get("/lv/vardnica/").text
    with django_capture_on_commit_callbacks(execute=True):
        make_term("aprūpe", "Palīdzība.")
    assert "A: 1 šķirklis" in client.get("/lv/vardnica/").text
