"""API v3 router of headless previews: ``/api/v3/preview/?content_type=…&token=…``."""

from ninja import Router
from ninja.errors import HttpError
from wagtail.api.v3.auth import AllowAnonymous
from wagtail.api.v3.routers.pages import PageDetailSchema

from home.preview import PreviewTokenError, preview_page

preview_router = Router(tags=["preview"], auth=AllowAnonymous())


@preview_router.get(
    "/", response=PageDetailSchema, summary="Bản xem trước", operation_id="pages_preview"
)
def preview(request, content_type: str, token: str):
    """The draft an editor is previewing, for the holder of its short-lived token only."""
    try:
        return preview_page(content_type, token)
    except PreviewTokenError as error:
        raise HttpError(403, str(error)) from error


routers = [("/preview/", preview_router)]
