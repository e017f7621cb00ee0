"""CSV (UTF-8) import and export of dictionary entries.

The file starts with a header row naming its columns (any order; only `headword` and
`definition` are required; an unknown column is an error, so a typo cannot drop data):

    headword            the Latvian term, nominative (entries are matched and updated by it)
    equivalents         English equivalents, separated by ";", the main one first
    synonyms            Latvian synonyms and spelling variants, separated by ";"
    part_of_speech      noun, adjective, verb, adverb or other (TBX-Basic values)
    grammatical_gender  masculine, feminine or other
    definition          the definition in Latvian
    definition_en       the definition in English
    notes, notes_en     notes in Latvian and in English
    examples            usage examples in Latvian, one per line of the cell
    source              the publication; source_page: its page(s)
    subject_field       the subject field's (Latvian) name; new names create new fields
    related             Latvian terms of related entries, separated by ";"
    status              approved (published) or draft (hidden); if the column is absent,
                        the status given to the command applies

Two forms, both UTF-8 with a byte-order mark (spreadsheet programs need it to recognise UTF-8)
and CRLF line ends: `csv`, separated by commas (RFC 4180, for programs), and `csv-excel`,
separated by semicolons, which Excel opens in columns when Windows has Latvian regional settings
(their list separator is ";", the comma being the decimal separator). No "sep=" line: Excel
ignores the byte-order mark after one. Imports accept either separator (the header row says
which) and files with or without the mark. Line numbers in error messages are lines of the
file (a cell with line breaks spans several).

No cell starts a formula (CSV injection): as OWASP recommends, a cell that starts with =, +, -,
@, a tab or a line break gets a leading apostrophe, which spreadsheets show as text. A cell
that starts with apostrophes followed by one of those characters gets one more apostrophe. The
import takes exactly one apostrophe away from a cell of that form, so that an exported file
imports back to the same entries; in a file typed by hand, "'=x" is read as "=x", and an
apostrophe before anything else ("'s") is the text's own.
"""

import csv
import io
import re

from dictionary.exchange.records import TermRecord

COLUMNS = [
    "headword",
    "equivalents",
    "synonyms",
    "part_of_speech",
    "grammatical_gender",
    "definition",
    "definition_en",
    "notes",
    "notes_en",
    "examples",
    "source",
    "source_page",
    "subject_field",
    "related",
    "status",
]
REQUIRED = ("headword", "definition")
LISTS = ("equivalents", "synonyms", "related")
LIST_SEPARATOR = ";"
SEPARATORS = {"csv": ",", "csv-excel": ";"}
# OWASP's characters that make a spreadsheet read a cell as a formula (and a line feed).
FORMULA_START = "=+\\-@\t\r\n"
NEEDS_APOSTROPHE = re.compile(f"'*[{FORMULA_START}]")
ADDED_APOSTROPHE = re.compile(f"'+[{FORMULA_START}]")


def neutralise(value):
    """The cell as written: an apostrophe before what a spreadsheet would run as a formula."""
    return "'" + value if NEEDS_APOSTROPHE.match(value) else value


def restore(value):
    """The cell as imported: what neutralise() added taken away (the exact inverse)."""
    return value[1:] if ADDED_APOSTROPHE.match(value) else value


class FileProblem(ValueError):
    """The file cannot be read at all; `line` says where."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line


def write(records, separator=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        row = []
        for column in COLUMNS:
            value = getattr(record, column)
            if column in LISTS:
                value = f"{LIST_SEPARATOR} ".join(value)
            elif column == "examples":
                value = "\n".join(value)
            row.append(neutralise(value))
        writer.writerow(row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def read(data, default_status):
    """TermRecords from CSV bytes; FileProblem if the file is not a readable CSV of entries."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileProblem(line, "the file is not UTF-8 text") from error
    first_line = text.partition("\n")[0]
    separator = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise FileProblem(1, "the file is empty")
        header = [name.strip() for name in header]
        unknown = [name for name in header if name not in COLUMNS]
        if unknown:
            raise FileProblem(1, f"unknown column(s): {', '.join(unknown)}")
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise FileProblem(1, f"missing column(s): {', '.join(missing)}")
        duplicated = {name for name in header if header.count(name) > 1}
        if duplicated:
            raise FileProblem(1, f"column(s) named twice: {', '.join(sorted(duplicated))}")
        records, problems = [], []
        line = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                if len(row) != len(header):
                    problems.append((line, f"{len(row)} values for {len(header)} columns"))
                else:
                    records.append(
                        _record(dict(zip(header, row, strict=True)), line, default_status)
                    )
            line = reader.line_num + 1
    except csv.Error as error:
        raise FileProblem(reader.line_num, f"not valid CSV: {error}") from error
    return records, problems


def _record(values, line, default_status):
    fields = {}
    for column, value in values.items():
        value = restore(value)
        if column in LISTS:
            fields[column] = value.split(LIST_SEPARATOR)
        elif column == "examples":
            fields[column] = value.splitlines()
        else:
            fields[column] = value
    if not fields.get("status", "").strip():
        fields["status"] = default_status
    fields["status"] = fields["status"].strip().lower()
    return TermRecord(line=line, **fields).cleaned()
