"""Files copied into the output: xxgk.css, the built PDFs, xxgk.sty; sphinx-design's static folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .data_files import write_all_data

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"


def static_path_before_comparison(app: Sphinx, config: Config) -> None:
    """sphinx-design adds its static folder to ``html_static_path`` at builder-inited, after
    Sphinx compared this build's configuration with the last build's, so every incremental
    build said "The configuration has changed (1 option: 'html_static_path')". The folder is
    added here, before that comparison, and the repeat dropped once sphinx-design has run."""
    if "sphinx_design" not in config.extensions:
        return
    from sphinx_design.extension import STATIC_DIR

    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def epub_version(app: Sphinx) -> None:
    """EPUB 3 requires a version; the site has none of its own: xxgk's."""
    if app.builder.name == "epub" and not app.config.version:
        from ..core import VERSION

        app.config.version = VERSION


def latex_templates(app: Sphinx) -> None:
    """LaTeX builds use xxgk's table templates (``latex/templates``: Chinese continued tables)."""
    if app.builder.format == "latex":
        folder = str(Path(__file__).parent / "latex" / "templates")
        app.config.templates_path = [*app.config.templates_path, folder]


def static_path_once(app: Sphinx) -> None:
    app.config.html_static_path = list(dict.fromkeys(app.config.html_static_path))


def copy_static(app: Sphinx, exception: Exception | None) -> None:
    """Copy xxgk.css and the built PDFs and Word files into HTML output, xxgk.sty into LaTeX output."""
    if exception is None and app.builder.format == "latex":
        import shutil

        shutil.copyfile(Path(__file__).parent / "latex" / "xxgk.sty", Path(app.outdir) / "xxgk.sty")
    if exception is None and app.builder.format == "html":
        from sphinx.util.fileutil import copy_asset_file

        if app.builder.name != "epub":  # an e-book carries no download files
            write_all_data(app)
        copy_asset_file(STATIC / "xxgk.css", Path(app.outdir) / "_static", force=True)
        import shutil

        from ..core.names import DOCX_URL_DIR, PDF_URL_DIR

        for folder, suffix, url_dir in (
            (app.config.xxgk_pdf_dir, "pdf", PDF_URL_DIR),
            (app.config.xxgk_docx_dir, "docx", DOCX_URL_DIR),
        ):
            if not folder:
                continue
            target = Path(app.outdir) / url_dir
            for built in sorted((Path(app.confdir) / folder).glob(f"*.{suffix}")):
                target.mkdir(exist_ok=True)
                shutil.copyfile(built, target / built.name)
