"""Blocks of the campaign's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from website.blocks import VideoBlock


class CommitmentBlock(blocks.StructBlock):
    """One of the memorandum's commitments: a short heading and what it means."""

    title = blocks.CharBlock(label=_("Commitment"))
    text = blocks.TextBlock(label=_("Explanation"), required=False)

    class Meta:
        icon = "tick"
        label = _("Commitment")


class VideoStoriesBlock(blocks.StreamBlock):
    video = VideoBlock()

    class Meta:
        label = _("Video stories")


class CommitmentsBlock(blocks.StreamBlock):
    commitment = CommitmentBlock()

    class Meta:
        label = _("Commitments")
        min_num = 1
