"""Files copied into the output: xxgk.css, the built PDFs, xxgk.sty; sphinx-design's static folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from .data_files import write_data_index

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
logger = logging.getLogger("xxgk")


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


def search_scorer(app: Sphinx, config: Any) -> None:
    """Reports before the guide in search results (unless conf.py names its own scorer)."""
    if not config.html_search_scorer:
        config.html_search_scorer = str(STATIC / "search_scorer.js")


# searchtools.js drops every query term made of digits only, although the index holds them:
# a citizen typing 3119 found nothing. The one expression is taken out of the copy published.
_DIGITS_DROPPED = " || queryTerm.match(/^\\d+$/)"


def searchable_numbers(app: Sphinx) -> None:
    """Figures can be searched for: the published searchtools.js keeps digit-only terms."""
    script = Path(app.outdir) / "_static" / "searchtools.js"
    if not script.is_file():
        return
    text = script.read_text(encoding="utf-8")
    if _DIGITS_DROPPED in text:
        script.write_text(text.replace(_DIGITS_DROPPED, ""), encoding="utf-8")
    elif "queryTerm.match(/^\\d+$/)" in text:
        logger.warning(
            "Sphinx 的 searchtools.js 已改变，无法让数字可以搜索；请更新 xxgk（static_files.py）",
            type="xxgk",
            subtype="search",
        )


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
    """Copy xxgk.css, xxgk-frames.js and the built PDFs and Word files into HTML output,
    xxgk.sty into LaTeX output."""
    if exception is None and app.builder.format == "latex":
        import shutil

        shutil.copyfile(Path(__file__).parent / "latex" / "xxgk.sty", Path(app.outdir) / "xxgk.sty")
    if exception is None and app.builder.format == "html":
        from sphinx.util.fileutil import copy_asset_file

        searchable_numbers(app)
        if app.builder.name != "epub":  # an e-book carries no download files
            write_data_index(app)
        for name in ("xxgk.css", "xxgk-frames.js"):
            copy_asset_file(STATIC / name, Path(app.outdir) / "_static", force=True)
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
