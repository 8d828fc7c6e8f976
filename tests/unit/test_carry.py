"""xxgk carry: the figures copied from last year follow it, and nothing else of the page changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from xxgk.cli.carry import carry_plan, copied_figures
from xxgk.cli.pages import read_page

from .helpers import report

LAST_YEAR = "申请:\n  本年新收: {自然人: 9}\n  予以公开: {自然人: 5}\n  结转下年: {自然人: 4, 商业企业: 1}\n"


def plan_for(tmp_path: Path, data: str):
    page = tmp_path / "2024.md"
    text = (
        "# 示例街道办事处（示例）2024年报告\n\n"
        "```{xxgk:report}\n:body: 示例街道办事处（示例）\n:year: 2024\n```\n\n"
        f"```{{xxgk:data}}\n{data}```\n\n正文。\n"
    )
    page.write_text(text, encoding="utf-8")
    source = read_page(page, tmp_path)
    (block,) = source.xxgk("data")
    this = report(block.body, 2024, first_line=block.body_line)
    return text, carry_plan(text, source, this, report(LAST_YEAR, 2023))


@pytest.mark.parametrize(
    ("written", "carried"),
    [
        # a row by name on one line: the number changes, the missing column joins the braces
        ("  上年结转: {自然人: 3}  # 按年报\n", "  上年结转: {自然人: 4, 商业企业: 1}  # 按年报\n"),
        # a row in official column order
        ("  上年结转: [3, 0, 0, 0, 0, 0]\n", "  上年结转: [4, 1, 0, 0, 0, 0]\n"),
        # a row as a block, with the user's comment between its lines
        (
            "  上年结转:\n    自然人: 3\n    # 商业企业去年漏填\n",
            "  上年结转:\n    自然人: 4\n    商业企业: 1\n    # 商业企业去年漏填\n",
        ),
        # a blank written as ~ is filled in; quotes are kept
        ('  上年结转: {自然人: "3", 商业企业: ~}\n', '  上年结转: {自然人: "4", 商业企业: 1}\n'),
    ],
)
def test_only_the_copied_numbers_change(tmp_path: Path, written: str, carried: str) -> None:
    data = "# 本年数字\n申请:\n  本年新收: {自然人: 10}\n" + written + "  予以公开: {自然人: 8}\n"
    text, plan = plan_for(tmp_path, data)
    assert plan.text == text.replace(written, carried)
    assert [(c.cell[2], c.new) for c in sorted(plan.changes, key=lambda c: c.cell[2])] == [
        ("商业企业", 1),
        ("自然人", 4),
    ]
    assert plan.manual == []


def test_windows_line_ends_are_kept(tmp_path: Path) -> None:
    data = "申请:\n  本年新收: {自然人: 10}\n  上年结转:\n    自然人: 3\n"
    text, _ = plan_for(tmp_path, data)
    page = tmp_path / "2024.md"
    page.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    source = read_page(page, tmp_path)
    (block,) = source.xxgk("data")
    this = report(block.body, 2024, first_line=block.body_line)
    plan = carry_plan(page.read_bytes().decode("utf-8"), source, this, report(LAST_YEAR, 2023))
    expected = text.replace("    自然人: 3\n", "    自然人: 4\n    商业企业: 1\n").replace("\n", "\r\n")
    assert plan.text == expected


def test_a_page_that_already_agrees_is_left_as_it_is(tmp_path: Path) -> None:
    data = "申请:\n  上年结转: {自然人: 4, 商业企业: 1}  # 已核对\n  本年新收: {自然人: 1}\n"
    text, plan = plan_for(tmp_path, data)
    assert plan.text == text and plan.changes == [] and plan.manual == []


def test_a_row_not_written_at_all_is_left_to_the_user(tmp_path: Path) -> None:
    text, plan = plan_for(tmp_path, "申请:\n  本年新收: {自然人: 1}\n")
    assert plan.text == text and plan.changes == []
    assert sorted(todo for _, todo in plan.manual) == [
        "申请.上年结转.商业企业 应为 1（本年“上年结转”应等于上一年度报告的“结转下年度继续办理”），"
        "数据块中没有这一格，请手工填写",
        "申请.上年结转.自然人 应为 4（本年“上年结转”应等于上一年度报告的“结转下年度继续办理”），"
        "数据块中没有这一格，请手工填写",
    ]


def test_the_2019_formats_item_counts_follow_last_year_too() -> None:
    last_year = report("主动公开:\n  行政许可: {上一年项目数量: 10, 本年增减: 2}\n", 2019)
    this_year = report("主动公开:\n  行政许可: {上一年项目数量: 11, 本年增减: 0}\n", 2020)
    figures = copied_figures(this_year, last_year)
    value, rule = figures[("主动公开", "行政许可", "上一年项目数量")]
    assert (value, rule.id) == (12, "X-3")  # 10 + 2
    # the 2021 stock rule also adds this year's figures: which one is wrong is for the staff to say
    gb2021 = report("主动公开:\n  规章: [1, 0, 5]\n", 2022)
    assert copied_figures(gb2021, report("主动公开:\n  规章: [0, 0, 3]\n", 2021)) == {}
