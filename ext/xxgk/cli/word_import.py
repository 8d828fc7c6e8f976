"""``xxgk import 报告.docx``: a Word report (a signed-off draft, or an old report kept as .docx).

Into an existing page (``--into``) nothing is written: the paragraphs the leadership changed
are listed, with the page line each belongs to, for staff to carry over by hand. Writing them
back would replace the page's roles with the figures Word holds as frozen text — the next
correction of the data would no longer reach the prose, which is what the page exists for.
Without ``--into`` the draft becomes a new page: its paragraphs go through the text importer
(headings, numbering, stated figures), and its Word tables are read as the official tables
by their labels, as a workbook's are.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.formats import format_for_year
from ..core.page_checks import ROLE_MARK, Paragraph
from ..core.prose_diff import ProseChange, compare
from ..core.sheet_tables import Sheet, read_format
from .common import _project, find_root, write_or_show
from .office_limits import MAX_COLUMNS, MAX_ROWS, zip_problem
from .tables_read import report_tables

NOT_PROSE_STYLES = frozenset({"公文标题", "说明", "落款"})  # as sphinx/docx_writer.py names them


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _open(source: Path) -> Any | None:
    from docx import Document

    problem = zip_problem(source)
    if problem:
        _say(f"{source} 未导入：{problem}")
        return None
    try:
        return Document(str(source))
    except Exception as exc:  # any failure of the library on an untrusted file: the file is unreadable
        name = exc.__class__.__name__
        _say(f"{source} 不是能读取的 .docx 文件（{name}）；请用 Word/WPS 另存为 .docx 后再导入")
        return None


def prose(doc: Any) -> list[str]:
    """The draft's body paragraphs and headings (not its title, notes, 落款 or tables)."""
    return [p.text for p in doc.paragraphs if p.style is None or p.style.name not in NOT_PROSE_STYLES]


def _too_large(table: Any) -> bool:
    """A table whose rows or merged cells reach far beyond any official table (python-docx
    would visit every grid position they claim)."""
    rows = table._tbl.tr_lst
    if len(rows) > MAX_ROWS or len(table._tbl.tblGrid.gridCol_lst) > MAX_COLUMNS:
        return True
    return any(sum(tc.grid_span for tc in row.tc_lst) > MAX_COLUMNS for row in rows)


def word_sheets(doc: Any, problems: list[str] | None = None) -> list[Sheet]:
    """Each Word table as a sheet: a merged cell once, at its top-left position, with its span.
    A table far larger than any official table is left out (said in ``problems``)."""
    sheets = []
    for number, table in enumerate(doc.tables, start=1):
        if _too_large(table):
            if problems is not None:
                problems.append(f"第{number}个表格过大（超过{MAX_ROWS}行或{MAX_COLUMNS}列），未读取")
            continue
        # keyed by the cell's XML element (kept alive here, so lxml hands out the same proxy
        # for every grid position a merged cell covers)
        places: dict[Any, list[tuple[int, int]]] = {}
        texts: dict[Any, str] = {}
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                places.setdefault(cell._tc, []).append((r, c))
                texts[cell._tc] = cell.text
        cells: dict[tuple[int, int], object] = {}
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        for key, positions in places.items():
            top = min(positions)
            rows = {r for r, _ in positions}
            cols = {c for _, c in positions}
            if texts[key].strip():
                cells[top] = texts[key].strip()
            if len(rows) > 1 or len(cols) > 1:
                spans[top] = (len(rows), len(cols))
        sheets.append(Sheet(f"第{number}个表格", cells, spans, word=True))  # type: ignore[arg-type]
    return sheets


def _page_paragraphs(page: Any) -> list[Paragraph]:
    """The page's headings (below its title) and body paragraphs, in page order."""
    found = [Paragraph(text, line) for level, text, line in page.declared.headings if level >= 2]
    found += list(page.declared.paragraphs)
    return sorted(found, key=lambda p: p.line)


def _show(change: ProseChange, rel: str) -> list[str]:
    old = change.old.replace(ROLE_MARK, "〔数字〕")
    if change.kind == "changed":
        return [f"{rel}:{change.line}：段落有改动", f"  页面：{old}", f"  审签稿：{change.new}"]
    if change.kind == "added":
        where = f"第{change.line}行之后" if change.line else "开头"
        return [f"{rel}：审签稿在{where}新增段落", f"  审签稿：{change.new}"]
    return [f"{rel}:{change.line}：审签稿中删去了此段", f"  页面：{old}"]


def import_docx(args: argparse.Namespace, source: Path) -> int:
    doc = _open(source)
    if doc is None:
        return 2
    if args.into:
        return _compare(args, doc, source)
    from .datablock import NoDataBlock, with_found_tables
    from .importer import TABLE_TEXT_KEPT, import_report

    result = import_report("\n".join(p.text for p in doc.paragraphs))
    if doc.tables:  # the tables are read from Word's tables below, not from the text
        result.unplaced = [item for item in result.unplaced if TABLE_TEXT_KEPT not in item]
    text = result.text
    year = args.year or result.year
    fmt = format_for_year(year) if year else None
    problems = len(result.unplaced)
    if fmt is not None and fmt.tables and doc.tables:
        skipped: list[str] = []
        found = read_format(word_sheets(doc, skipped), fmt)
        for item in skipped:
            _say(f"  需人工处理：{item}")
        problems += report_tables(found, fmt) + len(skipped)
        try:
            text = with_found_tables(text, fmt, found)
        except NoDataBlock as exc:
            _say(f"  需人工处理：{exc}")
            problems += 1
    for note in result.notes:
        _say(f"  已处理：{note}")
    for item in result.unplaced:
        _say(f"  需人工处理：{item}")
    if not write_or_show(args.output, text, args.force, f"已导入 {source} → {args.output}"):
        return 1
    return 1 if problems else 0


def _compare(args: argparse.Namespace, doc: Any, source: Path) -> int:
    page_path = Path(args.into)
    root = find_root(page_path.resolve().parent)
    project = _project(root)
    page = next((p for p in project.pages.values() if p.source.path.resolve() == page_path.resolve()), None)
    if page is None:
        _say(f"{page_path} 不是本项目中的页面")
        return 2
    rel = page.source.path.relative_to(root).as_posix()
    changes = compare(_page_paragraphs(page), prose(doc))
    for change in changes:
        print("\n".join(_show(change, rel)))
    if changes:
        _say(
            f"审签稿与 {rel} 有{len(changes)}处段落不同（见上）。页面未改动：请把改动的文字改到页面中，"
            "数字仍用 {xxgk:val} 等引用数据，不要直接写入数字。"
        )
        return 1
    _say(f"审签稿的正文与 {rel} 相同（数字按数据生成）。")
    return 0
