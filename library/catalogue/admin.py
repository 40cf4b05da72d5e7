"""The catalogue in the Wagtail admin (wagtail-modeladmin): records, holdings, import.

Records: list with filters (language, decade, material type, availability), search, inspect
(fields and MARC), edit, delete, and export of the filtered list as CSV, XLSX or MARCXML.
"""

from django.contrib.admin import SimpleListFilter
from django.db.models import Exists, OuterRef
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import IndexView

from library.marc.export import marcxml_document
from library.models.catalogue import Holding, HoldingStatus, Record

MARCXML = "marcxml"


class DecadeFilter(SimpleListFilter):
    """Publication year by decade."""

    title = _("năm xuất bản")
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        years = Record.objects.exclude(year=None).values_list("year", flat=True)
        decades = sorted({year // 10 * 10 for year in years.distinct()}, reverse=True)
        return [(str(d), f"{d}–{d + 9}") for d in decades]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            start = int(self.value())
            return queryset.filter(year__gte=start, year__lte=start + 9)
        return queryset


class AvailabilityFilter(SimpleListFilter):
    """Whether at least one copy is on the shelf."""

    title = _("tình trạng")
    parameter_name = "available"

    def lookups(self, request, model_admin):
        return [("yes", _("Có bản sẵn sàng")), ("no", _("Không có bản sẵn sàng"))]

    def queryset(self, request, queryset):
        available = Exists(Holding.objects.filter(
            record=OuterRef("pk"), status=HoldingStatus.AVAILABLE))
        if self.value() == "yes":
            return queryset.filter(available)
        if self.value() == "no":
            return queryset.filter(~available)
        return queryset


class RecordIndexView(IndexView):
    """The record list, with MARCXML beside the CSV and XLSX exports."""

    FORMATS = (*IndexView.FORMATS, MARCXML)
    export_buttons_template_name = "library/admin/export_buttons.html"

    @property
    def marcxml_export_url(self):
        return self.get_export_url(MARCXML)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if spreadsheet_format != MARCXML:
            return super().as_spreadsheet(queryset, spreadsheet_format)
        response = StreamingHttpResponse(
            marcxml_document(queryset.iterator(chunk_size=2000)),
            content_type="application/marcxml+xml; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.xml"'
        return response


class RecordAdmin(ModelAdmin):
    """Bibliographic records ("Biểu ghi")."""

    model = Record
    menu_label = _("Biểu ghi")
    menu_icon = "doc-full"
    index_view_class = RecordIndexView
    list_display = ("title", "main_author", "year", "language", "material_type",
                    "control_number")
    list_filter = ("language", DecadeFilter, "material_type", AvailabilityFilter)
    search_fields = ("title", "control_number", "call_number", "publisher")
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = (
        "control_number", "title", "subtitle", "responsibility", "authors", "subjects", "isbns",
        "issns", "publisher", "place", "year", "edition", "language", "physical_description",
        "series", "summary", "notes", "classification", "call_number", "material_type",
        "cover_url", "links", "holdings", "marc",
    )
    list_export = ("control_number", "title", "subtitle", "author_names", "subjects", "isbns",
                   "publisher", "place", "year", "language", "material_type", "call_number")
    export_headings = {"author_names": _("tác giả")}
    export_filename = "muc-luc"
    form_fields_exclude = ("marcxml",)

    def main_author(self, record):
        return record.main_author

    main_author.short_description = _("tác giả")


class HoldingAdmin(ModelAdmin):
    """Copies ("Bản tài liệu"): barcode, branch, status, due date."""

    model = Holding
    menu_label = _("Bản tài liệu")
    menu_icon = "tag"
    list_display = ("barcode", "record", "branch", "location", "status", "due_date")
    list_filter = ("status", "branch")
    search_fields = ("barcode", "record__title", "record__control_number")
    list_select_related = ("record",)


class CatalogueGroup(ModelAdminGroup):
    """The "Mục lục" menu: records, holdings and the import page."""

    menu_label = _("Mục lục")
    menu_icon = "list-ul"
    menu_order = 250
    items = (RecordAdmin, HoldingAdmin)

    def get_submenu_items(self):
        return [*super().get_submenu_items(), ImportMenuItem(
            _("Nhập biểu ghi"), reverse("catalogue_import"), icon_name="upload", order=900,
        )]


class ImportMenuItem(MenuItem):
    """Shown to those who may add records."""

    def is_shown(self, request):
        return request.user.has_perm("library.add_record")
