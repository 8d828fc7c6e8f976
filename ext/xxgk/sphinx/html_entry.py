"""HTML for table cells: ``<th scope=…>`` for xxgk header and label cells.

docutils decides ``th``/``td`` per column ("stub" columns), which cannot
express the row labels of the official tables (their number of cells varies
per row because of rowspans). Entries that carry the ``xxgk-th`` class are
written as ``<th>`` with their scope; all other entries go to the
translator's own ``visit_entry`` untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from docutils import nodes

_SCOPE_PREFIX = "xxgk-scope-"
# marks for the other builders (LaTeX, Word) that HTML says otherwise: a number is any ``td`` of an
# xxgk table (CSS), a header cell is a ``th``, its scope an attribute; a report's page carries
# ~280 cells, so these bytes are a tenth of it; a label or column header is a ``th`` whose scope
# says which (``th[scope^=row]`` in CSS)
MARKS = frozenset({"xxgk-num", "xxgk-th"})
_ROLES = frozenset({"xxgk-colhead", "xxgk-rowhead"})


def html_classes(classes: list[str]) -> list[str]:
    """The classes an official table's cell keeps in HTML."""
    return [c for c in classes if c not in MARKS and c not in _ROLES and not c.startswith(_SCOPE_PREFIX)]


def _official(row: nodes.row) -> bool:
    """Is ``row`` a row of an xxgk table (row → thead/tbody → tgroup → table)?"""
    table = row.parent.parent.parent
    return isinstance(table, nodes.table) and "xxgk-table" in table["classes"]


def visit_row(self: Any, node: nodes.row) -> None:
    """An xxgk table's row is a bare ``<tr>``: Sphinx's ``row-odd``/``row-even`` classes draw
    nothing in it (its CSS draws every row alike) and would be 16 bytes a row."""
    if not _official(node):
        type(self).visit_row(self, node)
        return
    self._table_row_indices[-1] += 1
    self.body.append(self.starttag(node, "tr", ""))
    node.column = 0


def depart_row(self: Any, node: nodes.row) -> None:
    type(self).depart_row(self, node)


@contextmanager
def _html_classes_of(node: nodes.Element) -> Iterator[None]:
    """The node's classes as HTML keeps them while it is written, its marks back after."""
    marked = node["classes"]
    node["classes"] = html_classes(marked)
    try:
        yield
    finally:
        node["classes"] = marked


def visit_entry(self: Any, node: nodes.entry) -> None:
    if "xxgk-th" not in node["classes"]:
        if "xxgk-num" not in node["classes"]:
            type(self).visit_entry(self, node)
            return
        with _html_classes_of(node):
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
    with _html_classes_of(node):
        self.body.append(self.starttag(node, "th", "", **atts))
    self.context.append("</th>\n")


def depart_entry(self: Any, node: nodes.entry) -> None:
    type(self).depart_entry(self, node)


def _bare(node: nodes.paragraph) -> bool:
    """The text of an official table's cell: written without a ``<p>`` of its own."""
    parent = node.parent
    return (
        isinstance(parent, nodes.entry)
        and len(parent) == 1
        and not node["classes"]
        and any(mark in parent["classes"] for mark in MARKS)
    )


def visit_paragraph(self: Any, node: nodes.paragraph) -> None:
    if not _bare(node):
        type(self).visit_paragraph(self, node)


def depart_paragraph(self: Any, node: nodes.paragraph) -> None:
    if not _bare(node):
        type(self).depart_paragraph(self, node)
