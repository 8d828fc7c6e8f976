"""Number and percentage wording for Chinese reports. Nothing here imports Sphinx."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

CN_NUMERALS = "一二三四五六七八九十"  # as section numbers are written (一、 （二）)


class SpecError(ValueError):
    """A format spec that cannot format a figure."""


def fmt_number(value: Decimal | None, spec: str = "") -> str:
    """A figure as printed: as written (3119, 96171.6), or by a Python format spec.

    ``spec`` is the format-spec mini-language (``,`` for 3,119; ``.2f``); it is
    applied with ``format()``, never evaluated.
    """
    if value is None:
        return ""
    if not spec:
        if value == value.to_integral_value() and value.as_tuple().exponent >= 0:  # type: ignore[operator]
            return str(int(value))
        return str(value)
    _check_spec(spec)
    try:
        return format(value, spec)
    except (ValueError, TypeError) as exc:
        raise SpecError(f"格式“{spec}”无法用于数字 {value}") from exc


_SPEC = re.compile(
    r"(?:.?[<>=^])?[+\- ]?z?#?0?(?P<width>\d*)[,_]?(?:\.(?P<precision>\d+))?(?P<type>[a-zA-Z%]?)"
)
MAX_WIDTH = 40  # characters a figure may be padded to: a page cannot grow by megabytes
MAX_PRECISION = 10


def _check_spec(spec: str) -> None:
    match = _SPEC.fullmatch(spec)
    if match is None:
        raise SpecError(f"“{spec[:20]}”不是数字格式（如 , 表示千位分隔，.2f 表示两位小数）")
    if match["type"] == "%":
        raise SpecError(f"格式“{spec[:20]}”会把数字乘以100；占比请用 xxgk:pct")
    if len(match["width"]) > 3 or int(match["width"] or 0) > MAX_WIDTH:
        raise SpecError(f"格式“{spec[:20]}”的宽度过大（最多{MAX_WIDTH}个字符）")
    if len(match["precision"] or "") > 3 or int(match["precision"] or 0) > MAX_PRECISION:
        raise SpecError(f"格式“{spec[:20]}”的小数位数过多（最多{MAX_PRECISION}位）")


def fmt_percent(value: Decimal | None) -> str:
    """A share as printed in reports: one decimal and a percent sign (14.5%)."""
    if value is None:
        return ""
    return f"{value}%"


def chinese_date(iso: str) -> str:
    """``2025-01-20`` → ``2025年1月20日`` (empty when not a date)."""
    try:
        date = dt.date.fromisoformat(iso)
    except ValueError:
        return ""
    return f"{date.year}年{date.month}月{date.day}日"
