import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# Rebuilt from the rest after a restore, or transient: not worth a backup. Content types and
# permissions are kept with their ids, so the restored database is an exact copy (natural keys
# cannot serialise the audit log of deleted pages, which Wagtail keeps without a foreign key).
TYPES = ["contenttypes", "auth.permission"]
EXCLUDED = [
    *TYPES,
    "sessions",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtailcore.referenceindex",
    "wagtailadmin.editingsession",
    "wagtailimages.rendition",
    "website.customrendition",
]


def excluded_labels():
    """EXCLUDED, less the models this database does not have (dumpdata refuses unknown ones):
    the SQLite full-text index model exists only on SQLite."""
    labels = []
    for label in EXCLUDED:
        try:
            apps.get_model(label) if "." in label else apps.get_app_config(label)
        except LookupError:
            continue
        labels.append(label)
    return labels


class Command(BaseCommand):
    help = (
        "Back up the database (as JSON, any database engine) and the media "
        "folder into a directory. On PostgreSQL in production, pg_dump is the faster "
        "alternative for the database (see README)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", help="where to write types.json.gz, data.json.gz and media.tar.gz"
        )

    def handle(self, directory, **options):
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        data = target / "data.json.gz"
        self.stdout.write(f"Database → {data}")
        # Content types apart: the restore loads them first, before any other row's save
        # could create one with another id.
        call_command("dumpdata", *TYPES, output=str(target / "types.json.gz"), verbosity=0)
        call_command("dumpdata", exclude=excluded_labels(), output=str(data), verbosity=0)
        media_root = Path(settings.MEDIA_ROOT)
        # Any other storage (S3: it has a path() that raises) would leave the archive empty.
        if not isinstance(default_storage, FileSystemStorage):
            raise CommandError("Media are not on a local disk: back up the bucket instead.")
        archive = target / "media.tar.gz"
        self.stdout.write(f"Media {media_root} → {archive}")
        with tarfile.open(archive, "w:gz") as tar:
            if media_root.exists():
                for path in sorted(media_root.rglob("*")):
                    relative = path.relative_to(media_root)
                    # images/ holds renditions, regenerated on demand; originals are elsewhere.
                    if path.is_file() and relative.parts[0] != "images":
                        tar.add(path, arcname=str(relative))
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
