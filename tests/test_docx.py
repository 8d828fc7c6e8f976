"""Each report as a Word (.docx) 公文 (``sphinx-build -b docx``, ``make docx``), and the
signed-off draft back in (``xxgk import 审签稿.docx``), on the Huai'an 2024 report."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from .conftest import ROOT, SITE, require
from .test_cli import xxgk

PUBLISHED = Path(__file__).parent / "fixtures" / "huaian_szf_2024.txt"
HUAIAN = "reports/huaian-szf/2024.md"
PAGES = ROOT / "_build" / "docx-pages"  # PNG pages of the Huai'an .docx, to look at


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("docx")
    app = SphinxTestApp("docx", srcdir=ROOT, builddir=out, confoverrides=SITE)
    try:
        app.build()
        assert strip_colors(app.warning.getvalue()).strip() == ""
        yield Path(app.outdir)
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def huaian(built: Path) -> docx.document.Document:
    return docx.Document(str(built / "huaian-szf-2024.docx"))


def test_one_word_file_per_report_named_as_its_pdf(built: Path) -> None:
    assert sorted(p.name for p in built.glob("*.docx")) == [
        "huaian-szf-2024.docx",
        "linxiang-changan-2019.docx",
    ]


def test_page_and_margins_follow_gbt_9704(huaian) -> None:
    section = huaian.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [37, 35]
    assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 22 lines in the 225 mm text block
    normal = huaian.styles["Normal"]
    assert normal.font.size.pt == 16  # 三号
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_title_breaks_after_the_body_and_headings_use_their_faces(huaian) -> None:
    title = huaian.paragraphs[0]
    assert title.style.name == "公文标题"
    assert title.text == "淮安市人民政府\n2024年政府信息公开工作年度报告"
    assert title.runs[0].font.size.pt == 22  # 二号
    headings = [p for p in huaian.paragraphs if p.style.name == "一级标题"]
    assert [p.text for p in headings][:2] == ["一、总体情况", "二、主动公开政府信息情况"]
    face = headings[0].runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
    assert face == "黑体"


def test_prose_figures_are_the_computed_ones(huaian) -> None:
    text = "".join(p.text for p in huaian.paragraphs)
    published = re.sub(r"\s+", "", PUBLISHED.read_text(encoding="utf-8"))
    sentence = (
        "全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）"
    )
    assert sentence in published and sentence in text
    assert "〈〉" not in text and "xxgk" not in text  # no role left unresolved, no tool vocabulary


def test_signature_and_page_numbers(huaian) -> None:
    last = huaian.paragraphs[-1]
    assert last.style.name == "落款" and last.text == "淮安市人民政府办公室"
    assert last.alignment == 2  # right
    assert huaian.settings.odd_and_even_pages_header_footer
    section = huaian.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "— " in xml and " PAGE " in xml and " —" in xml


def _grid(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_table_b_is_a_word_table_with_merged_headers_and_the_published_figures(huaian) -> None:
    assert len(huaian.tables) == 3
    table = huaian.tables[1]
    grid = _grid(table)
    assert len(grid) == 3 + 25 and len(grid[0]) == 10
    # 申请人情况 over the seven figure columns; the corner over three columns and three rows
    assert grid[0][3:] == ["申请人情况"] * 7
    assert grid[0][:3] == grid[1][:3] == grid[2][:3]
    assert grid[0][0].startswith("（本列数据的勾稽关系为")
    assert grid[1][4:9] == ["法人或其他组织"] * 5 and grid[1][3] == grid[2][3] == "自然人"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
    section = PUBLISHED.read_text(encoding="utf-8")
    section = section[section.index("三、收到和处理") : section.index("四、政府信息公开行政复议")]
    published = [
        list(m.groups())
        for m in re.finditer(r"(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)[ \t]*$", section, re.M)
    ]
    assert [row[3:] for row in grid[3:]] == published
    # 三、本年度办理结果 down its 22 rows
    assert [row[0] for row in grid[5:27]] == ["三、本年度办理结果"] * 22
    cell = table.cell(3, 3)
    assert cell.vertical_alignment == 1  # centred
    assert cell.paragraphs[0].alignment == 2  # figures flush right


def test_tables_a_and_c(huaian) -> None:
    a, c = _grid(huaian.tables[0]), _grid(huaian.tables[2])
    assert a[0] == ["第二十条第（一）项"] * 4
    assert a[2] == ["规章", "1", "0", "11"] and a[-1][0] == "行政事业性收费" and a[-1][-1] == "96171.6"
    assert c[0][:5] == ["行政复议"] * 5 and c[0][5:] == ["行政诉讼"] * 10
    assert c[-1] == ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]


def test_the_word_file_as_pages_to_look_at(built: Path) -> None:
    """LibreOffice opens it as Word would; the pages go to _build/docx-pages as PNG."""
    soffice = shutil.which("soffice")
    require(soffice is not None, "LibreOffice（查看 Word 文件）", "make office")
    shutil.rmtree(PAGES, ignore_errors=True)
    PAGES.mkdir(parents=True)
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(PAGES),
            str(built / "huaian-szf-2024.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={"HOME": str(PAGES), "PATH": "/usr/bin:/bin"},
    )
    pdf = PAGES / "huaian-szf-2024.pdf"
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(PAGES / "page")], check=True)
    pages = sorted(PAGES.glob("page-*.png"))
    assert 4 <= len(pages) <= 10
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    sheets = [page for page in text.split("\f") if page.strip()]
    with_table_b = [s for s in sheets if "结转下年度继续办理" in s or "属于国家秘密" in s or "其他处理" in s]
    assert with_table_b and all("申请人情况" in s for s in with_table_b)  # the header on every page
    assert "淮安市人民政府办公室" in sheets[-1] and "顺延到下年度" not in sheets[-1]
    assert len([line for line in sheets[-1].splitlines() if line.strip()]) > 3  # never the 落款 alone
    assert "—1—" in sheets[0].replace(" ", "")  # "— 1 —" (pdftotext drops the thin spaces)


def test_the_report_page_links_its_word_file(built: Path, tmp_path: Path) -> None:
    app = SphinxTestApp(
        "html", srcdir=ROOT, builddir=tmp_path, confoverrides={**SITE, "xxgk_docx_dir": str(built)}
    )
    try:
        app.build()
    finally:
        app.cleanup()
    html = (Path(app.outdir) / "reports" / "huaian-szf" / "2024.html").read_text(encoding="utf-8")
    assert 'href="../../_docx/huaian-szf-2024.docx"' in html and "下载Word版" in html
    assert (Path(app.outdir) / "_docx" / "huaian-szf-2024.docx").is_file()


# -- the signed-off draft back in --------------------------------------------------------------


def test_an_unchanged_draft_matches_the_page(built: Path) -> None:
    done = xxgk("import", str(built / "huaian-szf-2024.docx"), "--into", HUAIAN, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "审签稿的正文与 reports/huaian-szf/2024.md 相同" in done.stderr


def test_the_leaderships_changes_are_listed_and_the_page_is_left_alone(built: Path, tmp_path: Path) -> None:
    draft = docx.Document(str(built / "huaian-szf-2024.docx"))
    body = [p for p in draft.paragraphs if p.style.name == "Normal" and p.text.startswith("2024年，我市坚持")]
    (paragraph,) = body
    for run in paragraph.runs:
        run.text = run.text.replace("圆满完成了各项任务", "圆满完成了全年各项任务")
    problems = next(p for p in draft.paragraphs if p.text.startswith("对照上级新要求"))
    problems.insert_paragraph_before("经审定补充：本年度还开展了政务公开专题培训。")
    removed = next(p for p in draft.paragraphs if p.text.startswith("（三）政府信息管理情况"))
    removed._p.getparent().remove(removed._p)
    signed = tmp_path / "审签稿.docx"
    draft.save(str(signed))
    before = (ROOT / HUAIAN).read_bytes()
    done = xxgk("import", str(signed), "--into", HUAIAN, cwd=ROOT)
    assert done.returncode == 1
    assert (ROOT / HUAIAN).read_bytes() == before
    out = done.stdout
    assert re.search(r"reports/huaian-szf/2024\.md:\d+：段落有改动\n  页面：2024年，我市坚持", out)
    assert "  审签稿：2024年，我市坚持" in out and "圆满完成了全年各项任务" in out
    assert re.search(r"审签稿在第\d+行之后新增段落\n  审签稿：经审定补充", out)
    assert re.search(
        r"reports/huaian-szf/2024\.md:\d+：审签稿中删去了此段\n  页面：（三）政府信息管理情况", out
    )
    assert out.count("段落有改动") == 1 and out.count("新增段落") == 1 and out.count("删去了此段") == 1
    assert "有3处段落不同" in done.stderr


def test_a_word_report_becomes_a_new_page_with_its_tables_as_data(built: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT, site, ignore=shutil.ignore_patterns("_build", ".venv", ".git", "node_modules"))
    target = site / "reports" / "huaian-word" / "2024.md"
    done = xxgk("import", str(built / "huaian-szf-2024.docx"), "-o", str(target), cwd=site)
    assert done.returncode == 0, done.stderr
    assert "：175个数字" in done.stderr
    text = target.read_text(encoding="utf-8")
    assert "  本年新收: [3001, 53, 0, 0, 61, 4, 3119]" in text
    assert "```{xxgk:table} 申请" in text
    assert "全市共受理政府信息公开申请3119件" in text  # the prose as published; the checks compare it


def test_a_file_that_is_not_a_word_document(tmp_path: Path) -> None:
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip")
    done = xxgk("import", str(bad), "--into", HUAIAN, cwd=ROOT)
    assert done.returncode == 2 and "不是能读取的 .docx 文件" in done.stderr
    old = tmp_path / "旧.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    done = xxgk("import", str(old), cwd=ROOT)
    assert done.returncode == 2 and "soffice --headless --convert-to docx" in done.stderr


def test_word_tables_are_found_however_merged(huaian) -> None:
    """The Word tables, read back by their labels, give every figure of the page."""
    from xxgk.cli.project import load
    from xxgk.cli.word_import import word_sheets
    from xxgk.core.sheet_tables import read_format

    ev = load(ROOT).pages["reports/huaian-szf/2024"].evaluated
    found = read_format(word_sheets(huaian), ev.format)
    assert [f.score for f in found] == [10, 175, 15]
    for table in found:
        for (row, col), value in table.values.items():
            assert ev.figures.cells[(table.table.id, row, col)].value == value


def test_a_table_in_a_table_cell_stays_in_its_cell(tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    (srcdir / "reports" / "a").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "xxgk"]\nlanguage = "zh_CN"\n'
        'suppress_warnings = ["xxgk.fitness", "xxgk.late"]\nexclude_patterns = ["_build"]\n',
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text("# 首页\n", encoding="utf-8")
    page = (
        "# 甲镇2024年政府信息公开工作年度报告\n\n```{xxgk:report}\n:body: 甲镇\n:year: 2024\n```\n\n"
        "````{list-table}\n* - 外1\n  - ```{list-table}\n    * - 内1\n      - 内2\n    ```\n"
        "* - 外2\n  - 外3\n````\n"
    )
    (srcdir / "reports" / "a" / "2024.md").write_text(page, encoding="utf-8")
    app = SphinxTestApp("docx", srcdir=srcdir, builddir=tmp_path / "out")
    try:
        app.build()
    finally:
        app.cleanup()
    (table,) = docx.Document(str(Path(app.outdir) / "a-2024.docx")).tables
    assert _grid(table) == [["外1", "内1内2"], ["外2", "外3"]]
