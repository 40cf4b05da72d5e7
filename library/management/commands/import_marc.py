"""``manage.py import_marc FILE…``: load MARC21 (ISO 2709, MARCXML) or CSV into the catalogue."""

import os

from django.core.management.base import BaseCommand, CommandError

from library.marc.files import import_files, summary_lines

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Nhập biểu ghi MARC21 (ISO 2709 UTF-8 hoặc MARC-8, MARCXML) hoặc CSV vào mục lục. "
        "Biểu ghi lỗi bị từ chối (kèm vị trí và lý do), các biểu ghi khác vẫn được nhập; "
        "mã thoát khác 0 khi có biểu ghi bị từ chối."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi gì."
        )
        parser.add_argument(
            "--processes", type=int, default=os.cpu_count() or 1,
            help="Số tiến trình đọc tệp ISO 2709 song song (mặc định: số lõi CPU).",
        )

    def handle(self, *args, files, dry_run, processes, **options):
        streams = []
        try:
            for path in files:
                try:
                    streams.append((path, open(path, "rb")))  # noqa: SIM115 -- closed below
                except OSError as error:
                    raise CommandError(f"Không mở được {path}: {error.strerror}") from None
            progress = self._bar if self.stdout.isatty() else None
            summary = import_files(
                streams, dry_run=dry_run, progress=progress, processes=processes
            )
        finally:
            for _name, stream in streams:
                stream.close()
        if progress:
            self.stdout.write("")
        for line in summary_lines(summary, dry_run):
            self.stdout.write(line)
        if summary.rejected:
            raise CommandError(f"{len(summary.rejected)} biểu ghi bị từ chối.", returncode=2)

    def _bar(self, summary, fraction):
        done = int(BAR_WIDTH * (fraction or 0))
        percent = f"{100 * fraction:3.0f}%" if fraction is not None else ""
        self.stdout.write(
            f"\r[{'#' * done}{' ' * (BAR_WIDTH - done)}] {percent} {summary.read} biểu ghi",
            ending="",
        )
        self.stdout.flush()
