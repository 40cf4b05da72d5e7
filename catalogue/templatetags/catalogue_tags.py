"""The catalogue's portal widget: "Sách mới", the newest records that have a cover."""

from django import template
from django.db.models import Q

from catalogue.models import Record

register = template.Library()

NEW_BOOKS_COUNT = 8


def newest_with_covers(limit=NEW_BOOKS_COUNT):
    """The newest visible records (by id, an index scan from the end) with an uploaded or linked
    cover."""
    return list(
        Record.objects.visible().filter(Q(cover__isnull=False) | ~Q(cover_url=""))
        .select_related("cover").order_by("-pk")[:limit]
    )


@register.inclusion_tag("catalogue/widgets/new_books.html")
def new_books(limit=NEW_BOOKS_COUNT):
    """"Sách mới": covers, titles and authors of the newest records, linked to the OPAC."""
    return {"widget_id": "new-books", "records": newest_with_covers(limit)}
