"""Counts and quantities as readers see them: one form in each language.

Latvian groups thousands with a no-break space ("3 099"), English with a comma ("3,099"); a
four-digit number is grouped too, so that "2 603" and "3 099" read alike side by side. Years,
issue and page numbers, phone numbers and IDs are not quantities and are left as they are.
"""

import re

from django.utils import formats

# A figure an editor typed as a whole number, plain ("2603") or already grouped ("3 099",
# "3 099", "3,099"): read as that number. Anything else ("85 %", "6–36") is kept as typed.
WHOLE_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f,]\d{3})+|\d+")


def quantity(value):
    """`value` (an integer, or a figure typed as text) in the active language's form."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        text = value.strip()
        if not WHOLE_NUMBER.fullmatch(text):
            return value
        value = re.sub(r"\D", "", text)
    return formats.number_format(int(value), use_l10n=True, force_grouping=True)
