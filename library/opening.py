"""When is the library open? Pure computations over weekly sessions and dated exceptions.

Nothing here touches the database: ``library.models.ServiceHours`` builds a ``Schedule`` from
the admin's data and hands it to ``opening_state``.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from base.dates import LIBRARY_TZ

# How far ahead to look for the next opening (a closure of more than a year is "unknown").
HORIZON_DAYS = 400


class Session(NamedTuple):
    """One opening session within a day, ``opens`` before ``closes``."""

    opens: time
    closes: time


class OpeningState(NamedTuple):
    """Whether the library is open, and when that next changes (``None``: not within reach)."""

    is_open: bool
    next_change: datetime | None


@dataclass(frozen=True)
class Schedule:
    """Weekly sessions by weekday (0 = Monday) and dated exceptions (no sessions = closed)."""

    weekly: Mapping[int, Sequence[Session]]
    exceptions: Mapping[date, Sequence[Session]] = field(default_factory=dict)

    def sessions_on(self, day: date) -> Sequence[Session]:
        """The sessions of ``day``: an exception wins over the weekly rule."""
        if day in self.exceptions:
            return self.exceptions[day]
        return self.weekly.get(day.weekday(), ())


def first_overlap(sessions: Iterable[Session]) -> tuple[Session, Session] | None:
    """Two sessions of the same day that overlap, or ``None``; touching sessions do not."""
    latest = None
    for session in sorted(sessions):
        if latest is not None and session.opens < latest.closes:
            return latest, session
        if latest is None or session.closes > latest.closes:
            latest = session
    return None


def merged_sessions(sessions: Iterable[Session]) -> list[Session]:
    """Sorted sessions with touching or overlapping ones joined into one."""
    merged: list[Session] = []
    for session in sorted(sessions):
        if merged and session.opens <= merged[-1].closes:
            merged[-1] = Session(merged[-1].opens, max(merged[-1].closes, session.closes))
        else:
            merged.append(session)
    return merged


def opening_state(
    at: datetime, schedule: Schedule, horizon_days: int = HORIZON_DAYS
) -> OpeningState:
    """Is the library open at the aware instant ``at``, and when does that change next?"""
    if at.tzinfo is None:
        raise ValueError("opening_state needs an aware datetime")
    local = at.astimezone(LIBRARY_TZ)
    for offset in range(horizon_days):
        day = local.date() + timedelta(days=offset)
        for session in merged_sessions(schedule.sessions_on(day)):
            start = datetime.combine(day, session.opens, LIBRARY_TZ)
            end = datetime.combine(day, session.closes, LIBRARY_TZ)
            if end <= local:
                continue
            if start <= local:
                return OpeningState(True, end)
            return OpeningState(False, start)
    return OpeningState(False, None)


def tet_closure(new_year_day: date, days_before: int, last_day: int) -> tuple[date, date] | None:
    """The days the library closes for Tết: from ``days_before`` days before mùng 1
    (``new_year_day``) to the end of mùng ``last_day``; ``None`` when ``last_day`` is 0."""
    if last_day < 1:
        return None
    return (new_year_day - timedelta(days=days_before),
            new_year_day + timedelta(days=last_day - 1))


class WeekdayGroup(NamedTuple):
    """Consecutive weekdays (``first`` to ``last``, 0 = Monday) sharing the same sessions."""

    first: int
    last: int
    sessions: tuple[Session, ...]


def group_weekdays(weekly: Mapping[int, Sequence[Session]]) -> list[WeekdayGroup]:
    """Monday to Sunday, runs of days with identical sessions joined (for display)."""
    groups: list[WeekdayGroup] = []
    for weekday in range(7):
        sessions = tuple(merged_sessions(weekly.get(weekday, ())))
        if groups and groups[-1].sessions == sessions:
            groups[-1] = groups[-1]._replace(last=weekday)
        else:
            groups.append(WeekdayGroup(weekday, weekday, sessions))
    return groups

