"""``manage.py harvest_oai URL [--set S] [--prefix marc21] [--from DATE] [--full]``: harvest an
OAI-PMH source into the catalogue (incremental: from the last datestamp it saw).

``harvest_oai --due`` runs every source whose schedule says it is due (from cron);
``harvest_oai --run ID`` runs a harvest started from the admin.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from catalogue.background import unwind_on_sigterm
from catalogue.models import HarvestRun, HarvestSource, ImportStatus
from catalogue.oai.protocol import OAIError, parse_datestamp
from catalogue.oai.runs import due_sources, harvest_now, run_harvest, run_lines


class Command(BaseCommand):
    help = (
        "Thu thập biểu ghi MARC21 từ một nguồn OAI-PMH (ListRecords) vào mục lục. Mặc định chỉ "
        "lấy những gì đổi từ lần trước; biểu ghi nguồn báo đã xoá bị rút khỏi OPAC."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", metavar="URL", help="Địa chỉ OAI-PMH của nguồn.")
        parser.add_argument("--set", default="", help="Chỉ thu thập tập (setSpec) này.")
        parser.add_argument("--prefix", default="marc21",
                            help="metadataPrefix của MARCXML ở nguồn (mặc định marc21).")
        parser.add_argument("--from", dest="start", metavar="DATE",
                            help="Thu thập từ ngày này (YYYY-MM-DD hoặc YYYY-MM-DDThh:mm:ssZ).")
        parser.add_argument("--full", action="store_true",
                            help="Thu thập toàn bộ, bỏ qua mốc thời gian và điểm dừng đã lưu.")
        parser.add_argument("--timeout", type=int,
                            help="Số giây chờ mỗi phản hồi (mặc định OAI_HARVEST_TIMEOUT).")
        parser.add_argument("--due", action="store_true",
                            help="Chạy mọi nguồn đã đến lịch (dùng trong cron).")
        parser.add_argument("--run", type=int, help="Chạy lượt thu thập RUN tạo từ trang quản trị.")

    def handle(self, *args, **options):
        with unwind_on_sigterm():
            self._handle(*args, **options)

    def _handle(self, *args, url, set, prefix, start, full, timeout, due, run, **options):
        if sum(bool(choice) for choice in (url, due, run)) != 1:
            raise CommandError("Cần đúng một trong: URL, --due, --run.")
        if start:
            try:
                start = parse_datestamp(start, "--from")
            except OAIError as error:
                raise CommandError(error.message) from None
        if run is not None:
            found = HarvestRun.objects.filter(pk=run).first()
            done = found and run_harvest(found, start, timeout)
            if done is None:
                raise CommandError(f"Lượt thu thập {run} không có hoặc không ở trạng thái chờ.")
            return self._report([done])
        if due:
            return self._report([harvest_now(source, timeout=timeout) for source in due_sources()])
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise CommandError(f"Địa chỉ không hợp lệ: {url}") from None
        source, _created = HarvestSource.objects.get_or_create(
            url=url, set_spec=set, metadata_prefix=prefix,
            defaults={"name": urlsplit(url).netloc + (f" ({set})" if set else "")})
        self._report([harvest_now(source, full=full, start=start, timeout=timeout)])

    def _report(self, runs):
        for run in runs:
            self.stdout.write(f"== {run.source.name} ({run.source.url})")
            if run.log:
                self.stdout.write(run.log)
            for line in run_lines(run):
                self.stdout.write(line)
            if run.error:
                self.stderr.write(run.error)
        if failed := [run for run in runs if run.status == ImportStatus.FAILED]:
            raise CommandError(f"{len(failed)} lượt thu thập thất bại.")
