"""What a page tells search engines and social networks: description and Open Graph data."""

from django.utils.html import strip_tags
from django.utils.text import Truncator

META_DESCRIPTION_LENGTH = 160


class SeoMixin:
    """Meta description and Open Graph image of a page, from fields the page type names.

    ``summary_field`` names the text used when the editor left "search description" empty;
    ``image_field`` names the image shared on social networks.
    """

    summary_field: str | None = None
    image_field: str | None = None
    og_type = "website"

    @property
    def meta_description(self):
        """The editor's search description, or the start of the page's summary."""
        text = self.search_description
        if not text and self.summary_field:
            text = getattr(self, self.summary_field) or ""
        return Truncator(strip_tags(str(text)).strip()).chars(META_DESCRIPTION_LENGTH)

    @property
    def og_image(self):
        """The image to share with the page, if it has one."""
        return getattr(self, self.image_field) if self.image_field else None
