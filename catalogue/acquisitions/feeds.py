"""Atom and RSS feeds of new acquisitions (Django's syndication framework), filterable with
the OPAC's parameters: ``/opac/new.atom?language=vie&subject=Lịch sử``."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from catalogue.acquisitions.records import filter_query, new_records, read_filters

FEED_SIZE = 30


class NewAcquisitionsFeed(Feed):
    """The newest records (see :mod:`.records`) as RSS 2.0; :class:`NewAcquisitionsAtom` as
    Atom."""

    feed_type = Rss201rev2Feed
    language = "vi"

    def get_object(self, request):
        site = Site.find_for_request(request)
        return {"params": read_filters(request.GET), "query": filter_query(request.GET),
                "site": site.site_name if site else ""}

    def title(self, obj):
        return _("Sách mới – %(site)s") % {"site": obj["site"]} if obj["site"] else _("Sách mới")

    def link(self, obj):
        query = obj["query"]
        return reverse("acquisitions:list") + (f"?{query}" if query else "")

    def description(self, obj):
        return _("Tài liệu thư viện mới bổ sung, mới nhất trước.")

    def items(self, obj):
        return new_records(obj["params"])[:FEED_SIZE]

    def item_title(self, item):
        return item.full_title

    def item_description(self, item):
        parts = [", ".join(item.author_names), item.publisher, str(item.year or ""),
                 item.summary]
        return " — ".join(part for part in parts if part)

    def item_author_name(self, item):
        return item.main_author or None

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return item.subjects


class NewAcquisitionsAtom(NewAcquisitionsFeed):
    feed_type = Atom1Feed
    subtitle = NewAcquisitionsFeed.description
