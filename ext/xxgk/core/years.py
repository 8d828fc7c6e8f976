"""Other years and other bodies: selectors, year-over-year wording, series.

A report is identified by (body, year). Role targets may name another year
with ``@``: ``申请.本年新收.总计@prev``, ``@next``, ``@2020`` or another body's
report ``@淮安市人民政府/2024``. Nothing here imports Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .wording import fmt_number

Key = tuple[str, int]  # (body, year)


@dataclass(frozen=True)
class YearRef:
    """Which report a target reads: own body unless ``body``; a year or an offset."""

    body: str | None = None
    year: int | None = None
    offset: int = 0

    def resolve(self, own: Key) -> Key:
        body = self.body if self.body is not None else own[0]
        year = self.year if self.year is not None else own[1] + self.offset
        return body, year

    @property
    def relative(self) -> bool:
        return self.body is None and self.year is None

    def describe(self) -> str:
        if self.body is not None:
            return f"{self.body}{self.year}年度报告"
        if self.year is not None:
            return f"{self.year}年度报告"
        return {-1: "上一年度报告", 1: "下一年度报告", 0: "本年度报告"}.get(
            self.offset, f"{self.offset:+d}年的报告"
        )


class SelectorError(ValueError):
    """An ``@…`` selector that names no year; the message is for the author."""


_ALIASES = {"prev": -1, "上年": -1, "上一年": -1, "next": 1, "下年": 1, "下一年": 1, "this": 0, "本年": 0}


def parse_year_ref(text: str) -> YearRef:
    """``prev`` / ``next`` / ``2020`` / ``机构名称/2020`` → YearRef."""
    text = text.strip()
    if text in _ALIASES:
        return YearRef(offset=_ALIASES[text])
    if re.fullmatch(r"\d{4}", text):
        return YearRef(year=int(text))
    match = re.fullmatch(r"(.+)/(\d{4})", text)
    if match and match.group(1).strip():
        return YearRef(body=match.group(1).strip(), year=int(match.group(2)))
    raise SelectorError(f"“@{text}”不是有效的年度：可写 @prev（上一年度）、@next、@2020 或 @机构名称/2020")


def split_target(text: str) -> tuple[str, YearRef | None, str]:
    """``PATH[@YEAR][:SPEC]`` → (path, year selector or None, spec)."""
    target, _, spec = text.partition(":")
    path, at, selector = target.partition("@")
    ref = parse_year_ref(selector) if at else None
    return path.strip(), ref, spec.strip()


def change_pct(current: Decimal, previous: Decimal) -> Decimal | None:
    """Relative change in percent, one decimal, half-up; None when last year was 0."""
    if previous == 0:
        return None
    return (abs(current - previous) * 100 / abs(previous)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def delta_text(current: Decimal, previous: Decimal | None, unit: str = "") -> str:
    """ "增加3件，增长37.5%", "减少2件，下降20.0%", "持平", "增加5件（上年为0）"."""
    if previous is None:
        return "暂无可比数据"
    diff = current - previous
    if diff == 0:
        return "持平"
    word, rate = ("增加", "增长") if diff > 0 else ("减少", "下降")
    amount = f"{word}{fmt_number(abs(diff))}{unit}"
    pct = change_pct(current, previous)
    if pct is None:
        return f"{amount}（上年为0）"
    return f"{amount}，{rate}{pct}%"


def signed(value: Decimal | None) -> str:
    """A change as printed in comparison tables: +3, -2, 0."""
    if value is None:
        return ""
    return ("+" if value > 0 else "") + fmt_number(value)
