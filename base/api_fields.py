"""Serializers for the page types' ``api_fields``, shared by API v2 (DRF) and v3 (its shim).

Each ``to_representation`` is annotated with a ``TypedDict`` so that API v3 documents the
shape in its OpenAPI schema.
"""

from rest_framework.fields import Field
from typing_extensions import TypedDict

from base.renditions import renditions_or_none

RENDITIONS = {"thumbnail": "fill-400x300", "medium": "max-800x800", "large": "max-1600x1600"}


class ReadOnlyField(Field):
    """A field the API shows and never writes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class RenditionData(TypedDict):
    url: str
    width: int
    height: int


class ImageData(TypedDict):
    id: int
    title: str
    alt: str
    width: int
    height: int
    renditions: dict[str, RenditionData]


def image_data(image, alt="") -> ImageData:
    """An image as its renditions' URLs and sizes, with the alternative text (no renditions
    when its file is lost)."""
    renditions = renditions_or_none(image, *RENDITIONS.values()) or {}
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt or image.default_alt_text,
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": renditions[spec].full_url,
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in RENDITIONS.items() if spec in renditions
        },
    }


class ImageField(ReadOnlyField):
    """An image foreign key as renditions with alt text (``None`` stays ``None``)."""

    def to_representation(self, value) -> ImageData:
        return image_data(value)


class PageLinkData(TypedDict):
    id: int
    title: str
    url: str | None


class PageLinksField(ReadOnlyField):
    """A list of pages as id, title and public URL."""

    def get_attribute(self, instance):
        return getattr(instance, self.source)()

    def to_representation(self, value) -> list[PageLinkData]:
        return [{"id": page.pk, "title": page.title, "url": page.full_url} for page in value]


class NamedItemData(TypedDict):
    id: int
    name: str
    slug: str


class NamedItemsField(ReadOnlyField):
    """A many-to-many of named items (categories) as id, name and slug."""

    def to_representation(self, value) -> list[NamedItemData]:
        return [{"id": item.pk, "name": item.name, "slug": item.slug} for item in value.all()]


class EmbedData(TypedDict):
    url: str
    title: str
    provider_name: str
    type: str
    html: str
    width: int | None
    height: int | None
    thumbnail_url: str | None


def embed_data(embed) -> EmbedData:
    """A stored embed's data (never fetched from the provider here)."""
    return {
        "url": embed.url,
        "title": embed.title,
        "provider_name": embed.provider_name,
        "type": embed.type,
        "html": embed.html,
        "width": embed.width,
        "height": embed.height,
        "thumbnail_url": embed.thumbnail_url or None,
    }


class EmbedField(ReadOnlyField):
    """A page's stored embed (``EmbedUrlMixin.embed``) as its data."""

    def to_representation(self, value) -> EmbedData:
        return embed_data(value)


class TagNamesField(ReadOnlyField):
    """Tags as their sorted names, read from prefetched tags when the list has them."""

    def to_representation(self, value) -> list[str]:
        return sorted(tag.name for tag in value.all())
