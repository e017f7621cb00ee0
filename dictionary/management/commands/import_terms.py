from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from dictionary.exchange import APPROVED, READERS, STATUSES, format_of, import_records, read_terms
from website.adapters.django_output import raw_stream


class Command(BaseCommand):
    help = (
        "Import dictionary entries from a CSV (UTF-8) or TBX-Basic file. Every entry is checked "
        "first; if any is invalid, each problem is reported with its line and nothing is "
        "imported. Entries are matched by their Latvian term: existing ones are updated (with a "
        "new revision), the others created. See dictionary/exchange/csv_format.py for the CSV "
        "columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .csv or .tbx file")
        parser.add_argument(
            "--format", choices=sorted(READERS), help="the file's format (default: its extension)"
        )
        parser.add_argument(
            "--status",
            choices=STATUSES,
            default=APPROVED,
            help="status of entries whose file does not say (TBX files never do); "
            "default: approved (published)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, import nothing"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        file_format = options["format"] or format_of(path)
        if file_format is None:
            raise CommandError(f"{path}: say --format csv or --format tbx")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error

        records, problems = read_terms(data, file_format, default_status=options["status"])
        if problems:
            for problem in problems:
                self.stderr.write(f"{path}:{problem.line}: {problem.message}")
            raise CommandError(f"{len(problems)} problem(s) in {path}: nothing was imported.")
        if options["dry_run"]:
            self.stdout.write(f"{path}: {len(records)} entries, no problems (dry run).")
            return

        # The bar goes to the terminal only: tqdm turns itself off when stderr is not one.
        def progress(iterable, **kwargs):
            return tqdm(iterable, file=raw_stream(self.stderr), disable=None, **kwargs)

        outcome = import_records(records, progress=progress)
        for name in outcome.fields_created:
            self.stdout.write(f"New subject field: {name} (add its English name in the admin)")
        self.stdout.write(
            self.style.SUCCESS(
                f"{path}: {outcome.created} created, {outcome.updated} updated, "
                f"{outcome.unchanged} unchanged."
            )
        )
