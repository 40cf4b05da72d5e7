"""OAI-PMH harvest sources in the admin ("Mục lục" → "Nguồn OAI-PMH"): the sources, a source's
page with "run now" and its recent runs, and a run's page following its progress.

"Run now" creates a run and starts ``harvest_oai --run <id>`` in the background
(:mod:`catalogue.oai.runs`), like the import: the run's page polls its status URL (JSON; the
import's script) and shows the counts, the log and the rejections at the end.
"""

from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin

from catalogue.admin.imports import job_state
from catalogue.models import HarvestRun, HarvestSource
from catalogue.oai.runs import check_alive, progress_line, run_lines, start_run

RECENT_RUNS = 20
may_harvest = permission_required("catalogue.change_harvestsource", raise_exception=True)


class SourceButtonHelper(ButtonHelper):
    """A source's row: "Chạy ngay" (its page, with the runs) beside edit and delete."""

    def get_buttons_for_obj(self, obj, **kwargs):
        buttons = super().get_buttons_for_obj(obj, **kwargs)
        if self.permission_helper.user_can_edit_obj(self.request.user, obj):
            buttons.insert(0, {
                "url": reverse("catalogue_harvest_source", args=[obj.pk]),
                "label": _("Chạy ngay"), "classname": "button button-small button-secondary",
                "title": _("Thu thập ngay và xem các lượt đã chạy"),
            })
        return buttons


class HarvestSourceAdmin(ModelAdmin):
    """OAI-PMH sources the catalogue is kept in step with (the library's ILS…)."""

    model = HarvestSource
    menu_label = _("Nguồn OAI-PMH")
    menu_icon = "download"
    button_helper_class = SourceButtonHelper
    list_display = ("name", "url", "set_spec", "metadata_prefix", "schedule", "last_run_at",
                    "last_datestamp", "last_summary", "last_error")
    list_filter = ("schedule", "active", "last_status")
    search_fields = ("name", "url")
    form_fields_exclude = ("granularity", "checkpoint")


@may_harvest
def source_view(request, pk):
    """GET: the source and its recent runs; POST: start a run now (``full``: everything)."""
    source = get_object_or_404(HarvestSource, pk=pk)
    if request.method == "POST":
        run = HarvestRun.objects.create(source=source, user=request.user,
                                        full=bool(request.POST.get("full")))
        start_run(run)
        return redirect(run)
    runs = [check_alive(run) for run in source.runs.select_related("user")[:RECENT_RUNS]]
    return TemplateResponse(request, "catalogue/admin/harvest_source.html", {
        "source": source, "runs": runs, "running": any(not run.finished for run in runs),
    })


@may_harvest
def run_view(request, pk):
    """A run's page: its progress while it runs, then its counts, log and rejections."""
    run = check_alive(get_object_or_404(HarvestRun.objects.select_related("source", "user"),
                                        pk=pk))
    return TemplateResponse(request, "catalogue/admin/harvest_run.html", {
        "run": run, "progress": progress_line(run), "percent": round(100 * run.progress),
        "summary": run_lines(run),
    })


@may_harvest
def run_status(request, pk):
    """The run's state as JSON (the page's script polls it, like the import's)."""
    run = check_alive(get_object_or_404(HarvestRun, pk=pk))
    return JsonResponse({
        **job_state(run, progress_line(run), run_lines(run)),
        "pages": run.pages, "withdrawn": run.withdrawn, "log": run.log.splitlines(),
    })
