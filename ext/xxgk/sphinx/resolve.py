"""Post-transform: evaluate each page's report and replace every placeholder.

Runs when a page is written (main process, also under ``-j``), so every
finding about a page — its own identities and the cross-year ones against
last year's report — is emitted each time the page is re-written. Pages
inlined into another (LaTeX, singlehtml) are evaluated as themselves: every
placeholder carries its docname.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.nodes import make_id, make_refnode
from sphinx.util.osutil import relative_uri

from ..core import role_values
from ..core.chart import tex_escape
from ..core.formats import load_breakdown
from ..core.layout import Grid, breakdown_grid, table_grid, text_widths
from ..core.model import Breakdown, Finding
from ..core.names import DATA_URL_DIR, DOCX_URL_DIR, PDF_URL_DIR, pdf_name
from ..core.page_checks import Paragraph, YearProse
from ..core.page_findings import Declared, RoleUse, Settings, ViewUse, page_findings
from ..core.report import Evaluated, LookupProblem, table_target
from ..core.safety import Use
from ..core.shards import SiteReport, relative_url
from ..core.wording import SpecError, chinese_date
from ..core.years import Key, SelectorError
from . import nodes as xnodes
from .grid_html import Permalink
from .grid_nodes import grid_table
from .log import warn
from .public import is_public
from .roles import value_node
from .views import build_view

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
    xnodes.page_marker,
)


def _is_placeholder(node: nodes.Node) -> bool:
    return isinstance(node, _PLACEHOLDERS)


@dataclass
class ResolvedPage:
    """The page being resolved: its docname, identity and evaluated report."""

    docname: str
    key: Key | None
    ev: Evaluated | None


class DomainProject:
    """``page_findings.Project`` over the domain: the reports of this build, by (body, year)."""

    def __init__(self, domain: XxgkDomain, default_body: str) -> None:
        self.domain = domain
        self.default_body = default_body

    def evaluated(self, docname: str) -> Evaluated | None:
        return self.domain.evaluated(docname, self.default_body)

    def report(self, key: Key) -> Evaluated | None:
        docname = self.domain.docname_of(key)
        return self.evaluated(docname) if docname else None

    def owner(self, key: Key) -> str | None:
        return self.domain.docname_of(key)

    def years_of(self, body: str) -> list[int]:
        return self.domain.years_of(body)

    def bodies(self) -> list[str]:
        return self.domain.bodies()

    def same_year(self, year: int) -> list[tuple[str, str]]:
        return self.domain.same_year(year)

    def shows(self, key: Key, table_id: str) -> bool:
        docname = self.domain.docname_of(key)
        ev = self.evaluated(docname) if docname else None
        return ev is not None and docname is not None and self.domain.shows(docname, table_id, ev)

    def paragraphs(self, docname: str) -> list[Paragraph]:
        return [Paragraph(text, line) for text, line in self.domain.prose(docname)]

    def year_prose(self, year: int) -> YearProse:
        return self.domain.year_prose(year)

    def declared(self, docname: str) -> Declared:
        """What the page declared when it was read, as ``page_findings`` takes it."""
        stored = self.domain.declared(docname)
        return Declared(
            docname,
            reports=[(options, line) for options, line in stored.get("reports", [])],
            data_lines=[line for (line,) in stored.get("data_lines", [])],
            data_findings=[Finding(s, m, line) for s, m, line in stored.get("data_findings", [])],
            entries=self.domain.raw_entries(docname),
            tables=[(target, line) for target, line in stored.get("tables", [])],
            views=[ViewUse(v, arg, options, line) for v, arg, options, line in stored.get("views", [])],
            roles=[RoleUse(name, text, line) for name, text, line in stored.get("roles", [])],
            paragraphs=self.paragraphs(docname),
            headings=self.domain.headings(docname),
            accepts=[(text, line) for text, line in stored.get("accepts", [])],
            uses=[
                Use(kind, name, line, end, argument, tuple(tuple(o) for o in options), markup)  # type: ignore[misc]
                for kind, name, line, end, argument, options, markup in stored.get("uses", [])
            ],
            read_findings=[Finding(s, m, line) for s, m, line in stored.get("read_findings", [])],
        )

    def sharing_name(self, docname: str) -> list[str]:
        return [d for d in self.domain.same_name_pages(docname) if d != docname]

    def sharing_body_page(self, body: str) -> list[str]:
        return self.domain.sharing_body_page(body)

    def elsewhere(self, key: Key) -> SiteReport | None:
        return self.domain.elsewhere.get(key)


class ResolveReport(SphinxPostTransform):
    default_priority = 5  # before ReferencesResolver (10), like MyST-NB's glue

    @property
    def domain(self) -> XxgkDomain:
        return self.env.domains["xxgk"]  # type: ignore[return-value]

    @property
    def project(self) -> DomainProject:
        return DomainProject(self.domain, self.config.xxgk_default_body)

    def run(self, **kwargs: Any) -> None:
        groups: dict[str, list[nodes.Element]] = {}
        for node in self.document.findall(_is_placeholder):
            groups.setdefault(node["docname"], []).append(node)
        for docname, found in groups.items():
            page = self._page(docname)
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
                    node.replace_self(build_view(self, node, page))
                else:
                    node.parent.remove(node)

    # -- the page's own report -------------------------------------------------

    def evaluated(self, docname: str) -> Evaluated | None:
        return self.domain.evaluated(docname, self.config.xxgk_default_body)

    def _page(self, docname: str) -> ResolvedPage:
        """Emit every finding about the page (``page_findings``, shared with ``xxgk check``);
        drawing it afterwards reports nothing more."""
        project = self.project
        ev = self.evaluated(docname) if docname in self.domain.reports else None
        settings = Settings(
            default_body=self.config.xxgk_default_body,
            copy_threshold=self.config.xxgk_copy_threshold,
            deadlines=self.config.xxgk_deadlines or {},
            suppress=list(self.config.suppress_warnings),
            report_dirs=list(self.config.xxgk_report_dirs),
            trusted=list(self.config.xxgk_trusted_pages),
        )
        result = page_findings(project.declared(docname), ev, project, settings)
        for finding in result.findings:
            warn(finding, docname)
        for note in dict.fromkeys(result.notes):
            logger.info(f"{docname}：{note}", location=docname)
        key = self.domain.key_of(docname)
        if ev is None or key is None:
            return ResolvedPage(docname, None, None)
        return ResolvedPage(docname, key, ev)

    # -- other reports -----------------------------------------------------------

    def context(self, page: ResolvedPage) -> role_values.Context:
        return role_values.Context(page.ev, page.key, self.project)

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

    def _table(self, node: xnodes.pending_table, page: ResolvedPage) -> list[nodes.Node]:
        if page.ev is None:
            return []
        found = table_target(page.ev, node["target"], node.line)
        if isinstance(found, Finding):  # reported by page_findings
            return []
        if isinstance(found, Breakdown):
            grid = breakdown_grid(found, load_breakdown(), node["unit"])
            return self.build_table(grid, node, ["xxgk-breakdown"], node["caption"], title=found.name)
        classes = [f"xxgk-layout-{found.layout}"]
        grid = table_grid(found, page.ev.figures)
        title = f"{page.ev.meta.year}年度{found.title}"
        if self._builder().format == "latex":
            self._room_for(node, grid)
        return self.build_table(grid, node, classes, node["caption"], anchor=found.anchor, title=title)

    @staticmethod
    def _room_for(node: nodes.Element, grid: Grid) -> None:
        """LaTeX: start the table on a new page unless its header and first rows fit on this one;
        before the heading when the table comes right under it (a heading never ends a page)."""
        lines = 2 * grid.header_rows + 3
        space = nodes.raw("", rf"\Needspace*{{{lines * 14}pt}}", format="latex")
        parent = node.parent
        if isinstance(parent, nodes.section) and parent.index(node) == 1 and parent.parent is not None:
            space = nodes.raw(
                "", rf"\Needspace*{{\dimexpr{lines * 14}pt+3\baselineskip\relax}}", format="latex"
            )
            parent.parent.insert(parent.parent.index(parent), space)
        else:
            parent.insert(parent.index(node), space)

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
        if self._builder().name == "text":  # widths in characters: figures kept whole
            grid = dataclasses.replace(grid, colwidths=text_widths(grid))
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

    def _value(self, node: xnodes.pending_value, page: ResolvedPage) -> nodes.Node:
        raw = node.astext()
        kind, target = node["kind"], node["target"]
        try:
            if kind == "ref":
                return self._ref(node, page)
            text, _ = role_values.value_text(self.context(page), kind, target)
        except (LookupProblem, SpecError, SelectorError):  # reported by page_findings
            return nodes.literal(raw, raw, classes=["xxgk-unresolved"])
        return value_node(text, kind)

    def _ref(self, node: xnodes.pending_value, page: ResolvedPage) -> nodes.Node:
        other = role_values.elsewhere_target(self.context(page), node["target"], self.project.elsewhere)
        if other is not None:  # built by another shard of the site: its address in the joined site
            found, anchor, text = other
            label = node["title"] or text
            if self._builder().format != "html":  # a PDF or Word file holds no other shard's page
                return nodes.inline(label, label, classes=["xxgk-unlinked"])
            uri = relative_url(page.docname, found, anchor)
            return nodes.reference(label, label, refuri=uri, classes=["xxgk-elsewhere"])
        ev, table, text = role_values.link_target(self.context(page), node["target"], self.project)
        docname = self.domain.docname_of((ev.meta.body, ev.meta.year)) or page.docname
        anchor = f"xxgk-{table.anchor}" if table is not None else None
        return self.link(docname, anchor, node["title"] or text)

    def _nav(self, page: ResolvedPage) -> list[nodes.Node]:
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
        for built in (
            self.pdf_link(pdf_name(page.docname), "下载PDF版"),
            self.docx_link(pdf_name(page.docname), "下载Word版"),
        ):
            if built is not None:
                if len(para):
                    para += nodes.Text("　｜　")
                para += built
        if self.config.html_copy_source:
            suffix = Path(self.env.doc2path(page.docname)).suffix + self.config.html_sourcelink_suffix
            source_uri = relative_uri(self.target_uri(), f"_sources/{page.docname}{suffix}")
            if len(para):
                para += nodes.Text("　｜　")
            para += nodes.reference("查看源文件", "查看源文件", refuri=source_uri, classes=["xxgk-source"])
        if self._builder().name == "epub" or not is_public(self.config, page.docname):
            return [para] if len(para) else []  # an e-book, an example of the guide: no data files
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
        return self._built_link(self.config.xxgk_pdf_dir, PDF_URL_DIR, f"{name}.pdf", text)

    def docx_link(self, name: str, text: str) -> nodes.reference | None:
        """A link to ``_docx/<name>.docx`` when `make docx` has built that file."""
        return self._built_link(self.config.xxgk_docx_dir, DOCX_URL_DIR, f"{name}.docx", text)

    def _built_link(self, folder: str, url_dir: str, filename: str, text: str) -> nodes.reference | None:
        if not folder or not (Path(self.env.srcdir) / folder / filename).is_file():
            return None
        uri = relative_uri(self.target_uri(), f"{url_dir}/{filename}")
        return nodes.reference(text, text, refuri=uri, classes=["xxgk-download"])

    def _signature(self, page: ResolvedPage) -> list[nodes.Node]:
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
        web = addnodes.only(expr="html or docx")  # the Word 公文 writes it as the page does
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
