from library.opac.api import router as opac_router

routers = [("/opac/", opac_router)]
