"""Identities declared by a format, checked on a report's figures.

Within-year identities (``Table.identities``: B-1, A-1, A-2) and cross-year
ones (``Format.cross_year``: X-1 上年结转, X-2/X-3 stock chains) share one
evaluator. An identity is evaluated only when every term is known (a blank
term makes it "not checkable", never a guess). Nothing here imports Sphinx.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .compute import cell_value
from .formats import Format, Identity, Table, Term
from .model import Figures, Finding
from .wording import fmt_number

_HOLDS = {
    "=": lambda a, b: a == b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}
_OP_TEXT = {"=": "等于", "<=": "不大于", ">=": "不小于"}


@dataclass(frozen=True)
class Side:
    terms: list[tuple[Term, Decimal, str]]  # each term, its value, and how it is printed
    total: Decimal

    def show(self, years: tuple[int, int] | None) -> str:
        """The side as text; cross-year rules name each term's year (2023年度上年结转)."""
        parts = []
        for i, (term, value, shown) in enumerate(self.terms):
            name = f"{years[1 if term.prev else 0]}年度{shown}" if years else shown
            sign = ("- " if term.sign < 0 else "+ ") if i else ("-" if term.sign < 0 else "")
            parts.append(f"{sign}{name}（{fmt_number(value)}）")
        text = " ".join(parts)
        return f"{text} = {fmt_number(self.total)}" if len(self.terms) > 1 else text


def side(
    terms: tuple[Term, ...],
    table: Table,
    axis: str,
    other: str,
    this: Figures,
    prev: Figures | None,
) -> Side | None:
    values: list[tuple[Term, Decimal, str]] = []
    for term in terms:
        figures = prev if term.prev else this
        if figures is None or not figures.has_table(table.id):
            return None
        row, col = (term.name, other) if axis == "column" else (other, term.name)
        value = cell_value(figures, table, row, col, blank_as_zero=True)
        if value is None:
            return None
        values.append((term, value, _term_name(table, axis, term.name)))
    total = sum((t.sign * v for t, v, _ in values), Decimal(0))
    return Side(values, total)


def _term_name(table: Table, axis: str, name: str) -> str:
    """A term as printed: its name, or its label where the name is also the other axis's
    (the 申请 table's 总计 row reads "（七）总计", not to be taken for the 总计 column)."""
    node = table.row(name) if axis == "column" else table.column(name)
    other = table.column(name) if axis == "column" else table.row(name)
    return node.label if node is not None and other is not None else name


def _line(figures: Figures, table: Table, ident: Identity, other: str) -> int | None:
    """Line of the first stated cell of this year's terms; for a computed column
    or row (总计), the first stated cell of the same rows or columns."""
    exact, near = [], []
    for term in (*ident.lhs, *ident.rhs):
        if term.prev:
            continue
        axis = "row" if ident.axis == "column" else "column"
        for leaf in table.expand(axis, term.name):
            for (tid, row, col), cell in figures.cells.items():
                if tid != table.id or cell.origin != "stated" or cell.line is None:
                    continue
                mine, cross = (row, col) if ident.axis == "column" else (col, row)
                if mine == leaf:
                    (exact if cross == other else near).append(cell.line)
    lines = exact or near
    return min(lines) if lines else figures.table_lines.get(table.id)


def others(table: Table, ident: Identity) -> list[str]:
    if ident.axis == "column":
        return [c.id for c in table.leaf_columns()]
    return [r.id for r in table.leaf_rows() if not ident.only or r.id in ident.only]


def _check(
    ident: Identity,
    table: Table,
    this: Figures,
    prev: Figures | None = None,
    years: tuple[int, int] | None = None,
) -> list[Finding]:
    findings = []
    for other in others(table, ident):
        lhs = side(ident.lhs, table, ident.axis, other, this, prev)
        rhs = side(ident.rhs, table, ident.axis, other, this, prev)
        if lhs is None or rhs is None or _HOLDS[ident.op](lhs.total, rhs.total):
            continue
        where = f"“{other}”列" if ident.axis == "column" else f"“{other}”行"
        note = f"（{ident.note}）" if ident.note else ""
        findings.append(
            Finding(
                ident.subtype,
                f"“{table.id}”表{where}不满足{ident.id}{note}："
                f"左边 {lhs.show(years)}，右边 {rhs.show(years)}，"
                f"左边应{_OP_TEXT[ident.op]}右边；请核对这几项数字",
                _line(this, table, ident, other),
            )
        )
    return findings


def check_identities(fmt: Format, figures: Figures) -> list[Finding]:
    """The format's within-year identities (B-1, A-1, A-2) on one report."""
    findings: list[Finding] = []
    for table in fmt.tables:
        if figures.has_table(table.id):
            for ident in table.identities:
                findings += _check(ident, table, figures)
    return findings


def check_cross_year(
    fmt: Format, this: Figures, prev_fmt: Format, prev: Figures, years: tuple[int, int]
) -> list[Finding]:
    """The format's cross-year identities between a report and the previous year's."""
    findings: list[Finding] = []
    for ident in fmt.cross_year:
        if prev_fmt.id not in ident.prev_formats:
            continue
        table = fmt.table(ident.table)
        if table is None or not this.has_table(table.id) or not prev.has_table(table.id):
            continue
        findings += _check(ident, table, this, prev, years)
    return findings
