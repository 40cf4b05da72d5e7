"""Import MARC or CSV files from the admin: upload, then watch the job run on its own.

The upload starts a background job (:mod:`catalogue.importing.jobs`) and redirects to its
page, which follows the progress (a small script polls the status URL; without JavaScript the
page refreshes itself) and ends with the same summary as ``import_marc``.
"""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy

from catalogue.importing.jobs import (
    check_alive,
    create_job,
    job_summary,
    progress_line,
    start_job,
)
from catalogue.models import ImportJob, ImportStatus

RECENT_JOBS = 20
may_import = permission_required("catalogue.add_record", raise_exception=True)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files (a list in ``cleaned_data``)."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ImportForm(forms.Form):
    """Files to import and whether to write them."""

    files = MultipleFileField(
        label=gettext_lazy("Tệp MARC21 (ISO 2709, MARCXML) hoặc CSV"),
        widget=MultipleFileInput(attrs={"accept": ".mrc,.marc,.iso,.xml,.csv,.dat"}),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Chỉ kiểm tra, không ghi gì"), required=False
    )


@may_import
def import_view(request):
    """GET: the upload form and the recent jobs; POST: store the files, start the job."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = create_job(request.user, form.cleaned_data["files"], form.cleaned_data["dry_run"])
        if job.status == ImportStatus.QUEUED:
            start_job(job)
        return redirect(job)
    jobs = [check_alive(job) for job in
            ImportJob.objects.select_related("user")[:RECENT_JOBS]]
    return TemplateResponse(request, "catalogue/admin/import.html", {"form": form, "jobs": jobs})


@may_import
def job_view(request, pk):
    """A job's page: its progress while it runs, then the summary and the rejections."""
    job = check_alive(get_object_or_404(ImportJob.objects.select_related("user"), pk=pk))
    return TemplateResponse(request, "catalogue/admin/import_job.html", {
        "job": job, "progress": progress_line(job), "percent": round(100 * job.progress),
        "summary": job_summary(job) if job.finished else [],
    })


@may_import
def job_status(request, pk):
    """The job's state as JSON, for the page's script (and any other client)."""
    job = check_alive(get_object_or_404(ImportJob, pk=pk))
    return JsonResponse(job_state(job, progress_line(job), job_summary(job) if job.finished
                                  else []))


def job_state(job, progress_text, summary):
    """What a background job's status URL answers (the import's, a harvest's): the page's
    script reads ``finished``, ``progress``, ``progress_text`` and ``status_label``."""
    return {
        "id": job.pk, "status": job.status, "status_label": job.get_status_display(),
        "finished": job.finished, "progress": job.progress, "progress_text": progress_text,
        "read": job.read, "created": job.created, "updated": job.updated,
        "unchanged": job.unchanged, "rejected": job.rejected, "not_indexed": job.not_indexed,
        "error": job.error, "summary": summary,
    }
