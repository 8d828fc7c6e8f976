"""``setup()``: registers the domain, nodes, transforms and event handlers of the Sphinx layer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import VERSION as __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    from docutils import nodes as du_nodes
    from sphinx.search import languages as search_languages

    from ..core.safety import TRUSTED_PAGES
    from . import html_entry as html
    from . import nodes, parsers, search_words, untrusted
    from .docx_builder import DocxBuilder
    from .domain import XxgkDomain
    from .incremental import on_env_updated, read_few_here, restore_parallel
    from .pdf import titles_from_pages
    from .print_layout import BreakableLongWords, CjkLineBreaks, RunInHeadings
    from .resolve import ResolveReport
    from .shard import setup_shards
    from .site import collect_body_pages, examples_out_of_search, on_html_page_context
    from .static_files import (
        copy_static,
        epub_version,
        latex_templates,
        search_scorer,
        static_path_before_comparison,
        static_path_once,
    )

    app.add_config_value("xxgk_default_body", "", "env", types=(str,))
    # where `make pdf` leaves the PDFs (relative to conf.py); "" = no PDF links
    app.add_config_value("xxgk_pdf_dir", "", "html", types=(str,))
    # where `make docx` leaves the Word files; "" = no Word links
    app.add_config_value("xxgk_docx_dir", "", "html", types=(str,))
    # share of prose repeated from last year's report above which xxgk.copy warns
    app.add_config_value("xxgk_copy_threshold", 0.5, "env", types=(float,))
    # local publication deadlines by level, "MM-DD" (default 部门 01-31, 政府 03-31)
    app.add_config_value("xxgk_deadlines", {}, "env", types=(dict,))
    # folders whose every page must be a report (a page there without xxgk:report is a finding)
    app.add_config_value("xxgk_report_dirs", ["reports"], "env", types=(list, tuple))
    # pages not held to the report allow-list (docname patterns): the maintainers' own pages
    # reports that only illustrate (the guide's fictional bodies): kept out of the public site
    app.add_config_value("xxgk_example_pages", [], "env", types=(list, tuple))
    app.add_config_value("xxgk_trusted_pages", list(TRUSTED_PAGES), "env", types=(list, tuple))
    setup_shards(app)
    app.connect("config-inited", untrusted.lenient_sources, priority=900)  # after Sphinx's own check
    app.connect("config-inited", untrusted.exclude_links, priority=850)  # source_suffix is a dict by then
    app.connect("source-read", untrusted.on_source_read)
    # before Sphinx's collectors (priority 500), which copy images and downloads
    app.connect("doctree-read", untrusted.second_wall, priority=100)
    app.add_builder(DocxBuilder)
    app.add_source_parser(parsers.GuardedMystParser, override=True)
    app.add_source_parser(parsers.GuardedRSTParser, override=True)
    app.add_domain(XxgkDomain)
    app.add_node(nodes.pending_table, **nodes.TABLE_VISITORS)
    app.add_node(nodes.pending_value, **nodes.VISITORS)
    app.add_node(nodes.data_marker, **nodes.TABLE_VISITORS)
    app.add_node(nodes.pending_nav, **nodes.TABLE_VISITORS)
    app.add_node(nodes.pending_view, **nodes.TABLE_VISITORS)
    app.add_node(nodes.pending_signature, **nodes.TABLE_VISITORS)
    app.add_node(nodes.page_marker, **nodes.TABLE_VISITORS)
    app.add_node(nodes.html_table, **{**nodes.TABLE_VISITORS, "html": (nodes.visit_html_table, None)})
    app.add_latex_package("tikz")  # trend charts are TikZ pictures typeset by XeLaTeX
    app.add_latex_package("xxgk")  # \xxgksignature (copied at build-finished)
    app.connect("env-before-read-docs", read_few_here)
    app.connect("env-updated", restore_parallel, priority=100)
    app.connect("env-updated", on_env_updated)
    app.connect("env-updated", titles_from_pages)
    app.connect("env-updated", examples_out_of_search)
    app.connect("html-page-context", on_html_page_context)
    app.connect("html-collect-pages", collect_body_pages)
    app.add_node(
        du_nodes.entry,
        override=True,
        html=(html.visit_entry, html.depart_entry),
        latex=(nodes.visit_entry_latex, nodes.depart_entry_latex),
    )
    # an official table's cell is its text, without a <p> (html_entry: ~280 cells a page)
    app.add_node(du_nodes.paragraph, override=True, html=(html.visit_paragraph, html.depart_paragraph))
    app.add_node(du_nodes.table, override=True, html=(nodes.visit_table_framed, nodes.depart_table_framed))
    app.add_node(
        du_nodes.row,
        override=True,
        html=(html.visit_row, html.depart_row),
        latex=(nodes.visit_row_latex, nodes.depart_row_latex),
    )
    app.add_post_transform(ResolveReport)
    app.add_post_transform(RunInHeadings)
    app.add_post_transform(CjkLineBreaks)
    app.add_post_transform(BreakableLongWords)
    app.add_post_transform(search_words.UseReadWords)
    app.connect("env-before-read-docs", search_words.before_reading)
    app.connect("doctree-read", search_words.on_doctree_read)
    # Sphinx imports a language given by name only when it builds an index (not for LaTeX)
    search_languages["zh"] = "xxgk.sphinx.search.ChineseSearch"
    app.connect("build-finished", copy_static)
    app.connect("config-inited", static_path_before_comparison)
    app.connect("builder-inited", static_path_once, priority=900)  # after sphinx-design (500)
    app.connect("builder-inited", latex_templates)
    app.connect("config-inited", search_scorer)
    app.connect("builder-inited", epub_version, priority=100)  # before Sphinx checks it (500)
    app.add_css_file("xxgk.css")
    app.add_js_file("xxgk-frames.js", loading_method="defer")
    return {
        "version": __version__,
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
