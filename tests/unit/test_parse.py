"""Data blocks and figures as staff type them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from xxgk.core.parse import NumberError, parse_data_block, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", Decimal(12)),
        ("0", Decimal(0)),
        ("96171.6", Decimal("96171.6")),
        ("-8", Decimal(-8)),
        ("１２", Decimal(12)),  # full-width digits are read deliberately
        ("3,119", Decimal(3119)),
        ("~", None),
        ("/", None),
        ("—", None),
        ("", None),
    ],
)
def test_numbers_as_typed(text: str, value: Decimal | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("十二", "中文数字"),
        ("251000元", "请只写数字 251000"),
        ("3,11", "不是数字"),
        ("abc", "不是数字"),
        ("1" * 16, "位数过多"),
    ],
)
def test_numbers_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(NumberError, match=message):
        parse_number(text)


def test_entries_carry_their_source_lines() -> None:
    block = parse_data_block("申请:\n  本年新收: {自然人: 8, 商业企业: 1}\n  上年结转:\n    自然人: 1\n", 20)
    assert block.findings == ()
    assert [(e.path, e.value, e.line) for e in block.entries] == [
        (("申请", "本年新收", "自然人"), Decimal(8), 21),
        (("申请", "本年新收", "商业企业"), Decimal(1), 21),
        (("申请", "上年结转", "自然人"), Decimal(1), 23),
    ]


def test_a_row_in_column_order() -> None:
    block = parse_data_block("复议诉讼:\n  行政复议: [1, 2, 0, 0]\n", 1)
    assert [e.path[-1] for e in block.entries] == ["#1/4", "#2/4", "#3/4", "#4/4"]


def test_duplicate_keys_are_rejected_not_merged() -> None:
    block = parse_data_block("申请:\n  本年新收: {自然人: 8}\n  本年新收: {自然人: 9}\n", 5)
    assert [(f.subtype, f.line) for f in block.findings] == [("duplicate", 7)]
    assert "第6行已填写" in block.findings[0].message
    assert [e.value for e in block.entries] == [Decimal(8)]


def test_yaml_aliases_are_refused() -> None:
    block = parse_data_block("a: &x {b: 1}\nc: *x\n", 1)
    assert [f.subtype for f in block.findings] == ["yaml"]
    assert "别名" in block.findings[0].message
    assert block.entries == ()


def test_yaml_syntax_error_is_located_and_explained() -> None:
    block = parse_data_block("申请:\n  本年新收: {自然人: 1\n  上年结转: {自然人: 1}\n", 10)
    (finding,) = block.findings
    assert finding.subtype == "yaml" and finding.line == 12
    assert "花括号" in finding.message


def test_tabs_and_lists_of_mappings_are_explained() -> None:
    block = parse_data_block("申请:\n  本年新收:\n    - 自然人: 1\n", 1)
    assert [f.subtype for f in block.findings] == ["yaml"]
    assert "名称: 数字" in block.findings[0].message


def test_empty_block() -> None:
    (finding,) = parse_data_block("", 3).findings
    assert finding.subtype == "yaml" and "为空" in finding.message
