"""A page's bytes → what it declares and uses, with the parser of its suffix."""

from __future__ import annotations

from pathlib import Path

from ..core.encoding import decode_page
from ..core.safety import IMAGE_OPTIONS, IMAGES, Use, control_characters
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
    markup = "rst" if path.suffix == ".rst" else "myst"
    page.uses += control_characters(text, markup)
    page.uses += _linked_outside(page, path, markup)
    return page


def _linked_outside(page: PageSource, path: Path, markup: str) -> list[Use]:
    """Image files beside the page that are links to files elsewhere (their real place is used)."""
    folder = path.parent.resolve()
    found = []
    for use in page.uses:
        names = [use.name] if use.kind == "image" else []
        if use.kind == "directive":
            names = [use.argument] if use.name in IMAGES else []
            names += [value for key, value in use.options if key in IMAGE_OPTIONS]
        for name in names:
            target = path.parent / name
            try:
                real = target.resolve()
                linked = target.is_symlink() or any(
                    p.is_symlink() for p in target.parents if folder in p.parents
                )
            except (OSError, ValueError):
                continue
            if linked and folder not in real.parents:
                found.append(Use("image", str(real), use.line, markup=markup))
    return found
