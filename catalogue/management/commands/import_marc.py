"""``manage.py import_marc FILE…``: load MARC21 (ISO 2709, MARCXML) or CSV into the catalogue.

``import_marc --job ID`` runs an import uploaded in the admin (started by the admin itself).
"""

import os
import time

from django.core.management.base import BaseCommand, CommandError

from catalogue.background import unwind_on_sigterm
from catalogue.bulk_load import merge_done
from catalogue.importing.files import import_files, no_records_error, summary_lines
from catalogue.importing.jobs import job_summary, run_job
from catalogue.models import ImportStatus

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Nhập biểu ghi MARC21 (ISO 2709 UTF-8 hoặc MARC-8, MARCXML) hoặc CSV vào mục lục. "
        "Biểu ghi lỗi bị từ chối (kèm vị trí và lý do), các biểu ghi khác vẫn được nhập; "
        "mã thoát khác 0 khi có biểu ghi bị từ chối."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", metavar="FILE")
        parser.add_argument(
            "--job", type=int, help="Chạy lượt nhập số JOB đã tải lên trong trang quản trị."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi gì."
        )
        parser.add_argument(
            "--wait-merge", action="store_true",
            help="Sau một lượt nhập lớn, chờ máy tìm kiếm gộp xong chỉ mục rồi mới kết thúc.",
        )
        parser.add_argument(
            "--processes", type=int, default=os.cpu_count() or 1,
            help="Số tiến trình đọc tệp ISO 2709 song song (mặc định: số lõi CPU).",
        )

    def handle(self, *args, **options):
        with unwind_on_sigterm():
            self._handle(*args, **options)

    def _handle(self, *args, files, job, dry_run, processes, wait_merge, **options):
        if job is not None:
            return self._run_job(job, files, dry_run, processes)
        if not files:
            raise CommandError("Cần ít nhất một tệp FILE (hoặc --job).")
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
        while wait_merge and summary.merge_task and not merge_done(summary.merge_task):
            time.sleep(1)
        if error := no_records_error(summary):
            raise CommandError(error)
        if summary.rejected:
            raise CommandError(f"{len(summary.rejected)} biểu ghi bị từ chối.", returncode=2)

    def _run_job(self, pk, files, dry_run, processes):
        if files or dry_run:
            raise CommandError("--job không đi cùng FILE hay --dry-run (lượt nhập đã ghi sẵn).")
        job = run_job(pk, processes)
        if job is None:
            raise CommandError(f"Lượt nhập {pk} không có hoặc không ở trạng thái chờ.")
        for line in job_summary(job):
            self.stdout.write(line)
        if job.status == ImportStatus.FAILED:
            raise CommandError(job.error)

    def _bar(self, summary, fraction):
        done = int(BAR_WIDTH * (fraction or 0))
        percent = f"{100 * fraction:3.0f}%" if fraction is not None else ""
        self.stdout.write(
            f"\r[{'#' * done}{' ' * (BAR_WIDTH - done)}] {percent} {summary.read} biểu ghi",
            ending="",
        )
        self.stdout.flush()
