"""Figures, computed cells and the format's identities on a whole report."""

from __future__ import annotations

from decimal import Decimal

import pytest
from xxgk.core.report import LookupProblem, evaluate, lookup, lookup_share, parse_meta

from .helpers import report

BALANCED = """\
申请:
  本年新收: {自然人: 8, 商业企业: 1}
  上年结转: {自然人: 1}
  予以公开: {自然人: 5, 商业企业: 1}
  不掌握: {自然人: 2}
  结转下年: {自然人: 2}
"""


def test_totals_are_computed_when_not_stated() -> None:
    ev = report(BALANCED)
    assert ev.findings == []
    assert lookup(ev, "申请.本年新收.总计") == 9
    assert lookup(ev, "申请.总计.自然人") == 7
    assert lookup(ev, "申请.总计.总计") == 8
    assert ev.figures.cells[("申请", "总计", "总计")].origin == "computed"


def test_omitted_cells_are_zero_and_explicit_blanks_stay_blank() -> None:
    ev = report(BALANCED + "  重复申请: {自然人: ~}\n")
    assert lookup(ev, "申请.部分公开.自然人") == 0
    assert lookup(ev, "申请.重复申请.自然人") is None
    # a total over a blank cell counts it as 0, as evaluators do; the blank cell stays blank
    assert lookup(ev, "申请.总计.自然人") == 7
    assert lookup(ev, "申请.重复申请.自然人", blank_as_zero=True) == 0
    assert lookup(ev, "申请.重复申请.总计") == 0  # a computed total is never shown blank


def test_groups_sum_their_leaves() -> None:
    ev = report(BALANCED)
    assert lookup(ev, "申请.无法提供.总计") == 2
    assert lookup(ev, "申请.本年新收.法人或其他组织") == 1


def test_b1_violation_names_column_and_both_sides() -> None:
    ev = report(BALANCED.replace("结转下年: {自然人: 2}", "结转下年: {自然人: 1}"))
    messages = [(f.subtype, f.line, f.message) for f in ev.findings]
    assert (
        "balance",
        2,
        (
            "“申请”表“自然人”列不满足B-1（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）："
            "左边 本年新收（8） + 上年结转（1） = 9，右边 （七）总计（7） + 结转下年（1） = 8，"
            "左边应等于右边；请核对这几项数字"
        ),
    ) in messages
    assert {f.subtype for f in ev.findings} == {"balance"}


def test_stated_total_that_contradicts_the_sum() -> None:
    ev = report(BALANCED.replace("{自然人: 8, 商业企业: 1}", "{自然人: 8, 商业企业: 1, 总计: 10}"))
    (finding,) = [f for f in ev.findings if f.subtype == "sum"]
    assert finding.line == 2
    assert "“本年新收”行的“总计”填写为 10" in finding.message
    assert "应为 自然人 8 + 法人或其他组织 1 = 9" in finding.message


def test_stated_totals_that_agree_are_silent() -> None:
    data = BALANCED + "  总计: [7, 1, 0, 0, 0, 0, 8]\n"
    assert report(data).findings == []


def test_review_and_litigation_totals() -> None:
    ev = report(
        "复议诉讼:\n  行政复议: [1, 2, 0, 1]\n  直接起诉: [0, 1, 0, 0, 1]\n  复议后起诉: [1, 0, 0, 0, 2]\n"
    )
    assert lookup(ev, "复议诉讼.行政复议.总计") == 4
    (finding,) = ev.findings
    assert finding.subtype == "sum" and finding.line == 4 and "C-1" in finding.message
    assert lookup(ev, "复议诉讼.行政诉讼.结果维持") == 1


def test_2019_table_a_bounds() -> None:
    data = "主动公开:\n  规章: {本年新制作数量: 1, 本年新公开数量: 2, 对外公开总数量: 1}\n"
    ev = report(data, year=2019)
    assert sorted(f.message.split("不满足")[1][:3] for f in ev.findings) == ["A-1", "A-2"]
    assert {f.subtype for f in ev.findings} == {"bound"}


def test_2019_signed_and_amount_columns() -> None:
    ev = report(
        "主动公开:\n  行政许可: {上一年项目数量: 10, 本年增减: -2, 处理决定数量: 5}\n"
        "  政府集中采购: {采购项目数量: 3, 采购总金额: 251000.5}\n",
        year=2019,
    )
    assert ev.findings == []
    assert lookup(ev, "主动公开.行政许可.本年增减") == -2


def test_unknown_keys_get_suggestions() -> None:
    from xxgk.core.parse import parse_data_block
    from xxgk.core.report import evaluate

    meta, _ = parse_meta({"body": "示例", "year": "2021"}, 1)
    ev = evaluate(meta, parse_data_block("申请:\n  本年新收: {自燃人: 1}\n", 1).entries)
    (finding,) = ev.findings
    assert finding.subtype == "key"
    assert finding.message.startswith("“申请.本年新收”没有“自燃人”这一列。最接近的是：自然人")


def test_breakdown_total_and_shares() -> None:
    ev = report("分类:\n  主动公开信息: {机构设置: 1, 为您服务: 8, 其他: 46}\n")
    assert lookup(ev, "分类.主动公开信息.合计") == 55
    assert lookup_share(ev, "分类.主动公开信息.为您服务") == Decimal("14.5")
    assert lookup_share(ev, "分类.主动公开信息.机构设置") == Decimal("1.8")


def test_breakdown_stated_total_is_checked() -> None:
    ev = report("分类:\n  主动公开信息: {机构设置: 1, 为您服务: 8, 合计: 10}\n")
    (finding,) = ev.findings
    assert finding.subtype == "sum" and "各类别相加为 9" in finding.message


def test_share_of_two_figures() -> None:
    ev = report(BALANCED)
    assert lookup_share(ev, "申请.予以公开.总计/申请.总计.总计") == Decimal("75.0")
    with pytest.raises(LookupProblem, match="需指明基数"):
        lookup_share(ev, "申请.予以公开.总计")


@pytest.mark.parametrize(
    ("options", "subtype", "text"),
    [
        ({"year": "2021"}, "report", "缺少 :body:"),
        ({"body": "示例", "year": "二〇二一"}, "report", "四位数年份"),
        ({"body": "示例", "year": "2021", "format": "gb2099"}, "format", "未知的报告格式“gb2099”"),
        (
            {"body": "示例", "year": "2020", "format": "gb2021"},
            "format",
            "不能使用 gb2021（国办公开办函〔2021〕30号",
        ),
        (
            {"body": "示例", "year": "2020", "format": "gb2021"},
            "format",
            "该年度可用：gb2019（国办公开办函〔2019〕60号）",
        ),
        ({"body": "示例", "year": "2016", "format": "gb2019"}, "format", "该年度可用：free（"),
        ({"body": "示例", "year": "2012", "format": "legacy2014"}, "format", "适用于2014—2018年度"),
        ({"body": "示例", "year": "2007"}, "format", "早于《政府信息公开条例》施行"),
        ({"body": "示例", "year": "2021", "published": "2022/1/20"}, "report", ":published: 应为日期"),
    ],
)
def test_report_metadata_errors(options: dict[str, str], subtype: str, text: str) -> None:
    _, findings = parse_meta(options, 7)
    assert [(f.subtype, f.line) for f in findings] == [(subtype, 7)]
    assert text in findings[0].message


def test_columns_of_the_other_national_format_are_named_as_such() -> None:
    from xxgk.core.parse import parse_data_block
    from xxgk.core.report import evaluate

    meta, _ = parse_meta({"body": "示例", "year": "2021"}, 1)
    ev = evaluate(meta, parse_data_block("主动公开:\n  规章: {本年新制作数量: 1}\n", 1).entries)
    (finding,) = ev.findings
    assert finding.subtype == "format" and finding.line == 2
    assert finding.message.startswith("“本年新制作数量”是政府信息公开工作年度报告格式（试行，2019年）")
    assert "本表的列为：本年制发件数、本年废止件数、现行有效件数" in finding.message


BLANK_COLUMNS = """
申请:
  #         自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他
  本年新收:  [5, ~, ~, ~, ~, ~]
  上年结转:  [1, ~, ~, ~, ~, ~]
  予以公开:  [4, ~, ~, ~, ~, ~]
  不掌握:    [2, ~, ~, ~, ~, ~]
  结转下年:  [0, ~, ~, ~, ~, ~]
"""


def test_blank_columns_count_as_zero_in_totals_and_checks() -> None:
    """A 2019-format table whose body left the 法人 columns blank (as published): the blank
    cells stay blank, the 总计 column and row are computed and shown, and the identities run
    with blanks as 0, as an evaluator reads the table."""
    ev = report(BLANK_COLUMNS, year=2019)
    assert lookup(ev, "申请.本年新收.商业企业") is None  # shown blank
    assert lookup(ev, "申请.本年新收.总计") == 5
    assert lookup(ev, "申请.总计.总计") == 6 and lookup(ev, "申请.总计.商业企业") == 0
    assert [f for f in ev.findings if f.subtype != "blank"] == []
    changed = report(BLANK_COLUMNS.replace("予以公开:  [4,", "予以公开:  [3,"), year=2019)
    assert {f.subtype for f in changed.findings} == {"balance"}  # B-1 holds no more: 5+1 ≠ 5+0


@pytest.mark.parametrize(
    ("year", "written", "shown", "note"),
    [
        (2019, "251000元", "251000元", ""),  # the 2019 column names no unit: the cell shows it
        (2019, "25.1万元", "251000元", "采购总金额原文写作“25.1万元”，已按格式规定的单位换算为251000元。"),
        (2021, "25.1万元", "25.1", ""),  # the 2021 header says 万元
        (2021, "251000元", "25.1", "本年收费金额原文写作“251000元”，已按格式规定的单位换算为25.1万元。"),
        (2021, "1元", "0.0001", "本年收费金额原文写作“1元”，已按格式规定的单位换算为0.0001万元。"),  # exact
    ],
)
def test_amounts_keep_the_unit_they_are_written_in(year: int, written: str, shown: str, note: str) -> None:
    from xxgk.core.layout import table_grid

    row = "政府集中采购: {采购项目数量: 3, 采购总金额: %s}" if year == 2019 else "行政事业性收费: %s"
    ev = report("主动公开:\n  " + row % written + "\n", year)
    assert ev.findings == []
    grid = table_grid(ev.format.table("主动公开"), ev.figures)  # type: ignore[arg-type]
    assert shown in [c.text for r in grid.rows for c in r if c.role == "num"]
    assert grid.notes == ([note] if note else [])


def test_a_count_written_with_a_money_unit_is_refused() -> None:
    from xxgk.core.parse import parse_data_block

    block = parse_data_block("主动公开:\n  规章: {本年制发件数: 3元}\n", 1)
    meta, _ = parse_meta({"body": "某机关", "year": "2021"}, 1)
    assert meta is not None
    (finding,) = evaluate(meta, block.entries).findings
    assert finding.subtype == "value" and "不是金额，不能带单位“元”" in finding.message and finding.line == 2
