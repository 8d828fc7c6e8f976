"""Figures that prose states, found by the formats' own names (``core.claims``): each phrasing
family flags a contradicted figure, and a sentence that qualifies its figure stays silent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from xxgk.core.page_checks import Paragraph, check_figures

from .helpers import report

DATA = """
申请:
  本年新收: {自然人: 1423}
  上年结转: {自然人: 30}
  予以公开: {自然人: 966}
  部分公开: {自然人: 67}
  过程性信息: {自然人: 81}
  不掌握: {自然人: 182}
  重复申请: {自然人: 61}
  逾期不补正: {自然人: 96}
  结转下年: {自然人: 0}
复议诉讼:
  行政复议: {结果维持: 3, 结果纠正: 1, 其他结果: 0, 尚未审结: 2}
  直接起诉: {结果维持: 1, 结果纠正: 0, 其他结果: 0, 尚未审结: 0}
  复议后起诉: {结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 0}
"""
ALL_SHARES = (
    "其中，予以公开答复966件，占66.48%；部分公开67，占4.61%；不予公开81件，占5.57%；"
    "无法提供的182件，占12.53%；不予处理的61件，占4.20%；其他处理96件，占{last}%。"
)


def findings(sentence: str) -> list[str]:
    return [f.message for f in check_figures(report(DATA, 2022), [Paragraph(sentence, 7)])]


@pytest.mark.parametrize(
    ("wrong", "right", "cell"),
    [
        ("不予公开80件。", "不予公开81件。", "申请.不予公开.总计"),  # a group stated as a whole
        ("不予处理的16件。", "不予处理的61件。", "申请.不予处理.总计"),
        ("上年结转申请31件。", "上年结转申请30件。", "申请.上年结转.总计"),
        ("部分公开和不予公开共140件。", "部分公开和不予公开共148件。", "部分公开.总计＋申请.不予公开"),
        ("予以公开、部分公开分别为966件、60件。", "予以公开、部分公开分别为966件、67件。", "部分公开.总计"),
        # rows stated together without 共: their sum (长春市政府办公厅 2024 wrote it so)
        ("予以公开及部分公开的1000件。", "予以公开及部分公开的1033件。", "予以公开.总计＋申请.部分公开"),
        ("予以公开、部分公开10件。", "予以公开、部分公开1033件。", "予以公开.总计＋申请.部分公开"),
        ("行政复议6件，其中结果维持4件。", "行政复议6件，其中结果维持3件。", "复议诉讼.行政复议.结果维持"),
        ("行政复议6件，均已审结。", "行政诉讼1件，均已审结。", "复议诉讼.行政复议.尚未审结"),
        ("行政复议6件，无被纠错。", "行政诉讼1件，均胜诉。", "复议诉讼.行政复议.结果纠正"),
        ("未发生因政府信息公开申请行政复议的情况。", "行政复议6件。", "复议诉讼.行政复议.总计"),
        (ALL_SHARES.format(last="7.61"), ALL_SHARES.format(last="6.61"), "96 ÷ 1453"),  # a share
    ],
)
def test_each_phrasing_family_flags_a_contradiction(wrong: str, right: str, cell: str) -> None:
    assert any(cell in m for m in findings(wrong)), findings(wrong)
    assert findings(right) == []


def test_shares_of_every_outcome_add_up_to_a_hundred() -> None:
    # each share within its written precision of its own figure is not enough: all six must add up
    messages = findings(ALL_SHARES.format(last="7.61"))
    assert any("合起来应为100%" in m for m in messages)


@pytest.mark.parametrize(
    "sentence",
    [
        "自然人申请予以公开900件。",  # part of the applicants
        "2021年予以公开900件。",  # another year
        "较上年予以公开增加12件。",  # a change, not the figure
        "通过网络申请予以公开900件。",  # a channel
        "第一季度予以公开200件。",  # a period
        "予以公开3次。",  # not a count of applications
        "行政复议案件中，部分已审结。",  # a claim the table cannot decide
        "均在法定期限内答复。",
    ],
)
def test_qualified_or_ambiguous_sentences_stay_silent(sentence: str) -> None:
    assert findings(sentence) == []


HUAIAN = (Path(__file__).parents[2] / "reports" / "huaian-szf" / "2024.md").read_text(encoding="utf-8")


def huaian_findings(sentence: str) -> list[str]:
    data = re.search(r"```\{xxgk:data\}\n(.*?)\n```", HUAIAN, re.S)
    assert data is not None
    return [f.message for f in check_figures(report(data.group(1), 2024), [Paragraph(sentence, 3)])]


@pytest.mark.parametrize(
    ("wrong", "right", "cell"),
    [
        ("本年制发规章2件。", "本年制发规章1件。", "主动公开.规章.本年制发件数"),  # a column and a row
        ("行政规范性文件现行有效60件。", "现行有效行政规范性文件66件。", "行政规范性文件.现行有效件数"),
        ("行政许可447000件。", "行政许可447228件，行政处罚3985758件。", "行政许可.本年处理决定数量"),
        # amounts compared in the cell's unit
        ("行政事业性收费96171.6元。", "行政事业性收费961716000元。", "96171.6万元"),
    ],
)
def test_the_first_table_in_prose(wrong: str, right: str, cell: str) -> None:
    assert any(cell in m for m in huaian_findings(wrong)), huaian_findings(wrong)
    assert huaian_findings(right) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "办理行政许可事项120项。",  # items of a list of powers, not decisions
        "全年新增公开市政府规章1件、市政府及市政府办政策性文件11件。",  # not the table's cells
        "予以公开5个工作日内答复。",
        "全年收取政府信息公开信息处理费3940元。",
    ],
)
def test_first_table_words_that_are_not_its_cells_stay_silent(sentence: str) -> None:
    assert huaian_findings(sentence) == []


def test_a_total_whose_whole_list_adds_up_to_another_figure() -> None:
    wrong = (
        "公开各类政府信息共计3437条，包括：人事信息12条，政务动态1740条，公告公示225条，其他类信息1827条。"
    )
    assert any("相加为3804条" in m for m in findings(wrong))
    # without "其他" the list need not be whole; a list that adds up is right
    assert findings("公开信息共计100条，包括：通知公告40条，政策文件30条。") == []
    assert findings("公开信息共计100条，包括：通知公告40条，政策文件30条，其他信息30条。") == []


def test_the_2014_statistics_table_in_prose() -> None:
    """One figure a row: a row's name and its own unit (次, 篇, 人…); another unit is another thing."""
    ev = report("指标:\n  收到申请数: 12\n  新闻发布会: 3\n  培训人次: 40\n", 2016)

    def said(sentence: str) -> list[str]:
        return [f.message for f in check_figures(ev, [Paragraph(sentence, 2)])]

    assert any("指标.新闻发布会.统计数 为 3" in m for m in said("参加或举办新闻发布会总次数5次。"))
    assert said("参加或举办新闻发布会总次数3次。") == []
    assert said("举办各类培训班数2次，接受培训人员数40人次。") == []
    assert said("收到申请数12条。") == []  # 条 is not the row's 件: not this figure


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        # the form of 遂宁经开区 2021's sentence (its items shortened here): the total in one
        # sentence, its whole list in the next
        (
            "主动公开政府信息977条，超额完成全年目标任务40%。其中包括政府文件11条，重大项目信息67条，"
            "政策解读信息471条，其他信息145条。",
            "相加为694条",
        ),
        # the form of 新添镇 2022's sentence: a part larger than the total
        ("全年主动公开政务信息382条，包括政府网站35条，发布信息80条，微信公众号2443条。", "大于总数"),
    ],
)
def test_a_stated_total_and_its_parts(sentence: str, said: str) -> None:
    assert any(said in m for m in findings(sentence)), findings(sentence)


def test_figures_the_page_left_blank_are_not_judged() -> None:
    """A row the page wrote as blank (~) throughout: the prose about it is neither right nor wrong."""
    ev = report("申请:\n  本年新收: {自然人: ~, 商业企业: ~}\n  予以公开: {自然人: ~}\n", 2022)
    assert check_figures(ev, [Paragraph("本年新收政府信息公开申请数量12件，予以公开5件。", 1)]) == []
