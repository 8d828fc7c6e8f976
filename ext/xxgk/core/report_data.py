"""One report's figures as the site publishes them: ``_data/<report>.json`` and ``.csv``.

Shaped like the official tables, not one line per cell: a province publishes 70,000 of them,
and a report's data file should weigh less than its page. (Every figure in long form, one line
per cell with its labels, is ``xxgk export``: ``core.tabular``.)

- JSON (``version`` 2): the report's body, year and format, then per table — per block, where a
  table's blocks have columns of their own — the column ids and one row per line: the row id
  and its values as written (``""`` blank); ``computed`` lists the cells xxgk computed, as
  ``行/列``. Breakdowns (``分类``) as ``{name: {category: value}}``.
- CSV: the same tables one after another as they are printed — a title line, the column labels,
  a line per row with its label — for Excel/WPS (BOM, Chinese labels; no cell starts a formula).

Nothing here imports Sphinx.
"""

from __future__ import annotations

import csv
import io
import json

from .formats import Table, table_labels, walk
from .report import Evaluated
from .tabular import spreadsheet_safe
from .wording import fmt_number

VERSION = 2


def _parts(table: Table) -> list[tuple[list[str], list[str]]]:
    """The table's rows in official order, in runs that share their columns (a block)."""
    parts: list[tuple[list[str], list[str]]] = []
    for leaf in table.leaf_rows():
        columns = [c.id for c in table.leaf_columns(leaf.id)]
        if parts and parts[-1][0] == columns:
            parts[-1][1].append(leaf.id)
        else:
            parts.append((columns, [leaf.id]))
    return parts


def _units(table: Table, columns: list[str]) -> dict[str, str]:
    """The unit of each column that is not the table's own (件): 万元, 元."""
    nodes = {n.id: n for n in walk(table.columns)}
    for block in table.blocks:
        nodes.update({n.id: n for n in block.columns})
    return {c: nodes[c].unit for c in columns if c in nodes and nodes[c].unit and nodes[c].unit != table.unit}


def report_tables(ev: Evaluated) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for table in ev.format.tables:
        if not ev.figures.has_table(table.id):
            continue
        for columns, rows in _parts(table):
            values, computed = [], []
            for row in rows:
                line: list[str] = [row]
                for col in columns:
                    cell = ev.figures.cells.get((table.id, row, col))
                    line.append(fmt_number(cell.value) if cell and cell.value is not None else "")
                    if cell is not None and cell.origin == "computed":
                        computed.append(f"{row}/{col}")
                values.append(line)
            part: dict[str, object] = {"table": table.id, "columns": columns, "rows": values}
            units = _units(table, columns)
            if units:
                part["units"] = units
            if computed:
                part["computed"] = computed
            out.append(part)
    return out


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def report_json(ev: Evaluated) -> str:
    data: dict[str, object] = {
        "version": VERSION,
        "body": ev.meta.body,
        "year": ev.meta.year,
        "format": ev.format.id,
    }
    breakdowns = {
        name: {category: fmt_number(value) for category, value, _ in bd.items}
        for name, bd in sorted(ev.figures.breakdowns.items())
    }
    # a table part per line, without blanks after separators: small, and a diff of two years'
    # files reads line by line
    head = _compact(data)[:-1]
    parts = ",\n".join(_compact(part) for part in report_tables(ev))
    text = f'{head},"tables":[\n{parts}\n]'
    if breakdowns:
        text += ',"分类":' + _compact(breakdowns)
    return text + "}\n"


def report_csv(ev: Evaluated) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["机构", spreadsheet_safe(ev.meta.body), "年度", ev.meta.year, "格式", ev.format.id])
    previous = ""
    for table in ev.format.tables:
        if not ev.figures.has_table(table.id):
            continue
        labels = table_labels(table)
        for columns, rows in _parts(table):
            writer.writerow([])
            if table.id != previous:
                writer.writerow([table.title])
                previous = table.id
            writer.writerow(["", *(labels.get(c, c) for c in columns)])
            for row in rows:
                cells = [ev.figures.cells.get((table.id, row, col)) for col in columns]
                values = [fmt_number(c.value) if c and c.value is not None else "" for c in cells]
                writer.writerow([labels.get(row, row), *values])
    for name, bd in sorted(ev.figures.breakdowns.items()):
        writer.writerow([])
        writer.writerow([spreadsheet_safe(name)])
        for category, value, _ in bd.items:
            writer.writerow([spreadsheet_safe(category), fmt_number(value)])
    return "\ufeff" + buffer.getvalue()
