"""Limits on office files staff are handed (a workbook or a Word file is untrusted input).

A few kilobytes of XML can claim a cell at XFD1048576, a merged range over a whole sheet or a
Word row spanning thousands of columns; the libraries that read them would then build every
cell. The official tables are a few dozen rows and columns: files far beyond that are refused
with a reason before they are read.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

MAX_UNPACKED = 50 * 2**20  # bytes of XML and media a workbook or Word file may unpack to
MAX_ROWS = 5000
MAX_COLUMNS = 300
_CELL = re.compile(r'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"')
_ROW = re.compile(r'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_MERGE = re.compile(r'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def zip_problem(path: Path) -> str | None:
    """Why an office file is not read (None: it may be, or it is no zip at all, which the
    reader then says): too large unpacked."""
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if size > MAX_UNPACKED:
        return f"解压后超过 {MAX_UNPACKED // 2**20} MB，远大于统计表或报告所需"
    return None


def sheet_problem(path: Path) -> str | None:
    """Why a workbook's sheets are not read: a cell or a merged range far outside any
    official table (checked on the XML, before a library builds the cells)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a workbook: the reader says so
    with archive:
        for info in archive.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            xml = archive.read(info).decode("utf-8", errors="replace")
            rows = [int(r) for r in _ROW.findall(xml)]
            cells = _CELL.findall(xml)
            far_row = max([*rows, *(int(r) for _, r in cells)], default=0)
            far_col = max((column_number(c) for c, _ in cells), default=0)
            for first_col, first_row, last_col, last_row in _MERGE.findall(xml):
                far_row = max(far_row, int(last_row or first_row))
                far_col = max(far_col, column_number(last_col or first_col))
            if far_row > MAX_ROWS or far_col > MAX_COLUMNS:
                return (
                    f"工作表 {info.filename.rsplit('/', 1)[-1]} 用到了第{far_row}行、第{far_col}列，"
                    f"超出统计表的范围（至多{MAX_ROWS}行、{MAX_COLUMNS}列）；请只保留统计表"
                )
    return None
