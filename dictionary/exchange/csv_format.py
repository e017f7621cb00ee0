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

Exports are written with a byte-order mark, which spreadsheet programs need to recognise
UTF-8; imports accept files with or without it. Line numbers in error messages are lines of
the file (a cell with line breaks spans several).
"""

import csv
import io

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


class FileProblem(ValueError):
    """The file cannot be read at all; `line` says where."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line


def write(records):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        row = []
        for column in COLUMNS:
            value = getattr(record, column)
            if column in LISTS:
                value = f"{LIST_SEPARATOR} ".join(value)
            elif column == "examples":
                value = "\n".join(value)
            row.append(value)
        writer.writerow(row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def read(data, default_status):
    """TermRecords from CSV bytes; FileProblem if the file is not a readable CSV of entries."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileProblem(line, "the file is not UTF-8 text") from error
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
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
