from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dictionary.exchange import FORMATS, export_terms
from dictionary.models import DictionaryPage, Term


class Command(BaseCommand):
    help = (
        "Export the dictionary as CSV (UTF-8; csv: comma-separated, csv-excel: semicolon-"
        "separated for Excel with Latvian regional settings) or TBX-Basic. Approved entries "
        "only, as in the public download, unless --drafts is given (CSV only: TBX-Basic has no "
        "place for an entry's status). The file imports back with import_terms."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(FORMATS), required=True)
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument(
            "--drafts", action="store_true", help="include draft entries (CSV only)"
        )

    def handle(self, *args, **options):
        file_format = options["format"]
        if options["drafts"] and file_format == "tbx":
            raise CommandError("TBX cannot record which entries are drafts: use --format csv.")
        terms = Term.objects.all() if options["drafts"] else Term.objects.approved()
        page = DictionaryPage.objects.filter(locale__language_code="lv").first()
        title = page.full_title if page else "Sociālā darba terminoloģijas vārdnīca"
        _content_type, data = export_terms(terms, file_format, title=title)
        if options["output"]:
            path = Path(options["output"])
            path.write_bytes(data)
            self.stderr.write(f"{path}: {terms.count()} entries.")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
