"""Figures named in prose (roles ``val``, ``pct``, ``delta``, ``ref``), resolved against a library.

Shared by the Sphinx layer (which adapts its domain to ``Library``) and the
CLI (which reads files): the same lookups, the same Chinese messages.
Nothing here imports Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from .compute import share
from .concepts import concept_value, find_concept
from .formats import Table, load_breakdown, load_format
from .report import Evaluated, LookupProblem, lookup, lookup_share, zero_base
from .wording import fmt_number, fmt_percent
from .years import Key, SelectorError, YearRef, delta_text, split_target

if TYPE_CHECKING:
    from .shards import SiteReport

__all__ = ["Context", "Library", "LookupProblem", "SelectorError", "needs_own_report", "value_text"]


class Library(Protocol):
    """Every report of the project, by (body, year)."""

    def report(self, key: Key) -> Evaluated | None: ...


@dataclass
class Context:
    """The page a role stands on: its own report (if any) and the project's library."""

    own: Evaluated | None
    key: Key | None
    library: Library


def report_at(ctx: Context, ref: YearRef | None) -> Evaluated:
    """The report a selector names (the page's own without one)."""
    if ref is None or (ref.relative and ref.offset == 0):
        if ctx.own is None:
            raise LookupProblem("本页没有有效的 xxgk:report，无法取数")
        return ctx.own
    if ref.relative and ctx.key is None:
        raise LookupProblem("本页没有有效的 xxgk:report，无法确定“上一年度”等相对年度")
    key = ref.resolve(ctx.key or ("", 0))
    ev = ctx.library.report(key)
    if ev is None:
        raise LookupProblem(f"未找到{key[0]}{key[1]}年度报告（{ref.describe()}），无法引用其数字或链接")
    return ev


def split_share(target: str) -> list[str]:
    """``A/B`` → [A, B], leaving ``@机构/2020`` selectors intact."""
    return re.split(r"/(?!\d{4}(?:$|[:@/]))", target, maxsplit=1)


def needs_own_report(kind: str, target: str) -> bool:
    """Does a role need the page's own report (not only other bodies' reports)?"""
    if kind == "ref":
        return False
    if kind in ("val", "pct"):
        try:
            refs = [split_target(half)[1] for half in split_share(target.partition(":")[0])]
        except SelectorError:
            return True
        return not all(ref is not None and ref.body is not None for ref in refs)
    return True


def figure(ev: Evaluated, path: str) -> Decimal | None:
    """A figure by ``表.行.列`` path, or by concept name (``收到申请数``) in any format."""
    if "." in path:
        return lookup(ev, path)
    concept = find_concept(path)
    if concept is None:
        raise LookupProblem(
            f"“{path}”应写成“表.行.列”（如 申请.本年新收.总计），或跨格式指标名（如 收到申请数）"
        )
    if not concept.paths(ev.format):
        raise LookupProblem(f"{ev.meta.year}年度报告的格式（{ev.format.name}）中没有“{concept.label}”")
    return concept_value(concept, ev)


def unit_of(ev: Evaluated, path: str) -> str:
    """The unit of a figure (件, 万元), from its format."""
    if "." not in path:
        concept = find_concept(path)
        return concept.unit if concept else ""
    parts = path.split(".")
    table = ev.format.table(parts[0])
    if table is None:
        return ""
    row = table.row(parts[1]) if len(parts) >= 2 else None
    first = row.leaves()[0].id if row else None
    if len(parts) >= 3:
        col = table.column(parts[2], first)
        if col is not None:
            return col.unit or table.unit
    elif row is not None and len(cols := table.leaf_columns(first)) == 1:
        return cols[0].unit or table.unit
    return table.unit


def _pct(ctx: Context, target: str) -> str:
    target, _, spec = target.partition(":")
    if spec:
        raise LookupProblem("占比固定保留一位小数，xxgk:pct 不接受格式说明")
    halves = split_share(target)
    if len(halves) == 2:
        (part_path, part_ref, _), (base_path, base_ref, _) = (split_target(h) for h in halves)
        part = lookup(report_at(ctx, part_ref), part_path)
        base = lookup(report_at(ctx, base_ref), base_path)
        if base == 0:
            raise LookupProblem(zero_base(target))
        value = share(part, base, load_breakdown().share_decimals)
    else:
        path, ref, _ = split_target(target)
        value = lookup_share(report_at(ctx, ref), path)
    if value is None:
        raise LookupProblem(f"“{target}”含空白（未填写）的数字，无法计算占比")
    return fmt_percent(value)


def _delta(ctx: Context, target: str) -> tuple[str, str]:
    path, ref, unit = split_target(target)
    if ref is not None:
        raise LookupProblem("xxgk:delta 总是与上一年度比较，不能指定年度；要引用其他年度的数字请用 xxgk:val")
    ev = report_at(ctx, None)
    current = figure(ev, path)
    if current is None:
        raise LookupProblem(f"“{path}”是空白（未填写），无法与上年比较")
    note, suffix = "", ""
    try:
        before = report_at(ctx, YearRef(offset=-1))
        previous = figure(before, path)
        concept = find_concept(path) if "." not in path else None
        caveat = concept.caveat(before.format.regime, ev.format.regime) if concept else None
        if caveat is not None and not caveat.comparable and previous is not None:
            suffix = "（前后统计口径不同，仅供参考）"
    except LookupProblem as exc:
        note, previous = f"{exc}；“较上年”写作“暂无可比数据”", None
    return delta_text(current, previous, unit or unit_of(ev, path)) + suffix, note


def value_text(ctx: Context, kind: str, target: str) -> tuple[str, str]:
    """Text of a ``val``/``pct``/``delta`` role, and a quiet note (or "").

    Raises LookupProblem / SelectorError / SpecError with the author's message.
    """
    if kind == "pct":
        return _pct(ctx, target), ""
    if kind == "delta":
        return _delta(ctx, target)
    path, ref, spec = split_target(target)
    value = figure(report_at(ctx, ref), path)
    if value is None:
        raise LookupProblem(f"“{path}”是空白（未填写），无法在正文中引用；请在数据中填写该数字")
    return fmt_number(value, spec), ""


_EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)


def split_ref(text: str) -> tuple[str, str]:
    """``文字 <@prev>`` → (文字, @prev); ``@prev`` → ("", @prev)."""
    match = _EXPLICIT.match(text)
    return (match.group(1).strip(), match.group(2).strip()) if match else ("", text.strip())


def ref_target(ctx: Context, target: str) -> tuple[Evaluated, Table | None, str]:
    """The report (and table) a ``ref`` role links to, and its default link text."""
    path, ref, _ = split_target(target)
    if ref is None:
        raise LookupProblem(f"“{target}”缺少年度：xxgk:ref 写作 @prev、@2020 或 申请@prev")
    ev = report_at(ctx, ref)
    text = f"{ev.meta.year}年度报告"
    if ref.body is not None:
        text = f"{ev.meta.body}{text}"
    if not path:
        return ev, None, text
    table = ev.format.table(path)
    if table is None:
        names = "、".join(t.id for t in ev.format.tables)
        raise LookupProblem(f"“{path}”不是表格名；可链接的表格有：{names}")
    return ev, table, f"{ev.meta.year}年度“{table.title}”表"


def not_shown(report: str, table: str) -> str:
    """A link to a table that the report's page does not show."""
    return f"{report}年度报告页中没有显示“{table}”表，无法链接"


def elsewhere_target(
    ctx: Context, target: str, find: Callable[[Key], SiteReport | None]
) -> tuple[SiteReport, str | None, str] | None:
    """A ``ref`` to a report that another shard of the site builds: (it, anchor, text); None
    when the report is in this build (or nowhere). A table is linked only where its page shows it."""
    path, ref, _ = split_target(target)
    if ref is None or (ref.relative and ctx.key is None) or (ref.relative and ref.offset == 0):
        return None
    key = ref.resolve(ctx.key or ("", 0))
    if ctx.library.report(key) is not None:
        return None
    found = find(key)
    if found is None:
        return None
    text = f"{found.year}年度报告" if ref.body is None else f"{found.body}{found.year}年度报告"
    if not path:
        return found, None, text
    table = load_format(found.format).table(path) if found.format else None
    if table is None or table.id not in found.tables:
        raise LookupProblem(not_shown(f"{found.body}{found.year}", path))
    return found, f"xxgk-{table.anchor}", f"{found.year}年度“{table.title}”表"


def elsewhere_problem(ctx: Context, target: str, find: Callable[[Key], SiteReport | None]) -> str | None:
    """Why a figure of another shard's report cannot be read (None when that is not the case)."""
    for selector in re.findall(r"@[^:/@]+/\d{4}|@[^:@]+", target):
        try:
            _, ref, _ = split_target(selector)
        except SelectorError:
            continue
        if ref is None or (ref.relative and ctx.key is None):
            continue
        key = ref.resolve(ctx.key or ("", 0))
        found = find(key) if ctx.library.report(key) is None else None
        if found is not None:
            return (
                f"{found.body}{found.year}年度报告在本站的另一分片（{found.shard}）中构建，"
                "分片之间只能用 xxgk:ref 链接，不能读取其中的数字；请在本机关报告中写明所引用的数字"
            )
    return None


class Shows(Protocol):
    def shows(self, key: Key, table_id: str) -> bool: ...


def link_target(ctx: Context, target: str, pages: Shows) -> tuple[Evaluated, Table | None, str]:
    """``ref_target``, checked to land: a table is linked only where its page shows it."""
    ev, table, text = ref_target(ctx, target)
    if table is not None and not (
        ev.figures.has_table(table.id) and pages.shows((ev.meta.body, ev.meta.year), table.id)
    ):
        raise LookupProblem(not_shown(str(ev.meta.year), table.id))
    return ev, table, text
