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
    from sphinx.util.typing import ExtensionMetadata


def _add_static(app: Sphinx) -> None:
    static = str(Path(__file__).parent / "static")
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)


def setup(app: Sphinx) -> ExtensionMetadata:
    from docutils import nodes as du_nodes

    from . import html, nodes
    from .domain import XxgkDomain
    from .resolve import ResolveReport

    app.add_config_value("xxgk_default_body", "", "env", types=(str,))
    app.add_domain(XxgkDomain)
    app.add_node(nodes.pending_table, **nodes.TABLE_VISITORS)
    app.add_node(nodes.pending_value, **nodes.VISITORS)
    app.add_node(nodes.data_marker, **nodes.TABLE_VISITORS)
    app.add_node(du_nodes.entry, override=True, html=(html.visit_entry, html.depart_entry))
    app.add_post_transform(ResolveReport)
    app.connect("builder-inited", _add_static)
    app.add_css_file("xxgk.css")
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
