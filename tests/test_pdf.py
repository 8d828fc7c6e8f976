"""The PDFs: each report in 公文 layout, every table figure in it, A4, fonts embedded.

Needs XeLaTeX (``make tex`` installs it; ``.ci/run`` does so in CI). Page 1 and
the first table page of each report are rendered to PNG under
``_build/pdf-preview/`` for a reviewer to look at (build artefacts, not in git).
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import ROOT, require


@pytest.fixture(autouse=True)
def _tex() -> None:
    require(bool(shutil.which("xelatex") and shutil.which("pdftotext")), " TeX 和 poppler-utils", "make tex")


PUBLISHED = Path(__file__).parent / "fixtures" / "huaian_szf_2024.txt"
PREVIEW = ROOT / "_build" / "pdf-pages"  # PNG pages to look at beside the official PDF
OFFICIAL = ROOT.parent / "shared" / "real_reports" / "huaian_szf_2024.pdf"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    app = SphinxTestApp("latex", srcdir=ROOT, builddir=tmp_path_factory.mktemp("pdf"), tags=["xxgk_reports"])
    try:
        app.build()
        assert "WARNING" not in app.warning.getvalue()
    finally:
        app.cleanup()
    outdir = Path(app.outdir)
    run = subprocess.run(["make", "-C", str(outdir), "all-pdf"], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    yield outdir


def text_of(pdf: Path, *args: str) -> str:
    command = ["pdftotext", *args, str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def numbers_between(layout: str, start: str, end: str) -> list[str]:
    """Figures of a table in reading order, from ``pdftotext -layout`` text.

    Page numbers ("— 5 —"), row numbering ("1." "2、") and "表 2 – 接上页" are not figures.
    """
    lines = layout.splitlines()
    squeeze = [re.sub(r"\s+", "", line) for line in lines]
    first = next(i for i, line in enumerate(squeeze) if start in line)
    last = next(i for i, line in enumerate(squeeze) if i > first and end in line)
    figures: list[str] = []
    for line in lines[first + 1 : last]:
        line = re.sub(r"—\s*\d+\s*—", "", line)
        line = re.sub(r"续表", "", line)  # the label over a table continued on a new page
        line = re.sub(r"\d+[.、](?=\D)", "", line)
        figures += re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])", line)
    return figures


def published_numbers(start: str, end: str) -> list[str]:
    text = PUBLISHED.read_text(encoding="utf-8")
    section = text[text.index(start) : text.index(end)]
    rows = re.findall(r"^.*?((?:\d[\d.]*[ \t]+)*\d[\d.]*)[ \t]*$", section, re.M)
    return [n for row in rows for n in row.split()]


def test_each_report_has_its_pdf(pdfs: Path) -> None:
    assert sorted(p.name for p in pdfs.glob("*.pdf")) == ["huaian-szf-2024.pdf", "linxiang-changan-2019.pdf"]


def test_no_character_is_missing_from_the_fonts(pdfs: Path) -> None:
    for log in sorted(pdfs.glob("*.log")):
        assert "Missing character" not in log.read_text(encoding="utf-8", errors="replace"), log.name


def test_huaian_pdf_title_and_every_table_figure_in_order(pdfs: Path) -> None:
    text = text_of(pdfs / "huaian-szf-2024.pdf", "-layout")
    flat = re.sub(r"\s+", "", text)
    assert flat.startswith("淮安市人民政府2024年政府信息公开工作年度报告")
    table_b = numbers_between(text, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议")
    expected_b = published_numbers("三、收到和处理", "四、政府信息公开行政复议")
    assert len(expected_b) == 175
    assert table_b == expected_b
    table_c = numbers_between(text, "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题")
    published_c = published_numbers("四、政府信息公开行政复议", "五、存在")
    assert (
        table_c
        == published_c
        == ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]
    )
    table_a = numbers_between(text, "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况")
    assert table_a == ["1", "0", "11", "8", "26", "66", "447228", "3985758", "88283", "96171.6"]
    assert "淮安市人民政府办公室" in flat[flat.index("3940元") :]  # the 落款 closes the report


def test_seed_pdf_has_computed_shares(pdfs: Path) -> None:
    layout = text_of(pdfs / "linxiang-changan-2019.pdf", "-layout")
    flat = re.sub(r"\s+", "", layout)
    assert flat.startswith("临湘市人民政府长安街道办事处2019年度政府信息公开工作年度报告")
    assert "“为您服务”信息8条，占总体百分比为14.5%" in flat
    assert re.search(r"为您服务\s+8\s+14\.5%", layout)
    assert re.search(r"合计\s+55\s+100\.0%", layout)


@pytest.mark.parametrize("name", ["huaian-szf-2024", "linxiang-changan-2019"])
def test_pdf_is_a4_with_embedded_fonts_and_page_numbers(pdfs: Path, name: str) -> None:
    pdf = pdfs / f"{name}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows), fonts  # "emb" column
    assert {row[0].split("+")[-1] for row in rows} <= {
        "FandolFang-Regular-Identity-H",
        "FandolHei-Regular-Identity-H",
        "FandolSong-Regular-Identity-H",
        "FandolSong-Bold-Identity-H",
        "FandolKai-Regular-Identity-H",
        "FreeMono-Identity-H",  # inline code, e.g. `:allow: fitness` in an editor's note
        "FreeSerif-Identity-H",  # Latin letters and digits beside 仿宋
        "FreeSerifBold-Identity-H",
    }
    pages = text_of(pdf, "-layout").split("\f")
    numbered = [p for p in pages if p.strip()]
    assert all(re.search(rf"—\s*{i}\s*—", page) for i, page in enumerate(numbered, start=1))


@pytest.mark.parametrize("name", ["huaian-szf-2024", "linxiang-changan-2019"])
def test_preview_pages_for_review(pdfs: Path, name: str) -> None:
    pdf = pdfs / f"{name}.pdf"
    pages = text_of(pdf).split("\f")
    table_page = next(i for i, page in enumerate(pages, start=1) if "信息内容" in page or "类别" in page)
    PREVIEW.mkdir(parents=True, exist_ok=True)
    for label, page in (("p1", 1), ("table", table_page)):
        target = PREVIEW / f"{name}-{label}"
        pages_arg = ["-f", str(page), "-l", str(page)]
        subprocess.run(
            ["pdftoppm", "-r", "80", *pages_arg, "-png", "-singlefile", str(pdf), str(target)], check=True
        )
        assert target.with_suffix(".png").stat().st_size > 10_000


# -- 公文 typesetting (GB/T 9704 practice) ------------------------------------------------------


def test_title_breaks_after_the_issuing_body(pdfs: Path) -> None:
    tex = (pdfs / "huaian-szf-2024.tex").read_text(encoding="utf-8")
    assert "\\title{淮安市人民政府\\texorpdfstring{\\\\}{}2024年政府信息公开工作年度报告}" in tex
    first = [
        line.strip() for line in text_of(pdfs / "huaian-szf-2024.pdf", "-layout").splitlines() if line.strip()
    ]
    assert first[:2] == ["淮安市人民政府", "2024 年政府信息公开工作年度报告"]


def test_run_in_headings_are_set_in_kai(pdfs: Path) -> None:
    tex = (pdfs / "huaian-szf-2024.tex").read_text(encoding="utf-8")
    assert "\\DUrole{xxgk-kai}{（一）主动公开情况。}" in tex
    assert "\\sphinxstylestrong{（一）" not in tex
    fonts = subprocess.run(
        ["pdffonts", "-f", "1", "-l", "1", str(pdfs / "huaian-szf-2024.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "FandolKai-Regular" in fonts


def test_tables_continue_as_chinese_tables_do(pdfs: Path) -> None:
    """ "续表" over the repeated header, no "continued" line under the part before the break,
    never a header without rows under it, never a lone row on a page."""
    tex = (pdfs / "huaian-szf-2024.tex").read_text(encoding="utf-8")
    assert "\\xxgkcontinued" in tex and "续下页" not in tex and "接上页" not in tex
    pages = [p for p in text_of(pdfs / "huaian-szf-2024.pdf", "-layout").split("\f") if p.strip()]
    with_b = [i for i, page in enumerate(pages) if "申请人情况" in page]
    assert len(with_b) >= 2  # Table B runs over a page break in this report
    for i in with_b:
        lines = [line for line in pages[i].splitlines() if line.strip()]
        head = next(n for n, line in enumerate(lines) if "申请人情况" in line)
        rows = [line for line in lines[head:] if re.search(r"(\d+\s+){6}\d+\s*$", line)]
        assert len(rows) >= 2, pages[i]  # at least two rows under every header
        if i != with_b[0]:
            assert lines[0].strip() == "续表"
    blocks = [page for page in pages if "第二十条" in page]
    assert len(blocks) == 1 and blocks[0].count("第二十条") == 4  # 主动公开's four blocks on one page


def test_the_official_pages_are_rendered_beside_ours(pdfs: Path) -> None:
    """The Huai'an report's first page and table page, ours and the official one, as PNG."""
    PREVIEW.mkdir(parents=True, exist_ok=True)
    official = OFFICIAL if OFFICIAL.is_file() else None
    for name, pdf in (
        ("huaian-szf-2024", pdfs / "huaian-szf-2024.pdf"),
        ("official-huaian-szf-2024", official),
    ):
        if pdf is None:
            continue
        for page in (1, 4):
            target = PREVIEW / f"{name}-page{page}"
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "60",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-png",
                    "-singlefile",
                    str(pdf),
                    str(target),
                ],
                check=True,
            )
            assert target.with_suffix(".png").stat().st_size > 10_000


def test_the_book_holds_a_cover_a_contents_page_and_the_reports_only(pdfs: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "xxgk.cli", "book", "--pdf-dir", str(pdfs), "-o", str(book)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr

    def pages_of(pdf: Path) -> int:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", info).group(1))

    huaian, linxiang = pages_of(pdfs / "huaian-szf-2024.pdf"), pages_of(pdfs / "linxiang-changan-2019.pdf")
    assert pages_of(book) == 2 + huaian + linxiang
    cover, contents = (re.sub(r"\s+", "", text_of(book, "-f", str(n), "-l", str(n))) for n in (1, 2))
    assert "政府信息公开工作年度报告汇编" in cover and "共2份报告" in cover
    assert contents.startswith("目录")
    # 淮安 before 临湘 (pinyin order), each with the page of the book where it starts
    assert re.search(r"淮安市人民政府2024年政府信息公开工作年度报告\.*3临湘", contents)
    assert re.search(
        rf"临湘市人民政府长安街道办事处2019年度政府信息公开工作年度报告\.*{3 + huaian}$", contents
    )
    whole = text_of(book)
    assert "编写指南" not in whole and "虚构" not in whole and "示例" not in whole  # no guide, no web pages
    target = PREVIEW / "book-page"
    PREVIEW.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-l", "2", "-png", str(book), str(target)], check=True)


def test_latex_warnings_that_mean_a_defect_fail_make_pdf(tmp_path: Path) -> None:
    from xxgk.cli.texlog import defects, main

    (tmp_path / "planted.tex").write_text(
        "\\documentclass{article}\\begin{document}见第\\ref{nowhere}节。\\end{document}\n", encoding="utf-8"
    )
    subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "planted.tex"], cwd=tmp_path, capture_output=True, check=False
    )
    log = (tmp_path / "planted.log").read_text(encoding="utf-8", errors="replace")
    assert "引用的目标不存在：nowhere" in [message for _, message in defects(log)]
    assert main([str(tmp_path)]) == 1
    fine = "Overfull \\hbox (0.96959pt too wide) in paragraph at lines 574--576"
    assert defects(fine) == []  # a hair's breadth is not a defect
    assert defects("Overfull \\hbox (12.5pt too wide) in alignment at lines 1--9") == [
        (1, "有一行或一个表格超出版心12.5pt")
    ]


def test_chart_labels_never_overlap_in_the_pdf(tmp_path: Path) -> None:
    """A 17-year chart with three series: the slanted year labels, the legend keys and the
    legend labels each keep to their own place (word boxes from pdftotext -bbox)."""
    from decimal import Decimal

    from xxgk.core.chart import Series, tikz

    years = list(range(2008, 2025))
    names = ["本年新收政府信息公开申请（件）", "予以公开（件）", "行政复议（件）"]
    series = [Series(name, [Decimal(i * (3 - k)) for i in range(len(years))]) for k, name in enumerate(names)]
    (tmp_path / "chart.tex").write_text(
        "\\documentclass[fontset=fandol]{ctexart}\\usepackage{tikz}\\begin{document}"
        + tikz(years, series, "依申请公开情况")
        + "\\end{document}\n",
        encoding="utf-8",
    )
    subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "chart.tex"], cwd=tmp_path, capture_output=True, check=True
    )
    html = subprocess.run(
        ["pdftotext", "-bbox", str(tmp_path / "chart.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    boxes = [
        (float(x0), float(y0), float(x1), float(y1), word)
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>', html
        )
    ]
    legend = [b for b in boxes if "（件）" in b[4]]
    figures = [b for b in boxes if re.fullmatch(r"\d+", b[4])]  # axis ticks and the slanted years
    assert legend and len(figures) >= 17
    assert min(b[1] for b in legend) > max(b[3] for b in figures)  # the legend below every label

    def overlap(a: tuple, b: tuple) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    assert not any(overlap(a, b) for i, a in enumerate(legend) for b in legend[i + 1 :])
    # room for the next series' key (a 6 mm line) between one label and the next
    ordered = sorted(legend)
    assert all(b[0] - a[2] >= 17 for a, b in itertools.pairwise(ordered))


def test_figures_are_centred_beside_a_label_of_two_lines(pdfs: Path) -> None:
    """The official tables centre each cell vertically: "447" sits midway beside the two lines
    of "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"."""
    tex = (pdfs / "huaian-szf-2024.tex").read_text(encoding="utf-8")
    assert "\\begin{varwidth}[c]" in tex
    assert all(
        "\\sphinxmultirow" in tex[max(0, i - 80) : i]
        for i in [m.start() for m in re.finditer(r"varwidth\}\[t\]", tex)]
    )  # only cells spanning rows keep Sphinx's own placement
    bbox = text_of(pdfs / "huaian-szf-2024.pdf", "-bbox")
    words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)</word>', bbox)
    first = next(w for w in words if "部分公开" in w[2])
    second = next(w for w in words if w[2].startswith("这一情形"))
    figure = next(w for w in words if w[2] == "447")
    label_middle = (float(first[0]) + float(second[1])) / 2
    figure_middle = (float(figure[0]) + float(figure[1])) / 2
    assert abs(figure_middle - label_middle) < 3  # points


def test_a_missing_character_is_found_in_a_wrapped_log_line() -> None:
    """TeX wraps its log at 79 characters: the message is read across the break."""
    from xxgk.cli.texlog import defects

    log = (
        "Missing character: There is no \U0001f600 (U+1F600) in font FreeSerif/OT:script=latn;lan\n"
        "guage=dflt;!\n"
    )
    assert defects(log) == [(1, "字体中没有字符“\U0001f600”（U+1F600）")]


def test_a_very_long_latin_word_breaks_instead_of_stopping_make_pdf(tmp_path: Path) -> None:
    from xxgk.cli.texlog import defects

    (tmp_path / "reports" / "a").mkdir(parents=True)
    shutil.copy(ROOT / "conf.py", tmp_path / "conf.py")
    shutil.copytree(ROOT / "_templates", tmp_path / "_templates")
    (tmp_path / "index.md").write_text(
        "# 首页\n\n```{toctree}\n:glob:\n\nreports/*/*\n```\n", encoding="utf-8"
    )
    word = "https://www.example.gov.cn/zwgk/" + "a" * 150 + "/index.html"
    page = f"# 甲镇2024年报告\n\n```{{xxgk:report}}\n:body: 甲镇\n:year: 2024\n```\n\n网址：{word}。\n"
    (tmp_path / "reports" / "a" / "2024.md").write_text(page, encoding="utf-8")
    app = SphinxTestApp("latex", srcdir=tmp_path, builddir=tmp_path / "_build", tags=["xxgk_reports"])
    try:
        app.build()
    finally:
        app.cleanup()
    outdir = Path(app.outdir)
    subprocess.run(["make", "-C", str(outdir), "all-pdf"], capture_output=True, check=True)
    log = (outdir / "a-2024.log").read_text(encoding="utf-8", errors="replace")
    assert not [message for _, message in defects(log) if "超出版心" in message]
    assert "a" * 150 in re.sub(r"\s", "", text_of(outdir / "a-2024.pdf"))  # every letter printed
