"""Blocks of the project pages: activities and figures."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from website.blocks import RICH_TEXT_FEATURES


class ActivityBlock(blocks.StructBlock):
    title = blocks.TextBlock(label=_("Activity"))
    summary = blocks.TextBlock(label=_("Summary"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Activity")


class ActivitiesBlock(blocks.StreamBlock):
    """Activities in order; a heading or a paragraph may introduce a group of them."""

    heading = blocks.CharBlock(label=_("Heading"), icon="title")
    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    activity = ActivityBlock()

    class Meta:
        label = _("Activities")


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(
        label=_("Figure"),
        required=False,
        max_length=20,
        help_text=_("The number to show large, e.g. 12 or 5409. May be left empty."),
    )
    text = blocks.TextBlock(label=_("What it is"))

    class Meta:
        icon = "order"
        label = _("Figure")


class FiguresBlock(blocks.StreamBlock):
    figure = FigureBlock()

    class Meta:
        label = _("Figures")
