"""dates.py: the article's anchor date and time expressions relative to it (no parse needed)."""

from __future__ import annotations

from datetime import date

import pytest

from tacitus.dates import parse_anchor, parse_when

TUESDAY = date(2024, 3, 5)


def test_anchor_reads_iso_dates_and_rejects_the_rest():
    assert parse_anchor("2024-03-05T10:00:00Z") == TUESDAY
    assert parse_anchor("2024-03-05") == TUESDAY
    assert parse_anchor("March 5") is None
    assert parse_anchor("") is None and parse_anchor(None) is None


@pytest.mark.parametrize(
    ("expr", "future", "expected"),
    [
        ("today", False, "2024-03-05"),
        ("yesterday", False, "2024-03-04"),
        ("tomorrow", True, "2024-03-06"),
        ("on Monday", False, "2024-03-04"),
        ("on Monday", True, "2024-03-11"),  # a planned visit "on Monday" is the coming one
        ("last Tuesday", False, "2024-02-27"),
        ("Tuesday", False, "2024-03-05"),
        ("next week", True, "2024-03-12"),
        ("last month", False, "2024-02-05"),
    ],
)
def test_relative_expressions(expr, future, expected):
    assert parse_when(expr, TUESDAY, future) == expected


def test_calendar_dates_and_expressions_without_a_day():
    assert parse_when("16 January 2024", TUESDAY, False) == "2024-01-16"
    assert parse_when("March 1", TUESDAY, False) == "2024-03-01"
    assert parse_when("recent weeks", TUESDAY, False) is None
    assert parse_when("the 1990s", TUESDAY, False) is None
    assert parse_when("on Monday", None, False) is None  # nothing to count from
