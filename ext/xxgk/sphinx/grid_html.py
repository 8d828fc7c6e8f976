"""A layout grid as an HTML string, byte for byte what Sphinx's HTML writer makes of
``grid_nodes.grid_table`` (with ``html.visit_entry``).

The official tables are the bulk of a report page: building them as docutils nodes,
walking them in every later post-transform and translating them cell by cell cost more
than the rest of the page. HTML builds take this string as a raw node instead; other
builders (LaTeX, text) keep the docutils table. A test builds the same pages both ways
and compares the HTML, so the two cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.layout import Grid
from .html_entry import html_classes

# docutils' HTML writer escapes these (``HTMLTranslator.special_characters``).
_SPECIAL = {ord("&"): "&amp;", ord("<"): "&lt;", ord('"'): "&quot;", ord(">"): "&gt;", ord("@"): "&#64;"}


def encode(text: str) -> str:
    return text.translate(_SPECIAL)


@dataclass(frozen=True)
class Permalink:
    """The caption's anchor link as Sphinx writes it (``html_permalinks``)."""

    icon: str
    title: str


def _start(tag: str, classes: list[str], **atts: object) -> str:
    unique: list[str] = []
    for cls in classes:
        if cls.strip() and cls not in unique:
            unique.append(cls)
    pairs = dict(atts)
    if unique:
        pairs["class"] = " ".join(unique)
    parts = [tag] + [f'{name}="{encode(str(value))}"' for name, value in sorted(pairs.items())]
    return "<" + " ".join(parts) + ">"


FRAME_CUE = "表格较宽，可左右滑动查看。"


def frame_start(label: str, classes: str = "xxgk-frame") -> str:
    """The frame a wide table or chart scrolls in sideways when the screen is narrower than it
    (the page itself never does); focusable, so that the keyboard scrolls it too."""
    return f'<div class="{classes}" role="region" tabindex="0" aria-label="{encode(label)}">\n'


def frame_end(cue: str = FRAME_CUE) -> str:
    """The frame's end and the cue under it, shown while it scrolls (``xxgk-frames.js``)."""
    return f'</div>\n<p class="xxgk-frame-cue" aria-hidden="true" data-cue="{encode(cue)}"></p>\n'


def framed(html: str, label: str, classes: str = "xxgk-frame", cue: str = FRAME_CUE) -> str:
    """``html`` (a table, a chart) in its frame."""
    return frame_start(label, classes) + html + frame_end(cue)


def grid_html(
    grid: Grid,
    classes: list[str],
    ident: str,
    caption: str = "",
    hidden_caption: str = "",
    permalink: Permalink | None = None,
    table_style: list[str] | None = None,
) -> str:
    """The ``<table>`` for ``grid``; arguments as ``grid_table`` plus the table's id, the
    permalink (None when permalinks are off) and docutils' ``table_style`` classes."""
    out = [
        _start(
            "table",
            ["xxgk-table", "standard", *classes, "docutils", *(table_style or []), "align-default"],
            id=ident,
        ),
        "\n",
    ]
    title = caption or hidden_caption
    if title:
        out.append(_start("caption", [] if caption else ["xxgk-sr"]))
        out.append(f'<span class="caption-text">{encode(title)}</span>')
        if permalink is not None:
            link = f'<a class="headerlink" href="#{ident}" title="{permalink.title}">'
            out.append(f"{link}{permalink.icon}</a>")
        out.append("</caption>\n")
    for i, cells in enumerate(grid.rows):
        if i == 0 and grid.header_rows:
            out.append("<thead>\n")
        if i == grid.header_rows:
            out.append("<tbody>\n")
        out.append("<tr>")
        for cell in cells:
            atts: dict[str, object] = {}
            if cell.rowspan > 1:
                atts["rowspan"] = cell.rowspan
            if cell.colspan > 1:
                atts["colspan"] = cell.colspan
            if cell.role not in ("num", "text"):
                tag = "th"
                scope = cell.scope or "col"
                atts["scope"] = scope
                cell_classes = html_classes([*cell.classes, f"xxgk-{cell.role}"])
            elif i < grid.header_rows:
                tag, cell_classes = "th", ["head", *html_classes(cell.classes)]
            else:
                tag, cell_classes = "td", html_classes(cell.classes)
            out.append(_start(tag, cell_classes, **atts))
            if cell.text:
                out.append(encode(cell.text))
            out.append(f"</{tag}>\n")
        out.append("</tr>\n")
        if i == grid.header_rows - 1:
            out.append("</thead>\n")
    if len(grid.rows) == grid.header_rows:
        out.append("<tbody>\n")
    out.append("</tbody>\n</table>\n")
    return "".join(out)
