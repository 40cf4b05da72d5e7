"""API v3 router of headless previews: ``/api/v3/preview/?content_type=…&token=…``."""

from ninja import Router
from wagtail.api.v3.auth import AllowAnonymous
from wagtail.api.v3.routers.pages import PageDetailSchema

from base.preview import preview_page

preview_router = Router(tags=["preview"], auth=AllowAnonymous())


@preview_router.get(
    "/", response=PageDetailSchema, summary="Bản xem trước", operation_id="pages_preview"
)
def preview(request, content_type: str, token: str):
    """The draft an editor is previewing, for the holder of its short-lived token only."""
    return preview_page(content_type, token)


routers = [("/preview/", preview_router)]
