"""Serializers for the page types' ``api_fields``, shared by API v2 (DRF) and v3 (its shim).

Each ``to_representation`` is annotated with a ``TypedDict`` so that API v3 documents the
shape in its OpenAPI schema.
"""

from django.db.models import Prefetch, prefetch_related_objects
from rest_framework.fields import Field
from typing_extensions import TypedDict
from wagtail.images.models import Filter

from base.renditions import renditions_or_none

RENDITIONS = {"thumbnail": "fill-400x300", "medium": "max-800x800", "large": "max-1600x1600"}
# Parsed once: Wagtail parses a spec given as a string at every call.
FILTERS = [Filter(spec=spec) for spec in RENDITIONS.values()]
PREFETCHED_RENDITIONS = "prefetched_renditions"  # where Wagtail's get_renditions looks first
PREFETCHED = "prefetched_"  # then a many-to-many's name: where ListedItemsField looks first


def prefetch_renditions(lookup="renditions"):
    """A prefetch of images' renditions (``lookup``: ``"main_image__renditions"`` from pages)
    into the list Wagtail's ``prefetch_renditions`` fills: unlike a plain prefetch, it builds
    no queryset per image."""
    return Prefetch(lookup, to_attr=PREFETCHED_RENDITIONS)


def prefetch_list(lookup):
    """A prefetch of pages' many-to-many ``lookup`` (``"tags"``, ``"categories"``) into a list
    a :class:`ListedItemsField` reads (a plain prefetch builds a queryset per page)."""
    return Prefetch(lookup, to_attr=PREFETCHED + lookup)


def load_renditions(images):
    """Load the renditions of those ``images`` that have none loaded, in one query."""
    missing = [image for image in images if image is not None
               and not hasattr(image, PREFETCHED_RENDITIONS)
               and "renditions" not in getattr(image, "_prefetched_objects_cache", {})]
    if missing:
        prefetch_related_objects(missing, prefetch_renditions())


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
    load_renditions([image])  # one query, unless a list or its page loaded them already
    renditions = renditions_or_none(image, *FILTERS) or {}
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
    """A list of pages as id, title and public URL, only the columns these need read."""

    def get_attribute(self, instance):
        pages = getattr(instance, self.source)()
        return pages.select_related(None).only("id", "title", "url_path")

    def to_representation(self, value) -> list[PageLinkData]:
        return [{"id": page.pk, "title": page.title, "url": page.full_url} for page in value]


class NamedItemData(TypedDict):
    id: int
    name: str
    slug: str


class ListedItemsField(ReadOnlyField):
    """A many-to-many, read from the list of :func:`prefetch_list` when a list made it."""

    def get_attribute(self, instance):
        prefetched = getattr(instance, PREFETCHED + self.source, None)
        return super().get_attribute(instance) if prefetched is None else prefetched

    @staticmethod
    def items(value):
        """The items of the prefetched list or of the many-to-many's manager."""
        return value if isinstance(value, list) else value.all()


class NamedItemsField(ListedItemsField):
    """A many-to-many of named items (categories) as id, name and slug; without a list's
    prefetch, loaded into the instance's prefetched objects (its methods reading them again
    need no query)."""

    def get_attribute(self, instance):
        if not hasattr(instance, PREFETCHED + self.source) and (
                self.source not in getattr(instance, "_prefetched_objects_cache", {})):
            prefetch_related_objects([instance], self.source)
        return super().get_attribute(instance)

    def to_representation(self, value) -> list[NamedItemData]:
        return [{"id": item.pk, "name": item.name, "slug": item.slug}
                for item in self.items(value)]


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


class TagNamesField(ListedItemsField):
    """Tags as their sorted names."""

    def to_representation(self, value) -> list[str]:
        return sorted(tag.name for tag in self.items(value))
