"""Table layout: a format's table + figures → a grid of cells with spans.

The grid mirrors the published official tables: merged header cells
(rowspan/colspan), label columns, numbers. Builders (HTML, LaTeX) get it as
docutils nodes from the Sphinx layer; nothing here imports Sphinx.

Layouts:
- ``grid``  (Table B): column tree across the top, row tree down the left.
- ``strip`` (Table C): one line of numbers; the row tree becomes header groups.
- ``blocks`` (Table A): stacked blocks, each with a caption row and a header row.
- ``indicator`` (the 2014 统计表, free-form key figures): 序号 | 统计指标 | 单位 | 统计数,
  one indented line per indicator; a local variant's column tree spans the top.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from .compute import share
from .formats import BreakdownFormat, Node, Table
from .model import Breakdown, Figures
from .placement import place
from .wording import fmt_number, fmt_percent

Role = Literal["corner", "colhead", "rowhead", "caption", "num", "label", "text"]  # text: a plain data cell


@dataclass
class GridCell:
    text: str
    role: Role
    rowspan: int = 1
    colspan: int = 1
    scope: str = ""
    classes: list[str] = field(default_factory=list)
    key: tuple[str, str] | None = None  # the (row, column) ids of a table's figure cell


@dataclass
class Grid:
    ncols: int
    header_rows: int
    rows: list[list[GridCell]]
    colwidths: list[int]
    notes: list[str] = field(default_factory=list)

    def latex_colspec(self) -> str:
        """Column spec for LaTeX: ruled, proportional widths (numbers are set flush right per cell)."""
        total = sum(self.colwidths)
        cols = [rf"\X{{{w}}}{{{total}}}" for w in self.colwidths]
        return "{|" + "|".join(cols) + "|}"


def _num(cell_value: Decimal | None, origin: str) -> GridCell:
    classes = ["xxgk-num"]
    if origin == "computed":
        classes.append("xxgk-computed")
    if cell_value is None:
        classes.append("xxgk-blank")
    return GridCell(fmt_number(cell_value), "num", classes=classes)


def _value(figures: Figures, table: Table, row: str, col: str) -> GridCell:
    cell = figures.cells.get((table.id, row, col))
    out = _num(None, "default") if cell is None else _num(cell.value, cell.origin)
    out.key = (row, col)
    return out


def _header_levels(tree: tuple[Node, ...], depth: int) -> list[list[GridCell]]:
    """Rows of header cells for a column tree ``depth`` levels deep."""
    levels: list[list[GridCell]] = [[] for _ in range(depth)]

    def place(node: Node, level: int) -> None:
        if node.is_group:
            levels[level].append(
                GridCell(node.label, "colhead", colspan=len(node.leaves()), scope="colgroup")
            )
            for child in node.children:
                place(child, level + 1)
        else:
            levels[level].append(GridCell(node.label, "colhead", rowspan=depth - level, scope="col"))

    for node in tree:
        place(node, 0)
    return levels


def _grid(table: Table, figures: Figures) -> Grid:
    label_cols = max(n.depth() for n in table.rows)
    head_depth = max(n.depth() for n in table.columns)
    leaf_cols = table.leaf_columns()
    header = _header_levels(table.columns, head_depth)
    header[0].insert(0, GridCell(table.corner, "corner", rowspan=head_depth, colspan=label_cols, scope="col"))
    body: list[list[GridCell]] = []

    def place(node: Node, level: int, row: list[GridCell]) -> list[GridCell]:
        if node.is_group:
            row.append(GridCell(node.label, "rowhead", rowspan=len(node.leaves()), scope="rowgroup"))
            for i, child in enumerate(node.children):
                row = place(child, level + 1, row if i == 0 else [])
            return row
        row.append(GridCell(node.label, "rowhead", colspan=label_cols - level, scope="row"))
        row.extend(_value(figures, table, node.id, col.id) for col in leaf_cols)
        body.append(row)
        return []

    for node in table.rows:
        place(node, 0, [])
    widths = [3, 5][: label_cols - 1] + [4] * max(0, label_cols - 3) + [16] + [4] * len(leaf_cols)
    return Grid(label_cols + len(leaf_cols), head_depth, header + body, widths)


def _strip(table: Table, figures: Figures) -> Grid:
    cols = table.leaf_columns()
    groups = tuple(_with_columns(node, tuple(Node(c.id, c.label) for c in cols)) for node in table.rows)
    depth = max(n.depth() for n in groups)
    header = _header_levels(groups, depth)
    values = [_value(figures, table, r.id, c.id) for r in table.leaf_rows() for c in cols]
    n = len(values)
    return Grid(n, depth, [*header, values], [1] * n)


def _with_columns(node: Node, cols: tuple[Node, ...]) -> Node:
    children = tuple(_with_columns(c, cols) for c in node.children) if node.is_group else cols
    return Node(node.id, node.label, children=children)


def _blocks(table: Table, figures: Figures) -> Grid:
    width = table.width
    rows: list[list[GridCell]] = []
    for block in table.blocks:
        rows.append([GridCell(block.caption, "caption", colspan=width + 1, scope="colgroup")])
        head = [GridCell(table.label_header, "colhead", scope="col")]
        for i, col in enumerate(block.columns):
            span = width - len(block.columns) + 1 if i == len(block.columns) - 1 else 1
            head.append(GridCell(col.label, "colhead", colspan=span, scope="col"))
        rows.append(head)
        for row in block.rows:
            line = [GridCell(row.label, "rowhead", scope="row")]
            for i, col in enumerate(block.columns):
                cell = _value(figures, table, row.id, col.id)
                if col.kind == "amount" and col.unit and col.unit not in col.label and cell.text:
                    cell.text += col.unit  # 采购总金额: "251000元" (the 2019 header names no unit)
                cell.colspan = width - len(block.columns) + 1 if i == len(block.columns) - 1 else 1
                line.append(cell)
            rows.append(line)
    return Grid(width + 1, 0, rows, [8] + [4] * width)


INDENT = "\u3000"  # ideographic space: the indentation of printed statistics tables


def _indicator(table: Table, figures: Figures) -> Grid:
    depth = max(n.depth() for n in table.columns)
    header = _header_levels(table.columns, depth)
    header[0][:0] = [
        GridCell(text, "colhead", rowspan=depth, scope="col")
        for text in ("序号", table.label_header or "统计指标", "单位")
    ]
    leaf_cols = table.leaf_columns()
    body: list[list[GridCell]] = []
    unconfirmed = False
    for number, node in enumerate(table.rows, start=1):
        # a row whose wording has not been compared with a published copy of the table yet
        mark = UNCONFIRMED if node.status == "reconstructed" else ""
        unconfirmed |= bool(mark)
        line = [
            GridCell(str(number), "text", classes=["xxgk-seq"]),
            GridCell(INDENT * node.level + node.label + mark, "rowhead", scope="row"),
            GridCell(node.unit or "—", "text", classes=["xxgk-unit"]),
        ]
        if node.heading:
            line += [GridCell("", "text") for _ in leaf_cols]
        else:
            line += [_value(figures, table, node.id, col.id) for col in leaf_cols]
        body.append(line)
    notes = [UNCONFIRMED_NOTE] if unconfirmed else []
    return Grid(3 + len(leaf_cols), depth, header + body, [2, 14, 2] + [4] * len(leaf_cols), notes)


UNCONFIRMED = "※"
UNCONFIRMED_NOTE = (
    "标※的指标名称尚未与已发布的《政府信息公开情况统计表》原件逐字核对，"
    "措辞可能与原表略有不同；数字按原报告填写。"
)


def table_grid(table: Table, figures: Figures) -> Grid:
    """The official layout of ``table`` filled with ``figures``, with the notes the figures
    carry (an amount converted from the unit it was written in)."""
    if table.layout == "indicator":
        grid = _indicator(table, figures)
    elif table.layout == "blocks":
        grid = _blocks(table, figures)
    elif table.layout == "strip":
        grid = _strip(table, figures)
    else:
        grid = _grid(table, figures)
    grid.notes += figures.table_notes.get(table.id, [])
    return grid


def breakdown_grid(bd: Breakdown, fmt: BreakdownFormat, unit: str = "") -> Grid:
    """Category | count | share, with a 合计 row; shares computed from the counts."""
    total = bd.total()
    value_header = f"{fmt.value_header}（{unit}）" if unit else fmt.value_header
    rows: list[list[GridCell]] = [
        [
            GridCell(fmt.label_header, "colhead", scope="col"),
            GridCell(value_header, "colhead", scope="col"),
            GridCell(fmt.share_header, "colhead", scope="col"),
        ]
    ]
    for name, value, _ in bd.items:
        pct = share(value, total, fmt.share_decimals)
        rows.append(
            [
                GridCell(name, "rowhead", scope="row"),
                _num(value, "stated"),
                GridCell(fmt_percent(pct), "num", classes=["xxgk-num", "xxgk-computed"]),
            ]
        )
    shares = [share(v, total, fmt.share_decimals) for _, v, _ in bd.items]
    rows.append(
        [
            GridCell(fmt.total_label, "rowhead", scope="row", classes=["xxgk-total"]),
            _num(total, "computed"),
            GridCell(
                fmt_percent(Decimal(100).quantize(Decimal(1).scaleb(-fmt.share_decimals))) if total else "",
                "num",
                classes=["xxgk-num", "xxgk-computed"],
            ),
        ]
    )
    notes = []
    known = [s for s in shares if s is not None]
    if known and len(known) == len(shares) and sum(known) != 100:
        notes.append(
            f"各类别占比按四舍五入保留{fmt.share_decimals}位小数，"
            f"相加为{sum(known)}%，与100%的差异系舍入所致。"
        )
    return Grid(3, 1, rows, [8, 4, 4], notes)


def text_widths(grid: Grid) -> list[int]:
    """Column widths in characters for plain text: never narrower than the longest figure in
    the column (a text table breaks a figure that does not fit, one digit a line)."""
    widths = list(grid.colwidths)
    for p in place(grid.rows, lambda cell: (cell.rowspan, cell.colspan)):
        if p.colspan == 1 and p.item.role == "num" and p.col < len(widths):
            widths[p.col] = max(widths[p.col], len(p.item.text))
    return widths
