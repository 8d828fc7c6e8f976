"""Drawing the views built from several reports: compare, trend, aggregate and the report list.

The figures and every check come from the pure core (``core.views``); a view that cannot be
drawn was reported by ``core.page_findings`` and is left out here without a second message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.osutil import relative_uri
from sphinx_design.shared import create_component

from ..core import chart
from ..core.names import BOOK_NAME, DATA_URL_DIR, body_slug, reading_order
from ..core.report import LookupProblem
from ..core.role_values import report_at
from ..core.views import aggregate_view, compare_grid, compare_year, key_figures, trend
from ..core.years import SelectorError, parse_year_ref
from .grid_html import framed
from .site import has_body_page

if TYPE_CHECKING:
    from .resolve import ResolvedPage, ResolveReport


def build_view(rt: ResolveReport, node: nodes.Element, page: ResolvedPage) -> list[nodes.Node]:
    builders = {"compare": _compare, "trend": _trend, "aggregate": _aggregate, "reports": _reports}
    try:
        return builders[node["view"]](rt, node, page)
    except (LookupProblem, SelectorError):  # reported by page_findings
        return []


def _compare(rt: ResolveReport, node: nodes.Element, page: ResolvedPage) -> list[nodes.Node]:
    ctx = rt.context(page)
    other = report_at(ctx, parse_year_ref(compare_year({"year": node["year"]})))
    grid = compare_grid(report_at(ctx, None), other, node["target"], node["column"])
    return rt.build_table(grid, node, ["xxgk-compare"])


def _trend(rt: ResolveReport, node: nodes.Element, page: ResolvedPage) -> list[nodes.Node]:
    options = {"body": node["body"], "labels": "，".join(node["labels"])}
    view = trend(rt.project, page.ev, page.key, node["paths"], options)
    out: list[nodes.Node] = []
    title = node["title"]
    if node["chart"] == "yes":
        drawn = chart.svg(view.years, view.series, title, view.marks)
        frame = framed(drawn, title or "趋势图", "xxgk-frame xxgk-chart-frame", "图较宽，可左右滑动查看。")
        out.append(nodes.raw("", frame, format="html"))
        out.append(nodes.raw("", chart.tikz(view.years, view.series, title, view.marks), format="latex"))
    out += rt.build_table(view.grid, node, ["xxgk-trend"], caption="" if node["chart"] == "yes" else title)
    container = nodes.container(classes=["xxgk-trend-view"])
    container.extend(out)
    return [container]


def _aggregate(rt: ResolveReport, node: nodes.Element, page: ResolvedPage) -> list[nodes.Node]:
    options = {"year": node["year"], "bodies": "，".join(node["bodies"])}
    view = aggregate_view(rt.project, page.key, node["target"], options)
    out: list[nodes.Node] = rt.build_table(view.grid, node, ["xxgk-aggregate"])
    para = nodes.paragraph(classes=["xxgk-note"])
    para += nodes.Text(f"纳入{view.year}年度汇总的机关（{len(view.included)}个）：")
    for i, (body, docname) in enumerate(view.included):
        if i:
            para += nodes.Text("、")
        para += rt.link(docname, None, body)
    para += nodes.Text("。")
    if view.missing:
        para += nodes.Text(
            f"缺少{view.year}年度报告的机关（{len(view.missing)}个）：{'、'.join(view.missing)}。"
        )
    if view.without:
        para += nodes.Text(f"报告中没有“{view.table.id}”表的机关：{'、'.join(view.without)}。")
    out.append(para)
    return out


# -- the list of reports ---------------------------------------------------------


def _reports(rt: ResolveReport, node: nodes.Element, page: ResolvedPage) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    if rt._builder().name != "epub":  # an e-book links no downloads
        downloads = nodes.paragraph(classes=["xxgk-book"])
        book = rt.pdf_link(BOOK_NAME, "全部报告合订本（PDF）")
        if book is not None:
            downloads += [book, nodes.Text("　｜　")]
        # the site's reports and each one's data files (data_files.write_data_index)
        downloads += nodes.Text("全部报告及其数据文件清单：")
        for i, suffix in enumerate(("json", "csv")):
            uri = relative_uri(rt.target_uri(), f"{DATA_URL_DIR}/index.{suffix}")
            downloads += [nodes.Text("、" if i else ""), nodes.reference("", suffix.upper(), refuri=uri)]
        out.append(downloads)
    prefix = node["path"]
    listed = nodes.container(classes=["xxgk-bodies"])
    for body in sorted(rt.domain.bodies(), key=reading_order):  # by pinyin, as portals list them
        years = [
            (year, docname)
            for year in sorted(rt.domain.years_of(body), reverse=True)
            if (docname := rt.domain.docname_of((body, year))) and docname.startswith(prefix)
        ]
        if not years:
            continue
        section = nodes.container(classes=["xxgk-body"])
        rubric = nodes.rubric()
        builder = rt._builder()
        if builder.format == "html" and has_body_page(builder, years[0][1]):
            # the body's own page (site.collect_body_pages), where this builder writes it
            uri = relative_uri(rt.target_uri(), builder.get_target_uri(f"bodies/{body_slug(years[0][1])}"))
            rubric += nodes.reference(body, body, refuri=uri)
        else:
            rubric += nodes.Text(body)
        section += rubric
        row = create_component("grid-row", ["sd-row", "sd-row-cols-1", "sd-g-3"])
        for year, docname in years:
            row += _card(rt, docname, year)
        grid = create_component("grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"])
        grid += row
        section += grid
        listed += section
    # the bodies side by side, as many columns as the screen holds, each its years newest first
    out.append(listed if listed.children else nodes.paragraph("", "（尚无报告）"))
    return out


def _card_texts(rt: ResolveReport, docname: str) -> tuple[str, str] | None:
    """(format, key figures) of a report's card: kept from the last build while its figures are
    unchanged (``XxgkDomain.card``), else from the report evaluated."""
    kept = rt.domain.card(docname)
    if kept is not None:
        return kept
    ev = rt.evaluated(docname)
    if ev is None:
        return None
    texts = f"{ev.format.first_year}年格式（{ev.format.basis}）", key_figures(ev)
    rt.domain.set_card(docname, *texts)
    return texts


def _card(rt: ResolveReport, docname: str, year: int) -> nodes.Element:
    col = create_component("grid-item", ["sd-col", "sd-d-flex-row"])
    card = create_component(
        "card", ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "sd-card-hover"]
    )
    body = create_component("card-body", ["sd-card-body"])
    title = nodes.paragraph(classes=["sd-card-title", "sd-font-weight-bold"])
    title += rt.link(docname, None, f"{year}年度报告")
    body += title
    texts = _card_texts(rt, docname)
    if texts is not None:
        body += nodes.paragraph("", texts[0], classes=["xxgk-card-format"])
        if texts[1]:
            body += nodes.paragraph("", texts[1], classes=["xxgk-card-figures"])
    card += body
    col += card
    return col
