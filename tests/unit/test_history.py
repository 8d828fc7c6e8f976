"""A body's whole history: the 2014 statistics table, free-form years, concepts across formats.

Every report here is a labelled example (示例), not a real report.
"""

from __future__ import annotations

from decimal import Decimal
from importlib import resources

import pytest
from xxgk.cli.importer import import_report
from xxgk.core.concepts import boundaries, concept_value, find_concept, load_concepts
from xxgk.core.formats import format_for_year, load_format
from xxgk.core.layout import table_grid
from xxgk.core.page_checks import Paragraph, check_figures, check_timeliness
from xxgk.core.role_values import figure

from .helpers import report

LEGACY_2016 = """\
指标:
  主动公开信息数: 230
  规范性文件数: 3
  收到申请数: 7
  当面申请: 2
  传真申请: 0
  网络申请: 4
  信函申请: 1
  行政复议数: 1
"""


def test_the_legacy_table_marks_confirmed_and_reconstructed_rows() -> None:
    table = load_format("legacy2014").table("统计表")
    rows = [r for r in table.rows if not r.heading]
    confirmed = [r.id for r in rows if r.status == "confirmed"]
    assert confirmed == ["主动公开信息数", "规范性文件数", "制发规范性文件数"]  # domain.md §3 rows 1–4
    assert all(r.status == "reconstructed" for r in rows if r.id not in confirmed)
    assert len(rows) == 58 and table.row("收到申请数").unit == "件" and table.row("专项经费").kind == "amount"


def test_a_local_variant_extends_the_base_instead_of_copying_it() -> None:
    base, variant = load_format("legacy2014"), load_format("legacy2014-district")
    text = (
        resources.files("xxgk.core.formats").joinpath("legacy2014-district.yaml").read_text(encoding="utf-8")
    )
    assert "extends: legacy2014" in text and "收到申请数" not in text  # only the differences are written
    base_rows = [r.id for r in base.tables[0].leaf_rows()]
    variant_rows = [r.id for r in variant.tables[0].leaf_rows()]
    assert [r for r in variant_rows if r not in base_rows] == [
        "机构人事信息",
        "行政执法信息",
        "规划统计信息",
        "财务三公信息",
    ]
    assert [r for r in variant_rows if r in base_rows] == base_rows
    assert [c.id for c in variant.tables[0].leaf_columns()] == ["区政府", "区直单位", "乡镇街道", "统计数"]
    assert variant.regime == "legacy2014" and format_for_year(2016).id == "legacy2014"  # never a default


def test_the_legacy_table_renders_as_numbered_indicators_with_units() -> None:
    ev = report(LEGACY_2016, year=2016)
    assert ev.findings == []
    grid = table_grid(ev.format.table("指标"), ev.figures)
    assert [c.text for c in grid.rows[0]] == ["序号", "统计指标", "单位", "统计数"]
    first, second = grid.rows[1], grid.rows[2]
    assert [c.text for c in first] == ["1", "一、主动公开情况", "—", ""]  # a heading: no figure
    assert [c.text for c in second][:3] == [
        "2",
        "\u3000（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
        "条",
    ]
    assert second[3].text == "230"
    by_label = {row[1].text.strip("\u3000"): row[3].text for row in grid.rows[1:]}
    assert by_label["（二）申请办结数※"] == ""  # left out of the data: blank, never 0
    # rows not yet compared with a published copy of the table are marked, and the mark explained
    assert "一、主动公开情况" in by_label  # seen in a published copy
    assert grid.notes == [
        "标※的指标名称尚未与已发布的《政府信息公开情况统计表》原件逐字核对，措辞可能与原表略有不同；数字按原报告填写。"
    ]


def test_legacy_sums_are_checked_only_when_every_term_is_stated() -> None:
    wrong = report(LEGACY_2016.replace("当面申请: 2", "当面申请: 3"), year=2016)
    (finding,) = wrong.findings
    assert finding.subtype == "sum" and "收到申请数" in finding.message and finding.line is not None
    partial = report("指标:\n  收到申请数: 7\n  网络申请: 4\n", year=2016)
    assert partial.findings == []


def test_a_local_variant_sums_its_level_columns() -> None:
    ev = report("指标:\n  收到申请数: [2, 3, 4]\n", year=2017, fmt="legacy2014-district")
    assert ev.findings == []
    assert figure(ev, "收到申请数") == Decimal(9)


@pytest.mark.parametrize(
    ("data", "year", "fmt", "path"),
    [
        ("要点:\n  收到申请数: 4\n", 2013, "", "要点.收到申请数"),
        (LEGACY_2016, 2016, "", "指标.收到申请数.统计数"),
        ("申请:\n  本年新收: {自然人: 4}\n  予以公开: {自然人: 4}\n", 2020, "", "申请.本年新收.总计"),
        ("申请:\n  本年新收: {自然人: 4}\n  予以公开: {自然人: 4}\n", 2024, "", "申请.本年新收.总计"),
    ],
)
def test_one_concept_names_the_right_cell_in_every_format(data: str, year: int, fmt: str, path: str) -> None:
    ev = report(data, year=year, fmt=fmt)
    concept = find_concept("收到申请数")
    assert concept is not None and concept_value(concept, ev) == figure(ev, path)
    assert figure(ev, "收到申请数") is not None


def test_a_concept_a_year_does_not_state_is_blank_not_zero() -> None:
    ev = report("要点:\n  主动公开信息数: 120\n", year=2012)
    assert figure(ev, "收到申请数") is None


def test_every_concept_names_cells_that_exist() -> None:
    for concept in load_concepts():
        for fid, paths in concept.cells.items():
            fmt = load_format(fid)
            for path in paths:
                head = path.split(".")[0]
                assert head == "分类" or fmt.table(head) is not None, (concept.id, fid, path)


def test_boundaries_carry_the_caveat_where_figures_are_not_comparable() -> None:
    years = [2012, 2016, 2017, 2019, 2021]
    formats = [load_format(f) for f in ("free", "legacy2014", "legacy2014-district", "gb2019", "gb2021")]
    marks = boundaries(years, formats)
    assert [(b.year, b.before.id, b.after.id) for b in marks] == [
        (2016, "free", "legacy2014"),  # the district variant is the same regime: no mark in 2017
        (2019, "legacy2014", "gb2019"),
        (2021, "gb2019", "gb2021"),
    ]
    applications = find_concept("收到申请数")
    assert [b.comparable(applications) for b in marks] == [True, False, True]
    assert "口径不完全相同" in marks[1].note([applications])
    assert "一行未变" in marks[2].note([applications])


def test_prose_figures_of_free_form_and_legacy_years_are_checked() -> None:
    free = report("要点:\n  收到申请数: 4\n", year=2013)
    (finding,) = check_figures(free, [Paragraph("全年共收到政府信息公开申请5件。", 9)])
    assert "要点.收到申请数 为 4" in finding.message and finding.line == 9
    legacy = report(LEGACY_2016, year=2016)
    assert check_figures(legacy, [Paragraph("全年共收到政府信息公开申请7件。", 9)]) == []
    (finding,) = check_figures(legacy, [Paragraph("行政复议2件。", 9)])
    assert "指标.行政复议数.统计数 为 1" in finding.message


def test_reports_up_to_2018_were_due_by_31_march_for_every_body() -> None:
    # 2007年《条例》第三十一条; the 1月31日 deadline for departments dates from the 2019 条例
    assert check_timeliness("示例县教育局", 2016, "2017-03-20", 3) == []
    (late,) = check_timeliness("示例县教育局", 2016, "2017-04-02", 3)
    assert "2007年《条例》第三十一条" in late.message and "3月31日" in late.message
    assert check_timeliness("示例县教育局", 2020, "2021-03-20", 3)[0].subtype == "late"
    assert check_timeliness("示例县人民政府（虚构示例）", 2020, "2021-03-20", 3) == []


def test_import_of_a_legacy_table_and_of_free_form_prose() -> None:
    scraped = (
        "示例鎮人民政府（虛構示例）2016年度政府信息公開工作年度報告\n"
        "三、依申請公開情況\n全年共收到政府信息公開申請7件。\n"
        "| 序號 | 統計指標 | 單位 | 統計數 |\n| 22 | （一）收到申請數 | 件 | 7 |\n"
        "| 47 | 四、行政復議數量 | 件 | 1 |\n| 49 | （二）被依法糾錯數 | 件 | 1 |\n"
        "| 51 | 五、行政訴訟數量 | 件 | 1 |\n| 53 | （二）被依法糾錯數 | 件 | 0 |\n"
    )
    result = import_report(scraped)
    assert result.year == 2016 and result.format == ""
    assert result.figures == {
        "收到申请数": "7",
        "行政复议数": "1",
        "复议纠错": "1",
        "行政诉讼数": "1",
        "诉讼纠错": "0",
    }
    assert "统计指标" not in result.text.split("```{xxgk:table} 指标")[1]  # the table left the prose
    free = import_report("示例镇人民政府2012年度政府信息公开工作年度报告\n全年共收到政府信息公开申请3件。\n")
    assert free.format == "free" and free.figures == {"收到申请数": "3"}
    assert ":format: free" in free.text and "要点:\n  收到申请数: 3" in free.text


@pytest.mark.parametrize(("year", "fmt", "table"), [(2012, "free", "要点"), (2016, "legacy2014", "指标")])
def test_new_report_for_a_legacy_year_leaves_rows_blank_not_zero(year: int, fmt: str, table: str) -> None:
    from xxgk.cli.new import new_report
    from xxgk.core.parse import parse_data_block
    from xxgk.core.report import evaluate, parse_meta

    text = new_report("示例乡人民政府", year)
    assert f":format: {fmt}" in text and f"```{{xxgk:table}} {table}" in text
    assert "## 二、主动公开政府信息的情况" in text and "收到申请数: ~" in text
    body = text[
        text.index("```{xxgk:data}") + len("```{xxgk:data}\n") : text.index(
            "```", text.index("```{xxgk:data}") + 5
        )
    ]
    block = parse_data_block(body, 1)
    meta, _ = parse_meta({"body": "示例乡人民政府", "year": str(year)}, 1)
    ev = evaluate(meta, block.entries)
    assert block.findings == () and ev.findings == [] and figure(ev, "收到申请数") is None
