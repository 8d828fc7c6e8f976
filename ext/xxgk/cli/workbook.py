"""The official tables as an Excel/WPS workbook, and back (``xxgk export --format xlsx``,
``xxgk export --template``, ``xxgk import 统计表.xlsx``).

Writing: one sheet per table laid out as the official format (``core.layout`` grids with
their merged header cells), a title and a 填报单位/单位 line above it, figures as numbers,
computed cells grey, locked and worked out by formulas, entry cells open and validated,
plus a long-form sheet like the CSV export. Reading: every sheet becomes a
``core.sheet_tables.Sheet``; the tables are found there by their labels.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..core.formats import Format, Table
from ..core.layout import Grid, GridCell, table_grid
from ..core.model import Cell, Figures
from ..core.placement import place
from ..core.report import Evaluated
from ..core.sheet_tables import Sheet
from ..core.tabular import FIELD_NAMES, FIELDS, ORIGIN_NAMES, rows, spreadsheet_safe

LONG_SHEET = "数据明细"

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
_COMPUTED_FILL = PatternFill("solid", fgColor="D9D9D9")
_FONT = Font(name="宋体", size=11)
_BOLD = Font(name="宋体", size=11, bold=True)
_TITLE = Font(name="宋体", size=14, bold=True)
_BAD_SHEET_CHARS = re.compile(r"[\\/?*\[\]:]")
_FIRST_ROW = 4  # 1-based: title, 填报单位 line, blank, then the table


def _text(cell: XlCell, text: str) -> None:
    """A text cell that can never run as a formula (OWASP's quote prefix, and typed as text)."""
    cell.value = spreadsheet_safe(text)
    cell.data_type = "s"


def sheet_title(parts: Sequence[str], taken: set[str]) -> str:
    """A sheet name Excel accepts (≤ 31 characters, none of \\ / ? * [ ] :), unique."""
    base = _BAD_SHEET_CHARS.sub("", "".join(parts))[:31] or "表"
    title, n = base, 2
    while title in taken:
        suffix = f"（{n}）"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def _grid_cells(grid: Grid) -> list[tuple[int, int, int, int, GridCell]]:
    """Each grid cell at its 1-based sheet position (row, column) with its spans."""
    placed = place(grid.rows, lambda cell: (cell.rowspan, cell.colspan))
    return [(p.row + _FIRST_ROW, p.col + 1, p.rowspan, p.colspan, p.item) for p in placed]


def _formula(table: Table, key: tuple[str, str], where: dict[tuple[str, str], str]) -> str | None:
    """The sum that works out a computed cell from the cells it adds up, as a formula."""
    row, col = key
    for rule in table.computed:
        if rule.axis == "row" and rule.cell == col:
            terms = [(row, c) for term in rule.terms for c in table.expand("column", term)]
        elif rule.axis == "column" and rule.cell == row:
            terms = [(r, col) for term in rule.terms for r in table.expand("row", term)]
        else:
            continue
        addresses = [where[t] for t in terms if t in where]
        if len(addresses) == len(terms):
            return "=SUM(" + ",".join(addresses) + ")"
    return None


def _is_computed(table: Table, key: tuple[str, str]) -> bool:
    row, col = table.row(key[0]), table.column(key[1], key[0])
    return bool((row and row.computed) or (col and col.computed))


def write_table(ws: Worksheet, table: Table, figures: Figures, body: str, year: int, template: bool) -> None:
    """One official table on its own sheet, as the format lays it out."""
    grid = table_grid(table, figures)
    cells = _grid_cells(grid)
    width = max(grid.ncols, 2)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    _text(ws.cell(1, 1), f"{body}{year}年度{table.title}" if body else f"{year}年度{table.title}")
    ws.cell(1, 1).font = _TITLE
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    _text(ws.cell(2, 1), f"填报单位：{body}")
    ws.cell(2, 1).font = _FONT
    if table.unit:
        _text(ws.cell(2, width), f"单位：{table.unit}")
        ws.cell(2, width).alignment = Alignment(horizontal="right")
        ws.cell(2, width).font = _FONT
    where = {cell.key: f"{get_column_letter(c)}{r}" for r, c, _, _, cell in cells if cell.key}
    numbers = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    amounts = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    for validation, kind in ((numbers, "whole"), (amounts, "decimal")):
        validation.error = "请填写不小于0的数字" if kind == "decimal" else "请填写不小于0的整数"
        validation.errorTitle = "数字有误"
        ws.add_data_validation(validation)
    for r, c, rowspan, colspan, cell in cells:
        if rowspan > 1 or colspan > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r + rowspan - 1, end_column=c + colspan - 1)
        for rr in range(r, r + rowspan):
            for cc in range(c, c + colspan):
                ws.cell(rr, cc).border = _BORDER
        target = ws.cell(r, c)
        target.font = _FONT
        if cell.key is None:
            if cell.text:
                _text(target, cell.text)
            heading = cell.role in ("corner", "colhead", "caption")
            target.alignment = Alignment(
                horizontal="center" if heading or cell.role == "text" else "left",
                vertical="center",
                wrap_text=True,
            )
            if heading:
                target.font = _BOLD
                for rr in range(r, r + rowspan):
                    for cc in range(c, c + colspan):
                        ws.cell(rr, cc).fill = _HEAD_FILL
            continue
        _figure(ws, target, table, cell.key, figures, where, template, numbers, amounts)
    for i, w in enumerate(grid.colwidths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(6.0, w * 2.6)
    ws.protection.sheet = True  # computed cells and labels locked; figures open
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False
    ws.page_setup.orientation = "landscape" if grid.ncols > 6 else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.freeze_panes = None


def _figure(
    ws: Worksheet,
    target: XlCell,
    table: Table,
    key: tuple[str, str],
    figures: Figures,
    where: dict[tuple[str, str], str],
    template: bool,
    numbers: DataValidation,
    amounts: DataValidation,
) -> None:
    """A figure cell: a number to fill in, or a computed cell (grey, locked, a formula unless
    the page states the figure)."""
    found: Cell | None = figures.cells.get((table.id, *key))
    row, col = table.row(key[0]), table.column(key[1], key[0])
    amount = (row is not None and row.kind == "amount") or (col is not None and col.kind == "amount")
    target.alignment = Alignment(horizontal="right", vertical="center")
    target.number_format = "General" if amount else "0"
    if _is_computed(table, key):
        target.fill = _COMPUTED_FILL
        formula = _formula(table, key, where)
        if found is not None and found.origin == "stated" and not template:
            target.value = found.value
        elif formula:
            target.value = formula
        return
    target.protection = Protection(locked=False)
    (amounts if amount else numbers).add(target)
    if found is not None and found.value is not None and (not template or found.origin == "stated"):
        target.value = int(found.value) if found.value == found.value.to_integral() else found.value


def _long_sheet(ws: Worksheet, reports: Sequence[Evaluated]) -> None:
    for c, name in enumerate(FIELDS, start=1):
        _text(ws.cell(1, c), FIELD_NAMES[name])
        ws.cell(1, c).font = _BOLD
    line = 2
    for ev in reports:
        for data in rows(ev):
            for c, name in enumerate(FIELDS, start=1):
                value = data[name]
                cell = ws.cell(line, c)
                if name == "value" and value != "":
                    number = Decimal(str(value))
                    cell.value = int(number) if number == number.to_integral() else number
                elif name == "year":
                    cell.value = int(str(value))
                elif name == "origin":
                    _text(cell, ORIGIN_NAMES.get(str(value), str(value)))
                else:
                    _text(cell, str(value))
            line += 1
    for c, w in enumerate((24, 6, 8, 10, 14, 30, 14, 24, 12, 12), start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "A2"


def report_workbook(reports: Sequence[Evaluated]) -> bytes:
    """The official tables of each report (a sheet per table), then the long-form sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = {LONG_SHEET}
    bodies = {ev.meta.body for ev in reports}
    years = {ev.meta.year for ev in reports}
    for ev in reports:
        for table in ev.format.tables:
            if not ev.figures.has_table(table.id):
                continue
            parts = [ev.meta.body] if len(bodies) > 1 else []
            parts += [f"{ev.meta.year}年"] if len(years) > 1 or len(bodies) > 1 else []
            ws = wb.create_sheet(sheet_title([*parts, table.title], taken))
            write_table(ws, table, ev.figures, ev.meta.body, ev.meta.year, template=False)
    _long_sheet(wb.create_sheet(LONG_SHEET), reports)
    return _bytes(wb)


def template_workbook(fmt: Format, body: str, year: int, prev: Evaluated | None) -> bytes:
    """A blank workbook of the year's format for a unit to fill in; 上年结转 (and the 2019
    format's 上一年项目数量) already copied from last year's report."""
    from .new import _prefill

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for table in fmt.tables:
        figures = Figures()
        figures.table_lines[table.id] = 0
        for (row, col), value in _prefill(table, prev).items():
            if row == "上年结转" or col == "上一年项目数量":
                figures.cells[(table.id, row, col)] = Cell(value, "stated")
        ws = wb.create_sheet(sheet_title([table.title], taken))
        write_table(ws, table, figures, body, year, template=True)
    return _bytes(wb)


def _bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read_workbook(path: Path) -> list[Sheet]:
    """Every sheet of a workbook: cell values (a formula's last computed result), merged ranges
    and formulas never computed. Only the cells the file holds are visited (a sheet's range can
    claim a million rows)."""
    values = load_workbook(path, data_only=True)
    formulas = load_workbook(path, data_only=False)
    sheets: list[Sheet] = []
    for ws in values.worksheets:
        raw = formulas[ws.title]
        cells: dict[tuple[int, int], object] = {}
        pending: set[tuple[int, int]] = set()
        for (row, column), cell in ws._cells.items():
            if not isinstance(cell, XlCell):  # the covered part of a merged range
                continue
            if cell.value is None:
                formula = raw._cells.get((row, column))
                if formula is not None and formula.data_type == "f":
                    pending.add((row - 1, column - 1))
                continue
            cells[(row - 1, column - 1)] = cell.value
        spans = {
            (rng.min_row - 1, rng.min_col - 1): (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
            for rng in ws.merged_cells.ranges
        }
        sheets.append(Sheet(ws.title, cells, spans, pending))  # type: ignore[arg-type]
    return sheets
