"""Headless preview: the admin's preview opens the front end named by ``HEADLESS_PREVIEW_URL``.

wagtail-headless-preview stores the previewed draft under a signed token and redirects the
preview panel to ``<HEADLESS_PREVIEW_URL>?content_type=…&token=…``; the front end asks the API
for that draft (``/api/v2/page_preview/``, ``/api/v3/preview/``). Tokens expire after
``HEADLESS_PREVIEW_MAX_AGE`` seconds. Without ``HEADLESS_PREVIEW_URL`` the portal's own preview
is the only one.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.signing import BadSignature, SignatureExpired
from django.utils.translation import gettext_lazy as _
from wagtail_headless_preview.models import HeadlessPreviewMixin as BaseHeadlessPreviewMixin
from wagtail_headless_preview.models import PagePreview

HEADLESS_MODE = "headless"


class PreviewTokenError(Exception):
    """A preview token that is malformed, expired or unknown."""


class HeadlessPreviewMixin(BaseHeadlessPreviewMixin):
    """Adds the front end as a preview mode (the default one) when it is configured."""

    @property
    def preview_modes(self):
        modes = super().preview_modes
        if settings.HEADLESS_PREVIEW_URL:
            return [(HEADLESS_MODE, _("Giao diện ứng dụng ngoài")), *modes]
        return modes

    @property
    def default_preview_mode(self):
        return self.preview_modes[0][0]

    def get_client_root_url(self, request):
        return settings.HEADLESS_PREVIEW_URL

    def serve_preview(self, request, mode_name):
        if mode_name == HEADLESS_MODE:
            return super().serve_preview(request, mode_name)
        return super(BaseHeadlessPreviewMixin, self).serve_preview(request, mode_name)


def preview_page(content_type, token):
    """The draft page behind a preview token, or ``PreviewTokenError``."""
    try:
        app_label, model_name = content_type.split(".")
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        raise PreviewTokenError(_("Loại trang không hợp lệ.")) from None
    if not issubclass(model, HeadlessPreviewMixin):
        raise PreviewTokenError(_("Loại trang không hợp lệ."))
    try:
        model.get_preview_signer().unsign(token, max_age=settings.HEADLESS_PREVIEW_MAX_AGE)
    except SignatureExpired:
        raise PreviewTokenError(_("Mã xem trước đã hết hạn.")) from None
    except BadSignature:
        raise PreviewTokenError(_("Mã xem trước không hợp lệ.")) from None
    preview = PagePreview.objects.filter(
        content_type=ContentType.objects.get_for_model(model), token=token
    ).first()
    if preview is None:
        raise PreviewTokenError(_("Không tìm thấy bản xem trước."))
    page = preview.as_page()
    if page.pk is None:  # a page not saved yet: the API needs some id
        page.pk = page.id = 0
    return page


