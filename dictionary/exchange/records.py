"""Entries as plain records: what CSV and TBX files hold, validated before anything is saved.

Both formats are read into TermRecords and written from them, so that an exported file imports
back to the same entries whatever the format. An import validates every record first and
writes nothing if one is invalid; each problem names its line in the file.
"""

import unicodedata
from dataclasses import dataclass, field, fields

from django.db import transaction

from dictionary.models import Equivalent, SubjectField, Synonym, Term, TermRelation

APPROVED = "approved"
DRAFT = "draft"
STATUSES = (APPROVED, DRAFT)

MAX_LENGTHS = {
    "headword": 200,
    "source": 255,
    "source_page": 50,
    "subject_field": 100,
}
NAME_LENGTH = 200


def clean_text(value):
    """NFC, no stray spaces: "ģ" typed as g + combining cedilla is the same letter as "ģ"."""
    return unicodedata.normalize("NFC", (value or "").strip())


def clean_name(value):
    return " ".join(clean_text(value).split())


@dataclass
class TermRecord:
    headword: str
    definition: str = ""
    definition_en: str = ""
    equivalents: list = field(default_factory=list)
    synonyms: list = field(default_factory=list)
    part_of_speech: str = ""
    grammatical_gender: str = ""
    notes: str = ""
    notes_en: str = ""
    examples: list = field(default_factory=list)
    source: str = ""
    source_page: str = ""
    subject_field: str = ""
    related: list = field(default_factory=list)
    status: str = APPROVED
    line: int = field(default=0, compare=False)

    def cleaned(self):
        """The record with text normalised the way the model stores it."""
        values = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, list):
                # Unique, in order: a name listed twice is one equivalent, one link.
                value = list(dict.fromkeys(clean_name(v) for v in value if clean_name(v)))
            elif isinstance(value, str):
                value = (
                    clean_name(value)
                    if item.name in ("headword", "subject_field")
                    else clean_text(value)
                )
            values[item.name] = value
        return TermRecord(**values)

    @classmethod
    def from_term(cls, term):
        return cls(
            headword=term.headword,
            definition=term.definition,
            definition_en=term.definition_en,
            equivalents=[e.text for e in term.equivalents.all()],
            synonyms=[s.text for s in term.synonyms.all()],
            part_of_speech=term.part_of_speech,
            grammatical_gender=term.grammatical_gender,
            notes=term.notes,
            notes_en=term.notes_en,
            examples=term.example_list,
            source=term.source,
            source_page=term.source_page,
            subject_field=term.subject_field.name if term.subject_field_id else "",
            related=[link.related.headword for link in term.related_links.all()],
            status=APPROVED if term.live else DRAFT,
        )


def records_for_export(terms):
    """Records of `terms` in Latvian alphabetical order, loaded in a fixed number of queries."""
    terms = (
        terms.select_related("subject_field")
        .prefetch_related("equivalents", "synonyms", "related_links__related")
        .in_latvian_order()
    )
    return [TermRecord.from_term(term) for term in terms]


@dataclass
class Problem:
    line: int
    message: str

    def __str__(self):
        return f"line {self.line}: {self.message}"


def validate(records):
    """Every problem of every record (an empty list when the file can be imported)."""
    problems = []
    first_line = {}
    for record in records:
        headword = record.headword
        if not headword:
            problems.append(Problem(record.line, "the Latvian term (headword) is empty"))
        elif headword in first_line:
            problems.append(
                Problem(
                    record.line,
                    f"“{headword}” is already on line {first_line[headword]}",
                )
            )
        else:
            first_line[headword] = record.line
        if not record.definition:
            problems.append(Problem(record.line, "the definition is empty"))
        if record.status not in STATUSES:
            problems.append(
                Problem(
                    record.line,
                    f"status “{record.status}” is not one of: {', '.join(STATUSES)}",
                )
            )
        if record.part_of_speech and record.part_of_speech not in Term.PartOfSpeech.values:
            problems.append(
                Problem(
                    record.line,
                    f"part of speech “{record.part_of_speech}” is not one of: "
                    + ", ".join(Term.PartOfSpeech.values),
                )
            )
        if record.grammatical_gender and record.grammatical_gender not in Term.Gender.values:
            problems.append(
                Problem(
                    record.line,
                    f"grammatical gender “{record.grammatical_gender}” is not one of: "
                    + ", ".join(Term.Gender.values),
                )
            )
        for name, limit in MAX_LENGTHS.items():
            if len(getattr(record, name)) > limit:
                problems.append(Problem(record.line, f"{name} is longer than {limit} characters"))
        for name in ("equivalents", "synonyms"):
            for value in getattr(record, name):
                if len(value) > NAME_LENGTH:
                    problems.append(
                        Problem(
                            record.line,
                            f"{name}: “{value[:40]}…” is longer than {NAME_LENGTH} characters",
                        )
                    )
        if headword and headword in record.related:
            problems.append(Problem(record.line, "the entry is listed as related to itself"))
    known = set(first_line) | set(
        Term.objects.filter(headword__in={h for r in records for h in r.related}).values_list(
            "headword", flat=True
        )
    )
    for record in records:
        for headword in record.related:
            if headword not in known:
                problems.append(
                    Problem(
                        record.line,
                        f"related term “{headword}” is neither in the file nor in the dictionary",
                    )
                )
    return sorted(problems, key=lambda problem: problem.line)


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    fields_created: list = field(default_factory=list)


def import_records(records, user=None, progress=None):
    """Create or update (by Latvian term) the entries of valid `records`, in one transaction.

    Each changed entry gets a revision: approved ones are published, drafts are left (or made)
    unpublished. Entries that already match their record are not touched. Related terms are
    resolved after every entry of the file exists, so a record may name one further down.
    """
    progress = progress or (lambda iterable, **kwargs: iterable)
    outcome = Outcome()
    with transaction.atomic():
        existing = {
            term.headword: term
            for term in Term.objects.filter(headword__in=[r.headword for r in records])
            .select_related("subject_field")
            .prefetch_related("equivalents", "synonyms", "related_links__related")
        }
        fields_by_name = _subject_fields(records, outcome)
        # Entries new to the dictionary are first saved as drafts with their content, so that
        # links can point at them; each then gets its links, status and one revision below.
        new = set()
        for record in records:
            if record.headword not in existing:
                term = Term(headword=record.headword, live=False)
                _apply_content(term, record, fields_by_name)
                term.save()
                existing[record.headword] = term
                new.add(record.headword)
        targets = dict(existing)
        missing = {h for r in records for h in r.related} - set(targets)
        targets.update({t.headword: t for t in Term.objects.filter(headword__in=missing)})
        for record in progress(records, desc="Importing", unit="entries"):
            term = existing[record.headword]
            if record.headword in new:
                outcome.created += 1
            elif TermRecord.from_term(term) == record:
                outcome.unchanged += 1
                continue
            else:
                _apply_content(term, record, fields_by_name)
                outcome.updated += 1
            term.related_links = [
                TermRelation(related=targets[h], sort_order=i) for i, h in enumerate(record.related)
            ]
            if record.status == APPROVED:
                # As when an editor publishes: the revision holds the content, publishing it
                # writes the entry (and its equivalents, synonyms and links).
                term.save_revision(user=user, log_action=True).publish(user=user)
            else:
                term.save()
                term.save_revision(user=user, log_action=True)
                if term.live:
                    term.unpublish(user=user)
    return outcome


def _subject_fields(records, outcome):
    names = {record.subject_field for record in records if record.subject_field}
    found = {f.name: f for f in SubjectField.objects.filter(name__in=names)}
    for name in sorted(names - set(found)):
        found[name] = SubjectField.objects.create(name=name)
        outcome.fields_created.append(name)
    return found


def _apply_content(term, record, fields_by_name):
    for name in (
        "definition",
        "definition_en",
        "part_of_speech",
        "grammatical_gender",
        "notes",
        "notes_en",
        "source",
        "source_page",
    ):
        setattr(term, name, getattr(record, name))
    term.examples = "\n".join(record.examples)
    term.subject_field = fields_by_name.get(record.subject_field)
    # Programmatic children get no sort order of their own: the file's order is kept.
    term.equivalents = [Equivalent(text=t, sort_order=i) for i, t in enumerate(record.equivalents)]
    term.synonyms = [Synonym(text=t, sort_order=i) for i, t in enumerate(record.synonyms)]
