"""Post-transform: evaluate the page's report and replace every placeholder.

Runs when a page is written (main process, also under ``-j``), so every
finding about the page is emitted each time the page is rewritten.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_id

from . import nodes as xnodes
from .formats import load_breakdown
from .layout import Grid, breakdown_grid, table_grid
from .model import Finding
from .report import Evaluated, LookupProblem, evaluate, lookup, lookup_share, parse_meta
from .roles import value_node
from .sphinx_log import warn
from .text import SpecError, fmt_number, fmt_percent


def _is_placeholder(node: nodes.Node) -> bool:
    return isinstance(node, (xnodes.pending_table, xnodes.pending_value, xnodes.data_marker))


class ResolveReport(SphinxPostTransform):
    default_priority = 5  # before ReferencesResolver (10), like MyST-NB's glue

    def run(self, **kwargs: Any) -> None:
        placeholders: dict[str, list[nodes.Element]] = {}
        for node in self.document.findall(_is_placeholder):
            placeholders.setdefault(node["docname"], []).append(node)
        for docname, found in placeholders.items():
            ev = self._evaluate(docname, found[0])
            for node in found:
                if isinstance(node, xnodes.pending_table):
                    node.replace_self(self._table(node, ev, docname))
                elif isinstance(node, xnodes.pending_value):
                    node.replace_self(self._value(node, ev, docname))
                else:
                    node.parent.remove(node)

    def _evaluate(self, docname: str, first: nodes.Element) -> Evaluated | None:
        """Evaluate one page's report and emit its findings; None without xxgk:report."""
        domain = self.env.domains["xxgk"]
        stored = domain.reports.get(docname)
        if stored is None:
            warn(
                Finding(
                    "report",
                    "本页缺少 xxgk:report（报告年度、发布机构、格式），数据和表格无法计算；"
                    "请在页首加上 ```{xxgk:report} 并填写 :body: 和 :year:",
                    domain.data_lines.get(docname, first.line),
                ),
                docname,
            )
            return None
        meta, _ = parse_meta(stored["options"], stored["line"], self.config.xxgk_default_body)
        if meta is None:  # the metadata problems were reported when the page was read
            return None
        ev = evaluate(meta, domain.raw_entries(docname))
        for finding in ev.findings:
            warn(finding, docname, domain.data_lines.get(docname))
        return ev

    def _table(self, node: xnodes.pending_table, ev: Evaluated | None, docname: str) -> list[nodes.Node]:
        target = node["target"]
        if ev is None:
            return []
        parts = target.split(".", 1)
        if parts[0] in ("分类", "分类统计", "breakdown"):
            bd = ev.figures.breakdowns.get(parts[1]) if len(parts) == 2 else None
            if bd is None:
                known = "、".join(ev.figures.breakdowns) or "（本页没有分类数据）"
                warn(
                    Finding("missing", f"本页数据中没有分类“{target}”；已有的分类：{known}", node.line),
                    docname,
                )
                return []
            return [self._build(breakdown_grid(bd, load_breakdown(), node["unit"]), node, ["xxgk-breakdown"])]
        table = ev.format.table(target)
        if table is None:
            names = "、".join(t.id for t in ev.format.tables)
            warn(
                Finding(
                    "key",
                    f"“{target}”不是{ev.format.name}中的表格；可用的表格有：{names}、分类.名称",
                    node.line,
                ),
                docname,
            )
            return []
        if not ev.figures.has_table(table.id):
            warn(
                Finding("missing", f"本页数据中没有“{table.id}”表的数字，请在 xxgk:data 中填写", node.line),
                docname,
            )
            return []
        return [self._build(table_grid(table, ev.figures), node, [f"xxgk-layout-{table.layout}"])]

    def _build(self, grid: Grid, node: xnodes.pending_table, classes: list[str]) -> nodes.Element:
        table = nodes.table(classes=["xxgk-table", *classes, *node["classes"]])
        table["ids"].append(make_id(self.env, self.document, "xxgk-table", node["target"]))
        if node["caption"]:
            table += nodes.title(node["caption"], node["caption"])
        group = nodes.tgroup(cols=grid.ncols)
        table += group
        for width in grid.colwidths:
            group += nodes.colspec(colwidth=width)
        head, body = nodes.thead(), nodes.tbody()
        for i, cells in enumerate(grid.rows):
            row = nodes.row()
            for cell in cells:
                entry = nodes.entry(classes=list(cell.classes))
                if cell.role != "num":
                    entry["classes"] += ["xxgk-th", f"xxgk-scope-{cell.scope or 'col'}", f"xxgk-{cell.role}"]
                if cell.rowspan > 1:
                    entry["morerows"] = cell.rowspan - 1
                if cell.colspan > 1:
                    entry["morecols"] = cell.colspan - 1
                if cell.text:
                    entry += nodes.paragraph(cell.text, cell.text)
                row += entry
            (head if i < grid.header_rows else body).append(row)
        if len(head):
            group += head
        group += body
        self.set_source_info_from(table, node)
        if not grid.notes:
            return table
        container = nodes.container(classes=["xxgk-table-wrap"])
        container += table
        for note in grid.notes:
            container += nodes.paragraph(note, note, classes=["xxgk-note"])
        return container

    @staticmethod
    def set_source_info_from(target: nodes.Element, source: nodes.Element) -> None:
        target.source, target.line = source.source, source.line

    def _value(self, node: xnodes.pending_value, ev: Evaluated | None, docname: str) -> nodes.Node:
        raw = node.astext()
        if ev is None:
            return nodes.literal(raw, raw, classes=["xxgk-unresolved"])
        kind, target, spec = node["kind"], node["target"], node["spec"]
        try:
            if kind == "pct":
                if spec:
                    raise LookupProblem("占比固定保留一位小数，xxgk:pct 不接受格式说明")
                value = lookup_share(ev, target)
                text = fmt_percent(value)
            else:
                value = lookup(ev, target)
                text = fmt_number(value, spec)
            if value is None:
                raise LookupProblem(f"“{target}”是空白（未填写），无法在正文中引用；请在数据中填写该数字")
        except (LookupProblem, SpecError) as exc:
            warn(Finding("ref", str(exc), node.line), docname)
            return nodes.literal(raw, raw, classes=["xxgk-unresolved"])
        return value_node(text, kind)
