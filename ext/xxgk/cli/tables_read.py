"""Saying what was read of the official tables in a workbook or a Word file, and from where."""

from __future__ import annotations

import sys

from ..core.formats import Format
from ..core.sheet_tables import TableFound


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def report_tables(found: list[TableFound], fmt: Format) -> int:
    """Say what was read from where, and every figure that could not be placed."""
    problems = 0
    for table in found:
        where = table.sheet.name if table.sheet.word else f"工作表“{table.sheet.name}”"
        _say(f"已读取“{table.table.title}”（{where}）：{table.score}个数字")
        for problem in table.problems:
            _say(f"  需人工处理：{problem}")
        if table.blanks:
            shown = "、".join(table.blanks[:8]) + ("等" if len(table.blanks) > 8 else "")
            _say(f"  需人工处理：{len(table.blanks)}个单元格是空白（{shown}），已记为空白（~）；如为0请填写0")
        problems += len(table.problems) + len(table.blanks)
    missing = [t.title for t in fmt.tables if t.id not in {f.table.id for f in found}]
    for title in missing:
        _say(f"  需人工处理：文件中找不到“{title}”（按表中的行名、列名查找）")
    return problems + len(missing)
