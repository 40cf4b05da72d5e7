from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    """Bibliographic records and holdings: MARC codec, import, search index, OPAC, admin."""

    name = "catalogue"
    verbose_name = _("Mục lục")

    def ready(self):
        from catalogue import signals  # noqa: F401 -- connects the receivers
        from catalogue.index import replay_index_update
        from search.queue import register_replayer

        register_replayer("catalogue.record", replay_index_update)
