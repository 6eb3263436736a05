"""Calendar arithmetic for resolving dates: weeks, month ends, year inference, century pivot.

Every function takes the anchor explicitly; nothing here reads the system clock, so the
same text and anchor always give the same dates.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# The years a publication date or a date anchor may fall in; outside them a date is a mistake.
EARLIEST_YEAR, LATEST_YEAR = 1800, 2200


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (31 September, 29 February 2021)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def week_of(day: date) -> tuple[date, date]:
    """Monday..Sunday of the week holding ``day`` (ISO weeks, as most of the world counts)."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def infer_year(month: int, day: int, anchor: date, window_days: int, past_only: bool = False) -> int | None:
    """The year of a date written without one: the latest of next year, this year and last
    year that does not put it more than ``window_days`` after the anchor (0 when
    ``past_only``). A report from late December may name the coming January; one from
    January naming "3 December" means the December just past."""
    limit = 0 if past_only else window_days
    for year in (anchor.year + 1, anchor.year, anchor.year - 1):
        when = safe_date(year, month, day)
        if when is not None and (when - anchor).days <= limit:
            return year
    # 29 February far from a leap year: no candidate exists.
    return None


def pivot_year(two_digits: int, anchor: date | None) -> int:
    """A two-digit year's century: the year within (anchor - 90, anchor + 10] years, so
    "89" in a 1989 dispatch is 1989 and "20" in a 2020 article is 2020. Without an anchor,
    the fixed window 1950..2049 (never the system date)."""
    if anchor is None:
        return 1900 + two_digits if two_digits >= 50 else 2000 + two_digits
    ceiling = anchor.year + 10
    year = ceiling - ((ceiling - two_digits) % 100)
    return year


def last_weekday(anchor: date, weekday: int, strictly_before: bool) -> date:
    """The most recent ``weekday`` (0 = Monday) on or before the anchor (strictly before
    when asked)."""
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return anchor - timedelta(days=back)


def next_weekday(anchor: date, weekday: int) -> date:
    ahead = (weekday - anchor.weekday()) % 7
    return anchor + timedelta(days=ahead or 7)
