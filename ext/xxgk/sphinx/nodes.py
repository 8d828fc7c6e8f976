"""Placeholder nodes, replaced by real nodes in ``resolve`` before any writer runs.

They carry primitives only (strings, ints) so pickled doctrees stay small and
stable; a fallback visitor renders their raw text should one ever survive.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.writers.latex import LaTeXTranslator


class pending_table(nodes.General, nodes.Element):
    """``xxgk:table TARGET`` awaiting the page's figures."""


class pending_value(nodes.Inline, nodes.TextElement):
    """``xxgk:val`` / ``xxgk:pct`` awaiting the page's figures."""


class pending_nav(nodes.General, nodes.Element):
    """Links to the body's previous and next year, filled when the page is resolved."""


class pending_view(nodes.General, nodes.Element):
    """``xxgk:compare`` / ``trend`` / ``aggregate`` / ``reports``: built from other pages."""


class pending_signature(nodes.General, nodes.Element):
    """The report's 落款 (issuing body and date), placed by ``xxgk:signature`` or at the end."""


class data_marker(nodes.General, nodes.Element):
    """Where an ``xxgk:data`` block stood; removed when the page is resolved.

    Every xxgk placeholder carries the docname it was read from, so pages
    inlined into another (LaTeX, singlehtml) are still evaluated as themselves.
    """


class page_marker(nodes.General, nodes.Element):
    """Added to every page that declares anything of xxgk, or lies in a report folder, when
    it is read: its findings are emitted when it is written, even with no other placeholder."""


class html_table(nodes.General, nodes.Element):
    """An official table written as ready HTML (``grid_html``), in HTML builds only.

    ``grid_html_args`` holds the arguments; the HTML visitor makes the markup, so under
    ``-j`` it is made in the worker processes. The children are what the search index reads,
    as it would read the docutils table: the title (listed as Sphinx lists table captions)
    and the cells' texts, labels and numbers apart so that the labels, the same on every
    page, are segmented once (``search.ChineseSearch``).
    """


def visit_html_table(self: Any, node: html_table) -> None:
    from .grid_html import framed, grid_html

    args = node["grid_html_args"]
    self.body.append(framed(grid_html(*args), args[3] or args[4] or "表格"))
    raise nodes.SkipNode


def visit_table_framed(self: Any, node: nodes.table) -> None:
    """Every other table of an HTML page (the guide's, the metadata table) in the same frame."""
    from .grid_html import frame_start

    title = next(iter(node.findall(nodes.title)), None)
    self.body.append(frame_start(title.astext() if title is not None else "表格"))
    type(self).visit_table(self, node)


def depart_table_framed(self: Any, node: nodes.table) -> None:
    from .grid_html import frame_end

    type(self).depart_table(self, node)  # the translator's own (add_node set the instance's)
    self.body.append(frame_end())


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _visit_text(self: Any, node: nodes.Element) -> None:
    """Unresolved placeholder: render its raw source text, nothing else."""


def _depart(self: Any, node: nodes.Element) -> None:
    pass


VISITORS: dict[str, tuple[Any, Any]] = dict.fromkeys(
    ("html", "latex", "text", "man", "texinfo"), (_visit_text, _depart)
)
TABLE_VISITORS: dict[str, tuple[Any, Any]] = dict.fromkeys(
    ("html", "latex", "text", "man", "texinfo"), (_skip, None)
)


def visit_row_latex(self: Any, node: nodes.row) -> None:
    LaTeXTranslator.visit_row(self, node)


def depart_row_latex(self: Any, node: nodes.row) -> None:
    """Sphinx's row end, made ``\\\\*`` (no page break after it) for a row ``grid_nodes`` keeps
    with the next."""
    start = len(self.body)
    LaTeXTranslator.depart_row(self, node)
    if node.get("xxgk_keep") and self.body[start].startswith("\\\\"):
        self.body[start] = "\\\\*" + self.body[start][2:]


def visit_entry_latex(self: Any, node: nodes.entry) -> None:
    """Sphinx's cell, its contents centred vertically in the row (as the official tables set
    them) rather than hung from the top; cells spanning rows keep Sphinx's own placement."""
    outer = self.body  # Sphinx starts a new body for the cell's contents
    start = len(outer)
    LaTeXTranslator.visit_entry(self, node)
    if node.get("morerows"):
        return
    top = "\\begin{varwidth}[t]"
    for i in range(start, len(outer)):
        if outer[i].startswith(top):
            outer[i] = "\\begin{varwidth}[c]" + outer[i][len(top) :]


def depart_entry_latex(self: Any, node: nodes.entry) -> None:
    LaTeXTranslator.depart_entry(self, node)
