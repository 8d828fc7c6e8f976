"""The data model: report identity, raw data entries, figures and findings.

Figures are ``Decimal``; a blank cell (not stated) is ``None`` and is never 0.
Nothing here imports Sphinx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Origin = Literal["stated", "computed", "default"]


@dataclass(frozen=True)
class Finding:
    """One problem found in a report: a warning subtype, a Chinese message, a line."""

    subtype: str
    message: str
    line: int | None = None


@dataclass(frozen=True)
class RawEntry:
    """One figure as written in a data block: its key path, value and source line.

    ``value`` is None for an explicit blank (``~``, ``/``, ``—``).
    """

    path: tuple[str, ...]
    value: Decimal | None
    line: int
    # where the value is written on its line of the block (0-based columns [start, end)),
    # for commands that change one figure and nothing else (xxgk carry)
    span: tuple[int, int] | None = field(default=None, compare=False)
    unit: str = ""  # a money unit written with the figure ("万元"): converted to the cell's (entries)


@dataclass(frozen=True)
class RawBlock:
    """The parsed body of one ``xxgk:data`` block."""

    line: int
    entries: tuple[RawEntry, ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class ReportMeta:
    """Identity and publication metadata of one year's report (``xxgk:report``)."""

    body: str
    year: int
    format: str
    line: int | None = None
    published: str = ""
    index_no: str = ""
    publisher: str = ""
    topic: str = ""
    disclosure: str = "主动公开"
    allow: tuple[str, ...] = ()  # xxgk subtypes this page is exempt from, explained on the page


@dataclass
class Cell:
    value: Decimal | None
    origin: Origin
    line: int | None = None

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass
class Breakdown:
    """Counts by category (``分类``): items in the order written, optional stated total."""

    name: str
    line: int
    items: list[tuple[str, Decimal | None, int]] = field(default_factory=list)
    stated_total: Cell | None = None
    keys: set[str] = field(default_factory=set, repr=False, compare=False)  # normalized names written

    def total(self) -> Decimal | None:
        values = [v for _, v, _ in self.items]
        if any(v is None for v in values):
            return None
        return sum((v for v in values if v is not None), Decimal(0))

    def get(self, category: str) -> Decimal | None:
        for name, value, _ in self.items:
            if name == category:
                return value
        raise KeyError(category)


@dataclass
class Figures:
    """All figures of one report: official table cells and breakdowns."""

    cells: dict[tuple[str, str, str], Cell] = field(default_factory=dict)
    table_lines: dict[str, int] = field(default_factory=dict)
    # what the page shows under a table: an amount written in another unit and converted
    table_notes: dict[str, list[str]] = field(default_factory=dict)
    breakdowns: dict[str, Breakdown] = field(default_factory=dict)

    def has_table(self, table_id: str) -> bool:
        return table_id in self.table_lines
