"""Raw data entries → the figures of a report, checked against its format.

Keys are matched by id, alias or official label (see ``formats``); an unknown
key gets the nearest valid names suggested. A cell given twice is an error.
Within a table that has any data, an omitted (non-computed) cell is 0 (the
national templates) or blank (tables marked ``omitted: blank``: the legacy
statistics tables, filled unevenly); an explicit blank (``~``) stays blank. Nothing here imports Sphinx.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from decimal import Decimal

from .formats import FORMAT_IDS, Format, Node, Table, load_breakdown, load_format, normalize_key, walk
from .model import Breakdown, Cell, Figures, Finding, RawEntry
from .parse import MONEY_UNITS, POSITION
from .wording import fmt_number

BREAKDOWN_KEYS = ("分类", "分类统计", "breakdown")


def suggest(key: str, names: Iterable[tuple[str, str]], limit: int = 3) -> str:
    """'最接近的是：A、B' from (normalized name, display id) pairs; all ids if few."""
    by_name: dict[str, str] = {}
    for name, shown in names:
        by_name.setdefault(name, shown)
    close = difflib.get_close_matches(normalize_key(key), list(by_name), n=8, cutoff=0.3)
    shown: list[str] = []
    for name in close:
        if by_name[name] not in shown:
            shown.append(by_name[name])
    if not shown:
        ids = list(dict.fromkeys(by_name.values()))
        if len(ids) <= 8:
            return "可用的名称有：" + "、".join(ids)
        return ""
    return "最接近的是：" + "、".join(shown[:limit])


def _node_names(nodes: Iterable[Node]) -> list[tuple[str, str]]:
    return [(n, node.id) for node in nodes for n in node.names()]


def _check_kind(node: Node, value: Decimal, where: str) -> str | None:
    if node.kind in ("count", "signed") and value != value.to_integral_value():
        return f"{where}应为整数（件数），不能是小数 {value}"
    if node.kind in ("count", "amount") and value < 0:
        return f"{where}不能为负数（{value}），请填写0或正数"
    return None


def _in_unit(
    table: Table, cell: tuple[str, str], entry: RawEntry, figures: Figures, findings: list[Finding]
) -> Decimal | None:
    """An amount written with a money unit, in the unit the format fixes for its column:
    converted exactly (Decimal), and the conversion said under the table; a count written with
    a unit, or an amount whose column has no unit, is refused."""
    col = table.column(cell[1], cell[0])
    where = f"“{table.id}.{cell[0]}.{cell[1]}”"
    if col is None or col.kind != "amount" or not col.unit or col.unit not in MONEY_UNITS:
        findings.append(
            Finding("value", f"{where}不是金额，不能带单位“{entry.unit}”，请只写数字", entry.line)
        )
        return None
    if entry.value is None or entry.unit == col.unit:
        return entry.value
    value = (entry.value * MONEY_UNITS[entry.unit] / MONEY_UNITS[col.unit]).normalize()
    written = f"{fmt_number(entry.value)}{entry.unit}"
    figures.table_notes.setdefault(table.id, []).append(
        f"{col.id}原文写作“{written}”，已按格式规定的单位换算为{fmt_number(value)}{col.unit}。"
    )
    return value


def resolve(fmt: Format, entries: Iterable[RawEntry]) -> tuple[Figures, list[Finding]]:
    """Match every raw entry to a cell of ``fmt`` or a breakdown item."""
    figures = Figures()
    findings: list[Finding] = []
    breakdown_names = {normalize_key(k) for k in BREAKDOWN_KEYS}
    first_line: dict[tuple[str, str, str], int] = {}

    for entry in entries:
        head = entry.path[0]
        if normalize_key(head) in breakdown_names:
            _breakdown_entry(figures, findings, entry)
            continue
        table = fmt.table(head)
        if table is None:
            names = [(n, t.id) for t in fmt.tables for n in t.names()]
            names += [(normalize_key(k), BREAKDOWN_KEYS[0]) for k in BREAKDOWN_KEYS]
            findings.append(
                Finding(
                    "key",
                    f"“{head}”不是{fmt.name}中的表格。{suggest(head, names)}",
                    entry.line,
                )
            )
            continue
        cell = _table_entry(table, entry, findings)
        if cell is None:
            continue
        figures.table_lines.setdefault(table.id, entry.line)
        key = (table.id, *cell)
        if key in first_line:
            findings.append(
                Finding(
                    "duplicate",
                    f"“{table.id}.{cell[0]}.{cell[1]}”已在第{first_line[key]}行填写，"
                    "同一数字只能填写一次，请删去其中一处",
                    entry.line,
                )
            )
            continue
        first_line[key] = entry.line
        value = entry.value
        if entry.unit:
            value = _in_unit(table, cell, entry, figures, findings)
            if value is None and entry.value is not None:
                continue
        figures.cells[key] = Cell(value, "stated", entry.line)

    for table in fmt.tables:
        if not figures.has_table(table.id):
            continue
        computed_cols = {n.id for n in walk(table.columns) if n.computed}
        computed_rows = {n.id for n in walk(table.rows) if n.computed}
        for row, col in table.cells():
            if row in computed_rows or col in computed_cols:
                continue
            figures.cells.setdefault(
                (table.id, row, col), Cell(Decimal(0) if table.omitted == "zero" else None, "default")
            )
    return figures, findings


def _other_format(table: Table, axis: str, name: str, line: int) -> Finding | None:
    """A row or column of the other national format (2021 columns in a 2019 table, or the reverse)."""
    for fid in FORMAT_IDS:
        other = load_format(fid)
        other_table = other.table(table.id)
        if other_table is None or other_table is table:
            continue
        node = other_table.row(name) if axis == "row" else other_table.column(name)
        if node is not None and (table.row(name) if axis == "row" else table.column(name)) is None:
            here = "、".join(n.id for n in (table.leaf_rows() if axis == "row" else table.leaf_columns()))
            kind = "行" if axis == "row" else "列"
            return Finding(
                "format",
                f"“{name}”是{other.name}（{other.basis}，适用于{other.span}）中的{kind}，"
                f"本报告的格式中没有；本表的{kind}为：{here}",
                line,
            )
    return None


def _table_entry(table: Table, entry: RawEntry, findings: list[Finding]) -> tuple[str, str] | None:
    path = entry.path
    where = "“" + ".".join(path) + "”"
    if len(path) == 1:
        findings.append(Finding("key", f"{where}下应按“行: {{列: 数字}}”填写，不能直接写数字", entry.line))
        return None
    if len(path) > 3:
        findings.append(
            Finding("key", f"{where}层级过多：应为“表.行.列”三级（如 申请.本年新收.自然人）", entry.line)
        )
        return None
    row = table.row(path[1])
    if row is None:
        hint = suggest(path[1], _node_names(walk(table.rows)))
        findings.append(
            _other_format(table, "row", path[1], entry.line)
            or Finding("key", f"“{table.id}”表没有“{path[1]}”这一行。{hint}", entry.line)
        )
        return None
    if row.is_group:
        parts = "、".join(leaf.id for leaf in row.leaves())
        findings.append(
            Finding("key", f"“{row.id}”是分组，由其下各项相加得出，请分别填写：{parts}", entry.line)
        )
        return None
    columns = table.leaf_columns(row.id)
    if len(path) == 2:
        if len(columns) == 1:
            col = columns[0]
        else:
            names = "、".join(c.id for c in columns)
            findings.append(
                Finding("key", f"{where}应按列填写（{names}），如 {{{columns[0].id}: 数字}}", entry.line)
            )
            return None
    elif path[2].startswith(POSITION):
        index, count = (int(n) for n in path[2][len(POSITION) :].split("/"))
        stated = [c for c in columns if not c.computed]
        if count == len(columns):
            col = columns[index - 1]
        elif count == len(stated):
            col = stated[index - 1]
        else:
            if index == 1:
                names = "、".join(c.id for c in columns)
                findings.append(
                    Finding(
                        "key",
                        f"“{table.id}.{row.id}”按列顺序应有{len(columns)}个数字（{names}）"
                        + (f"或{len(stated)}个（不含计算列）" if len(stated) != len(columns) else "")
                        + f"，实际有{count}个",
                        entry.line,
                    )
                )
            return None
        where = f"“{table.id}.{row.id}.{col.id}”"
    else:
        found = table.column(path[2], row.id)
        if found is None:
            hint = suggest(path[2], _node_names(walk(table.columns) if table.layout != "blocks" else columns))
            findings.append(
                _other_format(table, "column", path[2], entry.line)
                or Finding("key", f"“{table.id}.{row.id}”没有“{path[2]}”这一列。{hint}", entry.line)
            )
            return None
        if found.is_group:
            parts = "、".join(leaf.id for leaf in found.leaves())
            findings.append(
                Finding("key", f"“{found.id}”是分组列，由其下各列相加得出，请分别填写：{parts}", entry.line)
            )
            return None
        col = found
    if entry.value is not None:
        problem = _check_kind(col, entry.value, where)
        if problem:
            findings.append(Finding("value", problem, entry.line))
            return None
    return row.id, col.id


def _breakdown_entry(figures: Figures, findings: list[Finding], entry: RawEntry) -> None:
    path = entry.path
    fmt = load_breakdown()
    if len(path) != 3:
        findings.append(
            Finding(
                "key",
                f"分类统计应写成“分类: {{名称: {{类别: 数字}}}}”，“{'.'.join(path)}”层级不对",
                entry.line,
            )
        )
        return
    _, name, category = path
    breakdown = figures.breakdowns.setdefault(name, Breakdown(name, entry.line))
    where = f"“{name}.{category}”"
    if entry.value is not None and (entry.value < 0 or entry.value != entry.value.to_integral_value()):
        findings.append(Finding("value", f"{where}应为0或正整数，不能是 {entry.value}", entry.line))
        return
    if normalize_key(category) in {normalize_key(a) for a in fmt.total_aliases}:
        if breakdown.stated_total is not None:
            findings.append(Finding("duplicate", f"{where}：合计只能填写一次", entry.line))
            return
        breakdown.stated_total = Cell(entry.value, "stated", entry.line)
        return
    key = normalize_key(category)
    if key in breakdown.keys:  # a set: 200,000 categories stay linear
        findings.append(Finding("duplicate", f"{where}重复填写，同一类别只能写一次", entry.line))
        return
    breakdown.keys.add(key)
    breakdown.items.append((category, entry.value, entry.line))
