"""The catalogue's tables: records with their holdings, the admin's import jobs, the tombstones
of deleted records and the OAI-PMH harvest sources with their runs."""

from catalogue.models.deletions import DeletedRecord
from catalogue.models.harvest import HarvestedRecord, HarvestRun, HarvestSchedule, HarvestSource
from catalogue.models.imports import BackgroundJob, ImportJob, ImportStatus
from catalogue.models.records import Holding, Record

__all__ = [
    "BackgroundJob", "DeletedRecord", "HarvestRun", "HarvestSchedule", "HarvestSource",
    "HarvestedRecord", "Holding", "ImportJob", "ImportStatus", "Record",
]
