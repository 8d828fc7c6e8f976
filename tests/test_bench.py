"""The benchmark runs (at a tiny size): generator, both builds, incremental cases, the table.

Nothing here is about seconds; `make bench` measures.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from generate import generate
from run import measure, table


def test_generator_writes_twin_sites(tmp_path: Path) -> None:
    generate(6, tmp_path)
    ours = sorted(p.relative_to(tmp_path / "xxgk") for p in (tmp_path / "xxgk").rglob("*.md"))
    plain = sorted(p.relative_to(tmp_path / "plain") for p in (tmp_path / "plain").rglob("*.md"))
    assert ours == plain and len(ours) == 7  # 6 reports and the index
    page = (tmp_path / "xxgk" / "reports" / "b000" / "2022.md").read_text(encoding="utf-8")
    assert "{xxgk:data}" in page and "{xxgk:delta}" in page
    assert "xxgk" not in (tmp_path / "plain" / "reports" / "b000" / "2022.md").read_text(encoding="utf-8")


def test_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    results = measure(4, 1, tmp_path)
    ours, plain = results["xxgk"], results["plain"]
    assert ours["noop_pages"] == plain["noop_pages"] == 0
    assert ours["prose_pages"] >= 1 and plain["prose_pages"] >= 1  # the log was parsed
    assert ours["data_pages"] >= 2  # the edited year and the year that reads it
    text = table(4, results)
    assert "冷构建 -j1" in text and "xxgk check" in text
