"""The official tables in and out of Excel/WPS: ``xxgk export --format xlsx``, ``--template``
and ``xxgk import 统计表.xlsx``, on the Huai'an 2024 report as published."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet
from xxgk.cli.project import load
from xxgk.cli.workbook import read_workbook, sheet_title
from xxgk.core.formats import load_format
from xxgk.core.sheet_tables import read_format

from .conftest import ROOT, require
from .test_cli import xxgk

PUBLISHED = Path(__file__).parent / "fixtures" / "huaian_szf_2024.txt"
HUAIAN = "reports/huaian-szf/2024.md"
TABLE_A, TABLE_B, TABLE_C = (
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
)


def published(start: str, end: str) -> str:
    text = PUBLISHED.read_text(encoding="utf-8")
    return text[text.index(start) : text.index(end)]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx") / "淮安2024.xlsx"
    done = xxgk("export", "--format", "xlsx", HUAIAN, "-o", str(out), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "已导出 1 份报告的统计表" in done.stderr
    return out


def figures(ws: Worksheet) -> list[list[object]]:
    """The rows of numbers of a sheet, as the reader sees them."""
    rows = []
    for line in ws.iter_rows(values_only=True):
        values = [
            v
            for v in line
            if isinstance(v, int | float | Decimal) or (isinstance(v, str) and v.startswith("="))
        ]
        if values:
            rows.append(values)
    return rows


def merged(ws: Worksheet) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_one_sheet_per_official_table_and_a_long_form_sheet(exported: Path) -> None:
    wb = load_workbook(exported)
    assert wb.sheetnames == [TABLE_A, TABLE_B, TABLE_C, "数据明细"]
    long = wb["数据明细"]
    assert [c.value for c in long[1]] == [
        "机构",
        "年度",
        "格式",
        "表",
        "行",
        "行名称",
        "列",
        "列名称",
        "数值",
        "来源",
    ]
    assert long.max_row - 1 == 10 + 25 * 7 + 15  # every cell of the three tables


def test_table_b_figures_equal_the_published_table(exported: Path) -> None:
    section = published("三、收到和处理", "四、政府信息公开行政复议")
    rows = [
        [int(n) for n in m.groups()]
        for m in re.finditer(r"(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)[ \t]*$", section, re.M)
    ]
    ws = load_workbook(exported)[TABLE_B]
    assert figures(ws) == rows  # the page states its totals, so they are figures, not formulas
    assert ws.cell(2, 1).value == "填报单位：淮安市人民政府"
    assert ws.cell(2, 10).value == "单位：件"


# every merged range of the three sheets, as the 2021 format lays the tables out (row 1: the
# title; the tables start at row 4)
OFFICIAL_MERGES = {
    TABLE_A: {"A1:D1", "A4:D4", "A8:D8", "B9:D9", "B10:D10", "A11:D11", "B12:D12", "B13:D13", "B14:D14"}
    | {"A15:D15", "B16:D16", "B17:D17"},
    TABLE_B: {"A1:J1", "A4:C6", "D4:J4", "D5:D6", "E5:I5", "J5:J6", "A7:C7", "A8:C8", "A9:A30", "B9:C9"}
    | {"B10:C10", "B11:B18", "B19:B21", "B22:B26", "B27:B29", "B30:C30", "A31:C31"},
    TABLE_C: {"A1:O1", "A4:E4", "A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:E6", "F4:O4", "F5:J5", "K5:O5"},
}


def test_every_merged_range_is_the_official_one(exported: Path) -> None:
    wb = load_workbook(exported)
    for name, expected in OFFICIAL_MERGES.items():
        assert merged(wb[name]) == expected, name


def test_table_b_merged_header_cells_follow_the_official_layout(exported: Path) -> None:
    ws = load_workbook(exported)[TABLE_B]
    spans = merged(ws)
    # the corner over the three label columns and three header rows; 申请人情况 over all seven
    # figure columns; 自然人 and 总计 down two header rows; 法人或其他组织 over its five columns
    assert {"A4:C6", "D4:J4", "D5:D6", "E5:I5", "J5:J6"} <= spans
    assert ws["A4"].value.startswith("（本列数据的勾稽关系为")
    assert [ws.cell(6, c).value for c in range(5, 10)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    # 三、本年度办理结果 down its 22 rows; （三）不予公开 down its 8
    label = {ws.cell(r, 1).value: r for r in range(7, 40)}
    start = label["三、本年度办理结果"]
    assert f"A{start}:A{start + 21}" in spans
    assert ws.cell(start, 2).value == "（一）予以公开" and f"B{start}:C{start}" in spans
    three = next(r for r in range(start, start + 22) if ws.cell(r, 2).value == "（三）不予公开")
    assert f"B{three}:B{three + 7}" in spans
    assert ws.cell(three, 3).value == "1.属于国家秘密"


def test_table_a_and_c_layouts_and_figures(exported: Path) -> None:
    wb = load_workbook(exported)
    a = wb[TABLE_A]
    assert a.cell(4, 1).value == "第二十条第（一）项" and "A4:D4" in merged(a)
    assert [a.cell(5, c).value for c in range(1, 5)] == [
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]
    assert figures(a) == [[1, 0, 11], [8, 26, 66], [447228], [3985758], [88283], [96171.6]]
    c = wb[TABLE_C]
    assert {"A4:E4", "A5:A6", "F4:O4", "F5:J5", "K5:O5"} <= merged(c)
    assert c["A4"].value == "行政复议" and c["F4"].value == "行政诉讼" and c["F5"].value == "未经复议直接起诉"
    (line,) = re.findall(
        r"^\s*((?:\d+\s+){14}\d+)\s*$", published("四、政府信息公开行政复议", "五、存在"), re.M
    )
    assert figures(c) == [[int(n) for n in line.split()]]


def test_figures_are_numbers_right_aligned_and_only_entry_cells_are_open(exported: Path) -> None:
    ws = load_workbook(exported)[TABLE_B]
    assert ws.protection.sheet
    natural = ws["D7"]  # 本年新收, 自然人
    assert natural.value == 3001 and natural.data_type == "n"
    assert natural.alignment.horizontal == "right" and natural.number_format == "0"
    assert natural.protection.locked is False
    total = ws["J7"]  # a computed cell: grey and locked
    assert total.protection.locked is True and total.fill.fgColor.rgb.endswith("D9D9D9")
    assert ws["A4"].protection.locked is True
    assert ws["D7"].border.left.style == "thin"


def test_export_then_import_gives_the_same_figures_and_leaves_the_page_alone(
    exported: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT, site, ignore=shutil.ignore_patterns("_build", ".venv", ".git", "node_modules"))
    before = (site / HUAIAN).read_text(encoding="utf-8")
    done = xxgk("import", str(exported), "--into", HUAIAN, cwd=site)
    assert done.returncode == 0, done.stderr
    assert "的数字没有变化" in done.stderr
    assert (site / HUAIAN).read_text(encoding="utf-8") == before


def _copy(source: Worksheet, target: Worksheet, down: int, right: int) -> None:
    for line in source.iter_rows():
        for cell in line:
            if cell.value is not None:
                target.cell(cell.row + down, cell.column + right).value = cell.value
    for rng in source.merged_cells.ranges:
        target.merge_cells(
            start_row=rng.min_row + down,
            start_column=rng.min_col + right,
            end_row=rng.max_row + down,
            end_column=rng.max_col + right,
        )


def _shift(source: Path, target: Path) -> None:
    """The workbook as a province's template has it: a title row and a 填报单位 line above each
    table, a blank column on the left, the sheets in another order."""
    wb = load_workbook(source)
    out = Workbook()
    out.remove(out.active)
    for name in (TABLE_C, TABLE_B, TABLE_A):
        ws = out.create_sheet(f"表{len(out.sheetnames) + 1}")
        ws.cell(1, 2).value = "附件2"
        ws.cell(2, 2).value = "填报单位（盖章）：淮安市人民政府办公室    填报人：张三"
        _copy(wb[name], ws, 2, 1)
    out.save(target)


def _figures_of(page: Path, root: Path) -> dict[tuple[str, str, str], Decimal | None]:
    project = load(root)
    doc = next(d for d, p in project.pages.items() if p.source.path == page)
    ev = project.pages[doc].evaluated
    assert ev is not None
    return {key: cell.value for key, cell in ev.figures.cells.items()}


def test_a_shifted_workbook_imports_into_a_new_page_with_the_same_figures(
    exported: Path, tmp_path: Path
) -> None:
    shifted = tmp_path / "shifted.xlsx"
    _shift(exported, shifted)
    site = tmp_path / "site"
    shutil.copytree(ROOT, site, ignore=shutil.ignore_patterns("_build", ".venv", ".git", "node_modules"))
    target = site / "reports" / "huaian-copy" / "2024.md"
    done = xxgk("import", str(shifted), "-o", str(target), "--body", "淮安市人民政府（导入副本）", cwd=site)
    assert done.returncode == 0, done.stderr
    assert "需人工处理" not in done.stderr
    new = _figures_of(target, site)
    old = _figures_of(site / HUAIAN, site)
    assert new == old
    check = xxgk("check", str(target), cwd=site)
    assert "xxgk.balance" not in check.stdout and "xxgk.carry" not in check.stdout, check.stdout


def test_all_tables_on_one_sheet_are_found_by_their_labels(exported: Path, tmp_path: Path) -> None:
    wb = load_workbook(exported)
    one = Workbook()
    ws = one.active
    ws.title = "统计表"
    row = 1
    for name in (TABLE_C, TABLE_A, TABLE_B):  # another order, one under the other
        for line in wb[name].iter_rows(values_only=True):
            for c, value in enumerate(line, start=1):
                ws.cell(row, c).value = value
            row += 1
        row += 2
    path = tmp_path / "one.xlsx"
    one.save(path)
    fmt = load_format("gb2021")
    found = {t.table.id: t for t in read_format(read_workbook(path), fmt)}
    original = {t.table.id: t for t in read_format(read_workbook(exported), fmt)}
    assert set(found) == {"主动公开", "申请", "复议诉讼"}
    for table_id, read in found.items():
        assert read.values == original[table_id].values, table_id
        assert not read.problems


def test_a_figure_changed_in_the_workbook_changes_only_that_figure_of_the_page(
    exported: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT, site, ignore=shutil.ignore_patterns("_build", ".venv", ".git", "node_modules"))
    wb = load_workbook(exported)
    wb[TABLE_B]["D7"] = 3002  # 本年新收, 自然人
    changed = tmp_path / "changed.xlsx"
    wb.save(changed)
    before = (site / HUAIAN).read_text(encoding="utf-8")
    done = xxgk("import", str(changed), "--into", HUAIAN, cwd=site)
    assert "申请.本年新收.自然人：3001 → 3002（收到和处理政府信息公开申请情况!D7）" in done.stderr
    after = (site / HUAIAN).read_text(encoding="utf-8")
    data = re.compile(r"```\{xxgk:data\}.*?\n```", re.S)
    assert data.sub("", before) == data.sub("", after)  # prose and everything else untouched
    figures_after = _figures_of(site / HUAIAN, site)
    assert figures_after[("申请", "本年新收", "自然人")] == 3002
    check = xxgk("check", HUAIAN, cwd=site)
    assert "xxgk.balance" in check.stdout  # the stated total no longer adds up: the build says so


def test_cells_that_cannot_be_read_are_listed_with_their_address(exported: Path, tmp_path: Path) -> None:
    wb = load_workbook(exported)
    wb[TABLE_B]["E7"] = "五十三"
    wb[TABLE_B]["F7"] = None
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    done = xxgk("import", str(path), "--year", "2024", "--body", "淮安市人民政府", cwd=tmp_path)
    assert done.returncode == 1
    assert (
        "收到和处理政府信息公开申请情况!E7（一、本年新收政府信息公开申请数量，商业企业）：“五十三”是中文数字"
        in done.stderr
    )
    assert "1个单元格是空白（F7）" in done.stderr
    assert "本年新收: [3001, ~, ~, 0, 61, 4, 3119]" in done.stdout


def test_old_office_formats_are_refused_with_how_to_convert(tmp_path: Path) -> None:
    old = tmp_path / "统计表.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    done = xxgk("import", str(old), cwd=tmp_path)
    assert done.returncode == 2
    assert "另存为 .xlsx" in done.stderr and "soffice --headless --convert-to xlsx" in done.stderr
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"not a zip")
    done = xxgk("import", str(broken), cwd=tmp_path)
    assert done.returncode == 2 and "不是能读取的 .xlsx 工作簿" in done.stderr


def test_text_that_would_start_a_formula_stays_text() -> None:
    from xxgk.cli.workbook import _text

    ws = Workbook().active
    _text(ws["A1"], '=HYPERLINK("http://x","点此")')
    assert ws["A1"].data_type == "s" and ws["A1"].value.startswith("'=")
    assert (
        sheet_title(["政府信息公开行政复议、行政诉讼情况：[附]*?/\\" * 2], set())
        == "政府信息公开行政复议、行政诉讼情况：附政府信息公开行政复议、行"
    )


def test_template_for_next_year_copies_the_carry_over_and_sums_by_formula(tmp_path: Path) -> None:
    path = tmp_path / "2025.xlsx"
    done = xxgk("export", "--template", "2025", "--body", "淮安市人民政府", "-o", str(path), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "上年结转取自淮安市人民政府2024年度报告" in done.stderr
    ws = load_workbook(path)[TABLE_B]
    carried = next(r for r in range(1, 40) if ws.cell(r, 1).value == "二、上年结转政府信息公开申请数量")
    assert [ws.cell(carried, c).value for c in range(4, 10)] == [103, 0, 0, 0, 0, 0]
    assert (
        ws.cell(carried, 10).value
        == f"=SUM(D{carried},E{carried},F{carried},G{carried},H{carried},I{carried})"
    )
    first = ws.cell(carried - 1, 4)
    assert first.value is None and first.protection.locked is False


def test_a_filled_template_recalculated_by_libreoffice_imports_with_its_totals(tmp_path: Path) -> None:
    """Staff fill the template in a spreadsheet program, which works out the formulas."""
    soffice = shutil.which("soffice")
    require(soffice is not None, "LibreOffice（核对统计表公式）", "make office")
    path = tmp_path / "2025.xlsx"
    assert xxgk("export", "--template", "2025", "--body", "示例镇", "-o", str(path), cwd=ROOT).returncode == 0
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for line in ws.iter_rows():
            for cell in line:
                if cell.protection.locked is False and not isinstance(cell, MergedCell):
                    cell.value = 1
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    out = tmp_path / "calc"
    subprocess.run(
        [soffice, "--headless", "--calc", "--convert-to", "xlsx", "--outdir", str(out), str(filled)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    values = load_workbook(out / "filled.xlsx", data_only=True)[TABLE_B]
    first = next(r for r in range(1, 40) if values.cell(r, 1).value == "一、本年新收政府信息公开申请数量")
    assert values.cell(first, 10).value == 6  # 自然人 + five kinds of 法人或其他组织
    total = next(r for r in range(1, 40) if values.cell(r, 2).value == "（七）总计")
    assert values.cell(total, 4).value == 21  # the 21 outcome rows
    done = xxgk("import", str(out / "filled.xlsx"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert ":body: 示例镇" in done.stdout and ":year: 2025" in done.stdout
    assert "  总计: [21, 21, 21, 21, 21, 21, 126]" in done.stdout
