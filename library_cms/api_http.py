"""HTTP behaviour shared by every API endpoint: caching headers and conditional requests.

Anonymous reads are publicly cacheable for ``API_CACHE_MAX_AGE`` seconds and kept in the API
cache (``base.api_cache``); reads with a bearer token, a preview token or a session are private
and never stored. Every successful read gets an ``ETag``
and a page's detail a ``Last-Modified``; a matching ``If-None-Match`` or ``If-Modified-Since``
gets a 304. A search the database answered (the engine being down) carries
``Search-Fallback: database`` (``search.fallback``).
"""

import json
import re

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _
from wagtail.api.v3.errors import problem_response
from wagtail.models import Page

from base import api_cache
from search.fallback import FALLBACK_HEADER

API_PREFIX = "/api/"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
PAGE_ID = re.compile(r"^/api/v3/pages/([^/]+)/")
PAGE_ACTION = re.compile(r"^/api/v3/pages/(\d+)/actions/")
MAX_JSON_DEPTH = 32  # a page's StreamField body nests a handful of levels
CACHE_HEADER = "X-Cache"
# What the API cache keeps: Wagtail's page, image, document, site, snippet, redirect and schema
# reads, the library's links and support contacts.
CACHED_PATH = re.compile(
    r"^/api/v2/(pages|images|documents)/"
    r"|^/api/v3/(pages|images|documents|sites|snippets|redirects|schema|links|support-contacts)/"
)
PAGE_DETAIL_ROUTES = {"wagtailapi_v2:pages:detail": "pk", "wagtailapi_v3:detail_page": "page_id"}


def note_page(request, page):
    """Note the page a detail view loaded: its ``Last-Modified`` needs no other query."""
    getattr(request, "_request", request).api_page = page


def page_last_modified(request):
    """When the page of a page-detail route was last published (the page its view noted, else
    looked up), or ``None``."""
    match = request.resolver_match
    kwarg = PAGE_DETAIL_ROUTES.get(match.view_name) if match else None
    page_id = match.kwargs.get(kwarg) if kwarg else None
    if not str(page_id or "").isdigit():
        return None
    if (page := getattr(request, "api_page", None)) is not None and page.pk == int(page_id):
        return page.last_published_at
    return Page.objects.filter(pk=page_id).values_list("last_published_at", flat=True).first()


def is_private(request):
    """A read that depends on who asks: a bearer token, a preview token or a session (a
    signed-in editor, a page's password given) may see more than anonymous readers."""
    return (
        "Authorization" in request.headers
        or "token" in request.GET
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    )


def cache_key(request):
    """The API cache's key of an anonymous read of a published representation, or ``None``
    for reads that change with the time or the caller (hours, polls, statistics, previews)
    and the OPAC (its records change without signals, by bulk imports)."""
    if request.method != "GET" or is_private(request) or not CACHED_PATH.match(request.path):
        return None
    key = api_cache.response_key(request)
    bypass = settings.API_CACHE_BYPASS_HEADER
    return key, bool(bypass and bypass in request.headers)


class APICacheMiddleware:
    """Cache-Control, ETag, Last-Modified and 304s for GET and HEAD under ``/api/``; anonymous
    reads of published representations from the API cache (``base.api_cache``), marked
    ``X-Cache: hit`` or ``miss``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX) or request.method not in ("GET", "HEAD"):
            return self.with_fallback_header(request, self.get_response(request))
        with api_cache.serving_request(request):
            return self.read(request)

    def read(self, request):
        key, cold = cache_key(request) or (None, False)
        response = None if cold else api_cache.cached_response(key)
        if response is not None:
            response[CACHE_HEADER] = "hit"
        else:
            response = self.with_fallback_header(request, self.get_response(request))
            if response.status_code != 200 or response.streaming:
                return response
            patch_vary_headers(response, ["Authorization"])
            if is_private(request):
                patch_cache_control(response, private=True, no_store=True)
                return response
            if last_modified := page_last_modified(request):
                response.headers["Last-Modified"] = http_date(last_modified.timestamp())
            set_response_etag(response)
            if key and not getattr(request, "search_fallback", False):
                api_cache.store(key, request, response)
                response[CACHE_HEADER] = "miss"
        patch_vary_headers(response, ["Authorization"])
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        return get_conditional_response(
            request,
            etag=response.headers["ETag"],
            last_modified=parse_http_date_safe(response.headers.get("Last-Modified")),
            response=response,
        )

    @staticmethod
    def with_fallback_header(request, response):
        if getattr(request, "search_fallback", False):
            response[FALLBACK_HEADER] = "database"
        return response


def api_not_found(request, version):
    """Any other path under ``/api/``: a JSON 404 in the format of that API version."""
    detail = _("Không có địa chỉ API này.")
    if version == "v3":
        return problem_response(status=404, detail=detail)
    return JsonResponse({"message": detail}, status=404)


def nesting_depth(value, limit):
    """How deeply ``value`` (parsed JSON) nests arrays and objects, counted without recursion;
    counting stops past ``limit``."""
    deepest, stack = 0, [(value, 0)]
    while stack and deepest <= limit:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth + 1)
            stack.extend((child, depth + 1) for child in item)
    return deepest


def write_refusal(request):
    """Why a v3 write is refused before it reaches Wagtail, or ``None``.

    Wagtail 8.0.1's v3 routers answer these bad writes with a 500: a page id that is not a
    whole number, a JSON body that is not an object or nests deeper than Python's parsers
    recurse (django-ninja reads any body as JSON, whatever its type), and a page action on
    (or towards) the tree's root page, which has no parent.
    """
    if (match := PAGE_ID.match(request.path)) and not match[1].isdigit():
        return _("Mã trang phải là một số nguyên.")
    body = None
    if request.content_type != "multipart/form-data" and request.body:
        try:
            body = json.loads(request.body)
            too_deep = nesting_depth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH
        except RecursionError:
            too_deep = True
        except ValueError:
            return None  # django-ninja answers malformed JSON itself
        if too_deep:
            return _("Nội dung JSON lồng nhau quá sâu (tối đa %(depth)d cấp).") % {
                "depth": MAX_JSON_DEPTH}
        if request.content_type == "application/json" and not isinstance(body, dict):
            return _("Nội dung yêu cầu phải là một đối tượng JSON.")
    if match := PAGE_ACTION.match(request.path):
        page_ids = [match[1], (body or {}).get("destination_id")]
        page_ids = [page_id for page_id in page_ids if str(page_id).isdigit()]
        if Page.objects.filter(pk__in=page_ids, depth=1).exists():
            return _("Không thao tác được với trang gốc của cây trang.")
    return None


class APIWriteGuardMiddleware:
    """A 400 problem+json for the v3 writes of ``write_refusal``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/v3/") and request.method in WRITE_METHODS:
            if message := write_refusal(request):
                return problem_response(status=400, detail=message)
        return self.get_response(request)
