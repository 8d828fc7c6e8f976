"""A large site's edit: the changed page is read in the build's own process, the environment
kept out of the garbage collector's walks, and the jobs given back for writing."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.testing.util import SphinxTestApp
from xxgk.sphinx.incremental import read_few_here, restore_parallel

PAGES = 120


def site(root: Path) -> Path:
    """A site of ``PAGES`` short pages (a report is not needed: what is measured is reading)."""
    root.mkdir()
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "xxgk"]\nlanguage = "zh_CN"\nexclude_patterns = ["_build"]\n',
        encoding="utf-8",
    )
    (root / "index.md").write_text("# 首页\n\n```{toctree}\n:glob:\n\npages/*\n```\n", encoding="utf-8")
    (root / "pages").mkdir()
    for n in range(PAGES):
        (root / "pages" / f"p{n:03}.md").write_text(f"# 第{n}页\n\n正文{n}。\n", encoding="utf-8")
    return root


def build(make_app, srcdir: Path) -> tuple[SphinxTestApp, set[int]]:
    """A ``-j 2`` build; the processes that read a page."""
    app = make_app("html", srcdir=srcdir, parallel=2)
    readers: set[int] = set()
    app.connect("doctree-read", lambda _app, _doctree: readers.add(os.getpid()))
    app.build()
    return app, readers


@pytest.mark.skipif(not hasattr(os, "fork"), reason="Sphinx reads in parallel by fork only")
def test_one_changed_page_of_a_large_site_is_read_in_the_builds_process(make_app, tmp_path: Path) -> None:
    src = site(tmp_path / "site")
    _, readers = build(make_app, src)
    assert os.getpid() not in readers  # a cold build reads in forked processes (-j 2)
    page = src / "pages" / "p007.md"
    page.write_text("# 第7页\n\n正文改过了。\n", encoding="utf-8")
    later = time.time() + 5
    os.utime(page, (later, later))
    second, readers = build(make_app, src)
    assert readers == {os.getpid()}  # one page of 121: read here, no environment shipped back
    assert second.parallel == 2  # given back for writing
    assert "正文改过了" in (Path(second.outdir) / "pages" / "p007.html").read_text(encoding="utf-8")
    assert gc.get_freeze_count() == 0  # a site this small keeps its collector as it is


def test_only_a_small_share_of_a_site_is_read_in_one_process() -> None:
    app = SimpleNamespace(parallel=2)
    large = SimpleNamespace(all_docs=dict.fromkeys(f"p{n}" for n in range(5000)))
    read_few_here(app, large, ["p1"])
    assert app.parallel == 1
    assert gc.get_freeze_count() > 0  # the loaded environment: not walked by every collection
    restore_parallel(app, large)
    gc.unfreeze()  # this process goes on testing
    assert app.parallel == 2
    read_few_here(app, large, [f"p{n}" for n in range(200)])  # a new year of a province: in parallel
    assert app.parallel == 2
    small = SimpleNamespace(all_docs=dict.fromkeys(["index", "a", "b"]))
    read_few_here(app, small, ["a"])  # a small site's environment costs nothing to ship
    assert app.parallel == 2
    gc.unfreeze()
