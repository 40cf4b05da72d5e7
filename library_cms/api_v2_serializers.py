"""API v2's page serializer: Wagtail's, with its fields built once per serializer class and a
page's parent read in one query."""

import copy
from functools import lru_cache

from wagtail.api.v2.serializers import PageParentField, PageSerializer, get_serializer_class
from wagtail.models import Page

PARENT_FIELDS = ["id", "type", "detail_url", "html_url", "title"]


class BuiltOnceMixin:
    """DRF builds a serializer's fields from its model for every instance: build them once per
    class (they depend on the class only) and give each instance its copy."""

    def get_fields(self):
        cls = type(self)
        if "built_fields" not in cls.__dict__:
            cls.built_fields = super().get_fields()
        return copy.deepcopy(cls.built_fields)


@lru_cache
def parent_serializer_class(model):
    """Wagtail's serializer of a parent page, made once."""
    return get_serializer_class(model, PARENT_FIELDS, base=LibraryPageSerializer,
                                meta_fields=["type", "detail_url", "html_url"])


class ParentField(PageParentField):
    """Wagtail's parent of a page, when readers may see it: looked up among those pages, in one
    query (Wagtail reads the parent, then asks whether they may see it)."""

    def get_attribute(self, instance):
        parent_path = instance.path[:-Page.steplen]
        return self.context["base_queryset"].filter(path=parent_path).first()

    def to_representation(self, value):
        return parent_serializer_class(type(value))(context=self.context).to_representation(value)


class LibraryPageSerializer(BuiltOnceMixin, PageSerializer):
    """Wagtail's page serializer, its fields built once, the parent in one query."""

    parent = ParentField(read_only=True)
