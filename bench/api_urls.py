"""The site's URLs plus ``/bench/stock/pages/``: Wagtail's own v2 pages endpoint, unchanged."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from library_cms.urls import urlpatterns as site_urlpatterns

stock = WagtailAPIRouter("stock_v2")
stock.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("bench/stock/", stock.urls), *site_urlpatterns]
