"""Report pages are untrusted: read them as ``xxgk check`` reads them, before Sphinx parses them.

At ``source-read`` each page is read with the shared readers (``reading/``): what it uses is
recorded for ``core.page_findings`` (which reports every construct outside the allow-list as
``xxgk.unsafe``), and on an untrusted page every such construct is made inert in the source
(``core.safety.neutralize``) before MyST or docutils sees it — so it cannot run, read a file,
fetch a URL or publish something reviewers did not see, even under ``--keep-going``.

Sphinx reads sources strictly as UTF-8 and stops with a traceback on other bytes; the
``xxgk-utf-8`` codec reads them replaced, and the page gets an ``xxgk.encoding`` finding.
After reading, ``second_wall`` removes from an untrusted page's doctree anything that still
came from another file or could run (raw output, ``only``, toctrees, downloads) — which the
first wall should have made impossible, so it is reported if it ever happens.
"""

from __future__ import annotations

import codecs
import encodings.utf_8_sig
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from ..core.safety import (
    ALLOWED_NODES,
    check_uses,
    image_problem,
    link_problem,
    linked_page_problem,
    neutralize,
    trusted,
)
from ..reading.linked import exclude_patterns, linked_sources
from ..reading.read import read_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .domain import XxgkDomain

logger = logging.getLogger("xxgk")
CODEC = "xxgk-utf-8"


class _LenientDecoder(encodings.utf_8_sig.IncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")


class _LenientReader(encodings.utf_8_sig.StreamReader):
    def __init__(self, stream: Any, errors: str = "strict") -> None:
        super().__init__(stream, "replace")


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC:
        return None
    return codecs.CodecInfo(
        name=CODEC,
        encode=encodings.utf_8_sig.encode,
        decode=lambda data, errors="strict": encodings.utf_8_sig.decode(data, "replace"),
        incrementalencoder=encodings.utf_8_sig.IncrementalEncoder,
        incrementaldecoder=_LenientDecoder,
        streamreader=_LenientReader,
        streamwriter=encodings.utf_8_sig.StreamWriter,
    )


codecs.register(_search)


def lenient_sources(app: Sphinx, config: Config) -> None:
    """Pages that are not UTF-8 are read (and reported), not a traceback."""
    if str(config.source_encoding).lower().replace("_", "-") in ("utf-8", "utf-8-sig", "utf8"):
        config.source_encoding = CODEC


def exclude_links(app: Sphinx, config: Config) -> None:
    """Pages and folders that are symbolic links are not read (Sphinx would follow them)."""
    found = linked_sources(
        Path(app.srcdir),
        list(config.source_suffix),
        list(config.exclude_patterns) + list(config.templates_path),
        list(config.xxgk_trusted_pages),
    )
    config.exclude_patterns = [*config.exclude_patterns, *exclude_patterns(found)]
    for rel, _ in found:
        logger.warning(
            linked_page_problem(rel), type="xxgk", subtype="unsafe", location=f"{Path(app.srcdir) / rel}:1"
        )


def _domain(app: Sphinx) -> XxgkDomain:
    return app.env.domains["xxgk"]  # type: ignore[return-value]


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    path = Path(app.env.doc2path(docname))
    untrusted = not trusted(docname, app.config.xxgk_trusted_pages)
    data = path.read_bytes()
    domain = _domain(app)
    if not untrusted:
        try:
            data.decode("utf-8-sig")
            return
        except UnicodeDecodeError:
            pass
    myst = (
        tuple(sorted(getattr(app.config, "myst_enable_extensions", ()) or ())),
        tuple(getattr(app.config, "myst_disable_syntax", ()) or ()),
    )
    page = read_text(data, path, docname, *myst)
    for finding in page.read_findings:
        domain.declare(docname, "read_findings", [finding.subtype, finding.message, finding.line])
    if not untrusted:
        return
    for use in page.uses:
        domain.declare(
            docname,
            "uses",
            [use.kind, use.name, use.line, use.end, use.argument, [list(o) for o in use.options], use.markup],
        )
    verdict = check_uses(page.uses, docname)
    if verdict.blocked:  # nothing of the page is parsed: its findings say what was refused
        source[0] = neutralize(source[0], "rst" if path.suffix == ".rst" else "myst")


def _foreign(node: nodes.Node, page: str, real: Path) -> bool:
    """Did the node come from another file than the page (``real``: the page's resolved path)?"""
    source = getattr(node, "source", None)
    return bool(source) and str(source) != page and Path(str(source)).resolve() != real


# What a report page's doctree may hold once parsed: text and its structure, lists, tables,
# admonitions, footnotes, figures, sphinx-design's components and xxgk's own nodes. Every other
# node (raw output, math, downloads, toctrees, index entries, meta tags, anything an extension
# adds) is removed — whatever markup or parser quirk produced it.
_ALLOWED_SPHINX = frozenset({"only", "compact_paragraph", "pending_xref", "seealso", "literal_strong"})
_ALLOWED_MODULES = ("sphinx_design.", "xxgk.")
_XREF_TYPES = frozenset({"ref", "doc", "myst", "numref", "any"})


def _allowed_node(node: nodes.Node) -> bool:
    kind = type(node)
    if kind.__module__ == "docutils.nodes":
        return kind.__name__ in ALLOWED_NODES
    if kind.__module__ == "sphinx.addnodes":
        return kind.__name__ in _ALLOWED_SPHINX
    return kind.__module__.startswith(_ALLOWED_MODULES)


def _node_problem(node: nodes.Element, docname: str, page: str, real: Path) -> str | None:
    """Why a node may not stay on an untrusted page (None: it may)."""
    if not _allowed_node(node):
        return type(node).__name__
    if isinstance(node, addnodes.only) and not node.get("xxgk"):
        return "only"
    if isinstance(node, nodes.reference) and link_problem(str(node.get("refuri", "")), docname):
        return "reference"
    if isinstance(node, addnodes.pending_xref) and node.get("reftype") not in _XREF_TYPES:
        return "pending_xref"
    if isinstance(node, nodes.image) and _image_outside(str(node.get("uri", "")), docname, real):
        return "image"
    if not isinstance(node, nodes.system_message) and _foreign(node, page, real):
        return type(node).__name__
    return None


def _image_outside(uri: str, docname: str, real: Path) -> bool:
    """An image that is not a file in the page's folder (or below), after links are followed."""
    if image_problem(uri, docname):
        return True
    folder = real.parent
    try:
        return folder not in (folder / uri).resolve().parents
    except (OSError, ValueError):
        return True


def second_wall(app: Sphinx, doctree: nodes.document) -> None:
    """Remove what no untrusted page may hold, and say so — before Sphinx's own collectors see
    the doctree (they copy images and downloads, note math for MathJax), so nothing removed
    here is published, read or fetched."""
    docname = app.env.docname
    if trusted(docname, app.config.xxgk_trusted_pages):
        return
    page = str(app.env.doc2path(docname))
    real = Path(page).resolve()  # once, not for every node
    removed: list[tuple[str, int | None]] = []

    def walk(parent: nodes.Element) -> None:
        for node in list(parent.children):
            if not isinstance(node, nodes.Element):
                continue
            problem = _node_problem(node, docname, page, real)
            if problem:
                removed.append((problem, node.line))
                parent.remove(node)
            else:
                walk(node)

    walk(doctree)
    for kind, line in removed:
        logger.warning(
            f"报告页中的 {kind} 内容已被移除（不在允许范围内）",
            type="xxgk",
            subtype="unsafe",
            location=(docname, line) if line else docname,
        )
