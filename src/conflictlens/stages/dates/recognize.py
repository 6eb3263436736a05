"""Find candidate temporal expressions with regular expressions and turn each into a ``Spec``.

Plain rules over the text, no model: they must also work on upper-case newswire ("ON 12 APR
89", "LAST NIGHT"). Matching is case-insensitive, but month and weekday names must begin
with a capital letter, so "march" (the verb) and "may" (the modal) are never dates. Words
that are often something else need company: a month name alone needs a trigger word ("in
August"), "May" a stricter set ("Theresa May said" is no date), an abbreviation ("Jan",
"Dec") a day or a year, a four-digit year a trigger ("in 2020", "the 1994 ceasefire") and no
count noun after it ("the 2000 troops"). Durations ("for three days", "30 years") and
decades are not dates and are not matched.

Candidates overlap freely here; ``compose`` picks among them and joins neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .lexicon import alternation, load_lexicon
from .resolve import Ago, Day, Days, Month, Period, RelativeDay, Spec, Weekday, Year


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    spec: Spec


LEX = load_lexicon()

_FULL = alternation(LEX.full_months)
_ABBR = alternation([w for w in LEX.months if w not in LEX.full_months])
_WD = alternation(list(LEX.weekdays))
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:19\d\d|20\d\d|2100)"
_Y = rf"(?P<y>{_YEAR})\b(?![.,]\d|[-–/]\d)"
_OPT_Y = rf"(?:,?\s+{_Y})?"
_CONN = r"(?P<conn>\s*[-–—]\s*|\s+(?:to|until|till|through|and)\s+)"
_NUMBERS = alternation(list(LEX.numbers))


def _mon(group: str) -> str:
    return rf"\b(?P<{group}>(?:{_FULL})\b|(?:{_ABBR})\b\.?)"


def _d(group: str) -> str:
    return rf"(?<![\d.,:/])(?P<{group}>{_DAY})\b"


_WDPRE = rf"(?:\b(?P<wd>{_WD})\b,?\s+(?:the\s+)?)?"
_DAYLIST = rf"(?P<days>{_DAY}(?:\s*,\s*{_DAY})*\s*,?\s+(?:and|&)\s+{_DAY})\b"

_ISO = rf"(?<![\d-])(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
_NUMERIC = rf"(?<![\d.,/])(?P<a>\d{{1,2}})(?P<sep>[./])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})(?!\d|[./]\d)"
_DMY = (rf"{_WDPRE}{_d('d')}(?:\s+of)?\s+{_mon('m')}"
        rf"(?:,?\s+{_Y}|\s+(?P<yy>['’]?\d\d)\b(?![.,:]?\d))?")
_MDY = rf"{_WDPRE}{_mon('m')}\s+(?:the\s+)?{_d('d')}{_OPT_Y}"
_MY = rf"{_mon('m')}(?:\s+of)?,?\s+(?:{_Y}|(?P<yy>['’]\d\d)\b)"
_MONTH = rf"\b(?P<pre>{alternation(LEX.month_triggers)})(?:\s+|-)(?P<m>{_FULL})\b"
_YEAR_ALONE = rf"\b(?P<pre>{alternation(LEX.year_triggers)})(?:\s+|-){_Y}(?!(?<=0)['’]s\b)"
_YEARS = rf"(?:\b(?P<pre>from|between)\s+)?(?P<y1>{_YEAR}){_CONN}(?P<y2>{_YEAR}|\d\d)\b(?![.,]\d)"
_RANGE_DM = (rf"(?:\b(?P<pre>from|between)\s+(?:the\s+)?)?{_d('d1')}{_CONN}(?:the\s+)?{_d('d2')}"
             rf"(?:\s+of)?\s+{_mon('m')}{_OPT_Y}")
_RANGE_MD = rf"(?:\b(?P<pre>from|between)\s+)?{_mon('m')}\s+{_d('d1')}{_CONN}(?:the\s+)?{_d('d2')}{_OPT_Y}"
_LIST_MD = rf"{_mon('m')}\s+{_DAYLIST}{_OPT_Y}"
_LIST_DM = rf"(?<![\d.,:/]){_DAYLIST}(?:\s+of)?\s+{_mon('m')}{_OPT_Y}"
_RELATIVE = rf"\b(?P<rel>{alternation(list(LEX.relative))})\b"
_AGO = rf"\b(?P<n>{_NUMBERS}|\d{{1,3}})\s+(?P<u>day|week|month|year)s?\s+ago\b"
_PERIOD = r"\b(?:(?:earlier|later|early|late)\s+)?(?P<rel>last|this|next)\s+(?P<u>weekend|week|month|year)\b"
_WEEKEND = r"\b(?:over|at|during)\s+(?P<x>the\s+weekend)\b"
_WEEKDAY = (rf"\b(?:(?P<rel>this\s+past|last|this|next|past)\s+)?(?P<wd>{_WD})\b"
            r"(?:\s+(?:morning|afternoon|evening|night))?")
_SPACES = re.compile(r"\s+")
_LIST_NUMBER = re.compile(r"\d+")
_CAPITAL = re.compile(r"[A-Z]")


@dataclass(frozen=True)
class Scan:
    """The text being scanned, and whether it has no capitals at all (lower-cased corpora),
    in which case capitals cannot tell a month from a verb."""

    text: str
    caseless: bool


def _cap(m: re.Match[str], group: str, scan: Scan) -> bool:
    """Month and weekday names must start with a capital ("march" the verb is no month)."""
    value = m.group(group)
    return value is None or scan.caseless or value[0].isupper()


def _month_no(word: str) -> int:
    return LEX.months[word.rstrip(".").lower()]


def _num(value: str) -> int:
    return int(re.match(r"\d+", value).group())  # type: ignore[union-attr]


def _word_before(text: str, index: int) -> str:
    m = re.search(r"(\w+)\W*$", text[max(0, index - 30):index])
    return m.group(1).lower() if m else ""


def _iso(m: re.Match[str], scan: Scan) -> Candidate | None:
    return Candidate(m.start(), m.end(), Day(int(m["m"]), int(m["d"]), int(m["y"]), rule="explicit:iso"))


def _numeric(m: re.Match[str], scan: Scan) -> Candidate | None:
    # Day first (27.09.2020, 27/09/2020), as written outside the US; month first only when
    # the first number cannot be a month day pair the other way round (9/27/2020).
    a, b = int(m["a"]), int(m["b"])
    day, month = (b, a) if a <= 12 < b else (a, b)
    if not 1 <= month <= 12:
        return None
    return Candidate(m.start(), m.end(), Day(month, day, int(m["y"]), rule="explicit:numeric"))


def _day(m: re.Match[str], scan: Scan) -> Candidate | None:
    if not (_cap(m, "m", scan) and _cap(m, "wd", scan)):
        return None
    month, day, end = _month_no(m["m"]), _num(m["d"]), m.end()
    yy = m.groupdict().get("yy")
    # A two-digit year only beside an abbreviated month or after an apostrophe ("12 APR 89",
    # "12 April '89"): in "on 12 July 25 people died" the 25 is a count.
    if yy and not (yy[0] in "'’" or m["m"].rstrip(".").lower() not in LEX.full_months):
        yy, end = None, m.end("m")
    year = int(m["y"]) if m["y"] else None
    spec = Day(month, day, year, _num(yy.lstrip("'’")) if yy else None)
    return Candidate(m.start(), end, spec)


def _month_year(m: re.Match[str], scan: Scan) -> Candidate | None:
    if not _cap(m, "m", scan):
        return None
    if m["yy"]:
        return Candidate(m.start(), m.end(), Month(_month_no(m["m"]), yy=_num(m["yy"][1:])))
    return Candidate(m.start(), m.end(), Month(_month_no(m["m"]), int(m["y"])))


def _month_alone(m: re.Match[str], scan: Scan) -> Candidate | None:
    pre, word = " ".join(m["pre"].lower().split()), m["m"]
    # Without capitals every month is as ambiguous as "May" ("to march on the capital").
    strict = word.lower() == "may" or scan.caseless
    if not _cap(m, "m", scan) or (strict and pre not in LEX.may_triggers):
        return None
    keep = pre in ("early", "mid", "late", "last", "this", "next")
    rel = pre if pre in ("last", "this", "next") else None
    return Candidate(m.start("pre") if keep else m.start("m"), m.end(), Month(_month_no(word), None, rel))


def _year_alone(m: re.Match[str], scan: Scan) -> Candidate | None:
    text = scan.text
    after = re.match(r"\s+(\w+)", text[m.end():m.end() + 40])
    if after and after.group(1).lower() in LEX.year_not_before:
        return None
    if text[m.end():m.end() + 1] in ("%", "-") or text[max(0, m.start("y") - 1):m.start("y")] in "$€£#":
        return None
    keep = m["pre"].lower() in ("early", "mid", "late")
    return Candidate(m.start("pre") if keep else m.start("y"), m.end(), Year(int(m["y"])))


def _years(m: re.Match[str], scan: Scan) -> Candidate | None:
    text = scan.text
    pre, conn = (m["pre"] or "").lower(), m["conn"].strip().lower()
    if (conn == "and") != (pre == "between"):
        return None
    if not pre and (conn not in "-–—" or _word_before(text, m.start()) not in LEX.year_triggers):
        return None
    first, last = int(m["y1"]), m["y2"]
    last_year = int(last) if len(last) == 4 else first - first % 100 + int(last)
    return Candidate(m.start(), m.end(), Year(first, last_year))


def _day_range(m: re.Match[str], scan: Scan) -> Candidate | None:
    pre, conn = (m["pre"] or "").lower(), m["conn"].strip().lower()
    # "12 and 14 July" is two days (a list); only "between 12 and 14 July" is a range.
    if not _cap(m, "m", scan) or (conn == "and") != (pre == "between"):
        return None
    year = int(m["y"]) if m["y"] else None
    return Candidate(m.start(), m.end(), Days(_month_no(m["m"]), (_num(m["d1"]), _num(m["d2"])), year, "range"))


def _day_list(m: re.Match[str], scan: Scan) -> Candidate | None:
    if not _cap(m, "m", scan):
        return None
    days = tuple(int(x) for x in _LIST_NUMBER.findall(m["days"]))
    if len(set(days)) != len(days):
        return None
    year = int(m["y"]) if m["y"] else None
    return Candidate(m.start(), m.end(), Days(_month_no(m["m"]), days, year, "list"))


def _relative(m: re.Match[str], scan: Scan) -> Candidate | None:
    # "USA Today", "Russia Today": a title-case "Today" after a capitalised word is a name.
    text = scan.text
    if m["rel"] == "Today" and re.search(r"\b[A-Z][A-Za-z]*[ \t]+$", text[max(0, m.start() - 30):m.start()]):
        return None
    rel = LEX.relative[_SPACES.sub(" ", m["rel"].lower())]
    return Candidate(m.start(), m.end(), RelativeDay(rel.rule, rel.offset))


def _ago(m: re.Match[str], scan: Scan) -> Candidate | None:
    n = m["n"].lower()
    count = int(n) if n.isdigit() else LEX.numbers[n]
    return Candidate(m.start(), m.end(), Ago(count, m["u"].lower()))


def _period(m: re.Match[str], scan: Scan) -> Candidate | None:
    # "over the last week" is a duration ending at the anchor, not the calendar week before.
    text = scan.text
    if m["rel"].lower() == "last" and _word_before(text, m.start("rel")) == "the":
        return None
    return Candidate(m.start(), m.end(), Period(m["rel"].lower(), m["u"].lower()))


def _weekend(m: re.Match[str], scan: Scan) -> Candidate | None:
    return Candidate(m.start("x"), m.end(), Period("the", "weekend"))


def _weekday(m: re.Match[str], scan: Scan) -> Candidate | None:
    text = scan.text
    if not _cap(m, "wd", scan) or _word_before(text, m.start()) in LEX.weekday_not_after:
        return None
    after = re.match(r"\s+([A-Z]\w*)", text[m.end("wd"):m.end("wd") + 30])
    if after and after.group(1).lower() in LEX.weekday_not_before:
        return None
    rel = _SPACES.sub(" ", (m["rel"] or "").lower())
    rel = {"this past": "last", "past": "last", "this": None, "": None}.get(rel, rel)
    return Candidate(m.start(), m.end(), Weekday(LEX.weekdays[m["wd"].lower()], rel))


def _starts(*words: object) -> str:
    """A lookahead on the letters a match can begin with. Python's ``re`` tries a long
    alternation at every position; this check first makes the scan several times faster."""
    letters = {w[0].lower() for group in words for w in group}  # type: ignore[attr-defined]
    return "(?=[" + "".join(sorted(letters)).replace("-", r"\-") + "])"


_D0, _M0, _W0 = list("0123456789"), list(LEX.months), list(LEX.weekdays)
Builder = Callable[[re.Match[str], Scan], Candidate | None]
PATTERNS: tuple[tuple[re.Pattern[str], Builder], ...] = tuple(
    (re.compile(_starts(*first) + p, re.IGNORECASE), b)
    for first, p, b in (
        ((_D0,), _ISO, _iso),
        ((_D0,), _NUMERIC, _numeric),
        ((_D0, _W0), _DMY, _day),
        ((_M0, _W0), _MDY, _day),
        ((_M0,), _MY, _month_year),
        ((LEX.month_triggers,), _MONTH, _month_alone),
        ((LEX.year_triggers,), _YEAR_ALONE, _year_alone),
        ((_D0, ["from", "between"]), _YEARS, _years),
        ((_D0, ["from", "between"]), _RANGE_DM, _day_range),
        ((_M0, ["from", "between"]), _RANGE_MD, _day_range),
        ((_M0,), _LIST_MD, _day_list),
        ((_D0,), _LIST_DM, _day_list),
        ((LEX.relative,), _RELATIVE, _relative),
        ((_D0, LEX.numbers), _AGO, _ago),
        ((["earlier", "later", "last", "this", "next"],), _PERIOD, _period),
        ((["over", "at", "during"],), _WEEKEND, _weekend),
        ((_W0, ["this", "last", "next", "past"]), _WEEKDAY, _weekday),
    )
)


def candidates(text: str) -> Iterator[Candidate]:
    """Every candidate any rule finds, overlapping ones included, in no particular order."""
    scan = Scan(text, not _CAPITAL.search(text))
    for pattern, build in PATTERNS:
        for m in pattern.finditer(text):
            found = build(m, scan)
            if found is not None:
                yield found
