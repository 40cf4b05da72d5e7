"""The OPAC in the headless API: ``/api/v3/opac/search``, ``/records/{id}``, ``/autocomplete``."""

from ninja import Router, Schema, Status

from base.renditions import renditions_or_none
from catalogue.models import Record
from catalogue.opac.params import InvalidSearch, parse_params
from catalogue.opac.search import autocomplete as autocomplete_titles
from catalogue.opac.search import search as run_search

router = Router(tags=["opac"])
COVER_RENDITION = "max-240x340"


class FacetValue(Schema):
    value: str | int | bool
    count: int


class SearchHit(Schema):
    id: int
    title: str
    subtitle: str
    authors: list[str]
    year: int | None
    isbns: list[str]
    available: bool
    language: str
    material_type: str
    cover_url: str
    highlight: dict[str, list[str]]


class SearchResponse(Schema):
    total: int
    page: int
    page_size: int
    pages: int
    fallback: bool
    suggestion: str
    results: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    partial: bool
    partial_results: list[SearchHit]


class Author(Schema):
    name: str
    role: str
    main: bool


class Holding(Schema):
    barcode: str
    branch: str
    location: str
    call_number: str
    status: str
    due_date: str | None


class Link(Schema):
    url: str
    label: str


class RecordOut(Schema):
    id: int
    control_number: str
    title: str
    subtitle: str
    responsibility: str
    authors: list[Author]
    subjects: list[str]
    isbns: list[str]
    issns: list[str]
    publisher: str
    place: str
    year: int | None
    edition: str
    language: str
    physical_description: str
    series: str
    summary: str
    notes: list[str]
    classification: str
    call_number: str
    material_type: str
    url: str
    cover_url: str
    links: list[Link]
    holdings: list[Holding]


class Suggestion(Schema):
    id: int
    title: str
    authors: list[str]
    year: int | None


class AutocompleteResponse(Schema):
    results: list[Suggestion]
    fallback: bool


class Message(Schema):
    message: str


@router.get("/search", response={200: SearchResponse, 400: Message})
def search(request):
    """Search the catalogue. Parameters as in the OPAC: q, title, author, subject, isbn,
    call_number, publisher, language, type, branch (repeatable), year_from, year_to,
    available, sort (relevance, year_desc, year_asc, title, author), page, page_size (≤ 100).

    Words match in any accepted spelling (kĩ/kỹ, hoà/hòa), with or without diacritics.
    ``results`` have every word; when fewer than 3 records do, ``partial`` is true and
    ``partial_results`` lists records with some of the words (the most first, first page only).
    """
    try:
        params = parse_params(request.GET)
    except InvalidSearch as error:
        return Status(400, {"message": str(error)})
    result = run_search(params)
    return {
        "total": result.total, "page": params.page, "page_size": params.page_size,
        "pages": result.pages, "fallback": result.fallback, "suggestion": result.suggestion,
        "results": [hit_out(request, hit) for hit in result.hits],
        "facets": {
            name: [{"value": value, "count": count} for value, count in buckets]
            for name, buckets in result.facets.items()
        },
        "partial": result.partial,
        "partial_results": [hit_out(request, hit) for hit in result.partial_hits],
    }


def hit_out(request, hit):
    """A hit as the API gives it (the cover as a full URL)."""
    return {**hit.__dict__, "cover_url": absolute(request, hit.cover)}


@router.get("/records/{record_id}", response={200: RecordOut, 404: Message})
def record(request, record_id: int):
    """One record with its holdings and their live status; ``cover_url`` is the uploaded cover
    (a rendition) or else the cover image of its MARC 856, ``""`` when it has none."""
    found = (Record.objects.visible().select_related("cover").prefetch_related("holdings")
             .filter(pk=record_id).first())
    if found is None:
        return Status(404, {"message": "Không có biểu ghi này."})
    data = {name: getattr(found, name) for name in RecordOut.model_fields
            if name not in {"url", "cover_url", "links", "holdings"}}
    data["url"] = request.build_absolute_uri(found.get_absolute_url())
    data["cover_url"] = cover_address(request, found)
    data["links"] = found.web_links
    data["holdings"] = [
        {"barcode": h.barcode, "branch": h.branch, "location": h.location,
         "call_number": h.call_number, "status": h.status,
         "due_date": h.due_date.isoformat() if h.due_date else None}
        for h in found.holdings.all()
    ]
    return data


def absolute(request, address):
    """A media path (``/media/…``) as a full URL; web addresses and ``""`` as they are."""
    return request.build_absolute_uri(address) if address.startswith("/") else address


def cover_address(request, record):
    """The uploaded cover (a rendition, as the record page shows it), else the 856 cover URL."""
    renditions = renditions_or_none(record.cover, COVER_RENDITION) if record.cover else None
    if renditions:
        return request.build_absolute_uri(renditions[COVER_RENDITION].url)
    return record.cover_link


@router.get("/autocomplete", response=AutocompleteResponse)
def autocomplete(request, q: str = ""):
    """Up to 8 titles starting like ``q`` (folded: "sach" → "Sách…"); ``fallback`` is true when
    the database answered because the search engine is down (as in ``/search``)."""
    suggestions = autocomplete_titles(q)
    return {"results": suggestions, "fallback": suggestions.fallback}
