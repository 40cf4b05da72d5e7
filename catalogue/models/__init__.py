"""The catalogue's tables: records with their holdings, and the admin's import jobs."""

from catalogue.models.imports import ImportJob, ImportStatus
from catalogue.models.records import Holding, Record

__all__ = ["Holding", "ImportJob", "ImportStatus", "Record"]
