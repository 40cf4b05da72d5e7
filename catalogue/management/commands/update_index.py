"""``manage.py update_index``: Wagtail's rebuild of the page indexes, then the catalogue's own
index (``reindex_catalogue``), so one command leaves every index matching the database.

``--if-outdated`` (run by ``make serve`` before it serves) rebuilds only what is missing or
was made with another mapping (``search.indexes``, ``catalogue.documents.SCHEMA_VERSION``): on
a fresh install it creates every index with our mapping before the first page is published.
"""

from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search.engine import engine_errors
from search.indexes import index_states


class Command(WagtailUpdateIndex):
    help = "Lập lại chỉ mục tìm kiếm của các trang, rồi chỉ mục của mục lục thư viện."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--if-outdated", action="store_true",
            help="Chỉ lập lại chỉ mục chưa có hoặc cũ hơn mã nguồn (máy mới cài, sau nâng cấp).",
        )

    def handle(self, *args, **options):
        try:
            self._update(*args, **options)
        except engine_errors() as error:
            raise CommandError(
                f"Máy tìm kiếm lỗi, chỉ mục chưa được lập lại: {error}") from None

    def _update(self, *args, **options):
        stale = {name: state for name, state in index_states().items() if state != "ok"}
        if options["if_outdated"] and not stale:
            if options["verbosity"]:
                self.stdout.write("Chỉ mục của các trang đã đúng phiên bản: không cần lập lại.")
        else:
            if stale and options["verbosity"]:
                self.stdout.write("Chỉ mục cần lập lại: " + ", ".join(
                    f"{name} ({state})" for name, state in stale.items()))
            super().handle(*args, **options)
        call_command("reindex_catalogue", if_outdated=options["if_outdated"],
                     verbosity=options["verbosity"], stdout=self.stdout, stderr=self.stderr)
