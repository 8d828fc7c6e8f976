"""Post-transform: evaluate each page's report and replace every placeholder.

Runs when a page is written (main process, also under ``-j``), so every
finding about a page — its own identities and the cross-year ones against
last year's report — is emitted each time the page is re-written. Pages
inlined into another (LaTeX, singlehtml) are evaluated as themselves: every
placeholder carries its docname.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning
from sphinx.util.nodes import make_id, make_refnode
from sphinx.util.osutil import relative_uri

from . import DATA_URL_DIR, refs
from . import nodes as xnodes
from .chart import tex_escape
from .checks import check_cross_year
from .formats import load_breakdown
from .grid_html import Permalink
from .grid_nodes import grid_table
from .layout import Grid, breakdown_grid, table_grid
from .model import Breakdown, Finding
from .pdf import PDF_URL_DIR, chinese_date, pdf_name
from .prose import Paragraph, check_page
from .report import MISSING_REPORT, Evaluated, LookupProblem, table_target
from .roles import value_node
from .sphinx_log import warn
from .text import SpecError
from .years import Key, SelectorError, YearRef

if TYPE_CHECKING:
    from .domain import XxgkDomain

logger = logging.getLogger("xxgk")

# HTML builds write the official tables as ready HTML (see ``grid_html``); tests turn
# this off to compare with the HTML writer's output for the docutils tables.
RAW_HTML_TABLES = True
_PLACEHOLDERS = (
    xnodes.pending_table,
    xnodes.pending_value,
    xnodes.data_marker,
    xnodes.pending_nav,
    xnodes.pending_view,
    xnodes.pending_signature,
)


def _is_placeholder(node: nodes.Node) -> bool:
    return isinstance(node, _PLACEHOLDERS)


def _needs_report(node: nodes.Element) -> bool:
    """Does the placeholder need the page's own report (not only other bodies' reports)?"""
    if isinstance(node, xnodes.pending_view):
        return node["view"] == "compare" or (node["view"] == "trend" and not node["body"])
    if isinstance(node, xnodes.pending_value):
        return refs.needs_own_report(node["kind"], node["target"])
    return True


@dataclass
class Page:
    """The page being resolved: its docname, identity and evaluated report."""

    docname: str
    key: Key | None
    ev: Evaluated | None


class ResolveReport(SphinxPostTransform):
    default_priority = 5  # before ReferencesResolver (10), like MyST-NB's glue

    @property
    def domain(self) -> XxgkDomain:
        return self.env.domains["xxgk"]  # type: ignore[return-value]

    def run(self, **kwargs: Any) -> None:
        groups: dict[str, list[nodes.Element]] = {}
        for node in self.document.findall(_is_placeholder):
            groups.setdefault(node["docname"], []).append(node)
        for docname, found in groups.items():
            page = self._page(docname, found)
            if page.ev is not None and not any(isinstance(n, xnodes.pending_signature) for n in found):
                self._top_section(found[0]).extend(self._signature(page))
            for node in found:
                if isinstance(node, xnodes.pending_table):
                    node.replace_self(self._table(node, page))
                elif isinstance(node, xnodes.pending_value):
                    node.replace_self(self._value(node, page))
                elif isinstance(node, xnodes.pending_nav):
                    node.replace_self(self._nav(page))
                elif isinstance(node, xnodes.pending_signature):
                    node.replace_self(self._signature(page))
                elif isinstance(node, xnodes.pending_view):
                    from .views import build_view

                    node.replace_self(build_view(self, node, page))
                else:
                    node.parent.remove(node)

    # -- the page's own report -------------------------------------------------

    def evaluated(self, docname: str) -> Evaluated | None:
        return self.domain.evaluated(docname, self.config.xxgk_default_body)

    def _page(self, docname: str, found: list[nodes.Element]) -> Page:
        domain = self.domain
        key = domain.key_of(docname)
        if docname not in domain.reports:
            if any(_needs_report(n) for n in found):
                warn(
                    Finding(
                        "report",
                        MISSING_REPORT,
                        domain.data_lines.get(docname, found[0].line),
                    ),
                    docname,
                )
            return Page(docname, None, None)
        ev = self.evaluated(docname)
        if ev is None or key is None:  # metadata problems were reported when the page was read
            return Page(docname, None, None)
        fallback = domain.data_lines.get(docname)
        findings = list(ev.findings)
        owner = domain.docname_of(key)
        if owner is not None and owner != docname:
            findings.append(
                Finding(
                    "report",
                    f"{key[0]}{key[1]}年度报告已在“{owner}”页中，同一机构同一年度只能有一份报告",
                    domain.reports[docname]["line"],
                )
            )
        findings += self._cross_year(docname, key, ev)
        findings += self._prose(docname, key, ev)
        for finding in findings:
            if finding.subtype not in ev.meta.allow:
                warn(finding, docname, fallback)
        return Page(docname, key, ev)

    def _prose(self, docname: str, key: Key, ev: Evaluated) -> list[Finding]:
        """The evaluator's checks on this page's prose and form (``prose.check_page``)."""
        data = self.domain.data
        paragraphs = [Paragraph(text, line) for text, line in data["prose"].get(docname, [])]
        prev_doc = self.domain.docname_of((key[0], key[1] - 1))
        previous = None
        copy_wanted = not (
            is_suppressed_warning("xxgk", "copy", self.config.suppress_warnings) or "copy" in ev.meta.allow
        )
        if prev_doc is not None and copy_wanted:  # the copy check is the costly one: skipped when off
            previous = (key[1] - 1, [Paragraph(t, line) for t, line in data["prose"].get(prev_doc, [])])
        return check_page(
            ev,
            paragraphs,
            [tuple(h) for h in data["headings"].get(docname, [])],
            data["shown"].get(docname, []),
            previous,
            self.config.xxgk_copy_threshold,
            self.config.xxgk_deadlines,
        )

    def _cross_year(self, docname: str, key: Key, ev: Evaluated) -> list[Finding]:
        if not ev.figures.table_lines:
            return []
        prev_doc = self.domain.docname_of((key[0], key[1] - 1))
        prev = self.evaluated(prev_doc) if prev_doc else None
        if prev is None:
            logger.info(
                f"{docname}：未找到{key[0]}{key[1] - 1}年度报告，跨年度核对（上年结转等）已跳过",
                location=docname,
            )
            return []
        return check_cross_year(ev.format, ev.figures, prev.format, prev.figures, (key[1], key[1] - 1))

    # -- other reports -----------------------------------------------------------

    def context(self, page: Page) -> refs.Context:
        return refs.Context(page.ev, page.key, self)

    def report(self, key: Key) -> Evaluated | None:
        """``refs.Library``: the evaluated report of (body, year), if the project has it."""
        docname = self.domain.docname_of(key)
        return self.evaluated(docname) if docname else None

    def report_at(self, page: Page, ref: YearRef | None) -> tuple[Evaluated, str]:
        """The evaluated report a selector names (the page's own without one), and its docname."""
        ev = refs.report_at(self.context(page), ref)
        docname = page.docname if ev is page.ev else self.domain.docname_of((ev.meta.body, ev.meta.year))
        return ev, docname or page.docname

    def link(self, todocname: str, anchor: str | None, text: str) -> nodes.Element:
        """A link to another page; plain text where the output cannot hold one (a single
        report's PDF does not contain the other years' pages)."""
        try:
            return make_refnode(
                self._builder(), self.env.docname, todocname, anchor, nodes.inline(text, text)
            )
        except NoUri:
            return nodes.inline(text, text, classes=["xxgk-unlinked"])

    # -- tables ------------------------------------------------------------------

    def _table(self, node: xnodes.pending_table, page: Page) -> list[nodes.Node]:
        if page.ev is None:
            return []
        found = table_target(page.ev, node["target"], node.line)
        if isinstance(found, Finding):
            warn(found, page.docname)
            return []
        if isinstance(found, Breakdown):
            grid = breakdown_grid(found, load_breakdown(), node["unit"])
            return self.build_table(grid, node, ["xxgk-breakdown"], node["caption"], title=found.name)
        classes = [f"xxgk-layout-{found.layout}"]
        grid = table_grid(found, page.ev.figures)
        title = f"{page.ev.meta.year}年度{found.title}"
        return self.build_table(grid, node, classes, node["caption"], anchor=found.anchor, title=title)

    def build_table(
        self,
        grid: Grid,
        source: nodes.Element,
        classes: list[str],
        caption: str = "",
        anchor: str = "",
        title: str = "",
    ) -> list[nodes.Node]:
        """The table for a grid with a stable id, its LaTeX column spec and its notes: ready
        HTML in HTML builds (``grid_html``), a docutils table for every other builder.

        ``title`` names the table for screen readers in HTML (a hidden ``<caption>``); printed
        reports carry it in their section heading, so LaTeX gets no caption.
        """
        long = ["longtable"] if len(grid.rows) > 6 else []
        html = self._builder().format == "html"
        classes = [*long, *classes, *source.get("classes", [])]
        ident = f"xxgk-{anchor}" if anchor else ""
        if not ident or ident in self.document.ids:
            ident = make_id(self.env, self.document, "xxgk-table")
        table: nodes.Element
        if html and self._raw_html_tables(classes):
            # the markup is made by the HTML visitor: in the worker processes under -j
            args = (grid, classes, ident, caption, title, self._permalink(), self._table_style())
            table = xnodes.html_table(ids=[ident], grid_html_args=args)
            if caption or title:
                table += nodes.title(caption or title, caption or title)
            cells = [cell for row in grid.rows for cell in row if cell.text]
            table += nodes.Text("\n".join(c.text for c in cells if c.role != "num"))
            table += nodes.Text("\n".join(c.text for c in cells if c.role == "num"))
        else:
            table = grid_table(grid, classes, caption, title if html else "", latex=not html)
            table["ids"].append(ident)
        self.document.ids[ident] = table
        table.source, table.line = source.source, source.line
        out: list[nodes.Node] = [addnodes.tabular_col_spec(spec=grid.latex_colspec()), table]
        for note in grid.notes:
            out.append(nodes.paragraph(note, note, classes=["xxgk-note"]))
        return out

    def _raw_html_tables(self, classes: list[str]) -> bool:
        """Whether the table can go out as ready HTML (``grid_html``): not when docutils would
        write column widths. (Sphinx numbers tables when pages are read, before these exist.)"""
        return (
            RAW_HTML_TABLES
            and not any(cls.startswith("colwidths-") for cls in classes)
            and "colwidths-grid" not in self._table_style()
        )

    def _table_style(self) -> list[str]:
        # a writer setting (docutils.conf), absent from the settings pages are read with
        return str(getattr(self.document.settings, "table_style", "") or "").replace(",", " ").split()

    def _permalink(self) -> Permalink | None:
        builder = self._builder()
        if not (self.config.html_permalinks and getattr(builder, "add_permalinks", False)):
            return None
        return Permalink(self.config.html_permalinks_icon, _("Link to this table"))

    # -- values in prose -----------------------------------------------------------

    def _value(self, node: xnodes.pending_value, page: Page) -> nodes.Node:
        raw = node.astext()
        kind, target = node["kind"], node["target"]
        try:
            if kind == "ref":
                return self._ref(node, page)
            text, note = refs.value_text(self.context(page), kind, target)
        except (LookupProblem, SpecError, SelectorError) as exc:
            if page.ev is not None or not refs.needs_own_report(kind, target):
                warn(Finding("ref", str(exc), node.line), page.docname)
            return nodes.literal(raw, raw, classes=["xxgk-unresolved"])
        if note:
            logger.info(f"{page.docname}：{note}", location=node)
        return value_node(text, kind)

    def _ref(self, node: xnodes.pending_value, page: Page) -> nodes.Node:
        ev, table, text = refs.ref_target(self.context(page), node["target"])
        docname = self.domain.docname_of((ev.meta.body, ev.meta.year)) or page.docname
        anchor = None
        if table is not None:
            if not ev.figures.has_table(table.id) or not self.domain.shows(docname, table.id, ev):
                raise LookupProblem(f"{ev.meta.year}年度报告页中没有显示“{table.id}”表，无法链接")
            anchor = f"xxgk-{table.anchor}"
        return self.link(docname, anchor, node["title"] or text)

    def _nav(self, page: Page) -> list[nodes.Node]:
        if page.key is None:
            return []
        para = nodes.paragraph(classes=["xxgk-nav"])
        for label, offset in (("上一年度", -1), ("下一年度", 1)):
            year = page.key[1] + offset
            docname = self.domain.docname_of((page.key[0], year))
            if docname is None:
                continue
            if len(para):
                para += nodes.Text("　｜　")
            para += nodes.Text(f"{label}：")
            para += self.link(docname, None, f"{year}年度报告")
        pdf = self.pdf_link(pdf_name(page.docname), "下载PDF版")
        if pdf is not None:
            if len(para):
                para += nodes.Text("　｜　")
            para += pdf
        if self.config.html_copy_source:
            suffix = Path(self.env.doc2path(page.docname)).suffix + self.config.html_sourcelink_suffix
            source_uri = relative_uri(self.target_uri(), f"_sources/{page.docname}{suffix}")
            if len(para):
                para += nodes.Text("　｜　")
            para += nodes.reference("查看源文件", "查看源文件", refuri=source_uri, classes=["xxgk-source"])
        if len(para):
            para += nodes.Text("　｜　")
        para += nodes.Text("数据：")
        for i, suffix in enumerate(("json", "csv")):
            text = suffix.upper()
            uri = relative_uri(self.target_uri(), f"{DATA_URL_DIR}/{pdf_name(page.docname)}.{suffix}")
            para += nodes.Text("、" if i else "")
            para += nodes.reference(text, text, refuri=uri, classes=["xxgk-download"])
        return [para]

    def _builder(self) -> Any:
        # Sphinx's own post-transforms reach the builder the same way (``app`` is deprecated)
        app = getattr(self.env, "_app", None) or self.env.app
        return app.builder

    def target_uri(self) -> str:
        return str(self._builder().get_target_uri(self.env.docname))

    def pdf_link(self, name: str, text: str) -> nodes.reference | None:
        """A link to ``_pdf/<name>.pdf`` when `make pdf` has built that file."""
        pdf_dir = self.config.xxgk_pdf_dir
        if not pdf_dir or not (Path(self.env.srcdir) / pdf_dir / f"{name}.pdf").is_file():
            return None
        uri = relative_uri(self.target_uri(), f"{PDF_URL_DIR}/{name}.pdf")
        return nodes.reference(text, text, refuri=uri, classes=["xxgk-download"])

    def _signature(self, page: Page) -> list[nodes.Node]:
        """落款: issuing body and the publication date in Chinese, right-aligned."""
        if page.ev is None:
            return []
        meta = page.ev.meta
        date = chinese_date(meta.published) if meta.published else ""
        para = nodes.paragraph(classes=["xxgk-signature"])
        para += nodes.inline(meta.publisher, meta.publisher)
        if date:
            para += nodes.raw("", "<br/>", format="html")
            para += nodes.inline(date, date)
        latex = nodes.raw("", rf"\xxgksignature{{{tex_escape(meta.publisher)}}}{{{date}}}", format="latex")
        web = addnodes.only(expr="html")
        web += para
        return [web, latex]

    @staticmethod
    def _top_section(node: nodes.Node) -> nodes.Element:
        """The outermost section of the page a node belongs to (also inside an assembled book)."""
        top = node.parent
        current = node.parent
        while current is not None and not isinstance(current, (nodes.document, addnodes.start_of_file)):
            if isinstance(current, nodes.section):
                top = current
            current = current.parent
        return top
