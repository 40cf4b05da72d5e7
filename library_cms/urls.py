"""URL map of the whole site: admin, APIs, health, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from catalogue.oai.provider import oai
from library_cms.api import api_v3
from library_cms.api_http import api_not_found
from library_cms.api_v2 import api_v2
from library_cms.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", include("search.urls")),
    path("binh-chon/", include("engagement.urls")),
    path("opac/", include("catalogue.opac.urls")),
    path("oai", oai, name="oai"),
    path("api/v2/", api_v2.urls),
    path("api/v3/", api_v3.urls),
    re_path(r"^api/(?P<version>v2|v3)?", api_not_found),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
