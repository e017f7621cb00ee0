"""The periodical's fixed lists (the sections of an issue, the seasons) and the ISSN rule.

`validate_issn` is a validator of PeriodicalPage's fields; migrations name it as
periodical.models.validate_issn, where it is imported.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

ISSN_RE = re.compile(r"^\d{4}-\d{3}[\dX]$", re.IGNORECASE)


def validate_issn(value):
    """An ISSN as printed: NNNN-NNNC, where C is the ISO 3297 check digit (0–9 or X)."""
    if not ISSN_RE.match(value):
        raise ValidationError(
            _("Write the ISSN as two groups of four characters, e.g. 0317-8471."), code="format"
        )
    digits = value.replace("-", "").upper()
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:7], range(8, 1, -1), strict=True)
    )
    check = (11 - total % 11) % 11
    if digits[7] != ("X" if check == 10 else str(check)):
        raise ValidationError(
            _("The check digit of this ISSN is wrong: compare it with the printed issue."),
            code="check_digit",
        )


class Section(models.TextChoices):
    """The three parts of every issue, in the order the table of contents shows them."""

    THEORY = "theory", _("Theory")
    PRACTICE = "practice", _("Practice")
    NEWS = "news", _("News from the sector")


SECTION_ORDER = {value: position for position, value in enumerate(Section.values)}


class Season(models.TextChoices):
    SPRING = "spring", _("Spring")
    SUMMER = "summer", _("Summer")
    AUTUMN = "autumn", _("Autumn")
    WINTER = "winter", _("Winter")
