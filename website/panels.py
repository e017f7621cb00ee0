"""Labels for "add" buttons written whole, so that Latvian can put the noun in its case.

Wagtail builds "Add %(label)s" from an InlinePanel's label and "Add %(model_name)s" from a
snippet's verbose name: in Latvian the noun must then stand in the accusative ("Pievienot
atbilsmi"), but the label is in the nominative, as it is used in headings ("Atbilsme 1"), so a
translation of the pattern can only produce "Pievienot atbilsme". The project's panels and
snippet views therefore name their add buttons in full (add_label, add_item_label), and each
phrase is translated as a whole (snippet views: website.snippet_views).
"""

from wagtail.admin.panels import InlinePanel as WagtailInlinePanel


class InlinePanel(WagtailInlinePanel):
    """Wagtail's InlinePanel with `add_label`, the whole text of its "add" button."""

    def __init__(self, *args, add_label=None, **kwargs):
        self.add_label = add_label
        super().__init__(*args, **kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(WagtailInlinePanel.BoundPanel):
        template_name = "website/panels/inline_panel.html"
