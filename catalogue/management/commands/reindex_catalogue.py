"""``manage.py reindex_catalogue``: rebuild the catalogue index from the database, alias swap."""

from django.core.management.base import BaseCommand, CommandError

from catalogue.bulk_load import repair
from catalogue.index import index_is_current, rebuild
from search.engine import EngineUnavailable, client


class Command(BaseCommand):
    help = (
        "Lập lại chỉ mục tìm kiếm của mục lục từ cơ sở dữ liệu vào một chỉ mục mới, rồi chuyển "
        "bí danh sang nó (bạn đọc không bao giờ thấy chỉ mục trống)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-outdated", action="store_true",
            help="Chỉ lập lại khi chưa có chỉ mục hoặc chỉ mục cũ hơn mã nguồn (sau khi nâng cấp).",
        )

    def handle(self, *args, **options):
        try:
            if index_is_current(client()) and repair() and options["verbosity"]:
                self.stdout.write("Chỉ mục mục lục bị một lượt nhập dở bỏ lại không làm mới: "
                                  "đã trả lại thiết lập thường.")
            if options["if_outdated"] and index_is_current(client()):
                if options["verbosity"]:
                    self.stdout.write("Chỉ mục mục lục đã đúng phiên bản: không cần lập lại.")
                return
            tty = self.stdout.isatty() and options["verbosity"]
            count = rebuild(progress=self._progress if tty else None)
        except EngineUnavailable:
            if options["verbosity"]:
                self.stdout.write("Không có máy tìm kiếm (SEARCH_URL trống): không có gì để lập.")
            return
        except Exception as error:
            raise CommandError(f"Máy tìm kiếm lỗi, chỉ mục cũ được giữ nguyên: {error}") from None
        if options["verbosity"]:
            self.stdout.write(f"Đã lập chỉ mục {count} biểu ghi.")

    def _progress(self, count):
        self.stdout.write(f"\r{count} biểu ghi", ending="")
        self.stdout.flush()
