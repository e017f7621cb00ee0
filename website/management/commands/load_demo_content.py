import os
import secrets
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from sitesearch.indexing import indexing_deferred
from website.demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Build the demo site in Latvian and English from the apps' demo data. "
        "Safe to run again: what exists is left as it is."
    )

    def handle(self, *args, **options):
        modules = [
            import_module(f"{config.name}.demo")
            for config in apps.get_app_configs()
            if module_has_submodule(config.module, "demo")
        ]
        loader = DemoLoader(stdout=self.stdout, style=self.style)
        try:
            # Each page is indexed once, at the end, rather than at each of its saves; the
            # block ends after the commit, so that the pages a topic's save has reindexed at
            # the commit (website.topics) join it rather than being indexed once per topic.
            with indexing_deferred(), transaction.atomic():
                loader.build(modules)
                self._admin_user(loader)
        except BaseException:
            loader.discard_saved_files()
            raise
        if loader.created:
            self.stdout.write(
                self.style.SUCCESS(f"Demo content loaded: {loader.created} new objects.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS("Demo content is already complete: nothing changed.")
            )

    def _admin_user(self, loader):
        user_model = get_user_model()
        if user_model.objects.filter(username="admin").exists():
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser("admin", email="", password=password)
        loader.created += 1
        if generated:
            self.stdout.write(
                self.style.WARNING(f"Created the admin user 'admin' with the password: {password}")
            )
        else:
            self.stdout.write(
                "Created the admin user 'admin' (password from DJANGO_SUPERUSER_PASSWORD)."
            )
