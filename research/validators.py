"""ISBN checks: a mistyped ISBN in a catalogue record sends readers to the wrong book."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_isbn(value):
    """The ISBN without hyphens and spaces, with an upper-case check character."""
    return "".join(ch for ch in value if ch not in "- ").upper()


def isbn_is_valid(value):
    digits = normalise_isbn(value)
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
        return total % 10 == 0
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        values = [int(d) for d in digits[:9]] + [10 if digits[9] == "X" else int(digits[9])]
        return sum(v * (10 - i) for i, v in enumerate(values)) % 11 == 0
    return False


def validate_isbn(value):
    if value and not isbn_is_valid(value):
        raise ValidationError(
            _("“%(value)s” is not a valid ISBN-10 or ISBN-13: check the digits."),
            code="invalid_isbn",
            params={"value": value},
        )
