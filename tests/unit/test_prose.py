"""The evaluator's checks, on real phrasings (../shared/real_reports, the seed) and on silence."""

from __future__ import annotations

from pathlib import Path

import pytest
from xxgk.cli.pages import read_page
from xxgk.core.page_checks import (
    ROLE_MARK,
    Paragraph,
    check_blanks,
    check_copy,
    check_figures,
    check_fitness,
    check_timeliness,
    check_years,
)
from xxgk.core.parse import parse_data_block
from xxgk.core.report import Evaluated, evaluate, parse_meta

from .helpers import report

ROOT = Path(__file__).resolve().parents[2]

# the published prose of the Huai'an 2024 report (real_reports/huaian_szf_2024.txt), figures typed by hand
HUAIAN = (
    "2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复），"
    "均在法定期限内予以答复。政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，"
    "尚未审结37件；政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件。"
)
SEED_SHARES = (
    "全年累计主动公开政府信息55条。其中：“机构设置”信息1 条，占总体百分比为1.8 %；“工作信息”信息 15 条，"
    "占总体百分比为27.3 %；“为您服务”8 条，占总体百分比为14.8 %；“通知公告”信息 11 条，占总体百分比为20 %。"
)


def huaian() -> Evaluated:
    page = read_page(ROOT / "reports" / "huaian-szf" / "2024.md", ROOT)
    meta, _ = parse_meta(page.xxgk("report")[0].options, 3)
    block = page.xxgk("data")[0]
    return evaluate(meta, parse_data_block(block.body, block.body_line).entries)


def seed() -> Evaluated:
    return report(
        "分类:\n  主动公开信息: {机构设置: 1, 工作信息: 15, 为您服务: 8, 通知公告: 11, 其他: 20}\n", year=2019
    )


def test_published_huaian_prose_agrees_with_its_tables() -> None:
    assert check_figures(huaian(), [Paragraph(HUAIAN, 40)]) == []


@pytest.mark.parametrize(
    ("typed", "path", "value"),
    [
        ("受理政府信息公开申请3120件", "申请.本年新收.总计", "3119"),
        ("答复3049件", "申请.总计.总计", "3050"),
        ("含上年度结转申请35件", "申请.上年结转.总计", "34"),
        ("另有13件顺延到下年度", "申请.结转下年.总计", "103"),
        ("行政复议350件", "复议诉讼.行政复议.总计", "351"),
        ("其中结果维持25件，结果纠正6件", "复议诉讼.行政诉讼.结果纠正", "5"),
    ],
)
def test_a_typed_figure_that_contradicts_the_data(typed: str, path: str, value: str) -> None:
    original = {
        "受理政府信息公开申请3120件": "受理政府信息公开申请3119件",
        "答复3049件": "答复3050件",
        "含上年度结转申请35件": "含上年度结转申请34件",
        "另有13件顺延到下年度": "另有103件顺延到下年度",
        "行政复议350件": "行政复议351件",
        "其中结果维持25件，结果纠正6件": "其中结果维持25件，结果纠正5件",
    }[typed]
    (finding,) = check_figures(huaian(), [Paragraph(HUAIAN.replace(original, typed), 40)])
    assert (finding.subtype, finding.line) == ("prose", 40)
    assert f"但数据中 {path} 为 {value}" in finding.message


def test_seed_share_that_is_wrong_is_flagged_and_rounding_is_not() -> None:
    (finding,) = check_figures(seed(), [Paragraph(SEED_SHARES, 48)])
    assert "“为您服务”8条，占总体百分比为14.8%" in finding.message
    assert "按数据 8 ÷ 55 应为 14.5%" in finding.message
    assert check_figures(seed(), [Paragraph(SEED_SHARES.replace("14.8", "14.5"), 48)]) == []


def test_figures_printed_by_roles_are_not_checked() -> None:
    text = f"全年共收到政府信息公开申请{ROLE_MARK}件，予以公开{ROLE_MARK}件，占{ROLE_MARK}。"
    assert check_figures(huaian(), [Paragraph(text, 1)]) == []


def test_disclosed_share_against_either_base() -> None:
    ev = report("申请:\n  本年新收: {自然人: 12}\n  予以公开: {自然人: 5}\n  不掌握: {自然人: 7}\n")
    assert check_figures(ev, [Paragraph("予以公开5件，占41.7%。", 1)]) == []
    (finding,) = check_figures(ev, [Paragraph("予以公开5件，占45%。", 1)])
    assert "应为 41.7%" in finding.message


def test_shares_of_a_whole_breakdown_must_add_up() -> None:
    ev = report("分类:\n  主动公开信息: {机构设置: 1, 工作信息: 1, 通知公告: 2}\n", year=2019)
    text = "“机构设置”1条，占25%；“工作信息”1条，占30%；“通知公告”2条，占50%。"
    subtypes = [f.subtype for f in check_figures(ev, [Paragraph(text, 9)])]
    assert "shares" in subtypes


@pytest.mark.parametrize(
    "sentence",
    [
        "结合本地实际，不断纵深发展，2018年政府信息公开工作取得新进展。",  # the seed
        "进一步巩固2016年政府信息公开工作成果。",  # the seed
        "2017年，我办坚持以习近平新时代中国特色社会主义思想为指导。",
    ],
)
def test_stale_years_are_flagged(sentence: str) -> None:
    (finding,) = check_years(2019, [Paragraph(sentence, 12)])
    assert finding.subtype == "year" and finding.line == 12
    assert "而本报告为2019年度" in finding.message


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年，我市坚持以习近平新时代中国特色社会主义思想为指导。",  # Huai'an
        "在省办2024年四个季度政务新媒体检查抽查中，合格率均为100%。",  # Huai'an
        "报告所列统计期限自2024年1月1日至2024年12月31日。",  # Huai'an
        "收到申请120件，较2023年增长20%。",
        "认真落实《2023年政务公开工作要点》。",
        "新修订的条例自2019年5月15日起施行。",
        "2016年以来，累计公开文件300件。",
        "2022年收到申请10件。",
        "2025年将进一步提升政策解读质量。",
    ],
)
def test_legitimate_years_are_silent(sentence: str) -> None:
    assert check_years(2024, [Paragraph(sentence, 1)]) == []


def test_wrong_statistical_period_and_title() -> None:
    (period,) = check_years(2024, [Paragraph("报告所列统计期限自2023年1月1日至2023年12月31日。", 5)])
    assert "应为“2024年1月1日至2024年12月31日”" in period.message
    (title,) = check_years(2024, [], ("某某局2023年政府信息公开工作年度报告", 1))
    assert title.line == 1 and "标题中的“2023年”" in title.message


def test_copy_from_last_year() -> None:
    last = [Paragraph("政务公开宣传范围局限，收效甚浅。适合村、组农村群众查阅政府信息的形式较少。" * 3, 1)]
    same = [Paragraph(last[0].text, 20)]
    (finding,) = check_copy(same, last, (2020, 2019))
    assert finding.subtype == "copy" and finding.line == 20
    assert "本报告正文有100%与2019年度报告相同" in finding.message
    rewritten = [Paragraph("本年度新建村级公开栏十二个，群众可以就近查阅各类政府信息，收效明显。" * 3, 20)]
    assert check_copy(rewritten, last, (2020, 2019)) == []


def test_sentences_whose_figures_come_from_the_data_are_not_copies() -> None:
    template = f"全年共收到政府信息公开申请{ROLE_MARK}件，较上年{ROLE_MARK}；予以公开{ROLE_MARK}件。" * 6
    assert check_copy([Paragraph(template, 2)], [Paragraph(template, 2)], (2024, 2023)) == []


def test_sections_and_tables_required_by_the_format() -> None:
    ev = report("申请:\n  本年新收: {自然人: 1}\n  予以公开: {自然人: 1}\n")
    headings = [
        (1, "某局2021年报告", 1),
        (2, "一、总体情况", 5),
        (2, "三、收到和处理政府信息公开申请情况", 9),
    ]
    findings = check_fitness(ev, headings, ["申请"], 3)
    assert [f.subtype for f in findings] == ["fitness"] * 3
    assert "缺少“二、主动公开政府信息情况”“四、" in findings[0].message
    assert "没有显示“主动公开政府信息情况”表" in findings[1].message
    swapped = [(2, "二、主动公开政府信息情况", 1), (2, "一、总体情况", 2)]
    assert any("顺序不对" in f.message for f in check_fitness(ev, swapped, [], 3))


@pytest.mark.parametrize(
    ("year", "data", "named"),
    [
        (2020, "申请:\n  逾期不补正: {自然人: 1}\n", "〔2021〕30号，适用于2021年度及以后）中的行"),
        (2021, "主动公开:\n  规章: {上一年项目数量: 1}\n", "〔2019〕60号，适用于2019—2020年度）中的列"),
    ],
)
def test_the_other_national_formats_rows_and_columns(year: int, data: str, named: str) -> None:
    (finding,) = report(data, year=year).findings
    assert finding.subtype == "format" and finding.line == 2 and named in finding.message
    assert "本报告的格式中没有" in finding.message


@pytest.mark.parametrize(
    ("body", "published", "late"),
    [
        ("某市财政局", "2025-01-31", False),
        ("某市财政局", "2025-02-01", True),
        ("某市人民政府", "2025-03-31", False),
        ("某市人民政府", "2025-04-01", True),
        ("某市财政局", "2024-12-30", True),
    ],
)
def test_publication_deadlines(body: str, published: str, late: bool) -> None:
    findings = check_timeliness(body, 2024, published, 4)
    assert bool(findings) is late
    assert all(f.subtype == "late" and f.line == 4 for f in findings)


def test_local_deadlines_are_configurable() -> None:
    assert check_timeliness("某市财政局", 2024, "2025-02-15", 4, {"部门": "02-20"}) == []


def test_blank_cells_reported_once_per_table() -> None:
    ev = report("申请:\n  本年新收: {自然人: ~, 商业企业: ~}\n  予以公开: {自然人: 0}\n")
    (finding,) = check_blanks(ev)
    assert finding.subtype == "blank" and finding.line == 2
    assert "“申请”表有2个单元格留空" in finding.message


def test_preamble_promises_parts_the_body_lacks() -> None:
    from xxgk.core.page_checks import check_promises

    preamble = Paragraph(
        "全文包括概述，政府信息主动公开情况，政府信息依申请公开情况，咨询情况，"
        "因政府信息公开工作引起举报、投诉和行政复议、行政诉讼情况以及存在问题和整改措施，并附指标统计表。",
        30,
    )  # the seed
    headings = [(2, "一、概述", 34), (2, "二、政府信息主动公开情况", 50), (2, "三、存在问题及整改措施", 60)]
    (finding,) = check_promises([preamble], headings)
    assert finding.subtype == "fitness" and finding.line == 30
    assert "“政府信息依申请公开情况”“咨询情况”" in finding.message and "“指标统计表”" in finding.message
    kept = [*headings, (2, "四、政府信息依申请公开情况", 70), (2, "五、咨询情况", 80)]
    kept += [(2, "六、举报、投诉和行政复议、行政诉讼情况", 90), (2, "附：指标统计表", 99)]
    assert check_promises([preamble], kept) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "按要求公开2018年部门决算和2019年部门预算。",  # last year's accounts, published this year
        "在2018年度全省政务公开考核中获评优秀等次。",  # an assessment of last year
        "发布《2018年国民经济和社会发展统计公报》。",
        "按照《关于做好2018年政务公开工作的通知》（闽政办〔2018〕157号）要求。",
        "较2017年增长12%，较2016年增长20%。",  # a comparison with any earlier year
        "与2017年相比，依申请公开数量有所下降。",
        "认真落实“十三五”规划（2016—2020年）中的各项任务。",  # a plan period, both ends
        "完成2016-2020年五年规划的全部目标。",
        "市政府门户网站于2005年开通，2015年完成改版。",  # dated events
        "本中心2012年成立以来，始终坚持公开为常态。",
        "截至2018年底，累计公开政府信息5000余条。",
        "第十一届（2012）中国政府网站绩效评估中排名第四。",
        # 硚口区 2024 (a 2019 report here): last year's proposals, their handling published this year
        "发布2018年度人大议案和代表建议、政协建议案和提案办理总体情况，公开省政协提案的答复1篇。",
    ],
)
def test_years_a_sentence_refers_to_are_silent(sentence: str) -> None:
    assert check_years(2019, [Paragraph(sentence, 1)]) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "2018年，我局认真贯彻落实《条例》，全面推进政务公开工作。",  # last year's text, pasted
        "全局上下齐心协力，推动2017年政府信息公开工作再上新台阶。",
        "进一步巩固2016年政府信息公开工作成果。",
    ],
)
def test_another_years_work_presented_as_this_years_is_flagged(sentence: str) -> None:
    assert len(check_years(2019, [Paragraph(sentence, 1)])) == 1


BODY_TEXT = (
    "本年度，我们围绕重点领域信息公开，持续推进财政预决算、重大建设项目、公共资源配置等信息的主动公开，"
    "进一步规范政府信息公开申请办理流程，建立健全依申请公开办理台账，做到件件有登记、事事有回应，"
    "及时回应社会关切，通过新闻发布会、政策吹风会、在线访谈等形式开展政策解读，提升了公众的获得感和满意度。"
)
PREAMBLE = (
    "根据《中华人民共和国政府信息公开条例》规定，编制本报告。"
    "本报告所列数据的统计期限自2023年1月1日至2023年12月31日。"
)


def test_a_report_copied_from_another_body_of_the_same_year() -> None:
    from xxgk.core.page_checks import check_copy_across, year_prose

    mine = [Paragraph(PREAMBLE, 3), Paragraph(BODY_TEXT * 2, 5)]
    year = year_prose([("甲镇人民政府", mine), ("乙镇人民政府", [Paragraph(BODY_TEXT * 2, 9)])])
    (finding,) = check_copy_across(mine, "甲镇人民政府", year, 2023)  # its own report is no copy
    assert finding.subtype == "copy" and finding.line == 5
    assert "与乙镇人民政府的2023年度报告相同" in finding.message and "相同的段落：“本年度" in finding.message


def test_the_preamble_every_report_shares_is_no_copy() -> None:
    from xxgk.core.page_checks import check_copy_across, year_prose

    mine = [Paragraph(PREAMBLE * 3, 3), Paragraph(BODY_TEXT * 2, 5)]
    theirs = [Paragraph(PREAMBLE * 3, 3), Paragraph("本镇今年的工作重点是乡村振兴领域的信息公开。" * 12, 5)]
    assert check_copy_across(mine, "甲镇人民政府", year_prose([("乙镇人民政府", theirs)]), 2023) == []


@pytest.mark.parametrize(
    ("body", "sentence", "flagged"),
    [
        ("甲街道办事处", "本镇全年主动公开政府信息120条。", True),
        ("甲街道办事处", "在镇政府网站发布通知公告20条。", True),
        ("甲镇人民政府", "本街道全年主动公开政府信息120条。", True),
        ("甲街道办事处", "本街道全年主动公开政府信息120条。", False),
        # 镇街: the district's towns and streets
        ("甲街道办事处", "配合区政府做好全区各镇街的信息公开工作。", False),
        ("甲区人民政府", "全镇街共公开信息300条。", False),
    ],
)
def test_a_report_speaking_as_another_kind_of_body(body: str, sentence: str, flagged: bool) -> None:
    from xxgk.core.page_checks import check_wrong_body

    assert bool(check_wrong_body(body, [Paragraph(sentence, 4)])) == flagged


def test_figures_printed_from_the_data_are_no_copy_of_another_body() -> None:
    """Two bodies whose sentences differ only where their figures come from the data (roles)."""
    from xxgk.core.page_checks import ROLE_MARK, check_copy_across, year_prose

    frame = f"本年度共受理政府信息公开申请{ROLE_MARK}件，予以公开{ROLE_MARK}件，" * 12
    year = year_prose([("乙镇人民政府", [Paragraph(frame, 3)])])
    assert check_copy_across([Paragraph(frame, 3)], "甲镇人民政府", year, 2023) == []


def test_a_year_of_many_reports_is_compared_in_full_only_where_passages_are_shared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A year of 300 reports: an index built once finds the reports that share passages with a
    page; only those are compared in full (text without punctuation included)."""
    import random

    from xxgk.core import page_checks

    calls: list[int] = []
    real = page_checks._shared
    monkeypatch.setattr(page_checks, "_shared", lambda *a: calls.append(1) or real(*a))
    rng = random.Random(7)
    alphabet = "政府信息公开工作年度报告本机关坚持以公开为常态不公开为例外推进决策执行管理服务结果"

    def text() -> str:
        return "".join(rng.choice(alphabet) for _ in range(2000))

    others = [(f"机关{i}", [Paragraph(text(), 1)]) for i in range(300)]
    year = page_checks.year_prose(others)  # once a year, whatever the number of pages checked
    for i in range(10):
        assert page_checks.check_copy_across([Paragraph(text(), 1)], f"新机关{i}", year, 2023) == []
    copied = [Paragraph(others[42][1][0].text, 1)]
    (finding,) = page_checks.check_copy_across(copied, "新机关", year, 2023)
    assert "机关42" in finding.message
    assert len(calls) <= 3  # not 3,300
