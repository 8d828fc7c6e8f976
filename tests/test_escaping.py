"""Whatever staff type reaches HTML and LaTeX escaped: no script, no attribute, no TeX command."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from .conftest import require

HOSTILE = '<script>alert(1)</script>" onmouseover="alert(2)" {}\\$&%#_^~'


def xxgk_warnings(app: SphinxTestApp) -> list[str]:
    return [line for line in strip_colors(app.warning.getvalue()).splitlines() if "[xxgk" in line]


@pytest.mark.sphinx("html", testroot="hostile")
def test_html_escapes_every_field(app: SphinxTestApp) -> None:
    app.build()
    assert xxgk_warnings(app) == []
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert not [s for s in page.find_all("script") if "alert" in (s.string or "")]
    assert not page.find_all(attrs={"onmouseover": True})
    text = page.select_one("div.body").get_text()
    for field in ("发布", "主题", "索引", "标题"):
        assert field + HOSTILE in text, field  # shown as the text the author wrote
    # prose is Markdown ("\$" is its escape of "$", "_…_" emphasis); the HTML still arrives as text
    assert '前文<script>alert(1)</script>" onmouseover="alert(2)" {}$&%#' in text
    assert "类别" + HOSTILE in text
    svg = str(page.select_one("svg.xxgk-chart"))
    assert "<script>" not in svg and "&lt;script&gt;alert(3)&lt;/script&gt;" in svg


@pytest.mark.sphinx("latex", testroot="hostile")
def test_latex_escapes_every_field(app: SphinxTestApp) -> None:
    app.build()
    assert xxgk_warnings(app) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert (
        r"\{\}\textbackslash{}\$\&\%\#\_\textasciicircum{}\textasciitilde{}" in tex
    )  # Sphinx's own escaping
    assert r"\xxgksignature{发布<script>alert(1)</script>" in tex
    assert r"\{\}\textbackslash{}\$\&\%\#\_\textasciicircum{}\textasciitilde{}}{}" in tex  # our 落款
    assert r"\node[anchor=west]" in tex and r"标签<script>alert(3)</script>\"onmouseover" not in tex
    if shutil.which("xelatex") is None:
        require(False, " TeX", "make tex")
    run = subprocess.run(
        ["make", "-C", str(app.outdir), "all-pdf"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout[-2000:]


def test_control_characters_never_reach_the_page() -> None:
    from xxgk.core.report import parse_meta

    meta, _ = parse_meta({"body": "示例\x07街道\x1b", "year": "2021", "topic": "主\x00题"}, 1)
    assert meta is not None and (meta.body, meta.topic) == ("示例街道", "主题")
