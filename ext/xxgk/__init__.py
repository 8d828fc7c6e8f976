"""xxgk — government information disclosure annual reports as code.

Sphinx entry point: ``extensions = ["myst_parser", "sphinx_design", "xxgk"]``.
``setup()`` only registers; the pure core (formats, model, parse, figures,
compute, checks, text, layout, report) has no Sphinx import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata


STATIC = Path(__file__).parent / "static"
DATA_URL_DIR = "_data"  # per-report and all-reports figures (JSON, CSV) in the HTML output


def write_report_data(app: Sphinx, docname: str) -> tuple[str, str] | None:
    """``_data/<report>.json`` and ``.csv`` for one published report (written with its page, so
    in the worker processes under ``-j``); returns their texts."""
    from .export import rows, to_csv, to_json
    from .pdf import pdf_name

    ev = app.env.domains["xxgk"].evaluated(docname, app.config.xxgk_default_body)
    if ev is None:
        return None
    target = Path(app.outdir) / DATA_URL_DIR
    target.mkdir(exist_ok=True)
    data = rows(ev)
    texts = to_json(data), to_csv(data)
    (target / f"{pdf_name(docname)}.json").write_text(texts[0], encoding="utf-8")
    (target / f"{pdf_name(docname)}.csv").write_text(texts[1], encoding="utf-8")
    return texts


def _write_data(app: Sphinx) -> None:
    """``_data/all.json`` and ``all.csv``: the per-report files (written with the pages) joined,
    reports in (body, year) order; a report whose files are missing gets them written here."""
    from .export import csv_rows, join_csv, join_json, json_rows
    from .pdf import pdf_name

    domain = app.env.domains["xxgk"]
    target = Path(app.outdir) / DATA_URL_DIR
    if not domain.data_changed and (target / "all.json").is_file():
        return  # no report's figures changed since the files were written (a no-op build)
    target.mkdir(exist_ok=True)
    json_parts, csv_parts = [], []
    for _key, (docname, _) in sorted(domain.published.items()):
        name = pdf_name(docname)
        try:
            texts = (
                (target / f"{name}.json").read_text(encoding="utf-8"),
                (target / f"{name}.csv").read_text(encoding="utf-8"),
            )
            parts = json_rows(texts[0]), csv_rows(texts[1])
        except (OSError, ValueError):
            written = write_report_data(app, docname)
            if written is None:
                continue
            parts = json_rows(written[0]), csv_rows(written[1])
        json_parts.append(parts[0])
        csv_parts.append(parts[1])
    (target / "all.json").write_text(join_json(json_parts), encoding="utf-8")
    (target / "all.csv").write_text(join_csv(csv_parts), encoding="utf-8")


def _static_path_before_comparison(app: Sphinx, config: Config) -> None:
    """sphinx-design adds its static folder to ``html_static_path`` at builder-inited, after
    Sphinx compared this build's configuration with the last build's, so every incremental
    build said "The configuration has changed (1 option: 'html_static_path')". The folder is
    added here, before that comparison, and the repeat dropped once sphinx-design has run."""
    if "sphinx_design" not in config.extensions:
        return
    from sphinx_design.extension import STATIC_DIR

    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def _static_path_once(app: Sphinx) -> None:
    app.config.html_static_path = list(dict.fromkeys(app.config.html_static_path))


def _copy_static(app: Sphinx, exception: Exception | None) -> None:
    """Copy xxgk.css and the built PDFs into HTML output, xxgk.sty into LaTeX output."""
    if exception is None and app.builder.format == "latex":
        import shutil

        shutil.copyfile(Path(__file__).parent / "latex" / "xxgk.sty", Path(app.outdir) / "xxgk.sty")
    if exception is None and app.builder.format == "html":
        from sphinx.util.fileutil import copy_asset_file

        _write_data(app)
        copy_asset_file(STATIC / "xxgk.css", Path(app.outdir) / "_static", force=True)
        if app.config.xxgk_pdf_dir:
            source = Path(app.confdir) / app.config.xxgk_pdf_dir
            import shutil

            from .pdf import PDF_URL_DIR

            target = Path(app.outdir) / PDF_URL_DIR
            for pdf in sorted(source.glob("*.pdf")):
                target.mkdir(exist_ok=True)
                shutil.copyfile(pdf, target / pdf.name)


def setup(app: Sphinx) -> ExtensionMetadata:
    from docutils import nodes as du_nodes
    from sphinx.search import languages as search_languages

    from . import html, nodes, search_words
    from .collect import on_doctree_read
    from .domain import XxgkDomain
    from .incremental import on_env_updated
    from .resolve import ResolveReport
    from .site import collect_body_pages, on_html_page_context

    app.add_config_value("xxgk_default_body", "", "env", types=(str,))
    # where `make pdf` leaves the PDFs (relative to conf.py); "" = no PDF links
    app.add_config_value("xxgk_pdf_dir", "", "html", types=(str,))
    # share of prose repeated from last year's report above which xxgk.copy warns
    app.add_config_value("xxgk_copy_threshold", 0.5, "env", types=(float,))
    # local publication deadlines by level, "MM-DD" (default 部门 01-31, 政府 03-31)
    app.add_config_value("xxgk_deadlines", {}, "env", types=(dict,))
    app.add_domain(XxgkDomain)
    app.add_node(nodes.pending_table, **nodes.TABLE_VISITORS)
    app.add_node(nodes.pending_value, **nodes.VISITORS)
    app.add_node(nodes.data_marker, **nodes.TABLE_VISITORS)
    app.add_node(nodes.pending_nav, **nodes.TABLE_VISITORS)
    app.add_node(nodes.pending_view, **nodes.TABLE_VISITORS)
    app.add_node(nodes.pending_signature, **nodes.TABLE_VISITORS)
    app.add_node(nodes.html_table, **{**nodes.TABLE_VISITORS, "html": (nodes.visit_html_table, None)})
    app.add_latex_package("tikz")  # trend charts are TikZ pictures typeset by XeLaTeX
    app.add_latex_package("xxgk")  # \xxgksignature (copied at build-finished)
    app.connect("env-updated", on_env_updated)
    app.connect("doctree-read", on_doctree_read)
    app.connect("html-page-context", on_html_page_context)
    app.connect("html-collect-pages", collect_body_pages)
    app.add_node(du_nodes.entry, override=True, html=(html.visit_entry, html.depart_entry))
    app.add_post_transform(ResolveReport)
    app.add_post_transform(search_words.UseReadWords)
    app.connect("env-before-read-docs", search_words.before_reading)
    app.connect("doctree-read", search_words.on_doctree_read)
    # Sphinx imports a language given by name only when it builds an index (not for LaTeX)
    search_languages["zh"] = "xxgk.search.ChineseSearch"
    app.connect("build-finished", _copy_static)
    app.connect("config-inited", _static_path_before_comparison)
    app.connect("builder-inited", _static_path_once, priority=900)  # after sphinx-design (500)
    app.add_css_file("xxgk.css")
    return {
        "version": __version__,
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
