"""Imports from the admin as background jobs: the upload is stored, ``import_marc --job`` runs it.

The request only saves the files (in the private ``catalogue_imports`` storage) and starts the
process (:mod:`catalogue.background`). The process
writes its counts and progress to the :class:`~library.models.ImportJob` row after each batch,
and deletes the files when the job ends. A page that finds the process gone while the row still
says queued or running marks the job failed; the records written until then stay.
"""

import logging
import os
from contextlib import ExitStack
from datetime import timedelta

from django.core.files.storage import storages
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.background import HOST, process_running
from catalogue.background import start_job as start_process
from catalogue.importing.files import import_files, no_records_error, summary_lines
from catalogue.importing.importer import ImportSummary, Rejection
from catalogue.models import ImportJob, ImportStatus

logger = logging.getLogger(__name__)
MAX_REJECTIONS = 1000  # listed on the job's page; the rest are only counted
START_TIMEOUT = timedelta(minutes=2)  # a job still without a process after this never started
ACTIVE = (ImportStatus.QUEUED, ImportStatus.RUNNING)


def upload_storage():
    return storages["catalogue_imports"]


def create_job(user, uploads, dry_run=False):
    """Store the uploaded files for a new queued job and return it (failed if they could not)."""
    job = ImportJob.objects.create(user=user, dry_run=dry_run)
    storage = upload_storage()
    for number, upload in enumerate(uploads, start=1):
        job.files.append({"name": upload.name, "stored": "", "size": upload.size})
        try:
            job.files[-1]["stored"] = storage.save(f"job-{job.pk}/{number}", upload)
        except OSError as error:
            _end(job, ImportStatus.FAILED, error=_(
                "Không lưu được tệp tải lên: %(error)s") % {"error": error.strerror or error})
            break
    ImportJob.objects.filter(pk=job.pk).update(files=job.files)
    job.refresh_from_db()
    return job


def start_job(job):
    """Start ``manage.py import_marc --job <id>`` in its own session, without waiting for it."""
    if error := start_process(job, "import_marc", "--job", str(job.pk)):
        _end(job, ImportStatus.FAILED, error=_(
            "Không khởi động được tiến trình nhập: %(error)s") % {"error": error})


def run_job(pk, processes=1):
    """Run the queued job ``pk`` here and now; return it (``None`` when it was not queued)."""
    claimed = ImportJob.objects.filter(pk=pk, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, pid=os.getpid(), host=HOST, started_at=timezone.now())
    if not claimed:
        return None
    job = ImportJob.objects.get(pk=pk)
    try:
        summary = _import(job, processes)
    except Exception as error:
        logger.exception("Catalogue import job %s failed", pk)
        reason = (str(error).strip().splitlines() or [repr(error)])[0]
        _end(job, ImportStatus.FAILED, error=_(
            "Lỗi khi nhập: %(error)s. Các biểu ghi đã ghi trước lỗi vẫn được giữ."
        ) % {"error": reason})
    else:
        if error := no_records_error(summary):
            _end(job, ImportStatus.FAILED, error=error, progress=1, **_counts(summary))
        else:
            _end(job, ImportStatus.DONE, progress=1, **_counts(summary))
    return ImportJob.objects.get(pk=pk)


def _import(job, processes):
    """Import the job's stored files, writing the counts to its row after each batch."""
    storage = upload_storage()
    total = sum(stored["size"] for stored in job.files)
    with ExitStack() as opened:
        streams = [(stored["name"], opened.enter_context(storage.open(stored["stored"], "rb")))
                   for stored in job.files]

        def progress(summary, _fraction):
            done = sum(stream.tell() for _name, stream in streams)
            ImportJob.objects.filter(pk=job.pk).update(
                progress=min(done / total, 1) if total else 0, **_counts(summary))

        if processes > 1:
            connections.close_all()  # the decoding workers are forked: they must not share it
        return import_files(streams, job.dry_run, progress, processes)


def check_alive(job):
    """Mark ``job`` failed if the process that should run it is gone; return it up to date."""
    if job.status not in ACTIVE:
        return job
    if job.pid is None:
        dead = timezone.now() - job.created_at > START_TIMEOUT
        message = _("Tiến trình nhập không khởi động được. Hãy tải tệp lên và nhập lại.")
    else:
        dead = job.host == HOST and not process_running(job.pid, "--job", str(job.pk))
        message = _(
            "Tiến trình nhập đã dừng đột ngột (máy chủ khởi động lại, hết bộ nhớ hoặc bị dừng) "
            "trước khi xong. Các biểu ghi đã ghi trước đó vẫn được giữ; hãy tải tệp lên và nhập "
            "lại: biểu ghi đã có sẽ được cập nhật hoặc giữ nguyên."
        )
    if dead and ImportJob.objects.filter(pk=job.pk, status=job.status, pid=job.pid).update(
            status=ImportStatus.FAILED, error=message, finished_at=timezone.now()):
        _delete_files(job)
    job.refresh_from_db()
    return job


def job_summary(job):
    """The job's result as :func:`~catalogue.importing.files.summary_lines` (rejections last)."""
    summary = ImportSummary(
        read=job.read, created=job.created, updated=job.updated, unchanged=job.unchanged,
        rejected=[Rejection(r["position"], r["reason"]) for r in job.rejections],
        not_indexed=job.not_indexed, unlisted=max(0, job.rejected - len(job.rejections)),
    )
    return summary_lines(summary, job.dry_run)


def progress_line(job):
    """"Đã đọc N biểu ghi (P%)"."""
    return _("Đã đọc %(read)d biểu ghi (%(percent)s)") % {
        "read": job.read, "percent": f"{job.progress:.0%}"}


def _counts(summary):
    return {
        "read": summary.read, "created": summary.created, "updated": summary.updated,
        "unchanged": summary.unchanged, "rejected": summary.rejected_count,
        "not_indexed": summary.not_indexed,
        "rejections": [{"position": r.position, "reason": r.reason}
                       for r in summary.rejected[:MAX_REJECTIONS]],
    }


def _end(job, status, **fields):
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, finished_at=timezone.now(), **fields)
    _delete_files(job)


def _delete_files(job):
    storage = upload_storage()
    try:
        for stored in job.files:
            if stored["stored"]:
                storage.delete(stored["stored"])
        storage.delete(f"job-{job.pk}")
    except OSError:
        logger.warning("Could not delete the files of import job %s", job.pk, exc_info=True)
