"""The programme of an event: time slots, optionally grouped under day headings."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ProgrammeSlotBlock(blocks.StructBlock):
    start_time = blocks.TimeBlock(label=_("Starts"))
    end_time = blocks.TimeBlock(label=_("Ends"), required=False)
    title = blocks.CharBlock(label=_("Title"))
    # Free text rather than a chooser: programmes name people who are not in the People list
    # ("Welcome: Ministry of Welfare", "Panel of municipal social workers").
    speakers = blocks.CharBlock(
        label=_("Speakers"),
        required=False,
        help_text=_("As they should appear, e.g. “Anna Bērziņa, Ministry of Welfare”."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "time"
        label = _("Time slot")


class ProgrammeBlock(blocks.StreamBlock):
    day = blocks.DateBlock(
        label=_("Day"),
        help_text=_("For events of several days: the slots below it belong to this day."),
    )
    slot = ProgrammeSlotBlock()

    class Meta:
        label = _("Programme")


def programme_days(programme):
    """The programme as [(day or None, [slot values])], the way the page shows it."""
    days = []
    for block in programme or []:
        if block.block_type == "day":
            days.append((block.value, []))
        else:
            if not days:
                days.append((None, []))
            days[-1][1].append(block.value)
    return [(day, slots) for day, slots in days if slots]
