"""Figures a report copies from last year's, written into its data blocks (``xxgk carry``).

上年结转 must equal last year's 结转下年度继续办理 (X-1), and in the 2019 format the
上一年项目数量 must follow last year's (X-3). When last year's report is corrected after
this year's was written, these copies go stale and the build warns (``xxgk.carry``,
``xxgk.stock``). ``carry_plan`` works out the corrected numbers and the new page text:
only those numbers change; every other character of the page — comments, layout,
the way a row is written — stays as the user wrote it. Nothing here imports Sphinx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..core.entries import resolve
from ..core.formats import Identity
from ..core.identities import others, side
from ..core.model import RawEntry
from ..core.parse import POSITION, NumberError, parse_data_block, parse_number
from ..core.report import Evaluated
from ..core.wording import fmt_number
from ..reading.page_source import PageSource

CellKey = tuple[str, str, str]
Span = tuple[int, int] | None  # columns of a written value on its page line


@dataclass(frozen=True)
class Change:
    line: int
    cell: CellKey
    old: Decimal | None
    new: Decimal
    rule: Identity


@dataclass
class Plan:
    text: str
    changes: list[Change] = field(default_factory=list)
    manual: list[tuple[int | None, str]] = field(default_factory=list)  # (line, what to do by hand)


def copied_figures(ev: Evaluated, prev: Evaluated) -> dict[CellKey, tuple[Decimal, Identity]]:
    """Each cell that a cross-year rule fixes from last year's figures alone, with its value.

    Only rules of the form ``名称 = prev.… (+ prev.…)`` qualify; a rule that also adds this
    year's figures (现行有效件数 = 上年 + 制发 − 废止) cannot tell which figure is wrong.
    """
    out: dict[CellKey, tuple[Decimal, Identity]] = {}
    for ident in ev.format.cross_year:
        (lhs, *more) = ident.lhs
        if prev.format.id not in ident.prev_formats or more or lhs.prev or lhs.sign != 1 or ident.op != "=":
            continue
        if not all(term.prev for term in ident.rhs):
            continue
        table = ev.format.table(ident.table)
        if table is None or not ev.figures.has_table(table.id) or not prev.figures.has_table(table.id):
            continue
        for other in others(table, ident):
            rhs = side(ident.rhs, table, ident.axis, other, ev.figures, prev.figures)
            row_name, col_name = (lhs.name, other) if ident.axis == "column" else (other, lhs.name)
            row, col = table.row(row_name), table.column(col_name)
            if rhs is None or row is None or col is None or row.is_group:
                continue
            cell = ev.figures.cells.get((table.id, row.id, col.id))
            if cell is not None and cell.origin != "computed":
                out[(table.id, row.id, col.id)] = (rhs.total, ident)
    return out


def _written(ev: Evaluated, source: PageSource, lines: list[str]) -> dict[CellKey, tuple[RawEntry, Span]]:
    """Where each stated cell is written: its entry, and the columns of its value on its
    line of the page (None where the page line does not hold the block line as parsed)."""
    out: dict[CellKey, tuple[RawEntry, Span]] = {}
    for directive in source.xxgk("data"):
        block_lines = directive.body.split("\n")
        for entry in parse_data_block(directive.body, directive.body_line).entries:
            block_line = block_lines[entry.line - directive.body_line]
            file_line = lines[entry.line - 1].rstrip("\r\n")
            indent = len(file_line) - len(block_line)  # a block nested in a list is indented
            span = None
            if entry.span is not None and indent >= 0 and file_line.endswith(block_line):
                span = (indent + entry.span[0], indent + entry.span[1])
            figures, _ = resolve(ev.format, [entry])
            for key, cell in figures.cells.items():
                if cell.origin == "stated":
                    out.setdefault(key, (entry, span))
    return out


def _same_number(written: str, value: Decimal | None) -> bool:
    try:
        return parse_number(written.strip("'\"")) == value
    except NumberError:
        return False


def _add_cell(
    lines: list[str],
    written: dict[CellKey, tuple[RawEntry, Span]],
    key: CellKey,
    number: str,
    edits: dict[int, list[tuple[int, int, str]]],
    after: dict[int, list[str]],
) -> int | None:
    """Write a cell the row does not state yet next to a cell of the same row written by
    name: inside its ``{…}``, or as a line of its own under it. Its line, or None."""
    table, row, column = key
    for (t, r, _), (entry, span) in written.items():
        if (t, r) != (table, row) or span is None or len(entry.path) < 3:
            continue
        if entry.path[-1].startswith(POSITION):
            continue  # a row written as a list already has every column
        index = entry.line - 1
        file_line = lines[index].rstrip("\r\n")
        start, end = span
        if "{" in file_line[:start] and "}" in file_line[end:]:
            close = file_line.index("}", end)
            edits.setdefault(index, []).append((close, close, f", {column}: {number}"))
            return entry.line
        if file_line.rstrip().endswith(file_line[start:end]):  # `列: 数字` on a line of its own
            lead = file_line[: len(file_line) - len(file_line.lstrip())]
            after.setdefault(index, []).append(f"{lead}{column}: {number}")
            return entry.line + 1
    return None


def carry_plan(text: str, source: PageSource, ev: Evaluated, prev: Evaluated) -> Plan:
    """The page ``text`` with every copied figure set to last year's value."""
    lines = text.splitlines(keepends=True)
    plan = Plan(text)
    written = _written(ev, source, lines)
    edits: dict[int, list[tuple[int, int, str]]] = {}  # line index -> (start, end, replacement)
    after: dict[int, list[str]] = {}  # line index -> new lines to insert after it
    for key, (new, ident) in copied_figures(ev, prev).items():
        old = ev.figures.cells[key].value
        if old == new:
            continue
        number = fmt_number(new)
        todo = f"{'.'.join(key)} 应为 {number}（{ident.note}），"
        entry, span = written.get(key, (None, None))
        if entry is None:
            added = _add_cell(lines, written, key, number, edits, after)
            if added is None:
                plan.manual.append(
                    (ev.figures.table_lines.get(key[0]), todo + "数据块中没有这一格，请手工填写")
                )
            else:
                plan.changes.append(Change(added, key, old, new, ident))
            continue
        original = lines[entry.line - 1][span[0] : span[1]] if span is not None else ""
        if span is None or not _same_number(original, old):
            plan.manual.append((entry.line, todo + "请手工修改"))
            continue
        if original[:1] in "'\"":
            number = original[0] + number + original[-1]
        edits.setdefault(entry.line - 1, []).append((*span, number))
        plan.changes.append(Change(entry.line, key, old, new, ident))
    for index, spans in edits.items():
        line = lines[index]
        for start, end, replacement in sorted(spans, reverse=True):
            line = line[:start] + replacement + line[end:]
        lines[index] = line
    for index in sorted(after, reverse=True):
        ending = lines[index][len(lines[index].rstrip("\r\n")) :] or "\n"
        if not lines[index].endswith(("\n", "\r")):
            lines[index] += ending
        lines[index + 1 : index + 1] = [text + ending for text in after[index]]
    plan.text = "".join(lines)
    plan.changes.sort(key=lambda c: (c.line, c.cell))
    return plan
