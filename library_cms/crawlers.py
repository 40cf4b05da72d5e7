"""What crawlers and browsers ask of the site's root: ``robots.txt``, ``sitemap.xml`` (an index
of the pages' and the catalogue's sitemaps, paged) and ``favicon.ico``.

Every address is the public one: the root URL of Wagtail's Site (``SITE_URL``), not the host
name a proxy handed to Django.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.models import Site

from catalogue.sitemaps import RecordSitemap

# Paths no crawler has business in: the admin, the APIs, searches, the vote form.
DISALLOWED = ["/admin/", "/api/", "/search/", "/binh-chon/", "/opac/?"]


def site_root(request):
    """The public root URL of the request's Wagtail Site (the default site's, failing that)."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    return site.root_url


def sections(request):
    """The sitemap's sections: Wagtail's live public pages, and the catalogue's records."""
    return {"pages": PageSitemap(request), "records": RecordSitemap(site_root(request))}


@cache_control(max_age=3600)
def sitemap_index(request):
    """``/sitemap.xml``: one entry per page of each section's sitemap."""
    root = site_root(request)
    items = []
    for name, section in sections(request).items():
        url = root + reverse("sitemap-section", kwargs={"section": name})
        items.append(SitemapIndexItem(url, section.get_latest_lastmod()))
        items += [SitemapIndexItem(f"{url}?p={number}", None)
                  for number in range(2, section.paginator.num_pages + 1)]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )


@cache_control(max_age=3600)
def sitemap_section(request, section):
    """``/sitemap-<section>.xml?p=<n>``: Django's sitemap view over one section."""
    return sitemap_views.sitemap(request, sections(request), section=section)


def robots_txt(request):
    """``/robots.txt``: crawl the pages and the records, not the admin, APIs or searches."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "",
             f"Sitemap: {site_root(request)}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def web_manifest(request):
    """``/site.webmanifest``: the name and icons a phone uses for a shortcut to the site."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    icons = [{"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}",
              "type": "image/png"} for size in (192, 512)]
    return JsonResponse(
        {"name": site.site_name, "short_name": site.site_name, "lang": "vi", "start_url": "/",
         "display": "standalone", "icons": icons},
        content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False},
    )


def favicon(request):
    """``/favicon.ico``, which browsers ask for whatever the page links: the static icon."""
    return redirect(static("icons/favicon.ico"), permanent=True)
