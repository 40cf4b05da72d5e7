"""``manage.py update_index``: Wagtail's rebuild of the page indexes, then the catalogue's own
index (``reindex_catalogue``), so one command leaves every index matching the database."""

from django.core.management import call_command
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex


class Command(WagtailUpdateIndex):
    help = "Lập lại chỉ mục tìm kiếm của các trang, rồi chỉ mục của mục lục thư viện."

    def handle(self, *args, **options):
        super().handle(*args, **options)
        call_command("reindex_catalogue", verbosity=options["verbosity"], stdout=self.stdout,
                     stderr=self.stderr)
