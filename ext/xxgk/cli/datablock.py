"""Replace the tables of a page's ``xxgk:data`` block, leaving every other line as it is
(``xxgk import 统计表.xlsx --into 页面``).

The block's top-level keys are tables (主动公开, 申请, …) and breakdowns (分类); a key's
lines run to the next key. The keys of the tables read from a workbook are replaced by the
lines read; tables the block did not have are added at its end; everything else — other
keys, comments before the first key, the prose of the page — is kept byte for byte.
Nothing here imports Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..core.formats import Format
from ..core.sheet_tables import TableFound, data_lines

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*\{xxgk:data\}")
_KEY = re.compile(r"^([^\s#][^:]*):")


class NoDataBlock(ValueError):
    """The page has no MyST ``xxgk:data`` block to replace."""


def _block(lines: Sequence[str]) -> tuple[int, int]:
    """Indexes of the first data block's body: [start, end) (the lines between its fences)."""
    for i, line in enumerate(lines):
        opening = _FENCE.match(line)
        if not opening:
            continue
        fence = opening.group(1)
        for j in range(i + 1, len(lines)):
            stripped = lines[j].strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                return i + 1, j
        break
    raise NoDataBlock("页面中没有 ```{xxgk:data} 数据块，无法替换；请先用 xxgk new 创建页面")


_REPORT = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*\{xxgk:report\}")


def with_block(text: str) -> str:
    """``text`` with an empty data block after its ``xxgk:report`` (if it has none)."""
    lines = text.split("\n")
    try:
        _block(lines)
        return text
    except NoDataBlock:
        pass
    at = 2 if lines and lines[0].startswith("#") else 0
    for i, line in enumerate(lines):
        opening = _REPORT.match(line)
        if opening:
            fence = opening.group(1)
            at = next((j + 1 for j in range(i + 1, len(lines)) if lines[j].strip() == fence), i + 1)
            break
    return "\n".join([*lines[:at], "", "```{xxgk:data}", "```", *lines[at:]])


def replace_tables(text: str, fmt: Format, tables: Mapping[str, list[str]]) -> str:
    """``text`` with the data block's entries for each table id in ``tables`` replaced by
    its lines (the key line first, as ``sheet_tables.data_lines`` writes them)."""
    lines = text.split("\n")
    start, end = _block(lines)
    body = lines[start:end]
    chunks: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in body:
        key = _KEY.match(line)
        if key:
            chunks.append((key.group(1).strip(), [line]))
        else:
            chunks[-1][1].append(line)
    out: list[str] = []
    done: set[str] = set()
    for key, chunk in chunks:
        table = fmt.table(key) if key else None
        if table is not None and table.id in tables and table.id not in done:
            out += tables[table.id]
            done.add(table.id)
        elif table is None or table.id not in tables:
            out += chunk
    for table_id, new in tables.items():
        if table_id not in done:
            out += new
    return "\n".join([*lines[:start], *out, *lines[end:]])


def with_found_tables(text: str, fmt: Format, found: Sequence[TableFound]) -> str:
    """A new page's text with the official tables read from a file: their figures in its data
    block and each shown under its section (raises ``NoDataBlock`` when the page has no
    ``xxgk:report`` to put a block after)."""
    page = replace_tables(with_block(text), fmt, {f.table.id: data_lines(f) for f in found})
    return with_table_directives(page, [(f.table.id, f.table.title) for f in found])


def with_table_directives(text: str, tables: Sequence[tuple[str, str]]) -> str:
    """``text`` with an ``xxgk:table`` after the heading that names each (id, title) table,
    unless the page shows that table already."""
    lines = text.split("\n")
    for table_id, title in tables:
        if any(
            line.strip() in (f"```{{xxgk:table}} {table_id}", f".. xxgk:table:: {table_id}") for line in lines
        ):
            continue
        at = next((i for i, line in enumerate(lines) if line.startswith("#") and title in line), None)
        if at is not None:
            lines[at + 1 : at + 1] = ["", f"```{{xxgk:table}} {table_id}", "```"]
    return "\n".join(lines)
