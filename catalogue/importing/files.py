"""Import whole files (the command and the admin upload share it) and describe the result."""

from contextlib import nullcontext

from django.utils.translation import gettext as _

from catalogue.importing import parallel
from catalogue.importing.importer import Importer, map_entry
from catalogue.marc.reader import file_format, read_entries


def import_files(files, dry_run=False, progress=None, processes=1):
    """Import ``[(name, binary stream)]`` in order; return the :class:`ImportSummary`, whose
    ``empty_files`` names the files in which not one record was found (an error: see
    :func:`no_records_error`).

    ``progress(summary, fraction)`` is called after each batch, ``fraction`` being how far into
    the current file the reader is (0–1, ``None`` when unknown). With ``processes`` > 1, ISO 2709
    files are decoded and mapped by that many worker processes.
    """
    with parallel.pool(processes) if processes > 1 else nullcontext() as workers:
        importer = Importer(dry_run=dry_run)
        try:
            for name, stream in files:
                size = _size(stream)
                if progress:
                    importer.progress = lambda summary, s=stream, n=size: progress(
                        summary, s.tell() / n if n else None
                    )
                read_before = importer.summary.read
                for position, mapped, error in _mapped(stream, name, workers, processes):
                    importer.add(f"{name}, {position}" if name else position, mapped, error)
                if importer.summary.read == read_before:
                    importer.summary.empty_files.append(name)
            return importer.finish()
        finally:
            importer.close()  # a failed import gives the index its settings back too


def no_records_error(summary):
    """The error to report when a file held no record at all, or ``""``."""
    if not summary.empty_files:
        return ""
    return _("Không tìm thấy biểu ghi nào trong %(files)s: tệp rỗng hoặc không phải MARC21 "
             "(ISO 2709), MARCXML hay CSV có dòng dữ liệu.") % {
        "files": ", ".join(summary.empty_files)}


def _mapped(stream, name, workers, processes):
    if workers and file_format(stream, name) == "iso2709":
        return parallel.mapped_iso2709(stream, workers, in_flight=2 * processes)
    return map(map_entry, read_entries(stream, name))


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
            "unchanged": summary.unchanged, "rejected": summary.rejected_count,
        },
    ]
    lines = ["".join(lines)]
    if summary.not_indexed:
        lines.append(_("%(count)d biểu ghi chưa vào chỉ mục tìm kiếm (máy tìm kiếm lỗi); "
                       "chạy flush_search_queue khi máy tìm kiếm hoạt động lại.")
                     % {"count": summary.not_indexed})
    if summary.merge_task:
        lines.append(_("Chỉ mục tìm kiếm đang được gộp trong máy tìm kiếm (tác vụ %(task)s); "
                       "bạn đọc vẫn tìm được trong lúc đó.") % {"task": summary.merge_task})
    lines += [_("Từ chối — %(rejection)s") % {"rejection": r} for r in summary.rejected]
    if summary.unlisted:
        lines.append(_("… và %(count)d biểu ghi bị từ chối khác (không liệt kê).")
                     % {"count": summary.unlisted})
    return lines
