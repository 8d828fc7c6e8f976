"""Every Sphinx builder a user may run gives a clean build of the bundled site: html, dirhtml,
singlehtml, epub, latex and text, under -nW, with no internal link that leads nowhere."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from .conftest import ROOT, SITE

BUILDERS = ["html", "dirhtml", "singlehtml", "epub", "latex", "text"]


def build(name: str, out: Path) -> SphinxTestApp:
    app = SphinxTestApp(name, srcdir=ROOT, builddir=out, confoverrides=SITE, warningiserror=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def broken_links(outdir: Path, suffix: str) -> dict[str, set[str]]:
    """Each page's links and image sources within the output that lead to no file."""
    broken: dict[str, set[str]] = {}
    for page in outdir.rglob(f"*{suffix}"):
        for target in re.findall(r'(?:href|src)="([^"]+)"', page.read_text(encoding="utf-8")):
            url = urlsplit(target)
            if url.scheme or target.startswith(("#", "//")) or not url.path:
                continue
            found = (page.parent / unquote(url.path)).resolve()
            if found.is_dir():
                found = found / "index.html"
            if not found.exists():
                broken.setdefault(str(page.relative_to(outdir)), set()).add(target)
    return broken


@pytest.mark.parametrize("name", BUILDERS)
def test_each_builder_builds_the_site_without_a_warning(name: str, tmp_path: Path) -> None:
    app = build(name, tmp_path)
    assert strip_colors(app.warning.getvalue()).strip() == ""
    outdir = Path(app.outdir)
    if name in ("html", "dirhtml", "singlehtml"):
        assert broken_links(outdir, ".html") == {}
    if name == "epub":
        assert broken_links(outdir, ".xhtml") == {}
        assert (outdir / "xxgk-reports.epub").is_file()
    if name == "dirhtml":
        body = (outdir / "bodies" / "huaian-szf" / "index.html").read_text(encoding="utf-8")
        assert 'href="../../reports/huaian-szf/2024/"' in body
    if name == "text":
        text = (outdir / "reports" / "huaian-szf" / "2024.txt").read_text(encoding="utf-8")
        # 复议诉讼 as one line of whole figures (not one digit a line)
        assert re.search(r"\| 72 +\| 64 +\| 178 \| 37 +\| 351 \| 13 +\| 4 +\| 8 +\| 1 +\| 26 +\| 12 ", text)
