"""The ``xxgk`` domain: per-page storage of report metadata and raw figures.

Only primitives are stored, keyed by docname; ``merge_domaindata`` copies just
the given docnames (parallel reads); nothing is computed here — pages are
evaluated late, in ``resolve``.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from decimal import Decimal
from typing import Any, ClassVar

from sphinx.domains import Domain

from .directives import DataDirective, ReportDirective, TableDirective
from .model import RawEntry
from .roles import PctRole, ValRole

# (path, value as text or None for blank, line)
StoredEntry = tuple[tuple[str, ...], str | None, int]


class XxgkDomain(Domain):
    name = "xxgk"
    label = "政府信息公开工作年度报告"
    directives: ClassVar = {
        "report": ReportDirective,
        "data": DataDirective,
        "table": TableDirective,
    }
    roles: ClassVar = {"val": ValRole(), "pct": PctRole()}
    initial_data: ClassVar[dict[str, Any]] = {"reports": {}, "entries": {}, "data_lines": {}}
    data_version = 1

    @property
    def reports(self) -> dict[str, dict[str, Any]]:
        return self.data["reports"]

    @property
    def entries(self) -> dict[str, list[StoredEntry]]:
        return self.data["entries"]

    @property
    def data_lines(self) -> dict[str, int]:
        return self.data["data_lines"]

    def add_report(self, docname: str, options: dict[str, str], line: int) -> bool:
        """Record a page's report metadata; False if the page already has one."""
        if docname in self.reports:
            return False
        self.reports[docname] = {"options": dict(sorted(options.items())), "line": line}
        return True

    def add_entries(self, docname: str, line: int, entries: Iterable[RawEntry]) -> None:
        self.data_lines.setdefault(docname, line)
        stored = self.entries.setdefault(docname, [])
        for e in entries:
            stored.append((e.path, None if e.value is None else str(e.value), e.line))

    def raw_entries(self, docname: str) -> list[RawEntry]:
        return [
            RawEntry(tuple(path), None if value is None else Decimal(value), line)
            for path, value, line in self.entries.get(docname, ())
        ]

    def clear_doc(self, docname: str) -> None:
        for store in (self.reports, self.entries, self.data_lines):
            store.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("reports", "entries", "data_lines"):
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]
