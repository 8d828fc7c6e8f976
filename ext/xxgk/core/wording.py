"""Number and percentage wording for Chinese reports. Nothing here imports Sphinx."""

from __future__ import annotations

import datetime as dt
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
    try:
        return format(value, spec)
    except (ValueError, TypeError) as exc:
        raise SpecError(f"格式“{spec}”无法用于数字 {value}") from exc


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
