"""The catalogue in the Wagtail admin (wagtail-modeladmin): records, holdings, import.

Records: list with filters (language, decade, material type, availability), search, inspect
(fields and MARC), create and edit with the holdings inline, delete, and export of the filtered
list as CSV, XLSX or MARCXML. Saving a record rewrites its MARC (``Record.save``); the record and
its holdings are saved in one transaction, so the catalogue index is updated once, after both.
"""

from django.contrib.admin import SimpleListFilter
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail_modeladmin.helpers import DjangoORMSearchHandler, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import CreateView, DeleteView, EditView, IndexView, InspectView

from catalogue.admin.forms import RecordForm
from catalogue.admin.harvest import HarvestSourceAdmin
from catalogue.choices import HoldingStatus
from catalogue.marc.export import marcxml_document
from catalogue.models import Holding, Record

MARCXML = "marcxml"


DECADES_CACHE_KEY = "library:catalogue-decades"
DECADES_CACHE_SECONDS = 300  # a scan of every record's year (~0.2 s for a million)


def _decades():
    # No ordering: the model's (by title) would make it a DISTINCT over every record.
    years = Record.objects.exclude(year=None).order_by().values_list("year", flat=True)
    return sorted({year // 10 * 10 for year in years.distinct()}, reverse=True)


class DecadeFilter(SimpleListFilter):
    """Publication year by decade."""

    title = _("năm xuất bản")
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        return [(str(d), f"{d}–{d + 9}") for d in cache.get_or_set(
            DECADES_CACHE_KEY, _decades, DECADES_CACHE_SECONDS)]

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


class WithdrawnFilter(SimpleListFilter):
    """Records a harvest withdrew (their OAI-PMH source deleted them): readers do not see them."""

    title = _("hiển thị trên OPAC")
    parameter_name = "withdrawn"

    def lookups(self, request, model_admin):
        return [("no", _("Đang hiển thị")), ("yes", _("Đã rút (nguồn OAI-PMH báo xoá)"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(withdrawn_at__isnull=self.value() == "no")
        return queryset


class RecordIndexView(IndexView):
    """The record list, with MARCXML beside the CSV and XLSX exports."""

    FORMATS = (*IndexView.FORMATS, MARCXML)
    export_buttons_template_name = "catalogue/admin/export_buttons.html"

    @property
    def marcxml_export_url(self):
        return self.get_export_url(MARCXML)

    @property
    def export_headings(self):
        """The ModelAdmin's headings: wagtail-modeladmin's view reads its own, empty ones."""
        return self.model_admin.export_headings

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if spreadsheet_format != MARCXML:  # withdrawn records are not exported
            return super().as_spreadsheet(queryset.visible(), spreadsheet_format)
        response = StreamingHttpResponse(
            marcxml_document(queryset.visible().iterator(chunk_size=2000)),
            content_type="application/marcxml+xml; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.xml"'
        return response


class SavedTogether:
    """Create/edit views that save the record and its holdings in one transaction.

    The database's own refusal (a barcode or control number taken meanwhile by another editor)
    becomes an error on the form instead of a server error.
    """

    def form_valid(self, form):
        try:
            with transaction.atomic():
                response = super().form_valid(form)
                form.instance.sync_items()
                return response
        except IntegrityError as error:
            if isinstance(self, CreateView):  # the record's row was rolled back too
                form.instance.pk = None
                form.instance._state.adding = True
            form.add_error(None, integrity_message(error))
            return self.form_invalid(form)


def integrity_message(error):
    """What an editor is told when the database refuses a record or its holdings."""
    text = str(error)
    if "barcode" in text:
        return gettext("Mã vạch này đã thuộc một bản tài liệu khác: mỗi bản cần một mã vạch riêng.")
    if "control_number" in text:
        return gettext("Số kiểm soát này đã có trong mục lục.")
    return gettext("Không lưu được: dữ liệu trùng với một biểu ghi hoặc bản tài liệu đã có.")


class RecordCreateView(SavedTogether, CreateView):
    pass


class RecordEditView(SavedTogether, EditView):
    pass


class RecordInspectView(InspectView):
    """Lists (authors, subjects…) and holdings shown as a cataloguer reads them."""

    def get_field_label(self, field_name, field=None):
        if field_name == "holdings":
            return capfirst(Holding._meta.verbose_name_plural)
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field=None):
        value = getattr(self.instance, field_name, None)
        if field_name == "holdings":
            return "; ".join(
                " — ".join(filter(None, [h.barcode, h.branch, h.location,
                                         h.get_status_display()]))
                for h in self.instance.holdings.all()
            ) or self.model_admin.get_empty_value_display(field_name)
        if field_name == "authors":
            value = [f"{a['name']} ({a['role']})" if a.get("role") else a["name"]
                     for a in value or []]
        if isinstance(value, list):
            return "; ".join(map(str, value)) or self.model_admin.get_empty_value_display(
                field_name)
        return super().get_field_display_value(field_name, field)


def holding_rows():
    """The fields of a copy, on the record's form and on the copy's own."""
    return [
        FieldRowPanel([FieldPanel("barcode"), FieldPanel("status"), FieldPanel("due_date")]),
        FieldRowPanel([FieldPanel("branch"), FieldPanel("location"), FieldPanel("call_number")]),
    ]


def _marc(tag):
    """A field's MARC source, as its help text."""
    return f"MARC {tag}"


RECORD_PANELS = ObjectList([
    MultiFieldPanel([
        FieldRowPanel([FieldPanel("control_number", help_text=_marc("001")),
                       FieldPanel("material_type", help_text=_marc("LDR/06–07"))]),
        FieldPanel("title", help_text=_marc("245 $a")),
        FieldPanel("subtitle", help_text=_marc("245 $b")),
        FieldPanel("responsibility", help_text=_marc("245 $c")),
        FieldPanel("main_author"),
        FieldPanel("added_authors"),
    ], heading=_("Nhan đề và tác giả")),
    MultiFieldPanel([
        FieldRowPanel([FieldPanel("edition", help_text=_marc("250 $a")),
                       FieldPanel("year", help_text=_marc("008/07–10, 264 $c"))]),
        FieldRowPanel([FieldPanel("place", help_text=_marc("264 $a")),
                       FieldPanel("publisher", help_text=_marc("264 $b"))]),
        FieldRowPanel([FieldPanel("language", help_text=_("MARC 008/35–37: vie, eng, fre…")),
                       FieldPanel("isbns"), FieldPanel("issns")]),
    ], heading=_("Xuất bản")),
    MultiFieldPanel([
        FieldPanel("physical_description", help_text=_marc("300")),
        FieldPanel("series", help_text=_marc("490 $a")),
        FieldPanel("summary", help_text=_marc("520 $a")),
        FieldPanel("notes"),
    ], heading=_("Mô tả")),
    MultiFieldPanel([
        FieldPanel("subjects"),
        FieldRowPanel([FieldPanel("classification", help_text=_marc("082 $a")),
                       FieldPanel("call_number", help_text=_marc("090 $a / 852 $h"))]),
        FieldPanel("cover"),
    ], heading=_("Chủ đề và phân loại")),
    InlinePanel("holdings", heading=_("Vốn tài liệu"), label=_("bản tài liệu"),
                panels=holding_rows()),
], base_form_class=RecordForm)


class RecordAdmin(ModelAdmin):
    """Bibliographic records ("Biểu ghi")."""

    model = Record
    base_url_path = "library/record"  # the admin's address from before the catalogue app
    menu_label = _("Biểu ghi")
    menu_icon = "doc-full"
    index_view_class = RecordIndexView
    create_view_class = RecordCreateView
    edit_view_class = RecordEditView
    inspect_view_class = RecordInspectView
    edit_handler = RECORD_PANELS
    list_display = ("title", "main_author", "year", "language", "material_type",
                    "control_number")
    list_filter = ("language", DecadeFilter, "material_type", AvailabilityFilter, WithdrawnFilter)
    search_fields = ("title", "control_number", "call_number", "publisher")
    list_per_page = 50
    # Newest first, along the primary key: sorting a million titles for each page takes
    # seconds (the title column still sorts on request).
    ordering = ("-pk",)
    inspect_view_enabled = True
    inspect_view_fields = (
        "control_number", "title", "subtitle", "responsibility", "authors", "subjects", "isbns",
        "issns", "publisher", "place", "year", "edition", "language", "physical_description",
        "series", "summary", "notes", "classification", "call_number", "material_type",
        "cover_url", "links", "holdings", "withdrawn_at", "marc",
    )
    list_export = ("control_number", "title", "subtitle", "author_names", "subjects", "isbns",
                   "publisher", "place", "year", "language", "material_type", "call_number")
    export_headings = {"author_names": _("tác giả")}
    export_filename = "muc-luc"

    def main_author(self, record):
        return record.main_author

    main_author.short_description = _("tác giả")


class HoldingPermissionHelper(PermissionHelper):
    """Copies are added on their record's form: a list of a million records is no form field."""

    def user_can_create(self, user):
        return False


HOLDING_PANELS = ObjectList([FieldPanel("record", read_only=True), *holding_rows()])


class HoldingEditView(EditView):
    """A copy's own form: its record's MARC (952) follows the change."""

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            form.instance.record.sync_items()
            return response


class HoldingDeleteView(DeleteView):
    """Deleting a copy removes its 952 from the record's MARC."""

    def delete_instance(self):
        with transaction.atomic():
            record = self.instance.record
            super().delete_instance()
            record.sync_items()


class CopySearchHandler(DjangoORMSearchHandler):
    """A scanned barcode or a control number finds its copies through their unique indexes;
    any other text searches as usual (``icontains``, a scan of every copy: seconds at 1M)."""

    def search_queryset(self, queryset, search_term, **kwargs):
        term = search_term.strip()
        exact = queryset.filter(Q(barcode=term) | Q(record__control_number=term))
        if term and exact.exists():
            return exact
        return super().search_queryset(queryset, search_term, **kwargs)


class HoldingAdmin(ModelAdmin):
    """Copies ("Bản tài liệu"): find one by barcode, change its status, due date or shelf."""

    model = Holding
    base_url_path = "library/holding"
    permission_helper_class = HoldingPermissionHelper
    edit_handler = HOLDING_PANELS
    edit_view_class = HoldingEditView
    delete_view_class = HoldingDeleteView
    menu_label = _("Bản tài liệu")
    menu_icon = "tag"
    list_display = ("barcode", "record", "branch", "location", "status", "due_date")
    list_filter = ("status", "branch")
    search_fields = ("barcode", "record__title", "record__control_number")
    search_handler_class = CopySearchHandler
    list_select_related = ("record",)
    ordering = ("barcode",)  # the barcode's unique index: a page without sorting every copy


class CatalogueGroup(ModelAdminGroup):
    """The "Mục lục" menu: records, holdings, OAI-PMH sources and the import page."""

    menu_label = _("Mục lục")
    menu_icon = "list-ul"
    menu_order = 250
    items = (RecordAdmin, HoldingAdmin, HarvestSourceAdmin)

    def get_submenu_items(self):
        return [*super().get_submenu_items(), ImportMenuItem(
            _("Nhập biểu ghi"), reverse("catalogue_import"), icon_name="upload", order=900,
        )]


class ImportMenuItem(MenuItem):
    """Shown to those who may add records."""

    def is_shown(self, request):
        return request.user.has_perm("catalogue.add_record")
