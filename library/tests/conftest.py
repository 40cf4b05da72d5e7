"""Fixtures for the library tests."""

from datetime import time

import pytest

from base.dates import Weekday
from base.testing import temporary_media_root  # noqa: F401
from catalogue.tests.conftest import catalogue_index  # noqa: F401 -- books link to records
from library.models import ServiceHours, WeeklySession


@pytest.fixture
def hours(db):
    """The reference's hours: Tuesday to Sunday, 08:00–12:00 and 13:30–16:30."""
    hours = ServiceHours.load()
    hours.weekly_sessions = [
        WeeklySession(weekday=day, opens=opens, closes=closes)
        for day in range(Weekday.TUESDAY, Weekday.SUNDAY + 1)
        for opens, closes in ((time(8), time(12)), (time(13, 30), time(16, 30)))
    ]
    hours.save()
    return hours
