"""Which files are pages of the project: exactly the ones ``sphinx-build`` reads.

conf.py is read, never executed (a checkout's conf.py is code): its literal settings
(``source_suffix``, ``include_patterns``, ``exclude_patterns``, ``templates_path``, the HTML
asset folders, ``extensions``) are taken with ``ast.literal_eval`` and given to Sphinx's own
file discovery (``sphinx.project.Project``), so the page set cannot drift from the build's.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from ..core.safety import TRUSTED_PAGES
from ..reading.linked import exclude_patterns, linked_sources
from ..reading.page_source import PageSource, docname_of
from ..reading.read import read_text

CONF_NAMES = {
    "suppress_warnings",
    "source_suffix",
    "include_patterns",
    "exclude_patterns",
    "templates_path",
    "html_static_path",
    "html_extra_path",
    "extensions",
    "root_doc",
    "myst_enable_extensions",
    "myst_disable_syntax",
    "project",  # the site's name, on the pages xxgk site join writes
}


class NotAPage(ValueError):
    """A path given on the command line that the build would not read as a page."""


def conf_values(root: Path) -> dict[str, Any]:
    """Literal ``xxgk_*`` settings and the page-set settings of conf.py (read, never executed)."""
    conf = root / "conf.py"
    values: dict[str, Any] = {}
    if not conf.is_file():
        return values
    for node in ast.parse(conf.read_bytes()).body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name) and (target.id.startswith("xxgk_") or target.id in CONF_NAMES):
                try:
                    values[target.id] = ast.literal_eval(node.value)  # type: ignore[union-attr,arg-type]
                except ValueError:
                    continue
    return values


def source_suffixes(conf: dict[str, Any]) -> list[str]:
    """``source_suffix`` as Sphinx completes it: .rst, and .md once MyST is an extension."""
    given = conf.get("source_suffix")
    if isinstance(given, str):
        return [given]
    if isinstance(given, (list, tuple, dict)):
        return list(given)
    suffixes = [".rst"]
    if "myst_parser" in (conf.get("extensions") or []):
        suffixes.append(".md")
    return suffixes


def _excluded(conf: dict[str, Any]) -> list[str]:
    return [
        *conf.get("exclude_patterns", []),
        *conf.get("templates_path", []),
        *conf.get("html_static_path", []),
        *conf.get("html_extra_path", []),
    ]


def linked(root: Path, conf: dict[str, Any] | None = None) -> list[tuple[str, bool]]:
    """The pages and folders that are symbolic links (``reading.linked``), as the build finds them."""
    conf = conf_values(root) if conf is None else conf
    trusted_pages = conf.get("xxgk_trusted_pages", TRUSTED_PAGES)
    return linked_sources(root, source_suffixes(conf), _excluded(conf), trusted_pages)


def find_pages(root: Path, conf: dict[str, Any] | None = None) -> dict[str, Path]:
    """docname → file of every page ``sphinx-build`` would read in ``root`` (not the links)."""
    from sphinx.project import Project as SphinxProject

    conf = conf_values(root) if conf is None else conf
    exclude = _excluded(conf) + exclude_patterns(linked(root, conf))
    project = SphinxProject(root, source_suffixes(conf))
    project.discover(exclude, conf.get("include_patterns", ["**"]))
    return {docname: Path(project.doc2path(docname, absolute=True)) for docname in sorted(project.docnames)}


def select(pages: dict[str, Path], names: list[str]) -> set[str]:
    """The docnames under the given files or folders; ``NotAPage`` names one that is not a page
    (does not exist, lies outside the project, or is excluded by conf.py)."""
    by_path = {path.resolve(): docname for docname, path in pages.items()}
    chosen: set[str] = set()
    for name in names:
        path = Path(name).resolve()
        if not path.exists():
            raise NotAPage(f"找不到：{name}")
        if path.is_file():
            if path not in by_path:
                raise NotAPage(
                    f"{name} 不是本项目网站的页面（不在项目目录中，或被 conf.py 的 include_patterns、"
                    "exclude_patterns、source_suffix 排除），构建时不会读取它"
                )
            chosen.add(by_path[path])
            continue
        inside = {doc for page, doc in by_path.items() if path in page.parents}
        if not inside:
            raise NotAPage(f"{name} 中没有本项目网站的页面（构建时不会读取其中的文件）")
        chosen |= inside
    return chosen


def read_page(
    path: Path, root: Path, docname: str | None = None, conf: dict[str, Any] | None = None
) -> PageSource:
    """Everything xxgk needs from one page, read with the parser of its suffix and conf.py's
    MyST settings (``conf``: ``conf_values``; read from ``root`` when not given)."""
    conf = conf_values(root) if conf is None else conf
    return read_text(
        path.read_bytes(),
        path,
        docname or docname_of(path, root),
        tuple(sorted(conf.get("myst_enable_extensions") or ())),
        tuple(conf.get("myst_disable_syntax") or ()),
    )
