"""Restore a backup made by backup_site: all of it, or nothing.

The backup is read whole before anything is touched: both database files must be readable
fixtures of models this site has, and the media archive a readable tar whose members stay
inside the media folder (extracted into a staging folder beside it). The database is then
emptied and loaded in one transaction, constraints checked before it commits: a broken row
rolls everything back to the site as it was. Only then are the staged media files moved in,
the search and reference indexes rebuilt and every cache dropped.
"""

import gzip
import json
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.core.management.sql import sql_flush
from django.db import DatabaseError, connection, transaction
from wagtail.models import Page

from website import cache


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into a migrated database: all of it, or nothing. "
        "Everything in the database is replaced; refuses a database that holds pages unless "
        "--replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="the directory backup_site wrote")
        parser.add_argument(
            "--replace", action="store_true", help="replace a database that already has content"
        )

    def handle(self, directory, replace=False, **options):
        source = Path(directory)
        types = source / "types.json.gz"
        data = source / "data.json.gz"
        media = source / "media.tar.gz"
        for required in (types, data):
            if not required.exists():
                raise CommandError(f"No database backup at {required}")
        # Only Wagtail's root and welcome page come with a migrated, empty database.
        if Page.objects.filter(depth__gt=2).exists() and not replace:
            raise CommandError("The database has content; use --replace to overwrite it.")

        self.stdout.write(f"Checking {types} and {data}")
        for fixture in (types, data):
            check_fixture(fixture)
        media_root = Path(settings.MEDIA_ROOT)
        staging = None
        try:
            if media.exists():
                self.stdout.write(f"Unpacking {media} beside {media_root}")
                staging = unpack_media(media, media_root)
            self.stdout.write("Replacing the database")
            replace_database(types, data)
        except BaseException:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
            raise

        if staging is not None:
            self.stdout.write(f"Media → {media_root}")
            move_into(staging, media_root)
        self.stdout.write("Rebuilding the search and reference indexes")
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        cache.content_changed()
        self.stdout.write(self.style.SUCCESS("Restore complete"))


def check_fixture(path):
    """Raise CommandError unless `path` is a gzipped JSON list of rows of this site's models."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            rows = json.load(stream)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as error:
        raise CommandError(
            f"The backup file {path} cannot be read ({error}). Nothing was changed."
        ) from None
    if not isinstance(rows, list):
        raise CommandError(f"The backup file {path} cannot be read: not a list of rows.")
    for number, row in enumerate(rows, 1):
        label = row.get("model") if isinstance(row, dict) else None
        try:
            apps.get_model(label)
        except (LookupError, ValueError, TypeError):
            raise CommandError(
                f"The backup file {path} cannot be read: row {number} is of an unknown model "
                f"{label!r}. Nothing was changed."
            ) from None
        if not isinstance(row.get("fields"), dict):
            raise CommandError(
                f"The backup file {path} cannot be read: row {number} has no fields. "
                "Nothing was changed."
            )


def unpack_media(archive, media_root):
    """The archive's files in a new folder beside the media folder (same disk: moved later)."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root.parent))
    try:
        with tarfile.open(archive) as tar:
            tar.extractall(staging, filter="data")
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise CommandError(
            f"The media archive {archive} cannot be read ({error}). Nothing was changed."
        ) from None
    return staging


def replace_database(types, data):
    """Empty every table and load the backup, in one transaction that a broken row rolls back."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    try:
        with transaction.atomic():
            # Rows changed earlier in an enclosing transaction leave deferred constraint checks
            # pending, which PostgreSQL's TRUNCATE refuses: run them now.
            connection.check_constraints()
            connection.ops.execute_sql_flush(
                sql_flush(no_style(), connection, reset_sequences=True, allow_cascade=False)
            )
            # Content types and permissions first, with the ids everything else refers to.
            call_command("loaddata", str(types), verbosity=0)
            call_command("loaddata", str(data), verbosity=0)
            # loaddata checks the rows it wrote; constraints deferred to the commit are
            # checked here too, while a failure can still roll everything back.
            connection.check_constraints(table_names=tables)
    except (DatabaseError, ValueError, LookupError) as error:
        raise CommandError(
            f"The backup could not be restored, and the database is as it was: {error}"
        ) from None
    finally:
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()


def move_into(staging, media_root):
    media_root.mkdir(parents=True, exist_ok=True)
    for path in sorted(staging.rglob("*")):
        if path.is_file():
            target = media_root / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
    shutil.rmtree(staging, ignore_errors=True)
