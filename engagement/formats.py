"""Numbers as Vietnamese readers write them."""

from django.utils.numberformat import format as format_number


def group_digits(value):
    """``12345`` → ``12.345``: thousands grouped with dots (Django's ``vi`` format does not)."""
    return format_number(value, ",", grouping=3, thousand_sep=".", force_grouping=True)
