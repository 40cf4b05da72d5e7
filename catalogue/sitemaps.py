"""The catalogue's records in the sitemap: pages of consecutive ids, never ``OFFSET``.

A million records make a hundred sitemap pages; Django's paginator would count them all and
skip ``(page - 1) × limit`` rows for each page. Here page *n* holds the records whose id falls in
the *n*-th run of ``limit`` ids from the smallest: two index lookups and one range scan.
"""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.db.models import Max, Min
from django.utils.functional import cached_property

from catalogue.models import Record

RECORDS_PER_SITEMAP = 10_000


class IdRangePaginator:
    """What Django's sitemap views ask of a paginator, over runs of ``per_page`` record ids."""

    def __init__(self, queryset, per_page):
        self.queryset = queryset
        self.per_page = per_page

    @cached_property
    def _bounds(self):
        bounds = self.queryset.aggregate(first=Min("pk"), last=Max("pk"))
        return bounds["first"], bounds["last"]

    @property
    def num_pages(self):
        first, last = self._bounds
        return 1 if first is None else (last - first) // self.per_page + 1

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("Số trang phải là số nguyên.") from None
        if not 1 <= number <= self.num_pages:
            raise EmptyPage("Không có trang này.")
        first, _last = self._bounds
        start = (first or 0) + (number - 1) * self.per_page
        items = self.queryset.filter(pk__gte=start, pk__lt=start + self.per_page).order_by("pk")
        return Page(items, number, self)


class RecordSitemap(Sitemap):
    """Every visible record's page in the OPAC (none a harvest withdrew), with the date it last
    changed, at ``site_url``."""

    limit = RECORDS_PER_SITEMAP
    changefreq = "monthly"

    def __init__(self, site_url):
        self.protocol, _sep, self.domain = site_url.partition("://")

    @property
    def paginator(self):
        return IdRangePaginator(Record.objects.visible().only("pk", "updated_at"), self.limit)

    def get_domain(self, site=None):
        return self.domain

    def location(self, record):
        return record.get_absolute_url()

    def lastmod(self, record):
        return record.updated_at

    def get_latest_lastmod(self):
        return None  # the newest change of a million records is not worth a full scan here
