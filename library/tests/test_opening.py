"""Opening state at chosen instants around every boundary, with and without exceptions."""

from datetime import UTC, date, datetime, time

import pytest

from base.dates import LIBRARY_TZ
from library.opening import (
    OpeningState,
    Schedule,
    Session,
    first_overlap,
    group_weekdays,
    merged_sessions,
    opening_state,
)

MORNING = Session(time(8, 0), time(12, 0))
AFTERNOON = Session(time(13, 30), time(16, 30))
# The reference portal: Tuesday (1) to Sunday (6), two sessions; closed on Monday (0).
REFERENCE = Schedule(weekly={day: [MORNING, AFTERNOON] for day in range(1, 7)})
MONDAY, TUESDAY, WEDNESDAY, SUNDAY = (
    date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 6)
)


def local(day, hour, minute=0, second=0):
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=LIBRARY_TZ)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (local(TUESDAY, 7, 59, 59), OpeningState(False, local(TUESDAY, 8))),
        (local(TUESDAY, 8), OpeningState(True, local(TUESDAY, 12))),
        (local(TUESDAY, 11, 59, 59), OpeningState(True, local(TUESDAY, 12))),
        (local(TUESDAY, 12), OpeningState(False, local(TUESDAY, 13, 30))),
        (local(TUESDAY, 13, 29, 59), OpeningState(False, local(TUESDAY, 13, 30))),
        (local(TUESDAY, 13, 30), OpeningState(True, local(TUESDAY, 16, 30))),
        (local(TUESDAY, 16, 29, 59), OpeningState(True, local(TUESDAY, 16, 30))),
        (local(TUESDAY, 16, 30), OpeningState(False, local(WEDNESDAY, 8))),
        (local(TUESDAY, 23, 59), OpeningState(False, local(WEDNESDAY, 8))),
        (local(MONDAY, 0, 0), OpeningState(False, local(TUESDAY, 8))),
        (local(MONDAY, 10), OpeningState(False, local(TUESDAY, 8))),
        (local(SUNDAY, 16, 30), OpeningState(False, local(date(2026, 12, 8), 8))),
    ],
)
def test_reference_hours_at_boundaries(at, expected):
    assert opening_state(at, REFERENCE) == expected


def test_instants_in_other_time_zones_are_converted():
    # 01:00 UTC is 08:00 in Hanoi: the library has just opened.
    at = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
    assert opening_state(at, REFERENCE) == OpeningState(True, local(TUESDAY, 12))
    # 16:59 UTC on Monday is 23:59 in Hanoi: still Monday, closed.
    assert not opening_state(datetime(2026, 11, 30, 16, 59, tzinfo=UTC), REFERENCE).is_open


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        opening_state(datetime(2026, 12, 1, 9, 0), REFERENCE)


def test_closed_exception_wins_over_weekly_rule():
    schedule = Schedule(weekly=REFERENCE.weekly, exceptions={TUESDAY: []})
    assert opening_state(local(TUESDAY, 9), schedule) == OpeningState(False, local(WEDNESDAY, 8))
    assert opening_state(local(MONDAY, 9), schedule) == OpeningState(False, local(WEDNESDAY, 8))


def test_special_hours_open_a_monday_and_extend_a_tuesday():
    schedule = Schedule(
        weekly=REFERENCE.weekly,
        exceptions={
            MONDAY: [Session(time(9), time(11))],
            TUESDAY: [Session(time(7, 30), time(11, 30)), Session(time(13, 30), time(20))],
        },
    )
    assert opening_state(local(MONDAY, 8, 59), schedule) == OpeningState(False, local(MONDAY, 9))
    assert opening_state(local(MONDAY, 10), schedule) == OpeningState(True, local(MONDAY, 11))
    assert opening_state(local(MONDAY, 11), schedule) == OpeningState(
        False, local(TUESDAY, 7, 30)
    )
    assert opening_state(local(TUESDAY, 7, 45), schedule) == OpeningState(
        True, local(TUESDAY, 11, 30)
    )
    assert opening_state(local(TUESDAY, 17), schedule) == OpeningState(True, local(TUESDAY, 20))


def test_touching_sessions_are_one_opening():
    schedule = Schedule(weekly={1: [MORNING, Session(time(12), time(13))]})
    assert opening_state(local(TUESDAY, 11), schedule) == OpeningState(True, local(TUESDAY, 13))


def test_overlapping_sessions_do_not_crash_the_computation():
    schedule = Schedule(weekly={1: [MORNING, Session(time(10), time(14)), MORNING]})
    assert opening_state(local(TUESDAY, 11), schedule) == OpeningState(True, local(TUESDAY, 14))


def test_never_open_has_no_next_change():
    assert opening_state(local(TUESDAY, 9), Schedule(weekly={})) == OpeningState(False, None)


def test_first_overlap():
    assert first_overlap([MORNING, AFTERNOON]) is None
    assert first_overlap([MORNING, Session(time(12), time(13))]) is None  # touching is fine
    inner = Session(time(9), time(10))
    assert first_overlap([AFTERNOON, MORNING, inner]) == (MORNING, inner)
    long_day = Session(time(7), time(17))
    assert first_overlap([MORNING, AFTERNOON, long_day]) == (long_day, MORNING)


def test_merged_sessions_and_weekday_groups():
    assert merged_sessions([AFTERNOON, MORNING]) == [MORNING, AFTERNOON]
    groups = group_weekdays(REFERENCE.weekly)
    assert [(group.first, group.last, group.sessions) for group in groups] == [
        (0, 0, ()),
        (1, 6, (MORNING, AFTERNOON)),
    ]
