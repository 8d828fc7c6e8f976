"""A report as text extracted from its PDF (``pdftotext -layout``, pypdf's layout mode).

Such text differs from a page scraped from a website (one paragraph per line): lines are
broken at the PDF's line width, a paragraph starts indented, page numbers ("-3-", "— 3 —")
and form feeds sit between the lines of a paragraph, spaces separate Chinese characters
from figures ("2024 年"), and the national tables are printed as columns of figures under
broken-up labels. ``is_wrapped`` tells the two kinds apart; ``unwrap`` rebuilds the
paragraphs (leaving the lines under the table sections as they are); ``read_tables`` reads
each national table's figures, in the official order of its cells. Nothing here imports
Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ..core.formats import Format, Table

PAGE_NUMBER = re.compile(r"^\s*[-—–－]+\s*\d+\s*[-—–－]*\s*$")
_SENTENCE_END = tuple("。！？；：）)”」")
_MID_SENTENCE = re.compile(r"[\u4e00-\u9fff，、“‘（《]$")  # a line that stops inside a sentence
_STARTS_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.．])")
_SECTION = re.compile(r"^\s*([一二三四五六七八九十]+)、\s*(\S.*?)\s*$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’"
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")


def _indent(line: str) -> int:
    stripped = line.lstrip(" \u3000\t")
    head = line[: len(line) - len(stripped)]
    return len(head) + head.count("\u3000")


def is_wrapped(lines: list[str]) -> bool:
    """Text whose paragraphs run over several lines: most lines stop mid-sentence."""
    body = [line.replace("\f", "") for line in lines]
    body = [line for line in body if line.strip() and not PAGE_NUMBER.match(line)]
    if len(body) < 10:
        return False
    mid = sum(
        1
        for line, following in pairwise(body)
        if len(line.strip()) >= 12
        and _MID_SENTENCE.search(line.rstrip())
        and not _STARTS_HEADING.match(line)
        and _indent(following) < 2
    )
    return mid >= 0.3 * len(body)


def despace(line: str) -> str:
    """Spaces the PDF put beside Chinese text ("2024 年" → "2024年"); others stay."""
    return _SPACE_BY_CJK.sub("", line).strip()


def unwrap(
    lines: list[str], table_sections: tuple[str, ...] = (), sections: tuple[str, ...] = ()
) -> tuple[list[str], int]:
    """Paragraphs, one per line, and how many page numbers were dropped.

    A paragraph starts at an indented line, a heading ("二、", "（一）", "1.") or after a
    blank line that follows the end of a sentence; other lines continue it. Under the
    headings named in ``table_sections`` every line stays as it is (a table's columns),
    up to the next of the format's ``sections`` (a table's own "一、本年新收…" rows do not
    end it)."""
    out: list[str] = []
    dropped = 0
    open_paragraph = False
    in_table = False
    for raw in lines:
        line = raw.replace("\f", "").rstrip()
        if PAGE_NUMBER.match(line):
            dropped += 1
            continue
        if not line.strip():
            if out and open_paragraph and out[-1].endswith(_SENTENCE_END):
                open_paragraph = False
            continue
        section = _SECTION.match(line)
        if section and (not in_table or any(name in section.group(2) for name in sections)):
            in_table = any(name in section.group(2) for name in table_sections)
            out.append(line.strip())
            open_paragraph = False
            continue
        if in_table:
            out.append(line.strip())
            continue
        starts = _indent(line) >= 2 or bool(_STARTS_HEADING.match(line))
        if open_paragraph and not starts:
            out[-1] += line.strip()
        else:
            out.append(line.strip())
            open_paragraph = True
    return out, dropped


@dataclass
class TableRead:
    """The figures of one national table, as data-block lines, or why they could not be read."""

    table: Table
    lines: list[str] = field(default_factory=list)  # data-block lines ("  本年新收: [3001, …]")
    values: dict[tuple[str, str], str] = field(default_factory=dict)  # (row, column) → figure
    count: int = 0  # figures read
    problem: str = ""


def _trailing_numbers(line: str) -> list[str]:
    tokens = line.split()
    numbers: list[str] = []
    while tokens and _NUMBER.match(tokens[-1]):
        numbers.insert(0, tokens.pop())
    return numbers


def read_table(table: Table, region: list[str]) -> TableRead:
    """The figures printed in ``region`` (the lines under the table's section heading),
    taken in the official order of the table's cells: row by row, column by column."""
    numbers = [n for line in region for n in _trailing_numbers(line)]
    cells = table.cells()
    read = TableRead(table, count=len(numbers))
    if len(numbers) != len(cells):
        read.problem = f"“{table.id}”表应有{len(cells)}个数字，找到{len(numbers)}个"
        return read
    read.values = dict(zip(cells, numbers, strict=True))
    for row in table.leaf_rows():
        row_values = [read.values[(row.id, col.id)] for col in table.leaf_columns(row.id)]
        shown = row_values[0] if len(row_values) == 1 else "[" + ", ".join(row_values) + "]"
        read.lines.append(f"  {row.id}: {shown}")
    return read


def section_names(fmt: Format | None) -> tuple[str, ...]:
    """The names of the format's sections (总体情况, …), without their numbers."""
    return tuple(section.split("、", 1)[-1] for section in fmt.sections) if fmt is not None else ()


def table_sections(fmt: Format) -> dict[str, Table]:
    """The name of each section that holds a table (主动公开政府信息情况 → 主动公开)."""
    out: dict[str, Table] = {}
    for name in section_names(fmt):
        for table in fmt.tables:
            if table.title and table.title in name:
                out[name] = table
    return out
