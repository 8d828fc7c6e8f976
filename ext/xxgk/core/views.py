"""What the multi-report views show: compare, trend, aggregate, and a report's key figures.

Each view model is computed here from the reports a ``Reports`` library holds, and raises
``LookupProblem`` (or ``SelectorError``) with the author's message when the page asks for
something that does not exist. The page checks (``page_findings``) call the same functions to
validate a view, and the Sphinx layer calls them to draw it, so both see the same problems.
Nothing here imports Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from . import chart
from .compute import aggregate
from .concepts import Concept, boundaries, find_concept, trend_target
from .entries import BREAKDOWN_KEYS
from .formats import Table, load_breakdown
from .layout import Grid, GridCell, table_grid
from .report import Evaluated, LookupProblem, no_breakdown
from .role_values import figure, unit_of
from .wording import fmt_number
from .years import Key, change_pct, parse_year_ref, signed

VIEWS = ("compare", "trend", "aggregate", "reports")


class Reports(Protocol):
    """Every report of the project, by (body, year), and which page holds each."""

    def report(self, key: Key) -> Evaluated | None: ...

    def owner(self, key: Key) -> str | None: ...

    def years_of(self, body: str) -> list[int]: ...

    def bodies(self) -> list[str]: ...

    def same_year(self, year: int) -> list[tuple[str, str]]:
        """(body, page) of every report of ``year``, by body."""
        ...


def words(text: str) -> list[str]:
    """``:labels:`` / ``:bodies:`` lists: separated by spaces, commas or 、."""
    return [w for w in re.split(r"[\s,，、;；]+", text) if w]


def _head(*labels: str) -> list[GridCell]:
    return [GridCell(label, "colhead", scope="col") for label in labels]


def _num(text: str) -> GridCell:
    return GridCell(text, "num", classes=["xxgk-num"])


def safe_figure(ev: Evaluated, path: str) -> Decimal | None:
    """A figure by path or concept name; None where this report does not hold it."""
    try:
        return figure(ev, path)
    except LookupProblem:
        return None


# -- compare -------------------------------------------------------------------


def _items(table: Table, column: str) -> list[tuple[str, str, str]]:
    """(label, row id, column id) of the cells compared, in official order."""
    if table.layout == "blocks":
        return [
            (f"{r.label}：{c.label}", r.id, c.id)
            for block in table.blocks
            for r in block.rows
            for c in block.columns
        ]
    leaves = table.leaf_columns()
    col = table.column(column) if column else leaves[-1]
    if col is None:
        names = "、".join(c.id for c in leaves)
        raise LookupProblem(f"“{table.id}”表没有“{column}”列；可用的列有：{names}")
    return [(r.label, r.id, col.id) for r in table.leaf_rows()]


def _change(before: Decimal | None, after: Decimal | None) -> tuple[str, str]:
    """(+3, +37.5%) / (-2, -20.0%) / (0, 0.0%); the rate is "—" when last year was 0."""
    if before is None or after is None:
        return "", ""
    diff = after - before
    pct = change_pct(after, before)
    if pct is None:
        return signed(diff), "—" if diff else ""
    return signed(diff), f"{'-' if diff < 0 else '+' if diff > 0 else ''}{pct}%"


def compare_grid(ev: Evaluated, other: Evaluated, target: str, column: str) -> Grid:
    """``xxgk:compare``: a table (or a breakdown) of this year beside another year, with changes."""
    y0, y1 = other.meta.year, ev.meta.year
    rows = [_head("项目", f"{y0}年度", f"{y1}年度", "增减", "增减幅度")]
    parts = target.split(".", 1)
    if parts[0] in BREAKDOWN_KEYS and len(parts) == 2:
        now, then = ev.figures.breakdowns.get(parts[1]), other.figures.breakdowns.get(parts[1])
        if now is None:
            raise LookupProblem(no_breakdown(ev, parts[1]))
        names = [n for n, _, _ in now.items]
        if then is not None:
            names += [n for n, _, _ in then.items if n not in names]
        total = load_breakdown().total_label
        pairs = [(n, f"{target}.{n}") for n in [*names, total]]
        cells = [(label, safe_figure(other, path), safe_figure(ev, path)) for label, path in pairs]
    else:
        table = ev.format.table(target)
        if table is None:
            names = "、".join(t.id for t in ev.format.tables)
            raise LookupProblem(f"“{target}”不是表格名" + (f"；可用的表格有：{names}" if names else ""))
        if not ev.figures.has_table(table.id):
            raise LookupProblem(f"本页数据中没有“{table.id}”表的数字")
        cells = [
            (label, safe_figure(other, f"{table.id}.{r}.{c}"), safe_figure(ev, f"{table.id}.{r}.{c}"))
            for label, r, c in _items(table, column)
        ]
    for label, before, after in cells:
        rows.append(
            [
                GridCell(label, "rowhead", scope="row"),
                _num(fmt_number(before)),
                _num(fmt_number(after)),
                *(_num(text) for text in _change(before, after)),
            ]
        )
    return Grid(5, 1, rows, [12, 4, 4, 4, 4])


def compare_year(options: Mapping[str, str]) -> str:
    """The year selector of ``xxgk:compare`` (``:year:``, default the previous year)."""
    return (options.get("year") or "prev").strip().lstrip("@") or "prev"


# -- trend ---------------------------------------------------------------------


def _label(path: str) -> str:
    concept = find_concept(path) if "." not in path else None
    if concept is not None:
        return concept.label
    parts = path.split(".")
    if parts[0] in BREAKDOWN_KEYS:
        return parts[-1]
    return "·".join(parts[1:]) if len(parts) > 1 else path


@dataclass
class Trend:
    """``xxgk:trend``: the years, one series per figure, the table and the chart's marks."""

    body: str
    years: list[int]
    series: list[chart.Series]
    grid: Grid
    marks: list[chart.Mark] = field(default_factory=list)
    docnames: list[str | None] = field(default_factory=list)


def trend(
    reports: Reports,
    own: Evaluated | None,
    key: Key | None,
    paths: list[str],
    options: Mapping[str, str],
) -> Trend:
    body = (options.get("body") or "").strip()
    if body:
        years = reports.years_of(body)
        if not years:
            raise LookupProblem(f"找不到机构“{body}”的报告；:body: 应与报告 xxgk:report 的 :body: 一致")
    elif key is None:
        raise LookupProblem("本页没有有效的 xxgk:report，无法确定机构的历年报告；请用 :body: 指定机构")
    else:
        body = key[0]
        years = [y for y in reports.years_of(body) if y <= key[1]]
    labels = words(options.get("labels") or "") or [_label(p) for p in paths]
    if len(labels) != len(paths):
        raise LookupProblem(f":labels: 给出{len(labels)}个名称，但有{len(paths)}个数字")
    concepts: list[Concept | None] = [trend_target(path, own) for path in paths]  # unknown names fail here
    docnames = [reports.owner((body, year)) for year in years]
    evaluated = [reports.report((body, year)) for year in years]
    formats = [ev.format if ev else None for ev in evaluated]
    marks = boundaries(years, formats)
    series = []
    for label, path, concept in zip(labels, paths, concepts, strict=True):
        values = [None if ev is None else safe_figure(ev, path) for ev in evaluated]
        breaks = frozenset(b.index for b in marks if concept is not None and not b.comparable(concept))
        series.append(chart.Series(label, tuple(values), breaks))
    crosses = len({f.regime for f in formats if f is not None}) > 1
    head = ["年度", *labels] + (["报告格式"] if crosses else [])
    rows = [_head(*head)]
    mark_at = {b.index: n for n, b in enumerate(marks, start=1)}
    for i, year in enumerate(years):
        line = [GridCell(f"{year}年", "rowhead", scope="row")]
        line += [_num(fmt_number(s.values[i]) if s.values[i] is not None else "—") for s in series]
        if crosses:
            fmt = formats[i]
            text = fmt.short if fmt else "—"
            if i in mark_at:
                text += f" ※{mark_at[i]}"
            line.append(GridCell(text, "text", classes=["xxgk-format"]))
        rows.append(line)
    grid = Grid(len(head), 1, rows, [4] + [6] * len(labels) + ([7] if crosses else []))
    known = [c for c in concepts if c is not None]
    grid.notes = [f"※{n} {b.note(known)}" for n, b in enumerate(marks, start=1)]
    chart_marks = [chart.Mark(b.index, f"※{n} {b.year}年起") for n, b in enumerate(marks, start=1)]
    return Trend(body, years, series, grid, chart_marks, docnames)


# -- aggregate -------------------------------------------------------------------


@dataclass
class Aggregate:
    """``xxgk:aggregate``: one table summed over bodies, and who is in, missing or without it."""

    year: int
    table: Table
    grid: Grid
    included: list[tuple[str, str]]  # (body, docname) summed
    missing: list[str]  # bodies without a report that year
    without: list[str]  # bodies whose report has no such table


def aggregate_view(reports: Reports, key: Key | None, target: str, options: Mapping[str, str]) -> Aggregate:
    year_text = (options.get("year") or "").strip()
    if year_text:
        if not re.fullmatch(r"\d{4}", year_text):
            raise LookupProblem(f":year: 应为四位数年份，而不是“{year_text}”")
        year = int(year_text)
    elif key is not None:
        year = key[1]
    else:
        raise LookupProblem("xxgk:aggregate 需要 :year:（本页没有 xxgk:report）")
    own_body = key[0] if key else None
    bodies = words(options.get("bodies") or "") or [b for b in reports.bodies() if b != own_body]
    included: list[tuple[str, Evaluated, str]] = []
    missing = []
    for body in bodies:
        docname = reports.owner((body, year))
        ev = reports.report((body, year)) if docname else None
        if ev is None or docname is None:
            missing.append(body)
        else:
            included.append((body, ev, docname))
    if not included:
        raise LookupProblem(f"没有找到任何机关的{year}年度报告，无法汇总")
    fmt = included[0][1].format
    table = fmt.table(target)
    if table is None:
        raise LookupProblem(f"“{target}”不是表格名；可用的表格有：{'、'.join(t.id for t in fmt.tables)}")
    other_format = [b for b, ev, _ in included if ev.format.id != fmt.id]
    if other_format:
        raise LookupProblem(f"{'、'.join(other_format)}的{year}年度报告格式与其他机关不同，不能汇总")
    without = [b for b, ev, _ in included if not ev.figures.has_table(table.id)]
    summed = aggregate(fmt, [ev.figures for _, ev, _ in included if ev.figures.has_table(table.id)])
    summed_in = [(b, docname) for b, _, docname in included if b not in without]
    return Aggregate(year, table, table_grid(table, summed), summed_in, missing, without)


# -- the list of reports -----------------------------------------------------------

# by concept (formats/concepts.yaml), so free-form, 2014-table and national-format years all show theirs
KEY_FIGURES = (
    ("主动公开信息", "主动公开信息数"),
    ("收到申请", "收到申请数"),
    ("予以公开", "予以公开数"),
    ("行政复议", "行政复议数"),
    ("行政诉讼", "行政诉讼数"),
)


def key_figures(ev: Evaluated) -> str:
    """A report's key figures in a line ("收到申请3119件，予以公开1362件，…"); those it holds."""
    figures = []
    for label, concept in KEY_FIGURES:
        value = safe_figure(ev, concept)
        if value is not None:
            figures.append(f"{label}{fmt_number(value)}{unit_of(ev, concept)}")
    return "，".join(figures)


def validate(
    view: str,
    argument: str,
    options: Mapping[str, str],
    reports: Reports,
    own: Evaluated | None,
    key: Key | None,
) -> None:
    """Raise the problem a view would meet when drawn (nothing when it can be drawn)."""
    from .role_values import Context, report_at

    if view == "compare":
        ctx = Context(own, key, reports)
        other = report_at(ctx, parse_year_ref(compare_year(options)))
        compare_grid(report_at(ctx, None), other, argument, options.get("column", ""))
    elif view == "trend":
        trend(reports, own, key, argument.split(), options)
    elif view == "aggregate":
        aggregate_view(reports, key, argument, options)
