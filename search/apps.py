from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        from search.breaker import request_done, serving_request
        from search.fallback import use_in_wagtail_api

        use_in_wagtail_api()

        # While a web request is served, the engine's requests get the readers' short timeout.
        request_started.connect(serving_request, dispatch_uid="search-engine-serving")
        request_finished.connect(request_done, dispatch_uid="search-engine-served")
