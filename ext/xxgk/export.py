"""Every figure of every report in long form (``xxgk export``, the site's data files).

One row per cell: body, year, format, table, row id and label, column id and
label, value, origin (stated / computed / default). Sorted and stable; JSON
and CSV. Nothing here imports Sphinx.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from .formats import walk
from .report import Evaluated
from .text import fmt_number

FIELDS = (
    "body",
    "year",
    "format",
    "table",
    "row",
    "row_label",
    "column",
    "column_label",
    "value",
    "origin",
)


def rows(ev: Evaluated) -> list[dict[str, object]]:
    """The long-form rows of one report, in official table order."""
    out: list[dict[str, object]] = []
    base = {"body": ev.meta.body, "year": ev.meta.year, "format": ev.format.id}
    for table in ev.format.tables:
        if not ev.figures.has_table(table.id):
            continue
        labels = {n.id: n.label for n in walk((*table.rows, *table.columns))}
        for block in table.blocks:
            labels.update({n.id: n.label for n in (*block.rows, *block.columns)})
        for row, col in table.cells():
            cell = ev.figures.cells.get((table.id, row, col))
            out.append(
                {
                    **base,
                    "table": table.id,
                    "row": row,
                    "row_label": labels.get(row, row),
                    "column": col,
                    "column_label": labels.get(col, col),
                    "value": fmt_number(cell.value) if cell else "",
                    "origin": cell.origin if cell else "default",
                }
            )
    for name, bd in sorted(ev.figures.breakdowns.items()):
        for category, value, _ in bd.items:
            out.append(
                {
                    **base,
                    "table": "分类",
                    "row": name,
                    "row_label": name,
                    "column": category,
                    "column_label": category,
                    "value": fmt_number(value),
                    "origin": "stated",
                }
            )
    return out


def all_rows(reports: Iterable[Evaluated]) -> list[dict[str, object]]:
    ordered = sorted(reports, key=lambda ev: (ev.meta.body, ev.meta.year))
    return [row for ev in ordered for row in rows(ev)]


def to_json(data: list[dict[str, object]]) -> str:
    """One row per line (readable, diffable), each row by the C encoder (fast)."""
    head = json.dumps(list(FIELDS), ensure_ascii=False)
    body = ",\n".join(json.dumps(row, ensure_ascii=False) for row in data)
    return '{"version": 1, "fields": ' + head + ', "rows": [\n' + body + "\n]}\n"


def to_csv(data: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    return buffer.getvalue()
