"""What a recognised expression means, and the dates it resolves to given the anchor.

Recognition (``recognize``) turns text into one of the small ``Spec`` records below; each
knows how to resolve itself against a ``Context`` (the anchor date, or None). The rules are
ours and deterministic: dateparser is never asked to resolve anything relative, and the
system clock is never read. Without an anchor, a spec that needs one resolves to no ranges
and the rule "unresolved:no-anchor".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from ...lang.calendar import (
    infer_year,
    last_weekday,
    month_end,
    next_weekday,
    pivot_year,
    safe_date,
    shift_month,
    week_of,
)
from .records import DateRange


@dataclass(frozen=True)
class Context:
    anchor: date | None
    window_days: int = 62
    past_only: bool = False  # set inside "since ...": the start cannot lie after the anchor


@dataclass(frozen=True)
class Resolved:
    ranges: tuple[DateRange, ...]
    rule: str
    anchored: bool


UNRESOLVED = Resolved((), "unresolved:no-anchor", True)


class NeedsAnchor(Exception):
    """Raised inside resolution when the anchor is missing; turned into UNRESOLVED."""


def _anchor(ctx: Context) -> date:
    if ctx.anchor is None:
        raise NeedsAnchor
    return ctx.anchor


def _day(d: date, end: date | None = None, precision: str = "day") -> DateRange:
    return DateRange(d.isoformat(), (end or d).isoformat(), precision)


def _month(year: int, month: int) -> DateRange:
    return DateRange(date(year, month, 1).isoformat(), month_end(year, month).isoformat(), "month")


def _year(year: int, last: int | None = None) -> DateRange:
    return DateRange(f"{year:04d}-01-01", f"{last or year:04d}-12-31", "year")


class Spec:
    def resolve(self, ctx: Context) -> Resolved | None:
        """The ranges, or None when the text names an impossible date (31 September)."""
        try:
            return self._resolve(ctx)
        except NeedsAnchor:
            return UNRESOLVED
        except (OverflowError, ValueError):
            return None  # a date outside the calendar (year 0, year 10000): nothing to resolve

    def _resolve(self, ctx: Context) -> Resolved | None:
        raise NotImplementedError


@dataclass(frozen=True)
class Day(Spec):
    """One calendar day; ``year`` None when the text left it out, ``yy`` a two-digit year."""

    month: int
    day: int
    year: int | None = None
    yy: int | None = None
    rule: str = "explicit:day"

    def year_in(self, ctx: Context) -> tuple[int | None, bool]:
        if self.year is not None:
            return self.year, False
        if self.yy is not None:
            return pivot_year(self.yy, ctx.anchor), ctx.anchor is not None
        return infer_year(self.month, self.day, _anchor(ctx), ctx.window_days, ctx.past_only), True

    def _resolve(self, ctx: Context) -> Resolved | None:
        year, anchored = self.year_in(ctx)
        when = safe_date(year, self.month, self.day) if year else None
        if when is None:
            return None
        inferred = self.year is None and self.yy is None
        return Resolved((_day(when),), "day:year-inferred" if inferred else self.rule, anchored)


@dataclass(frozen=True)
class Days(Spec):
    """Several days of one month: a range ("12-14 July") or a list ("10, 16 and 26 October")."""

    month: int
    days: tuple[int, ...]
    year: int | None = None
    kind: str = "range"  # "range" | "list"

    def _resolve(self, ctx: Context) -> Resolved | None:
        year, anchored = Day(self.month, self.days[0], self.year).year_in(ctx)
        dates = [safe_date(year, self.month, d) if year else None for d in self.days]
        if any(d is None for d in dates):
            return None
        if self.kind == "range":
            if dates[0] >= dates[-1]:
                return None
            return Resolved((_day(dates[0], dates[-1]),), "range:days", anchored)
        return Resolved(tuple(_day(d) for d in dates), "list:days", anchored)


@dataclass(frozen=True)
class Month(Spec):
    month: int
    year: int | None = None
    rel: str | None = None  # "last" | "this" | "next" | None
    yy: int | None = None  # "APR '89"

    def _resolve(self, ctx: Context) -> Resolved | None:
        if self.year is not None:
            return Resolved((_month(self.year, self.month),), "month:explicit", False)
        if self.yy is not None:
            return Resolved((_month(pivot_year(self.yy, ctx.anchor), self.month),), "month:explicit",
                            ctx.anchor is not None)
        anchor = _anchor(ctx)
        if self.rel == "last":
            year = anchor.year if self.month < anchor.month else anchor.year - 1
        elif self.rel == "next":
            year = anchor.year if self.month > anchor.month else anchor.year + 1
        elif self.rel == "this":
            year = anchor.year
        else:
            year = infer_year(self.month, 1, anchor, ctx.window_days, ctx.past_only)
        rule = f"month:{self.rel}" if self.rel else "month:year-inferred"
        return Resolved((_month(year, self.month),), rule, True)


@dataclass(frozen=True)
class Year(Spec):
    year: int
    last: int | None = None  # "from 1992 to 1994", "the 1992-94 war"

    def _resolve(self, ctx: Context) -> Resolved | None:
        if self.last is not None:
            if self.last <= self.year:
                return None
            return Resolved((_year(self.year, self.last),), "range:years", False)
        return Resolved((_year(self.year),), "year:explicit", False)


@dataclass(frozen=True)
class Span(Spec):
    """From one day (or month) to another, across months: "from 30 September to 2 October".
    A year written only on one side applies to both (stepping over New Year if needed)."""

    first: Day | Month
    last: Day | Month

    def _resolve(self, ctx: Context) -> Resolved | None:
        a, b = self.first, self.last
        ka = (a.month, getattr(a, "day", 1))
        kb = (b.month, getattr(b, "day", 1))
        anchored = False
        if a.year is None and b.year is not None:
            a = replace(a, year=b.year if ka <= kb else b.year - 1)
        elif a.year is not None and b.year is None:
            b = replace(b, year=a.year if kb >= ka else a.year + 1)
        elif a.year is None:
            ra = a.resolve(ctx)
            if ra is None or not ra.ranges:
                return ra
            year = int(ra.ranges[0].start[:4])
            a, b, anchored = replace(a, year=year), replace(b, year=year if kb >= ka else year + 1), True
        ra, rb = a.resolve(ctx), b.resolve(ctx)
        if ra is None or rb is None or ra.ranges[0].start >= rb.ranges[0].end:
            return None
        precision = ra.ranges[0].precision
        rule = "range:days" if precision == "day" else "range:months"
        return Resolved((DateRange(ra.ranges[0].start, rb.ranges[0].end, precision),), rule, anchored)


@dataclass(frozen=True)
class InYear(Spec):
    """A day, days or a month followed by "last year" / "this year" / "next year": "in July
    last year" is the July of the anchor's year minus one, whatever the window says."""

    inner: Day | Days | Month
    step: int  # -1, 0, 1

    def _resolve(self, ctx: Context) -> Resolved | None:
        year = _anchor(ctx).year + self.step
        inner = replace(self.inner, year=year).resolve(ctx)
        if inner is None:
            return None
        word = {-1: "last", 0: "this", 1: "next"}[self.step]
        kind = {Day: "day", Month: "month"}.get(type(self.inner))
        return Resolved(inner.ranges, f"{kind}:{word}-year" if kind else inner.rule, True)


@dataclass(frozen=True)
class RelativeDay(Spec):
    rule: str
    offset: int

    def _resolve(self, ctx: Context) -> Resolved | None:
        return Resolved((_day(_anchor(ctx) + timedelta(days=self.offset)),), self.rule, True)


@dataclass(frozen=True)
class Ago(Spec):
    """"two days ago" is a day; "three weeks ago" the Monday..Sunday week holding that day;
    "two months ago" and "a year ago" the calendar month or year."""

    count: int
    unit: str  # "day" | "week" | "month" | "year"

    def _resolve(self, ctx: Context) -> Resolved | None:
        anchor = _anchor(ctx)
        rule = f"relative:{self.unit}s-ago"
        if self.unit == "day":
            return Resolved((_day(anchor - timedelta(days=self.count)),), rule, True)
        if self.unit == "week":
            monday, sunday = week_of(anchor - timedelta(weeks=self.count))
            return Resolved((_day(monday, sunday, "week"),), rule, True)
        if self.unit == "month":
            return Resolved((_month(*shift_month(anchor.year, anchor.month, -self.count)),), rule, True)
        return Resolved((_year(anchor.year - self.count),), rule, True)


@dataclass(frozen=True)
class Period(Spec):
    """"last week" (Monday..Sunday of the previous week), "this month", "next year", and the
    weekend: "last weekend" is the one before the anchor's week, "over/at the weekend" the
    latest one on or before the anchor, "this weekend" the anchor week's own."""

    rel: str  # "last" | "this" | "next" | "the" (weekend only)
    unit: str  # "week" | "weekend" | "month" | "year"

    def _resolve(self, ctx: Context) -> Resolved | None:
        anchor = _anchor(ctx)
        step = {"last": -1, "this": 0, "the": 0, "next": 1}[self.rel]
        rule = f"relative:{self.rel}-{self.unit}"
        if self.unit == "week":
            monday, sunday = week_of(anchor + timedelta(weeks=step))
            return Resolved((_day(monday, sunday, "week"),), rule, True)
        if self.unit == "weekend":
            if self.rel == "the":
                saturday = last_weekday(anchor, 5, False)
            else:
                saturday = week_of(anchor)[0] + timedelta(days=5 + 7 * step)
            return Resolved((_day(saturday, saturday + timedelta(days=1)),), rule, True)
        if self.unit == "month":
            return Resolved((_month(*shift_month(anchor.year, anchor.month, step)),), rule, True)
        return Resolved((_year(anchor.year + step),), rule, True)


@dataclass(frozen=True)
class Weekday(Spec):
    """A weekday name. Bare or with "on"/"this": the most recent such day strictly before the
    anchor ("weekday:previous"), or the anchor day itself when it is that weekday
    ("weekday:same-day"); "last": always strictly before; "next": strictly after."""

    weekday: int
    rel: str | None = None

    def _resolve(self, ctx: Context) -> Resolved | None:
        anchor = _anchor(ctx)
        if self.rel == "next":
            return Resolved((_day(next_weekday(anchor, self.weekday)),), "weekday:next", True)
        if self.rel != "last" and anchor.weekday() == self.weekday:
            return Resolved((_day(anchor),), "weekday:same-day", True)
        return Resolved((_day(last_weekday(anchor, self.weekday, True)),), "weekday:previous", True)


@dataclass(frozen=True)
class Since(Spec):
    """"since 27 September": from that day (month, year) to the anchor, at the precision of
    the start. A start after the anchor is not a "since" range; it keeps its own meaning."""

    inner: Spec

    def _resolve(self, ctx: Context) -> Resolved | None:
        anchor = _anchor(ctx)
        inner = self.inner.resolve(replace(ctx, past_only=True))
        if inner is None or not inner.ranges:
            return inner
        first = inner.ranges[0]
        if first.start > anchor.isoformat():
            return inner
        return Resolved((DateRange(first.start, anchor.isoformat(), first.precision),), "since", True)
