"""xxgk against plain MyST on the same generated pages; prints one table per size.

Measures, for each size: cold build seconds (-j 1 and -j 2, medians of --runs) for the
plain baseline and for xxgk, their ratio, s/page, peak memory, HTML bytes per page, and
the incremental cases (no-op, one year's prose edited, one year's data edited, a new
year added: seconds and pages re-written), and ``xxgk check`` on the whole project.
Ratios, not absolute seconds, are the figures to quote: the machine is shared.

Usage: python bench/run.py [--sizes 100 1000] [--runs 3] [--out _build/bench]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

BIN = Path(sys.executable).parent


def run(cmd: list[str], cwd: Path) -> tuple[float, str]:
    """Wall seconds and the combined output of one command (which must succeed)."""
    start = time.perf_counter()
    proc = subprocess.run(
        cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout[-3000:]}")
    return seconds, proc.stdout


def build(project: Path, jobs: int = 1, fresh: bool = True) -> tuple[float, int, list[str]]:
    """One sphinx-build: seconds, peak RSS (MB), and the pages it wrote."""
    if fresh:
        shutil.rmtree(project / "_build", ignore_errors=True)
    cmd = [
        str(BIN / "python"),
        "-c",
        "import resource, sys, runpy; sys.argv = sys.argv[1:];"
        "code = 0\ntry:\n runpy.run_module('sphinx', run_name='__main__')\nexcept SystemExit as e:\n code = e.code or 0\n"
        "peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "print(f'XXGK-PEAK-KB {peak}'); sys.exit(code)",
        "sphinx-build",
        "-b",
        "html",
        "-N",  # no colour codes in the log we parse, whatever FORCE_COLOR says
        "-j",
        str(jobs),
        ".",
        "_build/html",
    ]
    seconds, out = run(cmd, project)
    peak = int(re.search(r"XXGK-PEAK-KB (\d+)", out).group(1)) // 1024
    written = re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", out)
    return seconds, peak, written


def check(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(BIN / "xxgk"), "check"], cwd=project, capture_output=True, check=False)
    return time.perf_counter() - start


def html_bytes(project: Path, pages: int) -> int:
    total = sum(p.stat().st_size for p in (project / "_build" / "html").rglob("*.html"))
    return total // max(pages, 1)


def touch_edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    later = time.time() + 2
    os.utime(path, (later, later))


def measure(size: int, runs: int, out: Path) -> dict[str, dict[str, object]]:
    root = out / str(size)
    generate(size, root)
    results: dict[str, dict[str, object]] = {}
    for kind in ("plain", "xxgk"):
        project = root / kind
        times, peaks, j2 = [], [], []
        for _ in range(runs):  # -j1 and -j2 alternate, so that a busy spell hits both alike
            seconds, peak, _ = build(project, 1)
            times.append(seconds)
            peaks.append(peak)
            j2.append(build(project, 2)[0])
        cold, _, _ = build(project, 1)  # leave a complete -j1 build for the incremental cases
        times.append(cold)
        row: dict[str, object] = {
            "cold": statistics.median(times),
            "peak": max(peaks),
            "j2": statistics.median(j2),
            "bytes": html_bytes(project, size),
        }
        row["noop"], _, written = build(project, 1, fresh=False)
        row["noop_pages"] = len(written)
        middle = sorted((project / "reports" / "b000").glob("20*.md"))
        page = middle[len(middle) // 2]
        touch_edit(page, "坚持", "始终坚持")
        row["prose"], _, written = build(project, 1, fresh=False)
        row["prose_pages"] = len(written)
        if kind == "xxgk":
            touch_edit(page, "  行政许可: 120", "  行政许可: 121")
        else:
            touch_edit(page, "| 行政许可 | 120 |", "| 行政许可 | 121 |")
        row["data"], _, written = build(project, 1, fresh=False)
        row["data_pages"] = len(written)
        last = middle[-1]
        new_year = last.with_name(f"{int(last.stem) + 1}.md")
        new_year.write_text(
            last.read_text(encoding="utf-8").replace(last.stem, new_year.stem), encoding="utf-8"
        )
        (project / "index.md").write_text(
            (project / "index.md")
            .read_text(encoding="utf-8")
            .replace(
                f"reports/b000/{last.stem}\n", f"reports/b000/{last.stem}\nreports/b000/{new_year.stem}\n"
            ),
            encoding="utf-8",
        )
        row["add"], _, written = build(project, 1, fresh=False)
        row["add_pages"] = len(written)
        if kind == "xxgk":
            (project / "_build" / "xxgk-check-cache.json").unlink(missing_ok=True)
            row["check"] = check(project)  # first run: every page read and checked
            row["check_warm"] = check(project)  # nothing changed: every finding from the cache
            touch_edit(page, "  行政许可: 121", "  行政许可: 122")
            row["check_edit"] = check(project)  # one year's data edited
        results[kind] = row
    return results


def table(size: int, results: dict[str, dict[str, object]]) -> str:
    plain, ours = results["plain"], results["xxgk"]

    def f(value: object) -> str:
        return f"{value:.2f}" if isinstance(value, float) else str(value)

    lines = [
        f"### {size} 份报告",
        "",
        "| 项目 | 纯 MyST（基线） | xxgk | 比值 |",
        "|---|---:|---:|---:|",
        f"| 冷构建 -j1（秒，中位数） | {f(plain['cold'])} | {f(ours['cold'])} | {ours['cold'] / plain['cold']:.2f} |",
        f"| 每页秒数 | {plain['cold'] / size:.3f} | {ours['cold'] / size:.3f} | |",
        f"| 冷构建 -j2（秒，中位数） | {f(plain['j2'])} | {f(ours['j2'])} | {ours['j2'] / plain['j2']:.2f} |",
        f"| -j2 / -j1 | {plain['j2'] / plain['cold']:.2f} | {ours['j2'] / ours['cold']:.2f} | |",
        f"| 峰值内存（MB） | {plain['peak']} | {ours['peak']} | {ours['peak'] / max(plain['peak'], 1):.2f} |",
        f"| 每页 HTML（字节） | {plain['bytes']} | {ours['bytes']} | |",
        f"| 无改动重建（秒 / 重写页数） | {f(plain['noop'])} / {plain['noop_pages']} | {f(ours['noop'])} / {ours['noop_pages']} | |",
        f"| 改一年正文（秒 / 重写页数） | {f(plain['prose'])} / {plain['prose_pages']} | {f(ours['prose'])} / {ours['prose_pages']} | |",
        f"| 改一年数据（秒 / 重写页数） | {f(plain['data'])} / {plain['data_pages']} | {f(ours['data'])} / {ours['data_pages']} | |",
        f"| 新增一年（秒 / 重写页数） | {f(plain['add'])} / {plain['add_pages']} | {f(ours['add'])} / {ours['add_pages']} | |",
        f"| xxgk check：首次 / 无改动 / 改一年数据后（秒） | | "
        f"{f(ours['check'])} / {f(ours['check_warm'])} / {f(ours['check_edit'])} | |",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="xxgk 与纯 MyST 的构建速度对比")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3, help="冷构建重复次数（取中位数）")
    parser.add_argument("--out", type=Path, default=Path("_build/bench"))
    args = parser.parse_args()
    per_page = {}
    for size in args.sizes:
        results = measure(size, args.runs if size <= 200 else 1, args.out)
        print(table(size, results), flush=True)
        per_page[size] = results["xxgk"]["cold"] / size
    if len(per_page) > 1:
        small, large = min(per_page), max(per_page)
        print(
            f"线性：{large} 份时每页 {per_page[large]:.3f} 秒，{small} 份时 {per_page[small]:.3f} 秒，"
            f"比值 {per_page[large] / per_page[small]:.2f}"
        )


if __name__ == "__main__":
    main()
