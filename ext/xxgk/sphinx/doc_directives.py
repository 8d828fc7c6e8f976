"""Directives that document the extension from its own definitions (the guide's reference pages).

``xxgk:catalogue`` lists every warning subtype from ``warnings.CATALOGUE``;
``xxgk:formats`` renders each official table empty with its row and column ids
and accepted aliases, from the format files. Nothing here can drift from the code.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..core.formats import FORMAT_IDS, Node, Table, load_format, walk
from ..core.layout import table_grid
from ..core.model import Figures
from ..core.names import reading_order
from ..core.subtypes import CATALOGUE, PUBLIC_NAMES
from .grid_nodes import grid_table


def _inline(text: str) -> list[nodes.Node]:
    """Text with `code` spans as literals."""
    out: list[nodes.Node] = []
    for i, part in enumerate(text.split("`")):
        if part:
            out.append(nodes.literal(part, part) if i % 2 else nodes.Text(part))
    return out


def _field(name: str, text: str) -> nodes.field:
    body = nodes.field_body()
    body += nodes.paragraph("", "", *_inline(text))
    return nodes.field("", nodes.field_name(name, name), body)


class CatalogueDirective(SphinxDirective):
    """Every ``xxgk.*`` warning: trigger, example, fix, when suppressing is legitimate."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        out: list[nodes.Node] = [_catalogue_index()]
        for subtype, entry in CATALOGUE.items():
            name = f"xxgk.{subtype.value}"
            title = PUBLIC_NAMES.get(subtype, "")
            target = nodes.target("", "", ids=[f"warning-{subtype.value}"])
            out += [target, nodes.rubric(name, "", nodes.Text(f"{title}　"), nodes.literal(name, name))]
            fields = nodes.field_list(classes=["xxgk-catalogue"])
            fields += _field("触发条件", entry.description)
            fields += _field("示例", entry.example)
            fields += _field("修改方法", entry.fix)
            fields += _field("能否豁免", entry.suppress)
            out.append(fields)
        return out


def _catalogue_index() -> nodes.Node:
    """The catalogue by what each check is about, in Chinese (pinyin order), each a link."""
    items = nodes.bullet_list(classes=["xxgk-catalogue-index"])
    for subtype, title in sorted(PUBLIC_NAMES.items(), key=lambda item: reading_order(item[1])):
        ref = nodes.reference("", "", refid=f"warning-{subtype.value}")
        ref += [
            nodes.Text(f"{title}（"),
            nodes.literal(f"xxgk.{subtype.value}", f"xxgk.{subtype.value}"),
            nodes.Text("）"),
        ]
        items += nodes.list_item("", nodes.paragraph("", "", ref))
    return items


def _names(node: Node) -> str:
    names = [n for n in dict.fromkeys([node.label, *node.aliases]) if n != node.id]
    return "、".join(names) or "—"


def _id_table(title: str, rows: list[Node]) -> nodes.table:
    table = nodes.table(classes=["xxgk-id-table"])
    table += nodes.title(title, title)
    group = nodes.tgroup(cols=2)
    table += group
    group += [nodes.colspec(colwidth=3), nodes.colspec(colwidth=7)]
    head = nodes.thead()
    head += nodes.row(
        "", *(nodes.entry("", nodes.paragraph(text=t)) for t in ("数据中写法", "也可写作（官方名称等）"))
    )
    body = nodes.tbody()
    for node in rows:
        row = nodes.row()
        row += nodes.entry("", nodes.paragraph("", "", nodes.literal(node.id, node.id)))
        suffix = "（分组，由其下各项相加）" if node.is_group else "（计算得出）" if node.computed else ""
        suffix += {"confirmed": "（已核实）", "reconstructed": "（据记忆重建，待核实）"}.get(node.status, "")
        row += nodes.entry("", nodes.paragraph(text=_names(node) + suffix))
        body += row
    group += [head, body]
    return table


class FormatsDirective(SphinxDirective):
    """Each official format's tables, empty, with the ids and aliases staff may type."""

    optional_arguments = 1
    option_spec: ClassVar = {"tables": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for fid in [self.arguments[0]] if self.arguments else list(FORMAT_IDS):
            fmt = load_format(fid)
            out.append(nodes.rubric("", f"{fid}：{fmt.name}（{fmt.basis}，适用于{fmt.span}）"))
            for table in fmt.tables:
                out += self._table(table)
        return out

    def _table(self, table: Table) -> list[nodes.Node]:
        figures = Figures()
        figures.table_lines[table.id] = 0
        title = f"“{table.id}”表：{table.title}"
        out: list[nodes.Node] = [nodes.paragraph("", "", nodes.strong(title, title))]
        grid = table_grid(table, figures)
        # fixed column widths: LaTeX's tabulary cannot measure a table whose cells are all empty
        out.append(addnodes.tabular_col_spec(spec=grid.latex_colspec()))
        out.append(grid_table(grid, ["xxgk-table", "xxgk-empty"]))
        out.append(_id_table("行", [n for n in walk(table.rows) if n.id]))
        columns = [n for n in walk(table.columns) if n.id] if table.layout != "blocks" else []
        if table.layout == "blocks":
            seen: dict[str, Node] = {}
            for block in table.blocks:
                for col in block.columns:
                    seen.setdefault(col.id, col)
            columns = list(seen.values())
        out.append(_id_table("列", columns))
        return out
