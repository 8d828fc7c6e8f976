"""Directives ``xxgk:report``, ``xxgk:data`` and ``xxgk:table``.

Read time only records primitives in the domain and leaves placeholders;
figures are evaluated when the page is resolved (``resolve``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..core.model import ReportMeta
from ..core.parse import parse_data_block
from ..core.report import parse_meta
from ..core.views import compare_year, words
from ..core.years import SelectorError, parse_year_ref
from . import nodes as xnodes
from .roles import read_of

if TYPE_CHECKING:
    from docutils.parsers.rst.directives import OptionSpec

    from .domain import XxgkDomain


class _XxgkDirective(SphinxDirective):
    @property
    def domain(self) -> XxgkDomain:
        return self.env.domains["xxgk"]  # type: ignore[return-value]


class ReportDirective(_XxgkDirective):
    """Identity and publication metadata; renders the portal-style metadata block."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "body": directives.unchanged,
        "year": directives.unchanged,
        "format": directives.unchanged,
        "published": directives.unchanged,
        "index-no": directives.unchanged,
        "publisher": directives.unchanged,
        "topic": directives.unchanged,
        "disclosure": directives.unchanged,
        "allow": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        # every problem with the options is a finding of the page (core.page_findings), emitted
        # when the page is written; here the declaration is only recorded
        options = {k: str(v or "") for k, v in self.options.items()}
        meta, _ = parse_meta(options, self.lineno, self.config.xxgk_default_body)
        if not self.domain.add_report(self.env.docname, options, self.lineno, meta):
            return []
        if meta is None:
            return []
        # cross-year checks read last year's figures; navigation links both neighbours
        self.domain.add_read(self.env.docname, "data", "", "-1")
        self.domain.add_read(self.env.docname, "link", "", "+1")
        nav = xnodes.pending_nav(docname=self.env.docname)
        self.set_source_info(nav)
        # portal-style metadata and year links on the web page; the PDF carries the 落款 instead
        web_only = addnodes.only(expr="html", xxgk=True)  # xxgk's own: not the page's (second wall)
        web_only += [metadata_block(meta), nav]
        return [web_only]


def public_name(subtype: str) -> str:
    """A check as a citizen reads it (never its subtype)."""
    from ..core.subtypes import PUBLIC_NAMES, Subtype

    try:
        return PUBLIC_NAMES[Subtype(subtype)]
    except ValueError:
        return subtype


def metadata_block(meta: ReportMeta) -> nodes.table:
    """索引号 / 主题分类 / 发布机构 / 发布日期 … as Chinese portals print them."""
    fields = [
        ("索引号", meta.index_no),
        ("主题分类", meta.topic),
        ("发布机构", meta.publisher),
        ("发布日期", meta.published),
        ("报告年度", f"{meta.year}年度"),
        ("公开方式", meta.disclosure),
        (
            "未核对的项目",
            "、".join(public_name(a) for a in meta.allow) + "（原因见本页说明）" if meta.allow else "",
        ),
    ]
    fields = [(k, v) for k, v in fields if v]
    table = nodes.table(classes=["xxgk-meta"])
    group = nodes.tgroup(cols=4)
    table += group
    for width in (2, 5, 2, 5):
        group += nodes.colspec(colwidth=width)
    body = nodes.tbody()
    group += body
    for i in range(0, len(fields), 2):
        row = nodes.row()
        for key, value in fields[i : i + 2]:
            row += nodes.entry("", nodes.paragraph(text=key), classes=["xxgk-th", "xxgk-scope-row"])
            row += nodes.entry("", nodes.paragraph(text=value))
        if len(fields[i : i + 2]) == 1:
            row[-1]["morecols"] = 2
        body += row
    return table


def content_first_line(directive: SphinxDirective) -> int:
    """1-based source line of the directive's first content line.

    MyST gives ``content_offset`` relative to the directive's opening line;
    docutils (reStructuredText) gives it as an absolute 0-based offset.
    """
    if type(directive.state).__module__.startswith("myst_parser"):
        return directive.lineno + directive.content_offset + 1
    return directive.content_offset + 1


class DataDirective(_XxgkDirective):
    """The year's figures as a YAML mapping; several blocks on a page merge."""

    has_content = True
    option_spec: ClassVar[OptionSpec] = {}

    def run(self) -> list[nodes.Node]:
        first_line = content_first_line(self)
        block = parse_data_block("\n".join(self.content), first_line)
        docname = self.env.docname
        self.domain.declare(docname, "data_lines", [self.lineno])
        for finding in block.findings:
            line = finding.line if finding.line is not None else self.lineno
            self.domain.declare(docname, "data_findings", [finding.subtype, finding.message, line])
        self.domain.add_entries(self.env.docname, self.lineno, block.entries)
        marker = xnodes.data_marker(docname=self.env.docname)
        self.set_source_info(marker)
        return [marker]


class TableDirective(_XxgkDirective):
    """One official table (``申请``, ``主动公开``, ``复议诉讼``) or a breakdown (``分类.名称``)."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "caption": directives.unchanged,
        "unit": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        self.domain.add_shown(self.env.docname, self.arguments[0])
        self.domain.declare(self.env.docname, "tables", [self.arguments[0], self.lineno])
        node = xnodes.pending_table(
            target=self.arguments[0],
            docname=self.env.docname,
            caption=self.options.get("caption", ""),
            unit=self.options.get("unit", ""),
            classes=list(self.options.get("class", [])),
        )
        self.set_source_info(node)
        return [node]


class _ViewDirective(_XxgkDirective):
    """A view built from other pages' figures when the page is resolved."""

    view = ""

    def placeholder(self, **attributes: object) -> list[nodes.Node]:
        options = {key: str(value or "") for key, value in self.options.items()}
        argument = " ".join(self.arguments)
        self.domain.declare(self.env.docname, "views", [self.view, argument, options, self.lineno])
        node = xnodes.pending_view(view=self.view, docname=self.env.docname, **attributes)
        self.set_source_info(node)
        return [node]


class CompareDirective(_ViewDirective):
    """This year's table beside another year's (default the previous), with changes."""

    view = "compare"
    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {"column": directives.unchanged, "year": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        year = compare_year(self.options)
        try:
            ref = parse_year_ref(year)
        except SelectorError:
            ref = None
        if ref is not None:
            self.domain.add_read(self.env.docname, *read_of("data", ref))
        return self.placeholder(target=self.arguments[0], column=self.options.get("column", ""), year=year)


class TrendDirective(_ViewDirective):
    """Figures or cross-format concepts over every year of a body: table and chart.

    Arguments are ``表.行.列`` paths or concept names (``收到申请数``, see
    ``formats/concepts.yaml``); a concept's line runs across format revisions,
    which are marked. Without ``:body:`` the page's own body up to its year.
    """

    view = "trend"
    required_arguments = 1
    optional_arguments = 20
    option_spec: ClassVar[OptionSpec] = {
        "labels": directives.unchanged,
        "title": directives.unchanged,
        "chart": lambda arg: directives.choice(arg, ("yes", "no")),
        "body": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        body = self.options.get("body", "").strip()
        if body:
            self.domain.add_read(self.env.docname, "data", body, "*")
        else:
            self.domain.add_read(self.env.docname, "data", "", "<=")
        return self.placeholder(
            body=body,
            paths=list(self.arguments),
            labels=words(self.options.get("labels", "")),
            title=self.options.get("title", ""),
            chart=self.options.get("chart", "yes"),
        )


class AggregateDirective(_ViewDirective):
    """One official table summed over several bodies for one year."""

    view = "aggregate"
    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {"year": directives.unchanged, "bodies": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        bodies = words(self.options.get("bodies", ""))
        year = self.options.get("year", "").strip()
        year_sel = year if re.fullmatch(r"\d{4}", year) else "+0"
        for body in bodies or ["*"]:
            self.domain.add_read(self.env.docname, "data", body, year_sel)
            self.domain.add_read(self.env.docname, "link", body, year_sel)
        return self.placeholder(target=self.arguments[0], year=year, bodies=bodies)


class ReportsDirective(_ViewDirective):
    """Every report of the site, grouped by body, newest year first, with key figures."""

    view = "reports"
    option_spec: ClassVar[OptionSpec] = {"path": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        self.domain.add_read(self.env.docname, "data", "*", "*")
        return self.placeholder(path=self.options.get("path", "").strip())


class SignatureDirective(_XxgkDirective):
    """The 落款 (issuing body, date) where the author wants it; at the end of the report otherwise."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {}

    def run(self) -> list[nodes.Node]:
        node = xnodes.pending_signature(docname=self.env.docname)
        self.set_source_info(node)
        return [node]
