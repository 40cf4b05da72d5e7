"""The library's own public page outside the page tree: the full service hours."""

from django.template.response import TemplateResponse

from library.templatetags.library_tags import hours_context

YEAR = 366


def hours_page(request):
    """``/lich-phuc-vu/``: open now, the week's hours and the closures of the coming year."""
    return TemplateResponse(request, "library/hours_page.html", hours_context(days=YEAR))
