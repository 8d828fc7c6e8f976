"""Roles ``xxgk:val``, ``xxgk:pct``, ``xxgk:delta`` and ``xxgk:ref``, resolved late.

Target syntax, as MyST-NB ``glue``: ``申请.本年新收.总计`` with an optional year
``@prev`` / ``@2020`` / ``@机构/2020`` and format spec ``:,`` (→ 447,228).
``xxgk:pct`` takes ``部分/基数`` or a breakdown item ``分类.名称.类别``;
``xxgk:delta`` takes a figure (and ``:单位`` to override the unit);
``xxgk:ref`` takes ``@prev``, ``申请@2020`` or ``文字 <@prev>``.
Each role records which other reports it reads, for incremental builds.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx.util.docutils import SphinxRole

from ..core.role_values import split_ref
from ..core.years import SelectorError, YearRef, parse_year_ref
from . import nodes as xnodes

if TYPE_CHECKING:
    from .domain import XxgkDomain


def read_of(kind: str, ref: YearRef) -> tuple[str, str, str]:
    """The domain ``Read`` for a year selector."""
    body = "" if ref.body is None else ref.body
    year = str(ref.year) if ref.year is not None else f"{ref.offset:+d}"
    return kind, body, year


class _XxgkRole(SphinxRole):
    kind = ""
    reads = "data"

    @property
    def domain(self) -> XxgkDomain:
        return self.env.domains["xxgk"]  # type: ignore[return-value]

    def note_selectors(self, target: str) -> None:
        """Record every ``@…`` selector of the target (errors are reported at resolve time)."""
        for selector in re.findall(r"@([^/:@]+(?:/\d{4})?)", target):
            try:
                ref = parse_year_ref(selector)
            except SelectorError:
                continue
            if ref.offset or ref.year is not None or ref.body is not None:
                self.domain.add_read(self.env.docname, *read_of(self.reads, ref))

    def declare(self) -> None:
        self.domain.declare(self.env.docname, "roles", [self.kind, self.text, self.lineno])

    def run(self) -> tuple[list[Node], list[system_message]]:
        self.declare()
        self.note_selectors(self.text)
        node = xnodes.pending_value(
            self.rawtext, self.text, kind=self.kind, target=self.text, docname=self.env.docname
        )
        self.set_source_info(node)
        return [node], []


class ValRole(_XxgkRole):
    kind = "val"


class PctRole(_XxgkRole):
    kind = "pct"


class DeltaRole(_XxgkRole):
    kind = "delta"

    def run(self) -> tuple[list[Node], list[system_message]]:
        self.domain.add_read(self.env.docname, "data", "", "-1")
        return super().run()


class RefRole(_XxgkRole):
    kind = "ref"
    reads = "link"

    def run(self) -> tuple[list[Node], list[system_message]]:
        self.declare()
        title, target = split_ref(self.text)
        self.note_selectors(target)
        node = xnodes.pending_value(
            self.rawtext,
            self.text,
            kind=self.kind,
            target=target.strip(),
            title=title.strip(),
            docname=self.env.docname,
        )
        self.set_source_info(node)
        return [node], []


def value_node(text: str, kind: str) -> nodes.inline:
    return nodes.inline(text, text, classes=["xxgk-value", f"xxgk-{kind}"])
