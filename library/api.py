"""The library app's API v3 routers (see ``library_cms/api.py``)."""

from library.content_api import routers as content_routers

routers = [*content_routers]
