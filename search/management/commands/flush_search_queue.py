"""Replay index updates that failed while the search engine was down."""

from django.core.management.base import BaseCommand, CommandError
from modelsearch.index import get_indexed_instance
from wagtail.search.backends import get_search_backend

from search.models import PendingIndexUpdate


class Command(BaseCommand):
    help = "Gửi lại các cập nhật chỉ mục tìm kiếm đang chờ (khi máy tìm kiếm đã hoạt động lại)."

    def handle(self, *args, **options):
        backend = get_search_backend()
        done = 0
        for pending in PendingIndexUpdate.objects.order_by("queued_at"):
            replay = getattr(pending.model_class(), "replay_index_update", None)
            obj = None if replay else pending.target()
            try:
                if replay:  # a model with an index of its own (the library catalogue)
                    replay(pending.object_pk, pending.action)
                elif obj is None or pending.action == "delete":
                    backend.delete(obj or pending.model_class()(pk=pending.object_pk))
                elif (indexed := get_indexed_instance(obj)) is not None:
                    backend.add(indexed)
            except Exception as exc:
                raise CommandError(
                    f"Máy tìm kiếm chưa sẵn sàng ({exc}); còn "
                    f"{PendingIndexUpdate.objects.count()} cập nhật đang chờ."
                ) from None
            pending.delete()
            done += 1
        self.stdout.write(f"Đã gửi lại {done} cập nhật chỉ mục.")
