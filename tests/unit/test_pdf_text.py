"""Reports extracted from their PDF: paragraphs rebuilt, page numbers dropped, tables read."""

from __future__ import annotations

from pathlib import Path

from xxgk.cli import pdf_text
from xxgk.core.formats import load_format

FIXTURES = Path(__file__).parents[1] / "fixtures"
PUBLISHED_PDF_TEXT = (FIXTURES / "huaian_szf_2024.txt").read_text(encoding="utf-8").splitlines()


def test_pdf_text_is_told_from_a_scraped_web_page() -> None:
    assert pdf_text.is_wrapped(PUBLISHED_PDF_TEXT)
    scraped = (FIXTURES / "seed_2019_linxiang_changan.txt").read_text(encoding="utf-8").splitlines()
    assert not pdf_text.is_wrapped(scraped)  # one paragraph per line
    for legacy in sorted((FIXTURES / "legacy_history").glob("*.txt")):
        assert not pdf_text.is_wrapped(legacy.read_text(encoding="utf-8").splitlines()), legacy.name


def test_paragraphs_run_over_lines_and_pages() -> None:
    lines = [
        "  二、主动公开政府信息情况",
        "  2024年，市政府网站主动公开各类政府信息 5500余条，全年新",
        "增公开市政府规章 1件。",
        "",
        "                  -1-",
        "\f  对照上级新要求和公众新期待，还有一些需要加强和改进的",
        "地方。",
    ]
    paragraphs, dropped = pdf_text.unwrap(lines)
    assert dropped == 1
    assert paragraphs == [
        "二、主动公开政府信息情况",
        "2024年，市政府网站主动公开各类政府信息 5500余条，全年新增公开市政府规章 1件。",
        "对照上级新要求和公众新期待，还有一些需要加强和改进的地方。",
    ]
    assert (
        pdf_text.despace(paragraphs[1])
        == "2024年，市政府网站主动公开各类政府信息5500余条，全年新增公开市政府规章1件。"
    )


def test_a_tables_lines_stay_apart_until_the_next_section() -> None:
    lines = [
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量  3  0",
        "四、结转下年度继续办理  1",
        "五、存在的主要问题及改进情况",
        "正文",
    ]
    names = ("收到和处理政府信息公开申请情况",)
    sections = ("收到和处理政府信息公开申请情况", "存在的主要问题及改进情况")
    paragraphs, _ = pdf_text.unwrap(lines, names, sections)
    assert paragraphs[1:3] == ["一、本年新收政府信息公开申请数量  3  0", "四、结转下年度继续办理  1"]


def test_a_table_is_read_only_when_every_figure_is_there() -> None:
    table = load_format("gb2021").table("复议诉讼")
    assert table is not None
    read = pdf_text.read_table(
        table, ["结果  结果 …", "72  64   178   37   351  13   4    8    1    26   12  1    1    6     20"]
    )
    assert read.lines == [
        "  行政复议: [72, 64, 178, 37, 351]",
        "  直接起诉: [13, 4, 8, 1, 26]",
        "  复议后起诉: [12, 1, 1, 6, 20]",
    ]
    short = pdf_text.read_table(table, ["72  64   178   37   351"])
    assert short.lines == [] and short.problem == "“复议诉讼”表应有15个数字，找到5个"


def test_the_import_counts_every_table_figure_it_read() -> None:
    from xxgk.cli.importer import import_report

    result = import_report("\n".join(PUBLISHED_PDF_TEXT))
    assert len(result.figures) == 10 + 175 + 15
    assert result.figures["申请.本年新收.总计"] == "3119"
    assert result.figures["主动公开.行政事业性收费.本年收费金额"] == "96171.6"
    assert result.figures["复议诉讼.复议后起诉.尚未审结"] == "6"
