"""The official formats, as data: every table, row and column of domain.md §1.2–1.4."""

from __future__ import annotations

import pytest
from xxgk.core.formats import FORMAT_IDS, format_for_year, load_format


def test_each_year_from_2008_has_a_default_format() -> None:
    assert FORMAT_IDS == ("free", "legacy2014", "legacy2014-district", "gb2019", "gb2021")
    assert format_for_year(2007) is None  # before the 条例 took effect (2008-05-01)
    assert format_for_year(2008).id == "free"
    assert format_for_year(2013).id == "free"
    assert format_for_year(2014).id == "legacy2014"
    assert format_for_year(2018).id == "legacy2014"
    assert format_for_year(2019).id == "gb2019"
    assert format_for_year(2020).id == "gb2019"
    assert format_for_year(2021).id == "gb2021"
    assert format_for_year(2030).id == "gb2021"


@pytest.mark.parametrize(("fmt", "cells"), [("gb2019", 161), ("gb2021", 175)])
def test_table_b_has_the_official_number_of_cells(fmt: str, cells: int) -> None:
    table = load_format(fmt).table("申请")
    assert len(table.cells()) == cells  # 23×7 (2019) and 25×7 (2021)


def test_table_b_columns_group_legal_persons_without_a_printed_subtotal() -> None:
    table = load_format("gb2021").table("申请")
    leaves = [c.id for c in table.leaf_columns()]
    assert leaves == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert table.column("法人或其他组织").is_group


def test_2021_splits_other_handling_into_three_rows() -> None:
    rows19 = [r.id for r in load_format("gb2019").table("申请").leaf_rows()]
    rows21 = [r.id for r in load_format("gb2021").table("申请").leaf_rows()]
    assert "其他处理" in rows19
    assert rows21[rows21.index("逾期不补正") : rows21.index("总计")] == [
        "逾期不补正",
        "逾期未缴费",
        "其他处理其他",
    ]
    assert rows21[0] == "本年新收" and rows21[-1] == "结转下年"


def test_table_a_blocks_follow_each_version() -> None:
    a19 = load_format("gb2019").table("主动公开")
    a21 = load_format("gb2021").table("主动公开")
    assert [b.caption for b in a19.blocks] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
    ]
    assert [b.caption for b in a21.blocks][-1] == "第二十条第（八）项"
    assert [c.label for c in a21.blocks[0].columns] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert a21.blocks[3].columns[0].label == "本年收费金额（单位：万元）"
    assert a21.blocks[3].columns[0].kind == "amount"


def test_table_c_is_the_same_in_both_versions() -> None:
    c19 = load_format("gb2019").table("复议诉讼")
    c21 = load_format("gb2021").table("复议诉讼")
    assert c19.cells() == c21.cells()
    assert len(c21.cells()) == 15


@pytest.mark.parametrize("name", ["申请", "B", "表B", "收到和处理政府信息公开申请情况"])
def test_tables_are_found_by_id_alias_or_official_title(name: str) -> None:
    assert load_format("gb2021").table(name).id == "申请"


@pytest.mark.parametrize(
    ("name", "row"),
    [
        ("一、本年新收政府信息公开申请数量", "本年新收"),
        ("本年新收政府信息公开申请数量", "本年新收"),
        ("四、结转下年度继续办理", "结转下年"),
        ("（七）总计", "总计"),
        ("1.本机关不掌握相关政府信息", "不掌握"),
        ("部分公开", "部分公开"),
    ],
)
def test_rows_are_found_by_their_official_labels(name: str, row: str) -> None:
    assert load_format("gb2021").table("申请").row(name).id == row


def test_formats_declare_their_identities() -> None:
    b = load_format("gb2021").table("申请")
    assert [c.id for c in b.computed] == ["B-3", "B-2"]
    (b1,) = b.identities
    assert b1.id == "B-1" and b1.op == "="
    assert [t.name for t in b1.lhs] == ["本年新收", "上年结转"]
    assert [t.name for t in b1.rhs] == ["总计", "结转下年"]
    assert [i.id for i in load_format("gb2019").table("主动公开").identities] == ["A-1", "A-2"]
    assert [c.id for c in load_format("gb2021").table("复议诉讼").computed] == ["C-1"]


def test_cross_year_rules_are_declared_per_format() -> None:
    x21 = {i.id: i for i in load_format("gb2021").cross_year}
    assert sorted(x21) == ["X-1", "X-2"]
    assert (x21["X-1"].subtype, x21["X-1"].prev_formats) == ("carry", ("gb2019", "gb2021"))
    stock = x21["X-2"]
    assert stock.prev_formats == ("gb2021",)  # 2021's predecessor counts another concept
    assert [(t.name, t.sign, t.prev) for t in stock.rhs] == [
        ("现行有效件数", 1, True),
        ("本年制发件数", 1, False),
        ("本年废止件数", -1, False),
    ]
    assert sorted(i.id for i in load_format("gb2019").cross_year) == ["X-1", "X-3"]
