"""Import whole files (the command and the admin upload share it) and describe the result."""

from django.utils.translation import gettext as _

from library.marc.importer import Importer
from library.marc.reader import read_entries


def import_files(files, dry_run=False, progress=None):
    """Import ``[(name, binary stream)]`` in order; return the :class:`ImportSummary`.

    ``progress(summary, fraction)`` is called after each batch, ``fraction`` being how far into
    the current file the reader is (0–1, ``None`` when unknown).
    """
    importer = Importer(dry_run=dry_run)
    for name, stream in files:
        size = _size(stream)
        if progress:
            importer.progress = lambda summary, s=stream, n=size: progress(
                summary, s.tell() / n if n else None
            )
        for entry in read_entries(stream, name):
            entry.position = f"{name}, {entry.position}" if name else entry.position
            importer.add(entry)
    return importer.finish()


def _size(stream):
    try:
        here = stream.tell()
        size = stream.seek(0, 2)
        stream.seek(here)
        return size
    except (OSError, AttributeError):
        return None


def summary_lines(summary, dry_run=False):
    """The summary as lines of Vietnamese text, rejections last."""
    lines = [
        _("Thử (không ghi gì): ") if dry_run else "",
        _("Đã đọc %(read)d biểu ghi: %(created)d mới, %(updated)d cập nhật, "
          "%(unchanged)d không đổi, %(rejected)d bị từ chối.") % {
            "read": summary.read, "created": summary.created, "updated": summary.updated,
            "unchanged": summary.unchanged, "rejected": len(summary.rejected),
        },
    ]
    lines = ["".join(lines)]
    if summary.not_indexed:
        lines.append(_("%(count)d biểu ghi chưa vào chỉ mục tìm kiếm (máy tìm kiếm lỗi); "
                       "chạy flush_search_queue khi máy tìm kiếm hoạt động lại.")
                     % {"count": summary.not_indexed})
    lines += [_("Từ chối — %(rejection)s") % {"rejection": r} for r in summary.rejected]
    return lines
