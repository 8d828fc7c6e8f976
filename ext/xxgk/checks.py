"""Identities declared by a format, checked on a report's figures.

An identity is evaluated only when every term is known (a blank term makes it
"not checkable", never a guess). Nothing here imports Sphinx.
"""

from __future__ import annotations

from decimal import Decimal

from .compute import cell_value
from .formats import Format, Identity, Table
from .model import Figures, Finding
from .text import fmt_number

_HOLDS = {
    "=": lambda a, b: a == b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}
_OP_TEXT = {"=": "等于", "<=": "不大于", ">=": "不小于"}


def _side(figures: Figures, table: Table, ident: Identity, names: tuple[str, ...], other: str):
    terms: list[tuple[str, Decimal | None]] = []
    for name in names:
        row, col = (name, other) if ident.axis == "column" else (other, name)
        terms.append((name, cell_value(figures, table, row, col)))
    return terms


def _line(figures: Figures, table: Table, ident: Identity, other: str) -> int | None:
    lines = []
    for name in (*ident.lhs, *ident.rhs):
        for leaf in table.expand("row" if ident.axis == "column" else "column", name):
            key = (table.id, leaf, other) if ident.axis == "column" else (table.id, other, leaf)
            cell = figures.cells.get(key)
            if cell is not None and cell.origin == "stated" and cell.line is not None:
                lines.append(cell.line)
    return min(lines) if lines else figures.table_lines.get(table.id)


def check_identities(fmt: Format, figures: Figures) -> list[Finding]:
    findings: list[Finding] = []
    for table in fmt.tables:
        if not figures.has_table(table.id):
            continue
        for ident in table.identities:
            others = (
                [c.id for c in table.leaf_columns()]
                if ident.axis == "column"
                else [r.id for r in table.leaf_rows() if not ident.only or r.id in ident.only]
            )
            for other in others:
                lhs = _side(figures, table, ident, ident.lhs, other)
                rhs = _side(figures, table, ident, ident.rhs, other)
                if any(v is None for _, v in (*lhs, *rhs)):
                    continue
                left = sum((v for _, v in lhs if v is not None), Decimal(0))
                right = sum((v for _, v in rhs if v is not None), Decimal(0))
                if _HOLDS[ident.op](left, right):
                    continue
                where = f"“{other}”列" if ident.axis == "column" else f"“{other}”行"

                def show(terms: list[tuple[str, Decimal | None]], total: Decimal) -> str:
                    text = " + ".join(f"{n}（{fmt_number(v)}）" for n, v in terms)
                    return f"{text} = {fmt_number(total)}" if len(terms) > 1 else text

                note = f"（{ident.note}）" if ident.note else ""
                findings.append(
                    Finding(
                        ident.subtype,
                        f"“{table.id}”表{where}不满足{ident.id}{note}："
                        f"左边 {show(lhs, left)}，右边 {show(rhs, right)}，"
                        f"左边应{_OP_TEXT[ident.op]}右边；请核对这几项数字",
                        _line(figures, table, ident, other),
                    )
                )
    return findings
