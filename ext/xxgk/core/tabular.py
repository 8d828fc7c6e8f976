"""Every figure of every report in long form (``xxgk export``; the site publishes ``report_data``).

One row per cell: body, year, format, table, row id and label, column id and
label, value, origin (stated / computed / default). Sorted and stable; JSON
and CSV. Nothing here imports Sphinx.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from .formats import table_labels
from .report import Evaluated
from .wording import fmt_number

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
        labels = table_labels(table)
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


# the CSV is for people opening it in Excel/WPS on Chinese Windows: UTF-8 with a BOM (or it is
# read as GBK), Chinese column names and origins; the JSON keeps the English names for programs
FIELD_NAMES = {
    "body": "机构",
    "year": "年度",
    "format": "格式",
    "table": "表",
    "row": "行",
    "row_label": "行名称",
    "column": "列",
    "column_label": "列名称",
    "value": "数值",
    "origin": "来源",
}
ORIGIN_NAMES = {"stated": "填报", "computed": "计算", "default": "未填（按0计）"}

_JSON_HEAD = '{"version": 1, "fields": ' + json.dumps(list(FIELDS), ensure_ascii=False) + ', "rows": [\n'
_JSON_TAIL = "\n]}\n"
_CSV_HEAD = "\ufeff" + ",".join(FIELD_NAMES[name] for name in FIELDS) + "\n"


def to_json(data: list[dict[str, object]]) -> str:
    """One row per line (readable, diffable), each row by the C encoder (fast)."""
    return join_json([",\n".join(json.dumps(row, ensure_ascii=False) for row in data)])


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMERIC = ("year", "value")  # written by xxgk from numbers: a leading "-" is a sign


def spreadsheet_safe(text: str) -> str:
    """A text cell that Excel/WPS would run as a formula is prefixed with ' (OWASP's advice)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(data: list[dict[str, object]]) -> str:
    """The rows as CSV for spreadsheets (BOM, Chinese names); text cells (names written on
    pages) cannot start a formula. The JSON keeps the exact text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in data:
        cells = []
        for key in FIELDS:
            value = row[key]
            if key == "origin":
                value = ORIGIN_NAMES.get(str(value), value)
            cells.append(value if key in NUMERIC else spreadsheet_safe(str(value)))
        writer.writerow(cells)
    return _CSV_HEAD + buffer.getvalue()


def join_json(parts: list[str]) -> str:
    return _JSON_HEAD + ",\n".join(part for part in parts if part) + _JSON_TAIL
