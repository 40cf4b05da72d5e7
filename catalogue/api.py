"""The catalogue's API v3 routers (see ``library_cms/api.py``): the OPAC."""

from catalogue.opac.api import router as opac_router

routers = [("/opac/", opac_router)]
