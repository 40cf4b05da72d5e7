"""Harvest runs: from the command line, from cron (``--due``) or from the admin in the background.

A run is a :class:`~catalogue.models.HarvestRun` row: the admin's "run now" creates it queued and
starts ``manage.py harvest_oai --run <id>`` (:mod:`catalogue.background`), which writes its
counts, progress and log after each page. The outcome is repeated on the source (``last_*``)
for the admin's list. A page that finds the process gone marks the run failed.
"""

import logging
import os

from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.background import HOST, process_running, start_job
from catalogue.importing.jobs import MAX_REJECTIONS, START_TIMEOUT
from catalogue.models import HarvestRun, HarvestSource, ImportStatus
from catalogue.oai.client import HarvestError
from catalogue.oai.harvest import Harvest

logger = logging.getLogger(__name__)
ACTIVE = (ImportStatus.QUEUED, ImportStatus.RUNNING)


def start_run(run):
    """Start ``manage.py harvest_oai --run <id>`` on its own, without waiting for it."""
    if error := start_job(run, "harvest_oai", "--run", str(run.pk)):
        _end(run, ImportStatus.FAILED, error=_(
            "Không khởi động được tiến trình thu thập: %(error)s") % {"error": error})


def run_harvest(run, start=None, timeout=None):
    """Run the queued ``run`` here and now; return it up to date (``None``: it was not queued).

    A source already being harvested by another live run is not harvested twice at once.
    """
    claimed = HarvestRun.objects.filter(pk=run.pk, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, pid=os.getpid(), host=HOST, started_at=timezone.now())
    if not claimed:
        return None
    source = HarvestSource.objects.get(pk=run.source_id)
    others = HarvestRun.objects.filter(source=source, status=ImportStatus.RUNNING).exclude(
        pk=run.pk)
    if any(check_alive(other).status == ImportStatus.RUNNING for other in others):
        _end(run, ImportStatus.FAILED, error=_("Nguồn này đang được thu thập bởi một lượt khác."))
        return _finished(run, source)
    harvest = Harvest(source, run.full, start, timeout, report=lambda h: _save(run, h))
    try:
        harvest.run()
    except HarvestError as error:
        harvest.say(error.message)
        _end(run, ImportStatus.FAILED, error=_(
            "%(error)s Các trang đã ghi trước lỗi vẫn được giữ; lần chạy sau tiếp tục từ "
            "trang chưa ghi.") % {"error": error.message}, **_counts(harvest))
    except Exception as error:
        logger.exception("OAI-PMH harvest run %s failed", run.pk)
        reason = (str(error).strip().splitlines() or [repr(error)])[0]
        harvest.say(reason)
        _end(run, ImportStatus.FAILED, error=_(
            "Lỗi khi thu thập: %(error)s. Các trang đã ghi trước lỗi vẫn được giữ.")
            % {"error": reason}, **_counts(harvest))
    else:
        _end(run, ImportStatus.DONE, **_counts(harvest))
    return _finished(run, source)


def harvest_now(source, user=None, full=False, start=None, timeout=None):
    """Create a run of ``source`` and run it in this process; return it."""
    run = HarvestRun.objects.create(source=source, user=user, full=full)
    return run_harvest(run, start, timeout)


def due_sources(now=None):
    """The active sources whose schedule says they should run now, and that are not running."""
    now = now or timezone.now()
    return [source for source in HarvestSource.objects.filter(active=True)
            if source.is_due(now) and not any(
                check_alive(run).status in ACTIVE
                for run in source.runs.filter(status__in=ACTIVE))]


def check_alive(run):
    """Mark ``run`` failed if the process that runs it is gone (or never started); return it
    up to date."""
    if run.status not in ACTIVE:
        return run
    if run.pid is None:
        dead = timezone.now() - run.created_at > START_TIMEOUT
        message = _("Tiến trình thu thập không khởi động được.")
    else:
        # ``harvest_oai`` runs it (``--run``, ``--due`` or a URL), maybe this very process.
        dead = run.host == HOST and not (
            process_running(run.pid, "harvest_oai") or run.pid == os.getpid())
        message = _("Tiến trình thu thập đã dừng đột ngột trước khi xong. Các trang đã ghi vẫn "
                    "được giữ; lần chạy sau tiếp tục từ trang chưa ghi.")
    if dead:
        HarvestRun.objects.filter(pk=run.pk, status=run.status).update(
            status=ImportStatus.FAILED, finished_at=timezone.now(), error=message)
        run.refresh_from_db()
    return run


def run_lines(run):
    """A finished run's outcome as lines: the counts, then the rejections."""
    if not run.finished:
        return []
    lines = [_("Đã đọc %(read)d biểu ghi: %(created)d mới, %(updated)d cập nhật, "
               "%(unchanged)d không đổi, %(rejected)d bị từ chối, %(withdrawn)d bị rút khỏi "
               "mục lục (nguồn báo đã xoá); %(pages)d trang.") % {
                   "read": run.read, "created": run.created, "updated": run.updated,
                   "unchanged": run.unchanged, "rejected": run.rejected,
                   "withdrawn": run.withdrawn, "pages": run.pages}]
    lines += [_("Từ chối — %(position)s: %(reason)s") % r for r in run.rejections]
    if run.rejected > len(run.rejections):
        lines.append(_("… và %(count)d biểu ghi bị từ chối khác (không liệt kê).")
                     % {"count": run.rejected - len(run.rejections)})
    return lines


def progress_line(run):
    """"Đã đọc N biểu ghi, P trang (x%)"."""
    return _("Đã đọc %(read)d biểu ghi, %(pages)d trang (%(percent)s)") % {
        "read": run.read, "pages": run.pages, "percent": f"{run.progress:.0%}"}


def _counts(harvest):
    summary = harvest.summary
    return {
        "read": summary.read, "created": summary.created, "updated": summary.updated,
        "unchanged": summary.unchanged, "rejected": summary.rejected_count,
        "not_indexed": summary.not_indexed, "withdrawn": harvest.withdrawn,
        "pages": harvest.pages, "progress": harvest.progress, "log": "\n".join(harvest.log),
        "rejections": [{"position": r.position, "reason": r.reason}
                       for r in summary.rejected[:MAX_REJECTIONS]],
    }


def _save(run, harvest):
    HarvestRun.objects.filter(pk=run.pk).update(**_counts(harvest))


def _end(run, status, **fields):
    HarvestRun.objects.filter(pk=run.pk).update(status=status, finished_at=timezone.now(),
                                                **fields)


def _finished(run, source):
    run.refresh_from_db()
    HarvestSource.objects.filter(pk=source.pk).update(
        last_run_at=run.started_at or run.created_at, last_status=run.status,
        last_error=run.error, last_summary=(run_lines(run) or [""])[0])
    return run
