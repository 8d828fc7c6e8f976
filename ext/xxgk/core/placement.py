"""Where each cell of a table with merged cells sits.

A layout grid (and a docutils table) lists each row's cells without the positions that
cells of earlier rows cover with their row spans, as HTML does; a spreadsheet or a Word
table addresses every position. ``place`` turns the one into the other (the HTML table
model's algorithm). Nothing here imports Sphinx.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Placed(Generic[T]):
    row: int  # 0-based position of the cell's top-left corner
    col: int
    rowspan: int
    colspan: int
    item: T


def place(rows: Sequence[Sequence[T]], spans: Callable[[T], tuple[int, int]]) -> list[Placed[T]]:
    """Each item of ``rows`` at its position; ``spans(item)`` gives its (rowspan, colspan)."""
    taken: set[tuple[int, int]] = set()
    out: list[Placed[T]] = []
    for r, cells in enumerate(rows):
        c = 0
        for item in cells:
            while (r, c) in taken:
                c += 1
            rowspan, colspan = spans(item)
            taken.update((r + i, c + j) for i in range(rowspan) for j in range(colspan))
            out.append(Placed(r, c, rowspan, colspan, item))
            c += colspan
    return out


def size(placed: Sequence[Placed[T]]) -> tuple[int, int]:
    """Rows and columns the placed cells cover."""
    if not placed:
        return 0, 0
    return (
        max(p.row + p.rowspan for p in placed),
        max(p.col + p.colspan for p in placed),
    )
