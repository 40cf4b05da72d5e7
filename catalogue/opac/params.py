"""What a reader asks the OPAC, read and checked from a query string (HTML form or API)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from search.analysis import clean_query

SORTS = ("relevance", "year_desc", "year_asc", "title", "author")
TEXT_FIELDS = ("q", "title", "author", "subject", "isbn", "call_number", "publisher")
LIST_FIELDS = ("language", "type", "branch")
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_RESULT_WINDOW = 10_000
MIN_YEAR, MAX_YEAR = 0, 32767


class InvalidSearch(ValueError):
    """A parameter that cannot be answered; the message tells the reader what to change."""


@dataclass(frozen=True)
class SearchParams:
    """A catalogue search: texts (each may use AND/OR/NOT and "phrases"), limits, sort, page."""

    q: str = ""
    title: str = ""
    author: str = ""
    subject: str = ""
    isbn: str = ""
    call_number: str = ""
    publisher: str = ""
    language: tuple = ()
    type: tuple = ()
    branch: tuple = ()
    year_from: int | None = None
    year_to: int | None = None
    available: bool = False
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def texts(self):
        """The non-empty text fields, ``{name: text}``."""
        return {name: getattr(self, name) for name in TEXT_FIELDS if getattr(self, name)}

    @property
    def has_criteria(self):
        """Whether the reader asked for anything at all."""
        return bool(self.texts or self.language or self.type or self.branch or self.available
                    or self.year_from is not None or self.year_to is not None)

    @property
    def offset(self):
        return (self.page - 1) * self.page_size


def _int(data, name, default=None, low=MIN_YEAR, high=MAX_YEAR):
    value = (data.get(name) or "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise InvalidSearch(_("“%(name)s” phải là một số nguyên.") % {"name": name}) from None
    if not low <= number <= high:
        raise InvalidSearch(_("“%(name)s” phải từ %(low)d đến %(high)d.") % {
            "name": name, "low": low, "high": high,
        })
    return number


def _list(data, name):
    values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name) or ""]
    return tuple(sorted({clean_query(v)[:50] for v in values if clean_query(v)}))


def parse_params(data):
    """Read a ``QueryDict`` (or dict) into :class:`SearchParams`; raise :class:`InvalidSearch`."""
    sort = data.get("sort") or "relevance"
    if sort not in SORTS:
        raise InvalidSearch(_("Cách sắp xếp không hợp lệ; chọn một trong: %(sorts)s.") % {
            "sorts": ", ".join(SORTS),
        })
    page_size = _int(data, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    page = _int(data, "page", 1, 1, 10**9)
    if page * page_size > MAX_RESULT_WINDOW:
        raise InvalidSearch(_("Chỉ xem được %(max)d kết quả đầu tiên; hãy thu hẹp tìm kiếm.") % {
            "max": MAX_RESULT_WINDOW,
        })
    year_from, year_to = _int(data, "year_from"), _int(data, "year_to")
    if year_from is not None and year_to is not None and year_from > year_to:
        year_from, year_to = year_to, year_from
    available = (data.get("available") or "").lower() in {"1", "true", "on", "yes"}
    return SearchParams(
        **{name: clean_query(data.get(name) or "") for name in TEXT_FIELDS},
        **{name: _list(data, name) for name in LIST_FIELDS},
        year_from=year_from, year_to=year_to, available=available, sort=sort, page=page,
        page_size=page_size,
    )
