import tarfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into a migrated database. Everything in the "
        "database is replaced; refuses a database that holds pages unless --replace is given."
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

        self.stdout.write("Emptying the database")
        call_command("flush", interactive=False, verbosity=0)
        # flush re-creates content types and permissions with new ids; the backup's own rows,
        # with the ids everything else refers to, replace them.
        with transaction.atomic():
            Permission.objects.all().delete()
            ContentType.objects.all().delete()
            ContentType.objects.clear_cache()
            self.stdout.write(f"Loading {types} and {data}")
            call_command("loaddata", str(types), verbosity=0)
            call_command("loaddata", str(data), verbosity=0)
        ContentType.objects.clear_cache()

        if media.exists():
            media_root = Path(settings.MEDIA_ROOT)
            media_root.mkdir(parents=True, exist_ok=True)
            self.stdout.write(f"Media → {media_root}")
            with tarfile.open(media) as tar:
                tar.extractall(media_root, filter="data")

        self.stdout.write("Rebuilding the search and reference indexes")
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Restore complete"))
