"""Placeholder nodes, replaced by real nodes in ``resolve`` before any writer runs.

They carry primitives only (strings, ints) so pickled doctrees stay small and
stable; a fallback visitor renders their raw text should one ever survive.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes


class pending_table(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """``xxgk:table TARGET`` awaiting the page's figures."""


class pending_value(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils naming
    """``xxgk:val`` / ``xxgk:pct`` awaiting the page's figures."""


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _visit_text(self: Any, node: nodes.Element) -> None:
    """Unresolved placeholder: render its raw source text, nothing else."""


def _depart(self: Any, node: nodes.Element) -> None:
    pass


VISITORS: dict[str, tuple[Any, Any]] = {
    fmt: (_visit_text, _depart) for fmt in ("html", "latex", "text", "man", "texinfo")
}
TABLE_VISITORS: dict[str, tuple[Any, Any]] = {
    fmt: (_skip, None) for fmt in ("html", "latex", "text", "man", "texinfo")
}
