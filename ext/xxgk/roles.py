"""Roles ``xxgk:val`` (a figure) and ``xxgk:pct`` (a share), resolved late.

Target syntax, as MyST-NB ``glue``: ``申请.本年新收.总计`` or with a format spec
``主动公开.行政许可:,`` (→ 447,228). ``xxgk:pct`` takes ``部分/基数`` or a
breakdown item ``分类.名称.类别`` (its share of the breakdown's total).
"""

from __future__ import annotations

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx.util.docutils import SphinxRole

from . import nodes as xnodes


class _ValueRole(SphinxRole):
    kind = "val"

    def run(self) -> tuple[list[Node], list[system_message]]:
        target, _, spec = self.text.partition(":")
        node = xnodes.pending_value(
            self.rawtext,
            self.text,
            kind=self.kind,
            target=target.strip(),
            spec=spec.strip(),
            docname=self.env.docname,
        )
        self.set_source_info(node)
        return [node], []


class ValRole(_ValueRole):
    kind = "val"


class PctRole(_ValueRole):
    kind = "pct"


def value_node(text: str, kind: str) -> nodes.inline:
    return nodes.inline(text, text, classes=["xxgk-value", f"xxgk-{kind}"])
