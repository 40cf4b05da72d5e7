"""Blocks of an article's body: paragraphs, headings, captioned images, quotes, videos, tables."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from base.api_fields import embed_data, image_data, load_renditions
from base.embeds import stored_embed


class HeadingBlock(blocks.StructBlock):
    """A section heading at level 2 or 3 (the page title is the only h1)."""

    text = blocks.CharBlock(label=_("tiêu đề"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("cấp"), choices=[("h2", _("Tiêu đề lớn")), ("h3", _("Tiêu đề nhỏ"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Tiêu đề mục")
        template = "articles/blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with its alternative text and an optional visible caption."""

    image = ImageChooserBlock(label=_("ảnh"))
    alt_text = blocks.CharBlock(
        label=_("mô tả ảnh (alt)"),
        required=False,
        help_text=_("Cho người dùng trình đọc màn hình; để trống sẽ dùng tên ảnh."),
    )
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "articles/blocks/captioned_image.html"

    def get_api_representation(self, value, context=None):
        """The image as renditions' URLs with its alt text, and the caption."""
        image = value["image"]
        return {
            "image": image_data(image, value["alt_text"]) if image else None,
            "caption": value["caption"],
        }


class QuoteBlock(blocks.StructBlock):
    """A quotation and who said or wrote it."""

    text = blocks.TextBlock(label=_("trích dẫn"))
    attribution = blocks.CharBlock(label=_("người nói / nguồn"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "articles/blocks/quote.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """Everything an article's body may hold."""

    paragraph = blocks.RichTextBlock(
        label=_("Đoạn văn"), features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = EmbedBlock(label=_("Video nhúng"), icon="media")
    table = TableBlock(label=_("Bảng"), template="articles/blocks/table.html")

    def get_api_representation(self, value, context=None):
        """Blocks as the API shows them (the images' renditions loaded in one query), videos
        as their stored embed data."""
        load_renditions(
            [child.value["image"] for child in value or [] if child.block_type == "image"])
        items = super().get_api_representation(value, context)
        for item, child in zip(items, value or [], strict=True):
            if child.block_type == "video":
                embed = stored_embed(child.value.url)
                item["value"] = embed_data(embed) if embed else {"url": child.value.url}
        return items
