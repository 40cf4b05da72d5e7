"""The portal's "Bình chọn" and "Thống kê truy cập" widgets as inclusion tags."""

from django import template

from engagement import formats
from engagement.widgets import featured_poll, poll_context, statistics_context

register = template.Library()


@register.inclusion_tag("engagement/widgets/poll.html", takes_context=True)
def poll_widget(context):
    """"Bình chọn": the featured poll's form, or its results once the reader has voted."""
    return {
        **poll_context(context["request"], featured_poll()),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("engagement/widgets/statistics.html")
def visit_statistics():
    """"Thống kê truy cập": online now, today, this month, total."""
    return statistics_context()


register.filter("group_digits", formats.group_digits)
