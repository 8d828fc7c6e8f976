"""A page's bytes → what it declares and uses, with the parser of its suffix."""

from __future__ import annotations

from pathlib import Path

from ..core.encoding import decode_page
from .myst_page import read_myst_text
from .page_source import PageSource
from .rst_page import read_rst_text


def read_text(
    data: bytes | str,
    path: Path,
    docname: str,
    extensions: tuple[str, ...] = (),
    disabled: tuple[str, ...] = (),
) -> PageSource:
    """Read a page (``data``: its bytes, or text already decoded). Bytes that are not UTF-8 are
    a finding (``core.encoding``); the page is read with them replaced."""
    text, problem = decode_page(data) if isinstance(data, bytes) else (data, None)
    if path.suffix == ".rst":
        page = read_rst_text(text, path, docname)
    else:
        page = read_myst_text(text, path, docname, extensions, disabled)
    if problem is not None:
        page.read_findings.append(problem)
    return page
