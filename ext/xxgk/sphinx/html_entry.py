"""HTML for table cells: ``<th scope=…>`` for xxgk header and label cells.

docutils decides ``th``/``td`` per column ("stub" columns), which cannot
express the row labels of the official tables (their number of cells varies
per row because of rowspans). Entries that carry the ``xxgk-th`` class are
written as ``<th>`` with their scope; all other entries go to the
translator's own ``visit_entry`` untouched.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

_SCOPE_PREFIX = "xxgk-scope-"


def visit_entry(self: Any, node: nodes.entry) -> None:
    if "xxgk-th" not in node["classes"]:
        type(self).visit_entry(self, node)
        return
    atts: dict[str, Any] = {}
    for cls in node["classes"]:
        if cls.startswith(_SCOPE_PREFIX):
            atts["scope"] = cls[len(_SCOPE_PREFIX) :]
    node.parent.column += 1
    if "morerows" in node:
        atts["rowspan"] = node["morerows"] + 1
    if "morecols" in node:
        atts["colspan"] = node["morecols"] + 1
        node.parent.column += node["morecols"]
    self.body.append(self.starttag(node, "th", "", **atts))
    self.context.append("</th>\n")


def depart_entry(self: Any, node: nodes.entry) -> None:
    type(self).depart_entry(self, node)
