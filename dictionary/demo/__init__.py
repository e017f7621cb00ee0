"""Demo content: the dictionary page (lv + en) and 40 social work terms with their links.

The terms come from the seed's glossary; the definitions (Latvian and English) are written
for the demo and say so on the dictionary page. Entries go through the same validation and
import as `manage.py import_terms`; entries that already exist are left as editors made them.
"""

from pathlib import Path

from django.core.management.base import CommandError

from dictionary.exchange import import_records
from dictionary.exchange.records import APPROVED, TermRecord, validate
from dictionary.models import DictionaryPage, SubjectField, Term

DATA = Path(__file__).with_name("terms.json")


def load(loader):
    data = loader.read_json(DATA, required_keys=("page", "sources", "fields", "terms"))
    loader.step("Dictionary: page, subject fields and 40 entries")
    loader.section(DictionaryPage, data["page"])
    _fields(loader, data["fields"])

    existing = set(Term.objects.values_list("headword", flat=True))
    records = [
        _record(spec, data["sources"], line)
        for line, spec in enumerate(data["terms"], start=1)
        if spec["lv"] not in existing
    ]
    problems = validate(records)
    if problems:
        raise CommandError(f"{DATA}: " + "; ".join(str(problem) for problem in problems))
    if records:
        loader.created += import_records(records).created


def _fields(loader, specs):
    by_name = {}
    for spec in specs:
        field, created = SubjectField.objects.get_or_create(
            name=spec["lv"],
            defaults={"name_en": spec["en"], "parent": by_name.get(spec.get("parent"))},
        )
        by_name[field.name] = field
        loader.created += created


def _record(spec, sources, line):
    return TermRecord(
        line=line,
        headword=spec["lv"],
        equivalents=spec["en"],
        synonyms=spec.get("synonyms", []),
        part_of_speech=spec.get("pos", "noun"),
        grammatical_gender=spec.get("gender", ""),
        definition=spec["definition_lv"],
        definition_en=spec["definition_en"],
        notes=spec.get("notes_lv", ""),
        notes_en=spec.get("notes_en", ""),
        examples=spec.get("examples", []),
        source=sources[spec["source"]] if spec.get("source") else "",
        subject_field=spec.get("field", ""),
        related=spec.get("related", []),
        status=APPROVED,
    ).cleaned()
