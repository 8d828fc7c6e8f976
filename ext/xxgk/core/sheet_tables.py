"""The official tables found in a spreadsheet or a Word table, by their labels.

Workbooks that provinces and cities collect are copies of the official tables made by
hand: a title row, a 填报单位 line, rows shifted, headers merged differently, one sheet per
table or all on one. So nothing is found by its cell address. Each row is found by its
official label (or a name staff use for it, from the format file), in the official order;
each column by its header label above the rows (or, in the one-line 复议诉讼 table, below
its row's header); a figure is the cell where the two meet. Every figure that could not be
placed is reported with its address. Nothing here imports Sphinx.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from .formats import Format, Node, Table, label_keys
from .parse import NumberError, parse_number
from .wording import fmt_number

Value = str | int | float | Decimal | None
Pos = tuple[int, int]

_HEADER_REACH = 60  # rows searched above a data row for its column headers
_STRIP_REACH = 8  # rows searched below a 复议诉讼 row header for its column headers


@dataclass
class Sheet:
    """One worksheet (or Word table): what each cell holds, 0-based positions.

    ``cells`` holds every non-empty cell; a merged range only at its top-left corner, with
    its size in ``spans``. ``formulas``: cells with a formula whose result was never
    computed (a workbook written by a program and not opened since)."""

    name: str
    cells: dict[Pos, Value]
    spans: dict[Pos, tuple[int, int]] = field(default_factory=dict)
    formulas: set[Pos] = field(default_factory=set)
    word: bool = False  # a Word table: addresses as 第r行第c列

    def address(self, pos: Pos) -> str:
        """A cell's address with its sheet: 申请!D7, or 第2个表格第7行第4列."""
        return f"{self.name}{self.local(pos)}" if self.word else f"{self.name}!{self.local(pos)}"

    def local(self, pos: Pos) -> str:
        """A cell's address within its sheet: D7, or 第7行第4列."""
        r, c = pos
        return f"第{r + 1}行第{c + 1}列" if self.word else f"{column_letters(c)}{r + 1}"

    @cached_property
    def _texts(self) -> dict[Pos, frozenset[str]]:
        return {
            pos: label_keys(value)
            for pos, value in self.cells.items()
            if isinstance(value, str) and value.strip() and not _is_number(value)
        }

    @cached_property
    def _rows(self) -> dict[int, list[int]]:
        rows: dict[int, list[int]] = {}
        for r, c in sorted(self._texts):
            rows.setdefault(r, []).append(c)
        return rows

    @property
    def nrows(self) -> int:
        return 1 + max((r for r, _ in self.cells), default=-1)

    def labels_in_row(self, r: int) -> list[tuple[int, frozenset[str]]]:
        return [(c, self._texts[(r, c)]) for c in self._rows.get(r, [])]

    def span(self, pos: Pos) -> tuple[int, int]:
        return self.spans.get(pos, (1, 1))


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (spreadsheet column names)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _is_number(text: str) -> bool:
    try:
        return parse_number(text) is not None
    except NumberError:
        return False


@dataclass
class TableFound:
    """One official table read from a sheet: figures by leaf (row, column), or blank (None)."""

    table: Table
    sheet: Sheet
    values: dict[tuple[str, str], Decimal | None] = field(default_factory=dict)
    where: dict[tuple[str, str], str] = field(default_factory=dict)  # cell address of each figure
    problems: list[str] = field(default_factory=list)  # each figure not placed, with why
    blanks: list[str] = field(default_factory=list)  # addresses of empty figure cells (read as ~)

    @property
    def score(self) -> int:
        return len(self.values)


def _matches(keys: frozenset[str], node: Node) -> bool:
    return not keys.isdisjoint(node.names())


def _find_rows(sheet: Sheet, table: Table) -> dict[str, int]:
    """Each leaf row's sheet row: labels searched top to bottom in the official order, so a
    label used twice (其他) is the one after the rows before it."""
    rows: dict[str, int] = {}
    start = 0
    last = sheet.nrows
    for leaf in table.leaf_rows():
        for r in range(start, last):
            if any(_matches(keys, leaf) for _, keys in sheet.labels_in_row(r)):
                rows[leaf.id] = r
                start = r + 1
                break
    return rows


def _label_column(sheet: Sheet, r: int, leaf: Node) -> int:
    return next(c for c, keys in sheet.labels_in_row(r) if _matches(keys, leaf))


def _find_columns(
    sheet: Sheet, columns: Sequence[Node], r: int, after: int, data_rows: set[int]
) -> dict[str, int]:
    """Each column's sheet column for data row ``r``: its header label in the nearest row above
    that is not a data row, left to right in the official order, right of the row's label."""
    out: dict[str, int] = {}
    for col in columns:
        for rr in range(r - 1, max(-1, r - _HEADER_REACH), -1):
            if rr in data_rows:
                continue
            hit = next((c for c, keys in sheet.labels_in_row(rr) if c > after and _matches(keys, col)), None)
            if hit is not None:
                out[col.id] = hit
                after = hit
                break
    return out


def _read_grid(sheet: Sheet, table: Table) -> TableFound:
    found = TableFound(table, sheet)
    rows = _find_rows(sheet, table)
    data_rows = set(rows.values())
    for leaf in table.leaf_rows():
        columns = table.leaf_columns(leaf.id)
        if leaf.id not in rows:
            found.problems.append(f"找不到“{leaf.label}”这一行")
            continue
        r = rows[leaf.id]
        cols = _find_columns(sheet, columns, r, _label_column(sheet, r, leaf), data_rows)
        for col in columns:
            if col.id not in cols:
                if not col.computed:
                    found.problems.append(f"找不到“{leaf.label}”一行中“{col.label}”一列的表头")
                continue
            _take(found, leaf, col, (r, cols[col.id]))
    return found


def _read_strip(sheet: Sheet, table: Table) -> TableFound:
    """The one-line table: each row's header spans its columns' headers, figures below them."""
    found = TableFound(table, sheet)
    for leaf in table.leaf_rows():
        head = next(
            (
                (r, c)
                for r in range(sheet.nrows)
                for c, keys in sheet.labels_in_row(r)
                if _matches(keys, leaf)
            ),
            None,
        )
        if head is None:
            found.problems.append(f"找不到“{leaf.label}”的表头")
            continue
        rowspan, colspan = sheet.span(head)
        low, high = head[1], head[1] + colspan
        if head not in sheet.spans:  # not merged: the header reaches to the next one in its row
            high = min((c for c, _ in sheet.labels_in_row(head[0]) if c > low), default=low + 10**6)
        placed: dict[str, Pos] = {}
        after = low - 1
        for col in table.leaf_columns():
            for r in range(head[0] + rowspan, head[0] + rowspan + _STRIP_REACH):
                hit = next(
                    (c for c, keys in sheet.labels_in_row(r) if after < c < high and _matches(keys, col)),
                    None,
                )
                if hit is not None:
                    placed[col.id] = (r, hit)
                    after = hit
                    break
        if not placed:
            found.problems.append(f"找不到“{leaf.label}”下的各列表头")
            continue
        below = _number_row(sheet, list(placed.values()))
        for col in table.leaf_columns():
            if col.id in placed:
                _take(found, leaf, col, (below, placed[col.id][1]))
            elif not col.computed:
                found.problems.append(f"找不到“{leaf.label}”下“{col.label}”一列的表头")
    return found


def _number_row(sheet: Sheet, labels: list[Pos]) -> int:
    """The row of figures under column headers: the first below them holding a number in one
    of their columns (headers not merged may hide how deep they are), else the row right
    under the deepest header."""
    under = max(r + sheet.span((r, c))[0] for r, c in labels)
    columns = [c for _, c in labels]
    for r in range(under, under + _STRIP_REACH):
        if any(_number_cell(sheet.cells.get((r, c))) for c in columns):
            return r
    return under


def _number_cell(value: Value) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    return isinstance(value, int | float | Decimal) or _is_number(str(value))


def _take(found: TableFound, row: Node, col: Node, pos: Pos) -> None:
    """The figure at ``pos`` for cell (row, col); a computed cell whose formula was never
    worked out is left to the build to compute."""
    sheet = found.sheet
    key = (row.id, col.id)
    if pos in sheet.formulas:
        return
    value = sheet.cells.get(pos)
    where = sheet.address(pos)
    if value is None or (isinstance(value, str) and not value.strip()):
        if not (row.computed or col.computed):
            found.values[key] = None
            found.where[key] = where
            found.blanks.append(sheet.local(pos))
        return
    if isinstance(value, bool):
        found.problems.append(f"{where}（{row.label}，{col.label}）不是数字")
        return
    try:
        number = parse_number(repr(value) if isinstance(value, float) else str(value))
    except NumberError as exc:
        found.problems.append(f"{where}（{row.label}，{col.label}）：{exc}")
        return
    if number is not None and col.kind == "count" and row.kind == "count" and number != number.to_integral():
        found.problems.append(f"{where}（{row.label}，{col.label}）应为整数，表中为{fmt_number(number)}")
        return
    if number is not None and number == number.to_integral():
        number = number.quantize(Decimal(1))
    found.values[key] = number
    found.where[key] = where


def read_table(sheets: Iterable[Sheet], table: Table) -> TableFound | None:
    """``table`` from the sheet that holds most of its figures (None if no sheet holds any)."""
    best: TableFound | None = None
    for sheet in sheets:
        reads = [_read_strip(sheet, table)] if table.layout == "strip" else []
        reads.append(_read_grid(sheet, table))
        for read in reads:
            if read.score and (best is None or read.score > best.score):
                best = read
    return best


def read_format(sheets: Sequence[Sheet], fmt: Format) -> list[TableFound]:
    """Every table of ``fmt`` found in ``sheets``, in the format's order."""
    return [found for table in fmt.tables if (found := read_table(sheets, table)) is not None]


def best_format(sheets: Sequence[Sheet], formats: Iterable[Format]) -> tuple[Format, list[TableFound]] | None:
    """The format whose tables the sheets hold most figures of."""
    scored = [
        (sum(t.score for t in found), fmt, found) for fmt in formats if (found := read_format(sheets, fmt))
    ]
    if not scored:
        return None
    _, fmt, found = max(scored, key=lambda s: s[0])
    return fmt, found


def data_lines(found: TableFound) -> list[str]:
    """The table as data-block lines, the way ``xxgk new`` writes them (blank cells as ~).

    A computed column is written only when every row states it (the build then checks it)."""
    table = found.table
    lines = [f"{table.id}:"]
    if table.layout == "blocks":
        for block in table.blocks:
            lines.append(f"  # {block.caption}")
            for row in block.rows:
                values = [_shown(found, row.id, col.id) for col in block.columns]
                if len(values) == 1:
                    lines.append(f"  {row.id}: {values[0]}")
                else:
                    pairs = ", ".join(f"{col.id}: {v}" for col, v in zip(block.columns, values, strict=True))
                    lines.append(f"  {row.id}: {{{pairs}}}")
        return lines
    stated = [row for row in table.leaf_rows() if not row.computed]
    columns = [
        col
        for col in table.leaf_columns()
        if not col.computed or all((row.id, col.id) in found.values for row in stated)
    ]
    rows = [
        row
        for row in table.leaf_rows()
        if not row.computed or all((row.id, col.id) in found.values for col in columns)
    ]
    lines.append("  # " + " ".join(col.id for col in columns))
    for row in rows:
        values = [_shown(found, row.id, col.id) for col in columns]
        shown = values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"
        lines.append(f"  {row.id}: {shown}")
    return lines


def _shown(found: TableFound, row: str, col: str) -> str:
    value = found.values.get((row, col))
    return "~" if value is None else fmt_number(value)
