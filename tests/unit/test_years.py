"""Other years: selectors, year-over-year wording, charts, and which pages a change reaches."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from xxgk.core import chart
from xxgk.core.identities import check_cross_year
from xxgk.core.years import SelectorError, YearRef, delta_text, parse_year_ref, split_target
from xxgk.sphinx.incremental import matches

from .helpers import report


@pytest.mark.parametrize(
    ("current", "previous", "text"),
    [
        (11, 8, "增加3件，增长37.5%"),
        (8, 10, "减少2件，下降20.0%"),
        (7, 7, "持平"),
        (5, 0, "增加5件（上年为0）"),
        (0, 4, "减少4件，下降100.0%"),
        (2, 3, "减少1件，下降33.3%"),
        (9, None, "暂无可比数据"),
    ],
)
def test_delta_wording(current: int, previous: int | None, text: str) -> None:
    prev = None if previous is None else Decimal(previous)
    assert delta_text(Decimal(current), prev, "件") == text


def test_delta_of_amounts_keeps_decimals() -> None:
    assert delta_text(Decimal("10.2"), Decimal("11.8"), "万元") == "减少1.6万元，下降13.6%"


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("prev", YearRef(offset=-1)),
        ("上年", YearRef(offset=-1)),
        ("next", YearRef(offset=1)),
        ("2020", YearRef(year=2020)),
        ("淮安市人民政府/2024", YearRef(body="淮安市人民政府", year=2024)),
    ],
)
def test_year_selectors(text: str, ref: YearRef) -> None:
    assert parse_year_ref(text) == ref


def test_bad_selector_says_what_is_allowed() -> None:
    with pytest.raises(SelectorError, match="@prev（上一年度）"):
        parse_year_ref("last")


def test_targets_split_into_path_year_and_spec() -> None:
    assert split_target("申请.本年新收.总计@prev:,") == ("申请.本年新收.总计", YearRef(offset=-1), ",")
    assert split_target("主动公开.行政许可") == ("主动公开.行政许可", None, "")
    assert YearRef(offset=-1).resolve(("示例", 2023)) == ("示例", 2022)


@pytest.mark.parametrize(
    ("read", "key", "hit"),
    [
        (("data", "", "-1"), ("示例", 2022), True),
        (("data", "", "-1"), ("示例", 2021), False),
        (("data", "", "-1"), ("其他", 2022), False),
        (("data", "", "<="), ("示例", 2021), True),
        (("data", "", "<="), ("示例", 2024), False),
        (("data", "*", "*"), ("其他", 1999), True),
        (("data", "其他", "2020"), ("其他", 2020), True),
        (("data", "*", "+0"), ("其他", 2023), True),
    ],
)
def test_which_reports_a_page_reads(read: tuple[str, str, str], key: tuple[str, int], hit: bool) -> None:
    assert matches(key, read, ("示例", 2023)) is hit


CARRY_2022 = "申请:\n  本年新收: {自然人: 5}\n  予以公开: {自然人: 3}\n  结转下年: {自然人: 2}\n"


def test_carry_over_matches_last_year() -> None:
    prev = report(CARRY_2022, year=2022)
    this = report("申请:\n  本年新收: {自然人: 1}\n  上年结转: {自然人: 2}\n  予以公开: {自然人: 3}\n", 2023)
    assert check_cross_year(this.format, this.figures, prev.format, prev.figures, (2023, 2022)) == []


def test_carry_over_mismatch_names_both_years_figures_and_column() -> None:
    prev = report(CARRY_2022, year=2022)
    this = report("申请:\n  本年新收: {自然人: 1}\n  上年结转: {自然人: 1}\n  予以公开: {自然人: 2}\n", 2023)
    findings = check_cross_year(this.format, this.figures, prev.format, prev.figures, (2023, 2022))
    assert [(f.subtype, f.line) for f in findings] == [("carry", 3), ("carry", 3)]
    assert "“自然人”列不满足X-1" in findings[0].message
    assert "左边 2023年度上年结转（1），右边 2022年度结转下年（2）" in findings[0].message


def test_stock_chain_from_2022_on() -> None:
    prev = report("主动公开:\n  行政规范性文件: [2, 0, 10]\n", year=2022)
    good = report("主动公开:\n  行政规范性文件: [3, 1, 12]\n", year=2023)
    bad = report("主动公开:\n  行政规范性文件: [3, 1, 13]\n", year=2023)
    assert check_cross_year(good.format, good.figures, prev.format, prev.figures, (2023, 2022)) == []
    (finding,) = check_cross_year(bad.format, bad.figures, prev.format, prev.figures, (2023, 2022))
    assert finding.subtype == "stock"
    assert "右边 2022年度现行有效件数（10） + 2023年度本年制发件数（3） - 2023年度本年废止件数（1） = 12" in (
        finding.message
    )


def test_stock_chain_skips_2021_whose_predecessor_used_the_2019_format() -> None:
    prev = report("主动公开:\n  规范性文件: [2, 2, 10]\n", year=2020)
    this = report("主动公开:\n  行政规范性文件: [3, 1, 99]\n", year=2021)
    assert check_cross_year(this.format, this.figures, prev.format, prev.figures, (2021, 2020)) == []


def test_2019_format_project_count_chain() -> None:
    prev = report("主动公开:\n  行政许可: {上一年项目数量: 10, 本年增减: -2, 处理决定数量: 5}\n", year=2019)
    this = report("主动公开:\n  行政许可: {上一年项目数量: 9, 本年增减: 0, 处理决定数量: 5}\n", year=2020)
    (finding,) = check_cross_year(this.format, this.figures, prev.format, prev.figures, (2020, 2019))
    assert finding.subtype == "stock" and "X-3" in finding.message


SERIES = [
    chart.Series("收到申请", (Decimal(47), Decimal(54), Decimal(60))),
    chart.Series("予以公开", (Decimal(23), None, Decimal(40))),
]


def test_chart_svg_keeps_chinese_text_and_is_deterministic() -> None:
    svg = chart.svg([2021, 2022, 2023], SERIES, "历年申请情况")
    assert svg == chart.svg([2021, 2022, 2023], SERIES, "历年申请情况")
    assert ">历年申请情况</text>" in svg and ">2022年</text>" in svg and ">收到申请</text>" in svg
    assert svg.count("<polyline") == 3  # the blank 2022 value breaks the second line in two
    assert "予以公开：2021年23，2022年无数据，2023年40" in svg


def test_chart_tikz_escapes_labels() -> None:
    tikz = chart.tikz([2021], [chart.Series("费用_100%&{x}", (Decimal(1),))], "标题#1")
    assert r"费用\_100\%\&\{x\}" in tikz and r"标题\#1" in tikz
    assert tikz.startswith(r"\begin{center}") and r"\begin{tikzpicture}" in tikz


def test_format_change_labels_get_their_own_line_under_the_title() -> None:
    marks = [chart.Mark(1, "※1 2022年起")]
    svg = chart.svg([2021, 2022, 2023], SERIES, "历年申请情况", marks)
    title_y = float(re.search(r'y="([\d.]+)"[^>]*>历年申请情况<', svg)[1])
    mark_y = float(re.search(r'y="([\d.]+)"[^>]*>※1 2022年起<', svg)[1])
    assert mark_y - title_y >= 14 + 11  # a 14-unit title, then the 11-unit label, without overlap
    highest = chart.geometry([2021, 2022, 2023], SERIES, marks=True).y(60)
    assert highest > mark_y  # the plot starts below the labels
    assert chart.geometry([2021, 2022, 2023], SERIES).y(60) < highest  # without marks it keeps the room


@pytest.mark.parametrize(("top", "step"), [(60, 20.0), (9, 2.0), (3119, 1000.0), (0.5, 0.1), (0, 1.0)])
def test_chart_axis_steps(top: float, step: float) -> None:
    assert chart.nice_step(top) == pytest.approx(step)
