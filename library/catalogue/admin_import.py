"""Import MARC or CSV files from the admin: upload, watch the progress, read the summary.

The page is streamed: the admin layout first, then one line per batch, then the same summary
as ``import_marc``.
"""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import StreamingHttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from library.marc.files import import_files, summary_lines

PROGRESS_MARK = "<!--progress-->"


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


@permission_required("library.add_record", raise_exception=True)
def import_view(request):
    """GET: the upload form; POST: the import, streamed."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, "library/admin/import.html", {"form": form})
    uploads = form.cleaned_data["files"]
    page = render_to_string(
        "library/admin/import.html", {"form": None, "running": True}, request=request
    )
    head, tail = page.split(PROGRESS_MARK)
    dry_run = form.cleaned_data["dry_run"]

    def stream():
        yield head
        lines = []

        def progress(summary, fraction):
            lines.append(format_html(
                "<li>{}</li>\n",
                _("Đã đọc %(read)d biểu ghi (%(percent)s)") % {
                    "read": summary.read,
                    "percent": f"{fraction:.0%}" if fraction is not None else "…",
                },
            ))

        summary = import_files([(u.name, u) for u in uploads], dry_run, progress)
        yield f'<ol class="import-progress">{"".join(lines)}</ol>'
        result = summary_lines(summary, dry_run)
        yield format_html('<p class="help-block {}" id="import-summary">{}</p>',
                          "help-warning" if summary.rejected else "help-info", result[0])
        yield "<ul class=\"import-rejections\">" + "".join(
            format_html("<li>{}</li>", line) for line in result[1:]) + "</ul>"
        yield tail

    return StreamingHttpResponse(stream(), content_type="text/html; charset=utf-8")
