"""Wagtail's update_index, and then every cache dropped: search pages and result cards show
what the rebuilt index finds (website.cache)."""

from modelsearch.management.commands.rebuild_modelsearch_index import Command as RebuildCommand

from website.cache import content_changed


class Command(RebuildCommand):
    def handle(self, **options):
        super().handle(**options)
        content_changed()
