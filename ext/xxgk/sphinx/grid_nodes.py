"""A layout grid as a docutils table: spans, header cells, LaTeX alignment.

HTML gets ``<th scope>`` for header and label cells (see ``html``); LaTeX gets
cells aligned inside Sphinx 9's varwidth boxes.
"""

from __future__ import annotations

from docutils import nodes

from ..core.layout import Grid

# Sphinx wraps every LaTeX table cell in a varwidth box that shrinks to its widest
# line; a zero-height rule as wide as the cell keeps the box full width so that
# the alignment holds (glue and empty boxes would be measured as zero).
_LATEX_FULL_WIDTH = r"\par\nointerlineskip\noindent\rule{\linewidth}{0pt}"
_LATEX_ALIGN = {
    "num": r"\raggedleft",
    "colhead": r"\centering",
    "caption": r"\centering",
    "corner": r"\centering",
    "text": r"\centering",
}


def kept_rows(grid: Grid) -> set[int]:
    """Rows a printed table must not break after: a block of the 主动公开 table (its caption,
    header and rows) stays on one page; elsewhere the first two rows under the header stay
    together, and so do the last two (never a header without rows, never a lone row)."""
    if grid.header_rows == 0 and any(row and row[0].role == "caption" for row in grid.rows):
        starts = [i for i, row in enumerate(grid.rows) if row and row[0].role == "caption"]
        ends = {start - 1 for start in starts[1:]} | {len(grid.rows) - 1}
        return {i for i in range(len(grid.rows)) if i not in ends}
    body = list(range(grid.header_rows, len(grid.rows)))
    if len(body) <= 4:
        return set(range(len(grid.rows) - 1))
    return {body[0], body[-2]}


def grid_table(
    grid: Grid, classes: list[str], caption: str = "", hidden_caption: str = "", latex: bool = True
) -> nodes.table:
    """``hidden_caption``: a ``<caption>`` for screen readers only (the section heading shows it);
    ``latex``: add the LaTeX cell alignment (skipped when only HTML is written)."""
    table = nodes.table(classes=["xxgk-table", "standard", *classes])
    if caption:
        table += nodes.title(caption, caption)
    elif hidden_caption:
        table += nodes.title(hidden_caption, hidden_caption, classes=["xxgk-sr"])
    group = nodes.tgroup(cols=grid.ncols)
    table += group
    for width in grid.colwidths:
        group += nodes.colspec(colwidth=width)
    head, body = nodes.thead(), nodes.tbody()
    keep = kept_rows(grid)
    for i, cells in enumerate(grid.rows):
        row = nodes.row()
        if i in keep:
            row["xxgk_keep"] = True  # LaTeX: no page break after this row (``latex_rows``)
        for cell in cells:
            entry = nodes.entry(classes=list(cell.classes))
            if cell.role not in ("num", "text"):
                entry["classes"] += ["xxgk-th", f"xxgk-scope-{cell.scope or 'col'}", f"xxgk-{cell.role}"]
            if cell.rowspan > 1:
                entry["morerows"] = cell.rowspan - 1
            if cell.colspan > 1:
                entry["morecols"] = cell.colspan - 1
            if cell.text:
                para = nodes.paragraph()
                para += nodes.Text(cell.text)
                align = _LATEX_ALIGN.get(cell.role) if latex else None
                if align:
                    para.insert(0, nodes.raw("", align + " ", format="latex"))
                    para += nodes.raw("", _LATEX_FULL_WIDTH, format="latex")
                entry += para
            row += entry
        (head if i < grid.header_rows else body).append(row)
    if len(head):
        group += head
    group += body
    return table
