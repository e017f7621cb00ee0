"""Import and export of dictionary entries as CSV (UTF-8) and TBX-Basic (ISO 30042)."""

from django.utils.translation import gettext as _

from dictionary.exchange import csv_format, tbx_format
from dictionary.exchange.csv_format import FileProblem
from dictionary.exchange.records import (
    APPROVED,
    DRAFT,
    STATUSES,
    Problem,
    import_records,
    records_for_export,
    validate,
)

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    # The same CSV separated by semicolons, for Excel with Latvian regional settings.
    "csv-excel": "text/csv; charset=utf-8",
    "tbx": "application/x-tbx+xml; charset=utf-8",
}
# File name endings: "vardnica.csv", "vardnica-excel.csv", "vardnica.tbx".
FILE_SUFFIXES = {"csv": ".csv", "csv-excel": "-excel.csv", "tbx": ".tbx"}
READERS = {"csv": csv_format.read, "csv-excel": csv_format.read, "tbx": tbx_format.read}

__all__ = [
    "APPROVED",
    "DRAFT",
    "FILE_SUFFIXES",
    "FORMATS",
    "STATUSES",
    "FileProblem",
    "READERS",
    "Problem",
    "export_terms",
    "format_of",
    "import_records",
    "read_terms",
]


def export_terms(terms, format, title):
    """(content type, bytes) of `terms` in the format."""
    records = records_for_export(terms)
    if format in csv_format.SEPARATORS:
        data = csv_format.write(records, separator=csv_format.SEPARATORS[format])
    else:
        description = _("Social Work Portal, Ministry of Welfare of the Republic of Latvia")
        data = tbx_format.write(records, title=title, description=description)
    return FORMATS[format], data


def format_of(path):
    suffix = str(path).rsplit(".", 1)[-1].lower()
    return suffix if suffix in READERS else None


def read_terms(data, format, default_status=APPROVED):
    """(records, problems) of a file; problems are Problems with line numbers, sorted.

    Nothing is written: a file with any problem must not be imported.
    """
    try:
        records, file_problems = READERS[format](data, default_status)
    except FileProblem as problem:
        return [], [Problem(problem.line, str(problem))]
    problems = [Problem(line, message) for line, message in file_problems]
    problems += validate(records)
    return records, sorted(problems, key=lambda problem: problem.line)
