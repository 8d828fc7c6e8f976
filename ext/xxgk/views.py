"""Views built from several reports: compare, trend, aggregate and the report list.

Called by ``resolve`` with the page being resolved; every figure comes from
the pure core (``report.lookup``, ``compute.aggregate``, ``years``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.osutil import relative_uri
from sphinx_design.shared import create_component

from . import DATA_URL_DIR, chart
from .compute import aggregate
from .concepts import boundaries, find_concept, trend_target
from .figures import BREAKDOWN_KEYS
from .formats import Table, load_breakdown
from .layout import Grid, GridCell, table_grid
from .model import Finding
from .pdf import BOOK_NAME
from .refs import figure, unit_of
from .report import Evaluated, LookupProblem
from .site import body_slug
from .sphinx_log import warn
from .text import fmt_number
from .years import SelectorError, change_pct, parse_year_ref, signed

if TYPE_CHECKING:
    from .resolve import Page, ResolveReport


def build_view(rt: ResolveReport, node: nodes.Element, page: Page) -> list[nodes.Node]:
    builders = {"compare": _compare, "trend": _trend, "aggregate": _aggregate, "reports": _reports}
    try:
        return builders[node["view"]](rt, node, page)
    except (LookupProblem, SelectorError) as exc:
        warn(Finding("ref", str(exc), node.line), page.docname)
        return []


def _head(*labels: str) -> list[GridCell]:
    return [GridCell(label, "colhead", scope="col") for label in labels]


def _num(text: str) -> GridCell:
    return GridCell(text, "num", classes=["xxgk-num"])


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


def _compare(rt: ResolveReport, node: nodes.Element, page: Page) -> list[nodes.Node]:
    ev, _ = rt.report_at(page, None)
    other_ev, _ = rt.report_at(page, parse_year_ref(node["year"]))
    target = node["target"]
    y0, y1 = other_ev.meta.year, ev.meta.year
    rows = [_head("项目", f"{y0}年度", f"{y1}年度", "增减", "增减幅度")]
    parts = target.split(".", 1)
    if parts[0] in BREAKDOWN_KEYS and len(parts) == 2:
        now, then = ev.figures.breakdowns.get(parts[1]), other_ev.figures.breakdowns.get(parts[1])
        if now is None:
            raise LookupProblem(f"本页数据中没有分类“{parts[1]}”")
        names = [n for n, _, _ in now.items]
        if then is not None:
            names += [n for n, _, _ in then.items if n not in names]
        total = load_breakdown().total_label
        pairs = [(n, f"{target}.{n}") for n in [*names, total]]
        cells = [(label, _safe(other_ev, path), _safe(ev, path)) for label, path in pairs]
    else:
        table = ev.format.table(target)
        if table is None:
            raise LookupProblem(f"“{target}”不是表格名")
        if not ev.figures.has_table(table.id):
            raise LookupProblem(f"本页数据中没有“{table.id}”表的数字")
        cells = [
            (label, _safe(other_ev, f"{table.id}.{r}.{c}"), _safe(ev, f"{table.id}.{r}.{c}"))
            for label, r, c in _items(table, node["column"])
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
    grid = Grid(5, 1, rows, [12, 4, 4, 4, 4])
    return rt.build_table(grid, node, ["xxgk-compare"])


def _change(before: Decimal | None, after: Decimal | None) -> tuple[str, str]:
    """(+3, +37.5%) / (-2, -20.0%) / (0, 0.0%); the rate is "—" when last year was 0."""
    if before is None or after is None:
        return "", ""
    diff = after - before
    pct = change_pct(after, before)
    if pct is None:
        return signed(diff), "—" if diff else ""
    return signed(diff), f"{'-' if diff < 0 else '+' if diff > 0 else ''}{pct}%"


def _safe(ev: Evaluated, path: str) -> Decimal | None:
    """A figure by path or concept name; None where this report does not hold it."""
    try:
        return figure(ev, path)
    except LookupProblem:
        return None


# -- trend ---------------------------------------------------------------------


def _label(path: str) -> str:
    concept = find_concept(path) if "." not in path else None
    if concept is not None:
        return concept.label
    parts = path.split(".")
    if parts[0] in BREAKDOWN_KEYS:
        return parts[-1]
    return "·".join(parts[1:]) if len(parts) > 1 else path


def _trend_series(rt: ResolveReport, page: Page, node: nodes.Element) -> tuple[str, list[int]]:
    """The body and the years a trend covers: this body up to this year, or ``:body:``'s all."""
    if node["body"]:
        body = node["body"]
        years = rt.domain.years_of(body)
        if not years:
            raise LookupProblem(f"找不到机构“{body}”的报告；:body: 应与报告 xxgk:report 的 :body: 一致")
        return body, years
    if page.key is None:
        raise LookupProblem("本页没有有效的 xxgk:report，无法确定机构的历年报告；请用 :body: 指定机构")
    body, own_year = page.key
    return body, [y for y in rt.domain.years_of(body) if y <= own_year]


def _trend(rt: ResolveReport, node: nodes.Element, page: Page) -> list[nodes.Node]:
    body, years = _trend_series(rt, page, node)
    paths: list[str] = node["paths"]
    labels: list[str] = node["labels"] or [_label(p) for p in paths]
    if len(labels) != len(paths):
        raise LookupProblem(f":labels: 给出{len(labels)}个名称，但有{len(paths)}个数字")
    concepts = [trend_target(path, page.ev) for path in paths]  # unknown names fail, located here
    reports: list[Evaluated | None] = []
    for year in years:
        docname = rt.domain.docname_of((body, year))
        reports.append(rt.evaluated(docname) if docname else None)
    formats = [ev.format if ev else None for ev in reports]
    marks = boundaries(years, formats)
    series = []
    for label, path, concept in zip(labels, paths, concepts, strict=True):
        values = [None if ev is None else _safe(ev, path) for ev in reports]
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
    grid.notes = [
        f"※{n} {b.note([c for c in concepts if c is not None])}" for n, b in enumerate(marks, start=1)
    ]
    out: list[nodes.Node] = []
    title = node["title"]
    if node["chart"] == "yes":
        lines = [chart.Mark(b.index, f"※{n} {b.year}年起") for n, b in enumerate(marks, start=1)]
        out.append(nodes.raw("", chart.svg(years, series, title, lines), format="html"))
        out.append(nodes.raw("", chart.tikz(years, series, title, lines), format="latex"))
    out += rt.build_table(grid, node, ["xxgk-trend"], caption="" if node["chart"] == "yes" else title)
    container = nodes.container(classes=["xxgk-trend-view"])
    container.extend(out)
    return [container]


# -- aggregate -------------------------------------------------------------------


def _aggregate(rt: ResolveReport, node: nodes.Element, page: Page) -> list[nodes.Node]:
    year_text = node["year"]
    if year_text:
        try:
            year = int(year_text)
        except ValueError as exc:
            raise LookupProblem(f":year: 应为四位数年份，而不是“{year_text}”") from exc
    elif page.key is not None:
        year = page.key[1]
    else:
        raise LookupProblem("xxgk:aggregate 需要 :year:（本页没有 xxgk:report）")
    own_body = page.key[0] if page.key else None
    bodies = node["bodies"] or [b for b in rt.domain.bodies() if b != own_body]
    included: list[tuple[str, Evaluated, str]] = []
    missing = []
    for body in bodies:
        docname = rt.domain.docname_of((body, year))
        ev = rt.evaluated(docname) if docname else None
        if ev is None or docname is None:
            missing.append(body)
        else:
            included.append((body, ev, docname))
    if not included:
        raise LookupProblem(f"没有找到任何机关的{year}年度报告，无法汇总")
    fmt = included[0][1].format
    table = fmt.table(node["target"])
    if table is None:
        raise LookupProblem(
            f"“{node['target']}”不是表格名；可用的表格有：{'、'.join(t.id for t in fmt.tables)}"
        )
    other_format = [b for b, ev, _ in included if ev.format.id != fmt.id]
    if other_format:
        raise LookupProblem(f"{'、'.join(other_format)}的{year}年度报告格式与其他机关不同，不能汇总")
    without = [b for b, ev, _ in included if not ev.figures.has_table(table.id)]
    summed = aggregate(fmt, [ev.figures for _, ev, _ in included if ev.figures.has_table(table.id)])
    out: list[nodes.Node] = rt.build_table(table_grid(table, summed), node, ["xxgk-aggregate"])
    para = nodes.paragraph(classes=["xxgk-note"])
    summed_in = [(b, docname) for b, _, docname in included if b not in without]
    para += nodes.Text(f"纳入{year}年度汇总的机关（{len(summed_in)}个）：")
    for i, (body, docname) in enumerate(summed_in):
        if i:
            para += nodes.Text("、")
        para += rt.link(docname, None, body)
    para += nodes.Text("。")
    if missing:
        para += nodes.Text(f"缺少{year}年度报告的机关（{len(missing)}个）：{'、'.join(missing)}。")
    if without:
        para += nodes.Text(f"报告中没有“{table.id}”表的机关：{'、'.join(without)}。")
    out.append(para)
    return out


# -- the list of reports ---------------------------------------------------------

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
        value = _safe(ev, concept)
        if value is not None:
            figures.append(f"{label}{fmt_number(value)}{unit_of(ev, concept)}")
    return "，".join(figures)


def _reports(rt: ResolveReport, node: nodes.Element, page: Page) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    downloads = nodes.paragraph(classes=["xxgk-book"])
    book = rt.pdf_link(BOOK_NAME, "全部报告合订本（PDF）")
    if book is not None:
        downloads += [book, nodes.Text("　｜　")]
    downloads += nodes.Text("全部数据：")
    for i, suffix in enumerate(("json", "csv")):
        uri = relative_uri(rt.target_uri(), f"{DATA_URL_DIR}/all.{suffix}")
        downloads += [nodes.Text("、" if i else ""), nodes.reference("", suffix.upper(), refuri=uri)]
    out.append(downloads)
    prefix = node["path"]
    for body in rt.domain.bodies():
        years = [
            (year, docname)
            for year in sorted(rt.domain.years_of(body), reverse=True)
            if (docname := rt.domain.docname_of((body, year))) and docname.startswith(prefix)
        ]
        if not years:
            continue
        section = nodes.container(classes=["xxgk-body"])
        rubric = nodes.rubric()
        if rt._builder().format == "html":  # the body's own page (site.collect_body_pages)
            uri = relative_uri(rt.target_uri(), f"bodies/{body_slug(years[0][1])}.html")
            rubric += nodes.reference(body, body, refuri=uri)
        else:
            rubric += nodes.Text(body)
        section += rubric
        row = create_component(
            "grid-row", ["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-md-3", "sd-g-3"]
        )
        for year, docname in years:
            row += _card(rt, docname, year, rt.evaluated(docname))
        grid = create_component("grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"])
        grid += row
        section += grid
        out.append(section)
    if not out:
        out.append(nodes.paragraph("", "（尚无报告）"))
    return out


def _card(rt: ResolveReport, docname: str, year: int, ev: Evaluated | None) -> nodes.Element:
    col = create_component("grid-item", ["sd-col", "sd-d-flex-row"])
    card = create_component(
        "card", ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "sd-card-hover"]
    )
    body = create_component("card-body", ["sd-card-body"])
    title = nodes.paragraph(classes=["sd-card-title", "sd-font-weight-bold"])
    title += rt.link(docname, None, f"{year}年度报告")
    body += title
    if ev is not None:
        text = f"{ev.format.first_year}年格式（{ev.format.basis}）"
        body += nodes.paragraph("", text, classes=["xxgk-card-format"])
        figures = key_figures(ev)
        if figures:
            body += nodes.paragraph("", figures, classes=["xxgk-card-figures"])
    card += body
    col += card
    return col
