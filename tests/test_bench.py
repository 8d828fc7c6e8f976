"""The benchmark runs (at a tiny size): the province generator, the three builds, incremental
cases, the table. Nothing here is about seconds; `make bench` measures."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from generate import generate
from run import measure, table


def test_generator_writes_a_province_in_three_variants(tmp_path: Path) -> None:
    summary = generate(300, tmp_path, faults=2)
    pages = {
        variant: sorted(p.relative_to(tmp_path / variant) for p in (tmp_path / variant).rglob("*.md"))
        for variant in ("xxgk", "plain", "floor")
    }
    assert pages["xxgk"] == pages["plain"] == pages["floor"]
    assert len(pages["xxgk"]) == 300 + 1 and summary["reports"] == 300  # and the index
    assert summary["shards"] == 2  # the province's own bodies, and the first city
    years = {}
    for path in (p for p in pages["xxgk"] if p.parts[0] == "reports"):
        years.setdefault(path.parent, []).append(int(path.stem))
    assert all(1 <= len(y) <= 7 and max(y) == 2025 for y in years.values())
    ours = (tmp_path / "xxgk" / "reports" / "sheng" / "zf" / "2020.md").read_text(encoding="utf-8")
    plain = (tmp_path / "plain" / "reports" / "sheng" / "zf" / "2020.md").read_text(encoding="utf-8")
    floor = (tmp_path / "floor" / "reports" / "sheng" / "zf" / "2020.md").read_text(encoding="utf-8")
    assert "{xxgk:data}" in ours and "{xxgk:delta}" in ours and "xxgk" not in plain
    assert "```{eval-rst}" in plain and "| 一、本年新收政府信息公开申请数量" in plain and "|" not in floor
    assert len(summary["faults"]) == 2


def test_the_plain_twin_has_the_same_table_cells_as_xxgk(tmp_path: Path) -> None:
    """Its grid tables hold as many cells as the official tables xxgk renders, merged alike."""
    generate(20, tmp_path, variants=("xxgk", "plain"))
    for project in ("xxgk", "plain"):
        subprocess.run(
            [str(Path(sys.executable).parent / "sphinx-build"), "-q", "-b", "html", ".", "_build"],
            cwd=tmp_path / project,
            check=True,
            capture_output=True,
        )
    for page in ("reports/sheng/zf/2019.html", "reports/sheng/zf/2025.html"):
        counts = []
        for project in ("xxgk", "plain"):
            html = (tmp_path / project / "_build" / page).read_text(encoding="utf-8")
            tables = re.findall(r"<table.*?</table>", html, re.S)
            # the three official tables: not xxgk's metadata table, not the trend (历年情况) table
            official = [
                t for t in tables if "xxgk-meta" not in t and "收到申请<" not in t and "xxgk-trend" not in t
            ]
            assert len(official) == 3, (project, page)
            counts.append(sum(len(re.findall(r"<t[dh][ >]", t)) for t in official))
        assert counts[0] == counts[1] > 250, page


def test_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    results = measure(12, 1, tmp_path, jobs=1)
    ours, plain, floor = results["xxgk"], results["plain"], results["floor"]
    assert ours["noop_pages"] == plain["noop_pages"] == floor["noop_pages"]  # Sphinx's own pages
    assert ours["prose_pages"] > ours["noop_pages"]  # the page written was seen
    assert ours["data_pages"] > plain["data_pages"]  # xxgk also writes the readers of the figures
    assert ours["memory"] > 0 and ours["cpu"] > 0 and ours["data_bytes"] > 0 and floor["data_bytes"] == 0
    text = table(12, results)
    assert "冷构建" in text and "xxgk check" in text and "无表格下限" in text
