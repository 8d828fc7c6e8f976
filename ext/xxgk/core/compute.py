"""Arithmetic on figures: computed cells, group sums, shares.

Computed cells (总计 column, （七）总计 row, 复议/诉讼 总计) are filled from their
terms, a blank term counting as 0 (as evaluators count it); when the report states them
too, a stated figure that differs is a finding (subtype ``sum``). Nothing here imports Sphinx.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .formats import Format, Table
from .model import Cell, Figures, Finding
from .wording import fmt_number


def _sum(values: list[Decimal | None]) -> Decimal:
    """A sum as evaluators take it: a blank term counts as 0."""
    return sum((v for v in values if v is not None), Decimal(0))


def cell_value(
    figures: Figures, table: Table, row: str, col: str, blank_as_zero: bool = False
) -> Decimal | None:
    """Value of a cell, or of a group row/column (the sum of its leaves).

    A cell left blank (``~``) is shown blank, so alone it is None unless ``blank_as_zero``
    (arithmetic: identities, prose checks); in a sum it counts as 0, as evaluators count it.
    None when a cell is unknown: absent, or a legacy table's row the report did not publish."""
    leaves = table.leaf_cells(row, col)
    if not leaves:
        return None
    total = Decimal(0)
    cells = figures.cells
    for r, c in leaves:
        cell = cells.get((table.id, r, c))
        if cell is None or (cell.value is None and cell.origin != "stated"):
            return None  # absent, a legacy row the report never published, or a total of those
        if cell.value is None and len(leaves) == 1 and not blank_as_zero:
            return None
        total += cell.value or 0
    return total


def complete(fmt: Format, figures: Figures) -> list[Finding]:
    """Fill computed cells in place; report stated cells that contradict them."""
    findings: list[Finding] = []
    for table in fmt.tables:
        if not figures.has_table(table.id):
            continue
        for comp in table.computed:
            axis_ids = (
                [r.id for r in table.leaf_rows()]
                if comp.axis == "row"
                else [c.id for c in table.leaf_columns()]
            )
            for other in axis_ids:
                row, col = (other, comp.cell) if comp.axis == "row" else (comp.cell, other)
                terms = [
                    (t, cell_value(figures, table, *((other, t) if comp.axis == "row" else (t, other)), True))
                    for t in comp.terms
                ]
                total = None if any(v is None for _, v in terms) else _sum([v for _, v in terms])
                key = (table.id, row, col)
                stated = figures.cells.get(key)
                if stated is not None and stated.origin == "stated":
                    if total is not None and stated.value is not None and stated.value != total:
                        parts = " + ".join(f"{t} {fmt_number(v)}" for t, v in terms)
                        where = f"“{row}”行" if comp.axis == "row" else f"“{col}”列"
                        findings.append(
                            Finding(
                                "sum",
                                f"“{table.id}”表{where}的“{comp.cell}”填写为 {fmt_number(stated.value)}，"
                                f"但按{comp.id}应为 {parts} = {fmt_number(total)}；"
                                f"请改为 {fmt_number(total)}，或删去该数字由系统计算",
                                stated.line,
                            )
                        )
                    continue
                figures.cells[key] = Cell(total, "computed")
    return findings


def share(part: Decimal | None, base: Decimal | None, decimals: int = 1) -> Decimal | None:
    """Percentage ``part / base × 100`` rounded half-up; None when undefined."""
    if part is None or base is None or base == 0:
        return None
    quantum = Decimal(1).scaleb(-decimals)
    return (part * 100 / base).quantize(quantum, rounding=ROUND_HALF_UP)


def aggregate(fmt: Format, reports: list[Figures]) -> Figures:
    """Sum the official tables of several reports of one format (a 县's overview).

    Every non-computed cell is the sum over the reports that have the table (a blank
    counting as 0); computed cells are then recomputed.
    """
    out = Figures()
    for table in fmt.tables:
        present = [f for f in reports if f.has_table(table.id)]
        if not present:
            continue
        out.table_lines[table.id] = 0
        computed = {n.id for n in (*table.leaf_rows(), *table.leaf_columns()) if n.computed}
        for row, col in table.cells():
            if row in computed or col in computed:
                continue
            cells = [f.cells.get((table.id, row, col)) for f in present]
            out.cells[(table.id, row, col)] = Cell(_sum([c.value if c else None for c in cells]), "stated")
    complete(fmt, out)
    return out
