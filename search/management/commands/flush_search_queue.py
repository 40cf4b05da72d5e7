"""Replay index updates that failed while the search engine was down."""

from django.core.management.base import BaseCommand, CommandError

from search.models import PendingIndexUpdate
from search.queue import replay


class Command(BaseCommand):
    help = "Gửi lại các cập nhật chỉ mục tìm kiếm đang chờ (khi máy tìm kiếm đã hoạt động lại)."

    def handle(self, *args, **options):
        done = 0
        for pending in PendingIndexUpdate.objects.order_by("queued_at"):
            try:
                replay(pending)
            except Exception as exc:
                raise CommandError(
                    f"Máy tìm kiếm chưa sẵn sàng ({exc}); còn "
                    f"{PendingIndexUpdate.objects.count()} cập nhật đang chờ."
                ) from None
            pending.delete()
            done += 1
        self.stdout.write(f"Đã gửi lại {done} cập nhật chỉ mục.")
