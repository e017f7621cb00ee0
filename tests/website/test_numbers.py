"""One number format: website.numbers.quantity and its |quantity template filter."""

import pytest
from django.template import Context, Template
from django.utils import translation

from website.filters import listing_option_label
from website.numbers import quantity

CASES = [
    (7, "7", "7"),
    (999, "999", "999"),
    (2603, "2\xa0603", "2,603"),
    (3099, "3\xa0099", "3,099"),
    (1234567, "1\xa0234\xa0567", "1,234,567"),
    # Figures editors type, grouped or not, read as the number they are.
    ("3 099", "3\xa0099", "3,099"),
    ("3\xa0099", "3\xa0099", "3,099"),
    ("2603", "2\xa0603", "2,603"),
    # Anything else is shown as typed.
    ("85 %", "85 %", "85 %"),
    ("6–36", "6–36", "6–36"),
    (None, "", ""),
]


@pytest.mark.parametrize(("value", "latvian", "english"), CASES)
def test_quantity_in_each_language(value, latvian, english):
    with translation.override("lv"):
        assert quantity(value) == latvian
    with translation.override("en"):
        assert quantity(value) == english


def test_the_template_filter_and_the_labels_use_the_same_form():
    template = Template("{% load numbers %}{{ total|quantity }}")
    with translation.override("lv"):
        assert template.render(Context({"total": 3099})) == "3\xa0099"
        assert listing_option_label("Rīga", 1024) == "Rīga (1\xa0024)"
    with translation.override("en"):
        assert template.render(Context({"total": 3099})) == "3,099"
        assert listing_option_label("Riga", 1024) == "Riga (1,024)"
