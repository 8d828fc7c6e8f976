"""One year's report, end to end: metadata, figures, checks, lookups for prose.

``evaluate`` is the single pipeline that the Sphinx layer and the CLI share:
raw entries → figures (``entries.resolve``) → computed cells
(``compute.complete``) → identities (``checks``). Nothing here imports Sphinx.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from . import compute, identities
from .entries import BREAKDOWN_KEYS, suggest
from .entries import resolve as resolve_entries
from .formats import (
    FORMAT_IDS,
    Format,
    Table,
    format_for_year,
    load_breakdown,
    load_format,
    normalize_key,
    walk,
)
from .model import Breakdown, Figures, Finding, RawEntry, ReportMeta
from .subtypes import Subtype
from .wording import fmt_number

MISSING_REPORT = (
    "本页缺少 xxgk:report（报告年度、发布机构、格式），数据和表格无法计算；"
    "请在页首加上 ```{xxgk:report} 并填写 :body: 和 :year:"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _year(text: str, line: int | None, findings: list[Finding]) -> int | None:
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    findings.append(Finding("report", f":year: 应为四位数年份（如 2024），而不是“{text}”", line))
    return None


def _format_id(fmt_id: str, year: int, line: int | None, findings: list[Finding]) -> str:
    """The format of a year's report: as given (if it applies to the year) or the year's own."""
    if not fmt_id:
        fitting = format_for_year(year)
        if fitting is not None:
            return fitting.id
        findings.append(
            Finding(
                "format",
                f"{year}年度早于《政府信息公开条例》施行（2008年5月1日），没有年度报告格式；"
                "请检查 :year:，或用 :format: 指定（如 free）",
                line,
            )
        )
        return ""
    if fmt_id not in FORMAT_IDS:
        message = f"未知的报告格式“{fmt_id}”，可用的格式有：{'、'.join(FORMAT_IDS)}"
        findings.append(Finding("format", message, line))
        return ""
    chosen = load_format(fmt_id)
    if not chosen.applies_to(year):
        usable = [f"{f.id}（{f.basis}）" for f in map(load_format, FORMAT_IDS) if f.applies_to(year)]
        findings.append(
            Finding(
                "format",
                f"{year}年度报告不能使用 {fmt_id}（{chosen.basis}，适用于{chosen.span}）；"
                f"该年度可用：{'、'.join(usable) or '无'}",
                line,
            )
        )
    return fmt_id


def _published(text: str, line: int | None, findings: list[Finding]) -> str:
    if not text:
        return ""
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        message = f":published: 应为日期 YYYY-MM-DD（如 2025-01-20），而不是“{text}”"
        findings.append(Finding("report", message, line))
        return ""
    return text


# what a page may not exempt itself from: it would publish what reviewers did not see
UNEXEMPT = (Subtype.unsafe, Subtype.encoding, Subtype.name)


def _allow(text: str, line: int | None, findings: list[Finding]) -> tuple[str, ...]:
    allow = tuple(a.removeprefix("xxgk.") for a in re.split(r"[,，、\s]+", text) if a)
    known = [subtype.value for subtype in Subtype if subtype not in UNEXEMPT]
    unknown = [a for a in allow if a not in known]
    if unknown:
        message = f":allow: 中的“{'、'.join(unknown)}”不是检查类型；可用：{'、'.join(known)}"
        findings.append(Finding("report", message, line))
    return allow


def parse_meta(
    options: Mapping[str, str], line: int | None, default_body: str = ""
) -> tuple[ReportMeta | None, list[Finding]]:
    """Validate ``xxgk:report`` options into a ReportMeta (None when unusable)."""
    findings: list[Finding] = []
    # control characters are never part of a name or a date; they would corrupt HTML and TeX
    options = {key: _CONTROL.sub("", value or "") for key, value in options.items()}
    body = (options.get("body") or default_body).strip()
    if not body:
        findings.append(
            Finding("report", "缺少 :body:（发布机构名称），或在 conf.py 中设置 xxgk_default_body", line)
        )
    year = _year((options.get("year") or "").strip(), line, findings)
    fmt_id = (options.get("format") or "").strip()
    if year is not None:
        fmt_id = _format_id(fmt_id, year, line, findings)
    published = _published((options.get("published") or "").strip(), line, findings)
    allow = _allow(options.get("allow") or "", line, findings)
    if not body or year is None or not fmt_id:
        return None, findings
    return (
        ReportMeta(
            body=body,
            year=year,
            format=fmt_id,
            line=line,
            published=published,
            index_no=(options.get("index-no") or "").strip(),
            publisher=(options.get("publisher") or body).strip(),
            topic=(options.get("topic") or "").strip(),
            disclosure=(options.get("disclosure") or "主动公开").strip(),
            allow=allow,
        ),
        findings,
    )


@dataclass
class Evaluated:
    """A report's figures after computation, with everything found wrong."""

    meta: ReportMeta
    format: Format
    figures: Figures
    findings: list[Finding] = field(default_factory=list)


def evaluate(meta: ReportMeta, entries: Iterable[RawEntry]) -> Evaluated:
    fmt = load_format(meta.format)
    figs, findings = resolve_entries(fmt, entries)
    findings += compute.complete(fmt, figs)
    findings += identities.check_identities(fmt, figs)
    findings += _check_breakdowns(figs)
    return Evaluated(meta, fmt, figs, findings)


def _check_breakdowns(figs: Figures) -> list[Finding]:
    findings = []
    for bd in figs.breakdowns.values():
        stated = bd.stated_total
        total = bd.total()
        if stated is None or stated.value is None or total is None or stated.value == total:
            continue
        findings.append(
            Finding(
                "sum",
                f"分类“{bd.name}”的合计填写为 {fmt_number(stated.value)}，"
                f"但各类别相加为 {fmt_number(total)}；请改为 {fmt_number(total)}，或删去合计由系统计算",
                stated.line,
            )
        )
    return findings


def zero_base(target: str) -> str:
    return f"“{target}”的基数为0，无法计算占比"


def no_breakdown(ev: Evaluated, name: str) -> str:
    known = "、".join(ev.figures.breakdowns) or "（本页没有分类数据）"
    return f"本页数据中没有分类“{name}”；已有的分类：{known}"


class LookupProblem(LookupError):
    """A role target that names no figure; the message is for the author."""


def _breakdown_total_names() -> set[str]:
    return {normalize_key(a) for a in load_breakdown().total_aliases}


def lookup(ev: Evaluated, target: str, blank_as_zero: bool = False) -> Decimal | None:
    """The figure named by ``表.行.列`` (groups allowed) or ``分类.名称.类别``; a cell left
    blank is None, or 0 with ``blank_as_zero`` (for checks: evaluators count it as 0)."""
    parts = [p.strip() for p in target.split(".")]
    if len(parts) < 2 or not all(parts):
        raise LookupProblem(f"“{target}”应写成“表.行.列”，如 申请.本年新收.总计")
    head = normalize_key(parts[0])
    if head in {normalize_key(k) for k in BREAKDOWN_KEYS}:
        return _lookup_breakdown(ev, parts, target)
    table = ev.format.table(parts[0])
    if table is None:
        names = [(n, t.id) for t in ev.format.tables for n in t.names()]
        raise LookupProblem(f"“{parts[0]}”不是表格名。{suggest(parts[0], names)}")
    if not ev.figures.has_table(table.id):
        raise LookupProblem(f"本页数据中没有“{table.id}”表的数字，请先在 xxgk:data 中填写")
    row = table.row(parts[1])
    if row is None:
        nodes = [(n, r.id) for r in walk(table.rows) for n in r.names()]
        raise LookupProblem(f"“{table.id}”表没有“{parts[1]}”这一行。{suggest(parts[1], nodes)}")
    leaf_cols = table.leaf_columns(row.leaves()[0].id)
    if len(parts) == 2:
        if len(leaf_cols) != 1:
            raise LookupProblem(f"“{target}”还需指定列，如 {target}.{leaf_cols[-1].id}")
        col = leaf_cols[0]
    else:
        found = table.column(parts[2], row.leaves()[0].id)
        if found is None:
            pool = leaf_cols if table.layout == "blocks" else walk(table.columns)
            nodes = [(n, c.id) for c in pool for n in c.names()]
            raise LookupProblem(f"“{table.id}.{row.id}”没有“{parts[2]}”这一列。{suggest(parts[2], nodes)}")
        col = found
    return compute.cell_value(ev.figures, table, row.id, col.id, blank_as_zero)


def _lookup_breakdown(ev: Evaluated, parts: list[str], target: str) -> Decimal | None:
    if len(parts) != 3:
        raise LookupProblem(f"“{target}”应写成“分类.名称.类别”，如 分类.主动公开信息.工作信息")
    bd = ev.figures.breakdowns.get(parts[1])
    if bd is None:
        raise LookupProblem(no_breakdown(ev, parts[1]))
    if normalize_key(parts[2]) in _breakdown_total_names():
        return bd.total()
    for name, value, _ in bd.items:
        if normalize_key(name) == normalize_key(parts[2]):
            return value
    names = [(normalize_key(n), n) for n, _, _ in bd.items]
    raise LookupProblem(f"分类“{bd.name}”中没有“{parts[2]}”。{suggest(parts[2], names)}")


def lookup_share(ev: Evaluated, target: str) -> Decimal | None:
    """Share in percent: ``A/B`` of two figures, or a breakdown item of its total."""
    if "/" in target:
        part_t, base_t = target.split("/", 1)
        part, base = lookup(ev, part_t), lookup(ev, base_t)
    else:
        parts = [p.strip() for p in target.split(".")]
        if normalize_key(parts[0]) not in {normalize_key(k) for k in BREAKDOWN_KEYS}:
            raise LookupProblem(
                f"“{target}”需指明基数，写成“部分/基数”，如 申请.予以公开.总计/申请.总计.总计"
            )
        part = lookup(ev, target)
        base = lookup(ev, ".".join([*parts[:2], load_breakdown().total_label]))
    if base == 0:
        raise LookupProblem(zero_base(target))
    return compute.share(part, base, load_breakdown().share_decimals)


def table_target(ev: Evaluated, target: str, line: int | None = None) -> Table | Breakdown | Finding:
    """What ``xxgk:table TARGET`` shows: an official table, a breakdown, or the problem."""
    parts = target.split(".", 1)
    if normalize_key(parts[0]) in {normalize_key(k) for k in BREAKDOWN_KEYS}:
        bd = ev.figures.breakdowns.get(parts[1]) if len(parts) == 2 else None
        if bd is None:
            return Finding("missing", no_breakdown(ev, target), line)
        return bd
    table = ev.format.table(target)
    if table is None:
        names = "、".join(t.id for t in ev.format.tables)
        message = f"“{target}”不是{ev.format.name}中的表格；可用的表格有：{names}、分类.名称"
        return Finding("key", message, line)
    if not ev.figures.has_table(table.id):
        return Finding("missing", f"本页数据中没有“{table.id}”表的数字，请在 xxgk:data 中填写", line)
    return table
