"""``xxgk export --format xlsx`` / ``--template`` and ``xxgk import`` of office files
(.xlsx workbooks of the official tables, .docx drafts back from sign-off)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..core.formats import Format, format_for_year
from ..core.sheet_tables import Sheet, TableFound, data_lines, read_format
from ..core.wording import fmt_number
from .common import _project, _root_and_pages, find_root, write_new, write_or_show
from .office_limits import sheet_problem, zip_problem
from .tables_read import report_tables

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
OLD_OFFICE = (".xls", ".et", ".ett", ".ods")
OFFICE_SUFFIXES = (*WORKBOOK_SUFFIXES, *OLD_OFFICE, ".docx", ".doc", ".wps")
_UNIT = re.compile(r"填报单位[：:]\s*(\S.*?)\s*$")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _no_tables(year: int) -> str:
    return f"{year}年度没有统一的统计表格式"


def _not_found(source: Path, fmt: Format) -> str:
    return f"在 {source} 中没有找到{fmt.name}的统计表（按表中的行名、列名查找）"


def export_workbook(args: argparse.Namespace) -> int:
    from .workbook import report_workbook, template_workbook

    if not args.output:
        _say("工作簿（xlsx）不能输出到屏幕，请用 -o 指定文件名，如 -o 统计表.xlsx")
        return 2
    output = Path(args.output)
    if args.template is not None:
        fmt = format_for_year(args.template)
        if fmt is None or not fmt.tables:
            _say(_no_tables(args.template))
            return 2
        body = args.body or ""
        prev = None
        if body:
            project = _project(find_root(Path(args.root or Path.cwd()).resolve()))
            prev = project.report((body, args.template - 1))
        if not write_new(output, template_workbook(fmt, body, args.template, prev), args.force):
            return 1
        copied = f"（上年结转取自{body}{args.template - 1}年度报告）" if prev else ""
        _say(f"已导出{args.template}年度空白统计表（{fmt.short}）到 {output}{copied}")
        return 0
    found = _root_and_pages(args)
    if found is None:
        return 2
    root, only = found
    project = _project(root)
    reports = sorted(
        (
            page.evaluated
            for docname, page in project.pages.items()
            if page.evaluated is not None and (only is None or docname in only)
        ),
        key=lambda ev: (ev.meta.body, ev.meta.year),
    )
    if not reports:
        _say("没有可导出的报告")
        return 1
    if not write_new(output, report_workbook(reports), args.force):
        return 1
    _say(f"已导出 {len(reports)} 份报告的统计表到 {output}")
    return 0


def import_office(args: argparse.Namespace) -> int:
    if len(args.files) != 1:
        _say("统计表（.xlsx）和 Word 文件（.docx）请一次导入一个")
        return 2
    source = Path(args.files[0])
    suffix = source.suffix.lower()
    if suffix in OLD_OFFICE or suffix in (".doc", ".wps"):
        target = "xlsx" if suffix in OLD_OFFICE else "docx"
        _say(
            f"{source.name} 是旧格式或 WPS 格式文件，请先另存为 .{target}"
            f"（WPS/Excel/Word：文件 → 另存为 → {'Excel 工作簿' if target == 'xlsx' else 'Word 文档'}），"
            f"或运行：soffice --headless --convert-to {target} {source}"
        )
        return 2
    if not source.is_file():
        _say(f"找不到文件 {source}")
        return 2
    if suffix == ".docx":
        from .word_import import import_docx

        return import_docx(args, source)
    return _import_workbook(args, source)


def _name(text: str) -> str:
    """A body's name as a cell gives it: up to the first line break or control character."""
    return re.split(r"[\x00-\x1f\x7f\x85\u2028\u2029]", text, maxsplit=1)[0].strip()


def _identity(sheets: list[Sheet]) -> tuple[str, int | None]:
    """The 填报单位 and the year a workbook names in its text cells."""
    body, year = "", None
    for sheet in sheets:
        for value in sheet.cells.values():
            if not isinstance(value, str):
                continue
            unit = _UNIT.search(value)
            if unit and not body:
                body = _name(unit.group(1))
            found = _YEAR.search(value)
            if found and year is None:
                year = int(found.group(1))
    return body, year


def _read_sheets(source: Path) -> list[Sheet] | None:
    from .workbook import read_workbook

    problem = zip_problem(source) or sheet_problem(source)
    if problem:
        _say(f"{source} 未导入：{problem}")
        return None
    try:
        return read_workbook(source)
    except Exception as exc:  # any failure of the library on an untrusted file: the file is unreadable
        name = exc.__class__.__name__
        _say(f"{source} 不是能读取的 .xlsx 工作簿（{name}）；请用 WPS/Excel 另存为 .xlsx 后再导入")
        return None


def _import_workbook(args: argparse.Namespace, source: Path) -> int:
    from .datablock import NoDataBlock, replace_tables

    sheets = _read_sheets(source)
    if sheets is None:
        return 2
    if args.into:
        page_path = Path(args.into)
        root = find_root(page_path.resolve().parent)
        project = _project(root)
        page = next(
            (p for p in project.pages.values() if p.source.path.resolve() == page_path.resolve()), None
        )
        if page is None or page.evaluated is None:
            _say(f"{page_path} 不是本项目中的报告页面（需要有 xxgk:report）")
            return 2
        fmt = page.evaluated.format
        found = read_format(sheets, fmt)
        if not found:
            _say(_not_found(source, fmt))
            return 1
        problems = report_tables(found, fmt)
        old = page_path.read_text(encoding="utf-8")
        try:
            text = replace_tables(old, fmt, {f.table.id: data_lines(f) for f in found})
        except NoDataBlock as exc:
            _say(f"{page_path}：{exc}")
            return 2
        changes = _changes(page.evaluated.figures.cells, found)
        if changes:  # the same figures: the page keeps its own layout of the block
            write_new(page_path, text, force=True)
        for line in changes:
            _say(f"  {line}")
        _say(
            f"已更新 {page_path} 的数据块：{len(changes)}个数字有变化"
            if changes
            else f"{page_path} 的数字没有变化"
        )
        return 1 if problems else 0
    body, year = _identity(sheets)
    body, year = args.body or body, args.year or year
    if not body or year is None:
        _say("表中找不到填报单位或年度，请用 --body 和 --year 指定")
        return 2
    fmt = format_for_year(year)
    if fmt is None or not fmt.tables:
        _say(_no_tables(year))
        return 2
    found = read_format(sheets, fmt)
    if not found:
        _say(_not_found(source, fmt))
        return 1
    problems = report_tables(found, fmt)
    from .new import new_report

    text = replace_tables(new_report(body, year), fmt, {f.table.id: data_lines(f) for f in found})
    if not write_or_show(
        args.output, text, args.force, f"已按 {source} 新建 {args.output}（{body}{year}年度）"
    ):
        return 1
    return 1 if problems else 0


def _changes(cells: dict, found: list[TableFound]) -> list[str]:
    out = []
    for table in found:
        for (row, col), value in table.values.items():
            cell = cells.get((table.table.id, row, col))
            old = cell.value if cell is not None else None
            if old != value:
                out.append(
                    f"{table.table.id}.{row}.{col}：{fmt_number(old) if old is not None else '空白'} → "
                    f"{fmt_number(value) if value is not None else '空白'}（{table.where[(row, col)]}）"
                )
    return out
