"""HTML builds write the official tables as ready HTML (``grid_html``) for speed; the pages
must be byte for byte what Sphinx's HTML writer makes of the docutils tables, search index
included. Each project is built both ways and every output file compared."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from xxgk.sphinx import resolve

ROOTS = Path(__file__).parent / "roots"


def _build(make_app, tmp_path: Path, root: str, raw: bool, monkeypatch: pytest.MonkeyPatch) -> Path:
    src = tmp_path / f"{root}-{raw}"
    shutil.copytree(ROOTS / f"test-{root}", src)
    monkeypatch.setattr(resolve, "RAW_HTML_TABLES", raw)
    app: SphinxTestApp = make_app(
        "html", srcdir=src, confoverrides={"html_theme": "alabaster", "html_search_language": "zh"}
    )
    app.build()
    return Path(app.outdir)


def _pages(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.suffix in {".html", ".js"} and p.name != "documentation_options.js"
    }


@pytest.mark.parametrize("root", ["years", "hostile", "example"])
def test_ready_html_tables_equal_the_html_writers_output(
    make_app, tmp_path: Path, root: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _pages(_build(make_app, tmp_path, root, True, monkeypatch))
    slow = _pages(_build(make_app, tmp_path, root, False, monkeypatch))
    assert fast.keys() == slow.keys()
    assert any(b'class="xxgk-table' in page for page in fast.values())  # the tables were written
    index = json.loads(fast["searchindex.js"].decode()[len("Search.setIndex(") : -1])
    assert any("\u4e00" <= term[0] <= "\u9fff" for term in index["terms"])  # jieba segmented it
    different = [name for name in fast if fast[name] != slow[name]]
    assert different == []


@pytest.mark.sphinx("html", testroot="years", confoverrides={"html_search_language": "zh"})
def test_chinese_search_segments_each_text_once(app: SphinxTestApp) -> None:
    from xxgk.sphinx.search import ChineseSearch

    app.build()
    lang = app.builder.indexer.lang
    assert isinstance(lang, ChineseSearch)
    label = "本年新收政府信息公开申请数量"
    assert lang.split(label) == lang.split(label) and label in lang._seen


def test_words_segmented_at_read_time_give_the_same_index(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under -j pages are segmented for the search index in the worker processes that read
    them (``search_words``); the index is the one Sphinx's own segmentation gives."""
    from xxgk.sphinx import search_words

    indexes = []
    for enabled, jobs in ((True, 2), (True, 1), (False, 1)):
        monkeypatch.setattr(search_words, "ENABLED", enabled)
        src = tmp_path / f"years-{enabled}-{jobs}"
        shutil.copytree(ROOTS / "test-years", src)
        app: SphinxTestApp = make_app(
            "html", srcdir=src, confoverrides={"html_search_language": "zh"}, parallel=jobs
        )
        app.build()
        indexes.append((Path(app.outdir) / "searchindex.js").read_bytes())
        assert (app.builder.indexer.lang.prepared_hits > 50) == enabled
    assert indexes[0] == indexes[1] == indexes[2]
