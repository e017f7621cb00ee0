"""The project's base for snippet views: Wagtail's, with the "add" button named in full.

See website.panels for why: Wagtail's "Add %(model_name)s" cannot put a Latvian noun in its
case, so each view says its own "add" label (add_item_label), translated whole.
"""

from wagtail.snippets.views.snippets import SnippetViewSet as WagtailSnippetViewSet


class SnippetViewSet(WagtailSnippetViewSet):
    """Wagtail's SnippetViewSet with `add_item_label`, the whole text of the "add" button."""

    add_item_label = None

    def get_index_view_kwargs(self, **kwargs):
        if self.add_item_label:
            kwargs.setdefault("add_item_label", self.add_item_label)
        return super().get_index_view_kwargs(**kwargs)
