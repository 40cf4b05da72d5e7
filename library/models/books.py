"""Book of the day ("Mỗi ngày một cuốn sách"): reviewed books, each featured on chosen dates."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from base.api_fields import ImageField, prefetch_renditions
from base.pages import IntroPage, SitePage, image_field, unexpired


class BookIndexPage(IntroPage):
    """The list of reviewed books, most recently featured first."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["library.BookPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang mỗi ngày một cuốn sách")
        verbose_name_plural = _("trang mỗi ngày một cuốn sách")

    def get_context(self, request, *args, **kwargs):
        """The live books under this page, latest featured first."""
        context = super().get_context(request, *args, **kwargs)
        context["books"] = (
            unexpired(BookPage.objects.live().public())
            .child_of(self)
            .annotate(last_featured=models.Max("featured_dates__date"))
            .order_by(models.F("last_featured").desc(nulls_last=True), "title")
            .select_related("cover")
        )
        return context


class BookPage(SitePage):
    """A book recommendation: author, cover, a short review and the full text behind "Xem thêm"."""

    author = models.CharField(_("tác giả"), max_length=200)
    cover = image_field(_("ảnh bìa"))
    review = models.TextField(
        _("giới thiệu ngắn"), max_length=500, help_text=_("Hiện trên trang chủ, vài câu.")
    )
    body = RichTextField(_("bài giới thiệu đầy đủ"), blank=True)
    record = models.ForeignKey(
        "catalogue.Record",
        verbose_name=_("biểu ghi trong mục lục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="book_pages",
        help_text=_("Bạn đọc đi từ bài giới thiệu đến biểu ghi trong OPAC."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("author"),
        FieldPanel("cover"),
        FieldPanel("record"),
        FieldPanel("review"),
        FieldPanel("body"),
        InlinePanel(
            "featured_dates", heading=_("Ngày giới thiệu"), label=_("Ngày"), min_num=1
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("author"),
        index.SearchField("review"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("author"),
        APIField("cover", serializer=ImageField()),
        APIField("review"),
        APIField("body"),
        APIField("featured_dates"),
        APIField("catalogue_url"),
    ]
    # What the api_fields read from other tables: fetched once per API list (each prefetch when
    # the list shows its field), not per item.
    api_select_related = ["cover", "record"]
    api_prefetch_related = {"cover": prefetch_renditions("cover__renditions"),
                            "featured_dates": "featured_dates"}
    parent_page_types = ["library.BookIndexPage"]
    subpage_types = []
    summary_field = "review"
    image_field = "cover"
    og_type = "book"

    class Meta:
        verbose_name = _("sách giới thiệu")
        verbose_name_plural = _("sách giới thiệu")

    @property
    def catalogue_url(self):
        """The path of the book's record in the OPAC, or ``None`` when it is not linked or a
        harvest withdrew it (the OPAC answers 404 for it)."""
        if self.record_id is None or self.record.withdrawn_at is not None:
            return None
        return self.record.get_absolute_url()


class BookFeatureDate(Orderable):
    """A date on which a book is the book of the day."""

    page = ParentalKey(BookPage, on_delete=models.CASCADE, related_name="featured_dates")
    date = models.DateField(_("ngày"))

    panels = [FieldPanel("date")]
    api_fields = [APIField("date")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "date"], name="unique_book_feature_date")
        ]
        verbose_name = _("ngày giới thiệu")
        verbose_name_plural = _("ngày giới thiệu")


def book_of_the_day(today=None):
    """Today's book, or the most recently featured one before today; ``None`` if none."""
    today = today or timezone.localdate()
    feature = (
        unexpired(BookFeatureDate.objects.filter(date__lte=today, page__live=True), "page__")
        .order_by("-date", "-page__last_published_at", "-page_id")
        .select_related("page", "page__cover", "page__record")
        .first()
    )
    return feature.page if feature else None
