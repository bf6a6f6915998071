"""Dates: the article's anchor date, and calendar dates of time expressions relative to it.

`parse_when("last Tuesday", anchor, future=False)` gives an ISO date or None. Weekdays and
relative spans are resolved here; only expressions that name a day of a month go to dateparser
(slow), and its answers are cached.
"""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import datetime, timedelta
from functools import lru_cache

from tacitus.words import ordered_words

WEEKDAYS = ordered_words("weekdays")
MONTHS = {m: i for i, m in enumerate(ordered_words("months"), start=1)}
# (days, months) from the anchor: "next week" is the same day a week later.
RELATIVE_SPANS = {
    "next week": (7, 0), "last week": (-7, 0), "this week": (0, 0), "a week ago": (-7, 0),
    "next month": (0, 1), "last month": (0, -1), "this month": (0, 0), "a month ago": (0, -1),
    "next year": (0, 12), "last year": (0, -12), "this year": (0, 0), "a year ago": (0, -12),
}


def parse_anchor(value: str | None) -> Date | None:
    """The document's date (the first ten characters of an ISO date), or None."""
    if not value:
        return None
    try:
        return Date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _shift(anchor: Date, days: int, months: int) -> Date:
    if months:
        month = anchor.month - 1 + months
        year, month = anchor.year + month // 12, month % 12 + 1
        anchor = anchor.replace(year=year, month=month, day=min(anchor.day, 28))
    return anchor + timedelta(days=days)


def _relative(text: str, anchor: Date, future: bool) -> str | None:
    """"today", "yesterday", "next week", "(last) Monday" relative to the anchor."""
    if text in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return anchor.isoformat()
    if text in ("yesterday", "last night"):
        return (anchor - timedelta(days=1)).isoformat()
    if text == "tomorrow":
        return (anchor + timedelta(days=1)).isoformat()
    relative = RELATIVE_SPANS.get(text)
    if relative is not None:  # "next week", "last month": the same day a span away
        return _shift(anchor, *relative).isoformat()
    day = text.removeprefix("last ").strip()
    if day in WEEKDAYS:
        delta = (anchor.weekday() - WEEKDAYS.index(day)) % 7
        if future and not text.startswith("last"):
            return (anchor + timedelta(days=(WEEKDAYS.index(day) - anchor.weekday()) % 7 or 7)).isoformat()
        return (anchor - timedelta(days=delta or (7 if text.startswith("last") else 0))).isoformat()
    return None


@lru_cache(maxsize=4096)  # documented cache: dateparser is slow and articles repeat expressions
def parse_when(expr: str, anchor: Date | None, future: bool) -> str | None:
    """A calendar date for a time expression, relative to the article's date."""
    text = expr.lower().strip()
    text = re.sub(r"^(on|last|this|earlier|late|early|in|since|by|until|from|the)\s+", lambda m: m.group(0) if m.group(1) == "last" else "", text)
    if anchor is not None:
        relative = _relative(text, anchor, future)
        if relative is not None:
            return relative
    # Only a calendar date names a day: a month with a number ("16 January 2024", "March 3")
    # or a numeric date. Anything else ("last year", "recent weeks") would cost a slow
    # dateparser call to learn that it has no day.
    has_month = any(m in text for m in MONTHS) or re.search(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\b", text)
    if not (has_month and re.search(r"\d", text)) and not re.search(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", text):
        return None
    import dateparser  # slow to import: only when a calendar date needs it

    settings = {"PREFER_DATES_FROM": "future" if future else "past", "RETURN_AS_TIMEZONE_AWARE": False, "REQUIRE_PARTS": ["day"]}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None:
        return None
    return parsed.date().isoformat()
