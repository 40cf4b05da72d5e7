"""The library catalogue: bibliographic records (biểu ghi) and their holdings (bản tài liệu)."""

import logging

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from base.pages import image_field
from catalogue.choices import HoldingStatus, MaterialType
from catalogue.marc.items import write_items
from catalogue.marc.marcxml import marc_text, record_xml
from catalogue.marc.writer import MAPPED_FIELDS, parse_marcxml, sync_marc
from catalogue.weblinks import MAX_URL, validate_web_url, web_url
from search.analysis import fold

logger = logging.getLogger(__name__)
COVER_THUMBNAIL = "max-120x170"

SEARCHED_TEXT = (
    "title", "subtitle", "responsibility", "publisher", "series", "summary", "call_number",
    "control_number",
)
SEARCHED_LISTS = ("subjects", "isbns", "issns")


def search_text_of(fields):
    """The folded words the database search looks in, from a record's field values (a dict)."""
    parts = [fields[name] for name in SEARCHED_TEXT]
    parts += [author["name"] for author in fields["authors"]]
    parts += [value for name in SEARCHED_LISTS for value in fields[name]]
    return fold(" ".join(part for part in parts if part))


class RecordQuerySet(models.QuerySet):
    """Records, with those a harvest withdrew (their source deleted them) told apart."""

    def visible(self):
        """The records readers see: not withdrawn (the OPAC, its API, exports, the index)."""
        return self.filter(withdrawn_at=None)


class Record(ClusterableModel):
    """A bibliographic record, keyed by its control number (MARC 001); the MARC is kept as MARCXML.

    ``authors`` is a list of ``{"name", "role", "main"}``; ``subjects``, ``isbns``, ``issns`` and
    ``notes`` are lists of strings; ``links`` (MARC 856 other than the cover) is a list of
    ``{"url", "label"}``. ``cover_url`` is a cover image on the web (856), shown when no
    ``cover`` was uploaded. ``search_text`` is every searchable word folded (no diacritics),
    for the database search used when the engine is down.

    ``withdrawn_at`` is set when the OAI-PMH source a record was harvested from reports it
    deleted: the record stays (so that its re-appearance restores it) but readers no longer see
    it (:meth:`RecordQuerySet.visible`) and the OAI-PMH provider reports it deleted.
    ``updated_at`` is its OAI-PMH datestamp.

    The fields that come from the MARC and its MARCXML never disagree: :meth:`save` rewrites the
    MARC when they changed (:func:`catalogue.marc.writer.sync_marc`). The import writes records in
    bulk, without ``save()``: their MARCXML is the source file's. A clusterable model, so that the
    admin edits a record's holdings on its form (``InlinePanel``).
    """

    control_number = models.CharField(_("số kiểm soát"), max_length=64, unique=True)
    title = models.TextField(_("nhan đề"))
    subtitle = models.TextField(_("phụ đề"), blank=True)
    responsibility = models.TextField(_("thông tin trách nhiệm"), blank=True)
    authors = models.JSONField(_("tác giả"), default=list, blank=True)
    subjects = models.JSONField(_("chủ đề"), default=list, blank=True)
    isbns = models.JSONField(_("ISBN"), default=list, blank=True)
    issns = models.JSONField(_("ISSN"), default=list, blank=True)
    publisher = models.TextField(_("nhà xuất bản"), blank=True)
    place = models.TextField(_("nơi xuất bản"), blank=True)
    year = models.PositiveSmallIntegerField(
        _("năm xuất bản"), null=True, blank=True, db_index=True,
        validators=[MaxValueValidator(9999)],
    )
    edition = models.TextField(_("lần xuất bản"), blank=True)
    language = models.CharField(
        _("ngôn ngữ"), max_length=3, blank=True, db_index=True,
        validators=[RegexValidator("^[a-z]{3}$", _("Mã ngôn ngữ MARC gồm 3 chữ thường, "
                                                    "ví dụ vie, eng, fre."))],
    )
    physical_description = models.TextField(_("mô tả vật lý"), blank=True)
    series = models.TextField(_("tùng thư"), blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    notes = models.JSONField(_("phụ chú"), default=list, blank=True)
    classification = models.CharField(_("ký hiệu phân loại (DDC)"), max_length=100, blank=True)
    call_number = models.CharField(_("ký hiệu xếp giá"), max_length=100, blank=True)
    material_type = models.CharField(
        _("loại tài liệu"), max_length=20, choices=MaterialType.choices,
        default=MaterialType.BOOK, db_index=True,
    )
    cover = image_field(_("ảnh bìa"))
    cover_url = models.URLField(
        _("địa chỉ ảnh bìa"), max_length=MAX_URL, blank=True, validators=[validate_web_url],
        help_text=_("Ảnh bìa trên web (MARC 856); ảnh bìa tải lên được ưu tiên."),
    )
    links = models.JSONField(_("liên kết"), default=list, blank=True)
    marcxml = models.TextField(_("biểu ghi MARCXML"), blank=True)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày cập nhật"), auto_now=True)
    withdrawn_at = models.DateTimeField(
        _("rút khỏi mục lục lúc"), null=True, blank=True, editable=False,
        help_text=_("Nguồn thu thập OAI-PMH đã báo xoá biểu ghi này."),
    )

    objects = RecordQuerySet.as_manager()

    class Meta:
        db_table = "library_record"  # the table from before the catalogue app (no data moved)
        ordering = ["title", "pk"]
        # OAI-PMH lists records by datestamp, paging by key (catalogue.oai.repository).
        indexes = [models.Index(fields=["updated_at", "id"], name="library_record_oai_key")]
        verbose_name = _("biểu ghi")
        verbose_name_plural = _("biểu ghi thư mục")

    def __str__(self):
        return self.full_title

    def __init__(self, *args, **kwargs):
        # ClusterableModel's constructor looks for child relations in the keyword arguments,
        # ~6 µs a record: an import or a reindex builds a million of them, without ``holdings=``.
        if "holdings" in kwargs:
            super().__init__(*args, **kwargs)
        else:
            models.Model.__init__(self, *args, **kwargs)

    def save(self, **kwargs):
        """Save, first rewriting the MARC if the fields it maps to changed (see the class doc)."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & set(MAPPED_FIELDS):
            if sync_marc(self) and update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *MAPPED_FIELDS, "marcxml"}
        self.refresh_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(**kwargs)

    def get_absolute_url(self):
        return reverse("opac:record", args=[self.pk])

    @property
    def full_title(self):
        """Title and subtitle as ISBD writes them."""
        return f"{self.title} : {self.subtitle}" if self.subtitle else self.title

    @property
    def author_names(self):
        """The authors' names, main author first."""
        return [author["name"] for author in self.authors]

    @property
    def main_author(self):
        """The main entry's name, or the first added author, or ``""``."""
        return self.author_names[0] if self.authors else ""

    @property
    def cover_link(self):
        """``cover_url`` when it is a safe http(s) address, else ``""``."""
        return web_url(self.cover_url)

    @property
    def cover_thumbnail(self):
        """The cover a result list shows: a small rendition of the uploaded cover, else the
        856 cover's address, else ``""`` (a rendition that cannot be made falls back too)."""
        if self.cover_id:
            try:
                return self.cover.get_rendition(COVER_THUMBNAIL).url
            except Exception:  # a lost or unreadable image file
                logger.warning("No thumbnail for the cover of record %s", self.pk, exc_info=True)
        return self.cover_link

    @property
    def web_links(self):
        """The 856 links whose address is http(s): ``[{"url", "label"}]``."""
        return [{"url": url, "label": link.get("label") or url} for link in self.links
                if isinstance(link, dict) and (url := web_url(link.get("url")))]

    def refresh_search_text(self):
        """Recompute the folded words the database search looks in."""
        self.search_text = search_text_of(vars(self))

    @property
    def marc(self):
        """The stored MARC in the mnemonic form cataloguers read (``=245  10$a…``)."""
        return marc_text(self.marcxml)

    marc.fget.short_description = _("biểu ghi MARC")

    def sync_items(self):
        """Rewrite the stored MARC's 952 items from the copies in the database; return whether it
        changed. Saved with an ``UPDATE`` of that column and the datestamp only (the fields it
        maps to are the same).
        """
        marc = parse_marcxml(self.marcxml)
        if marc is None:
            return False
        xml = record_xml(write_items(marc, list(self.holdings.all()), self.call_number))
        if xml == self.marcxml:
            return False
        self.marcxml, self.updated_at = xml, timezone.now()  # a new OAI-PMH datestamp
        Record.objects.filter(pk=self.pk).update(marcxml=xml, updated_at=self.updated_at)
        return True

    def get_marc_display(self):
        """The MARC preformatted, for the admin's inspect view."""
        return format_html('<pre class="marc">{}</pre>', self.marc)


class Holding(models.Model):
    """A copy of a record on the shelves: barcode, branch and shelf, status and due date."""

    record = ParentalKey(
        Record, verbose_name=_("biểu ghi"), on_delete=models.CASCADE, related_name="holdings"
    )
    barcode = models.CharField(_("mã vạch"), max_length=64, unique=True)
    branch = models.CharField(_("thư viện chi nhánh"), max_length=150, blank=True)
    location = models.CharField(_("kho"), max_length=150, blank=True)
    call_number = models.CharField(_("ký hiệu xếp giá"), max_length=100, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=HoldingStatus.choices,
        default=HoldingStatus.AVAILABLE,
    )
    due_date = models.DateField(_("hạn trả"), null=True, blank=True)

    class Meta:
        db_table = "library_holding"
        ordering = ["branch", "barcode"]
        verbose_name = _("bản tài liệu")
        verbose_name_plural = _("vốn tài liệu")

    def __str__(self):
        return self.barcode

    def clean(self):
        """A copy on loan has a due date (the MARC says "on loan" with its 952 $q)."""
        if self.status == HoldingStatus.ON_LOAN and not self.due_date:
            raise ValidationError({"due_date": _("Bản đang cho mượn cần có hạn trả.")})
