from django import template

from website import numbers

register = template.Library()


@register.filter
def quantity(value):
    """A count or quantity in the reader's language: {{ total|quantity }} → "3 099" / "3,099"."""
    return numbers.quantity(value)
