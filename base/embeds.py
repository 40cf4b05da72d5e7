"""Embedded media (YouTube and other oEmbed providers) looked up once, when the editor saves.

Pages render from the stored ``wagtail.embeds`` rows only, so reading a page never waits on the
network; a URL that cannot be resolved is a form error for the editor.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.embeds.embeds import get_embed, get_embed_hash
from wagtail.embeds.exceptions import (
    EmbedException,
    EmbedNotFoundException,
    EmbedUnsupportedProviderException,
)
from wagtail.embeds.models import Embed


def resolve_embed(url):
    """Look ``url`` up (stored row first, then the provider) and store it; errors in Vietnamese."""
    try:
        return get_embed(url)
    except EmbedUnsupportedProviderException as error:
        raise ValidationError(
            _("Không nhúng được địa chỉ này: nhà cung cấp không được hỗ trợ (hãy dùng YouTube, "
              "Vimeo hoặc một dịch vụ có oEmbed)."),
            code="unsupported_provider",
        ) from error
    except EmbedNotFoundException as error:
        raise ValidationError(
            _("Không lấy được thông tin nhúng cho địa chỉ này: kiểm tra lại đường dẫn, hoặc thử "
              "lại khi có kết nối mạng."),
            code="embed_not_found",
        ) from error
    except EmbedException as error:
        raise ValidationError(
            _("Không nhúng được địa chỉ này."), code="embed_failed"
        ) from error


def stored_embed(url):
    """The stored embed of ``url``, without any network lookup; ``None`` if there is none."""
    if not url:
        return None
    return Embed.objects.filter(hash=get_embed_hash(url)).first()


class EmbedUrlMixin:
    """A page with an embed URL field: resolved and stored when the editor saves."""

    embed_url_field = "video_url"

    def clean(self):
        """Resolve a new embed URL now; one that cannot be resolved is an error on its field.

        A URL already stored is not looked up again, so publishing (also scheduled publishing)
        never depends on the provider being reachable.
        """
        super().clean()
        url = getattr(self, self.embed_url_field)
        if url and stored_embed(url) is None:
            try:
                resolve_embed(url)
            except ValidationError as error:
                raise ValidationError({self.embed_url_field: error}) from error

    @property
    def embed(self):
        """The stored embed (never fetched while rendering), or ``None``."""
        if hasattr(self, "_stored_embed"):  # loaded for a whole list by attach_stored_embeds
            return self._stored_embed
        return stored_embed(getattr(self, self.embed_url_field))


def attach_stored_embeds(pages):
    """Load the stored embeds of a list's ``EmbedUrlMixin`` pages in one query."""
    hashes = [
        (page, get_embed_hash(url))
        for page in pages
        if isinstance(page, EmbedUrlMixin) and (url := getattr(page, page.embed_url_field))
    ]
    if not hashes:
        return
    found = {embed.hash: embed for embed in Embed.objects.filter(hash__in={h for _, h in hashes})}
    for page, embed_hash in hashes:
        page._stored_embed = found.get(embed_hash)
