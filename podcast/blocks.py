"""Blocks for an episode's chapters."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError

from podcast.media import format_timestamp, parse_timestamp


def validate_timestamp(value):
    try:
        parse_timestamp(value)
    except ValueError as error:
        raise ValidationError(
            _("Write the time as minutes:seconds (12:05) or hours:minutes:seconds (1:02:05)."),
            code="timestamp",
        ) from error


class TimestampBlock(blocks.FieldBlock):
    """A moment in the recording, typed as M:SS or H:MM:SS and stored as whole seconds.

    Not a CharBlock on purpose: translation tools would offer the time as text to translate.
    """

    def __init__(self, required=True, help_text=None, **kwargs):
        self.field = forms.CharField(
            required=required,
            help_text=help_text,
            max_length=10,
            validators=[validate_timestamp],
            widget=forms.TextInput(attrs={"placeholder": "12:05", "inputmode": "numeric"}),
        )
        super().__init__(**kwargs)

    def value_for_form(self, value):
        if value is None:
            return ""
        return value if isinstance(value, str) else format_timestamp(value)

    def value_from_form(self, value):
        if not value:
            return None
        try:
            return parse_timestamp(value)
        except ValueError:
            # Kept as typed, so that clean() reports it and the editor sees what they wrote.
            return value

    def to_python(self, value):
        return None if value in (None, "") else int(value)

    class Meta:
        icon = "time"


class ChapterBlock(blocks.StructBlock):
    start = TimestampBlock(label=_("Starts at"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.URLBlock(
        label=_("Link"),
        required=False,
        help_text=_("A page about what this chapter talks about (optional)."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Chapter")


class ChaptersBlock(blocks.StreamBlock):
    chapter = ChapterBlock()

    def clean(self, value):
        value = super().clean(value)
        starts = [child.value["start"] for child in value]
        if any(later <= earlier for earlier, later in zip(starts, starts[1:], strict=False)):
            raise StreamBlockValidationError(
                non_block_errors=ErrorList(
                    [_("List the chapters in the order they are heard, each starting later.")]
                )
            )
        return value
