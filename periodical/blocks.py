"""The reference list of an article: one entry per cited work, in the order the author gives."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ReferenceBlock(blocks.StructBlock):
    text = blocks.TextBlock(
        label=_("Reference"),
        rows=2,
        help_text=_("As the author formatted it, e.g. in APA style."),
    )
    url = blocks.URLBlock(label=_("Address (DOI or URL)"), required=False)

    class Meta:
        icon = "link"
        label = _("Reference")


class ReferenceStreamBlock(blocks.StreamBlock):
    reference = ReferenceBlock()

    class Meta:
        label = _("References")
