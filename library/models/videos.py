"""Videos: introduction videos and audiobook videos ("Video sách nói"), embedded by URL."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from base.api_fields import EmbedField, ImageField, prefetch_renditions
from base.embeds import EmbedUrlMixin
from base.pages import IntroPage, SitePage, image_field, unexpired


class VideoCategory(models.TextChoices):
    """What a video is for on the portal."""

    INTRODUCTION = "introduction", _("Video giới thiệu")
    AUDIOBOOK = "audiobook", _("Video sách nói")


def live_videos(category=None):
    """Published, public, unexpired videos (of one category if given), newest first."""
    videos = (unexpired(VideoPage.objects.live().public()).order_by("-first_published_at", "-pk")
              .select_related("thumbnail"))
    return videos.filter(category=category) if category else videos


class VideoIndexPage(IntroPage):
    """All videos, grouped by category."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["library.VideoPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang danh sách video")
        verbose_name_plural = _("trang danh sách video")

    def get_context(self, request, *args, **kwargs):
        """Live videos under this page, one list per category."""
        context = super().get_context(request, *args, **kwargs)
        videos = live_videos().child_of(self)
        context["video_groups"] = [
            (label, videos.filter(category=value)) for value, label in VideoCategory.choices
        ]
        return context


class VideoPage(EmbedUrlMixin, SitePage):
    """A video: embed URL, description, transcript and category."""

    video_url = models.URLField(
        _("địa chỉ video"), help_text=_("Địa chỉ trang video trên YouTube, Vimeo, …")
    )
    category = models.CharField(
        _("loại video"),
        max_length=20,
        choices=VideoCategory.choices,
        default=VideoCategory.INTRODUCTION,
    )
    thumbnail = image_field(
        _("ảnh đại diện"),
        help_text=_("Hiện thay cho video cho đến khi bạn đọc bấm xem: trang không tải gì từ "
                    "trang video trước lúc đó."),
    )
    description = models.TextField(_("mô tả"), blank=True)
    transcript = models.TextField(
        _("lời thoại"), blank=True, help_text=_("Bản chữ của video, cho người không nghe được.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("video_url"),
        FieldPanel("thumbnail"),
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("transcript"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("transcript"),
        index.FilterField("category"),
    ]
    api_fields = [
        APIField("video_url"),
        APIField("thumbnail", serializer=ImageField()),
        APIField("category"),
        APIField("description"),
        APIField("transcript"),
        APIField("embed", serializer=EmbedField()),
    ]
    parent_page_types = ["library.VideoIndexPage"]
    subpage_types = []
    # What the api_fields read from other tables: fetched once per API list (each prefetch when
    # the list shows its field), not per item.
    api_select_related = ["thumbnail"]
    api_prefetch_related = {"thumbnail": prefetch_renditions("thumbnail__renditions")}
    summary_field = "description"
    image_field = "thumbnail"
    og_type = "video.other"

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("video")
