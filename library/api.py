"""The library app's API v3 routers (see ``library_cms/api.py``)."""

from library.content_api import routers as content_routers
from library.opac.api import router as opac_router

routers = [*content_routers, ("/opac/", opac_router)]
