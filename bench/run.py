"""xxgk against two plain MyST twins of the same generated province; prints one table per size.

The twins (``generate.py``): ``plain`` has the same official tables with the same cells as
docutils tables and every figure literal; ``floor`` has no table at all. For each size the three
are built cold, in turn, the order rotating from run to run (a busy spell of the shared machine
hits all alike), each with ``-j 2``; then the incremental cases (no-op, one year's prose, one
year's data, a new year) and, for xxgk, ``xxgk check``. Per build: wall seconds, CPU seconds
of every process, peak memory summed over all processes (PSS, sampled every 50 ms from
/proc), pages written, output bytes (data files counted). The copy checks are on.

Usage: python bench/run.py [--sizes 100 1000 5000] [--runs 3] [--jobs 2] [--out _build/bench]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

BIN = Path(sys.executable).parent
KINDS = ("plain", "xxgk", "floor")


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the build and every process it started
    memory: int  # MB, the largest sum of PSS over the build's processes at one moment
    written: list[str]
    warnings: int


def _tree(pid: int) -> list[int]:
    """The process and its descendants, from /proc (children of every thread)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(p) for p in handle.read().split()]
        except OSError:
            continue
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[Run, str]:
    """One command (which must succeed), measured."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    log = (cwd / ".bench-log").open("w+", encoding="utf-8")
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, text=True, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_pss_kb(p) for p in _tree(proc.pid)))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    log.seek(0)
    out = log.read()
    log.close()
    (cwd / ".bench-log").unlink()
    if code != 0:
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}\n{out[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, peak // 1024, [], out.count("WARNING:")), out


def _pages(project: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (project / "_build" / "html").rglob("*.html")}


def build(project: Path, jobs: int, fresh: bool = True) -> Run:
    """One build; ``written`` lists the HTML pages it wrote (by their times: Sphinx logs a
    parallel write as one range)."""
    if fresh:
        shutil.rmtree(project / "_build", ignore_errors=True)
    before = _pages(project)
    cmd = [str(BIN / "sphinx-build"), "-b", "html", "-N", "-j", str(jobs), ".", "_build/html"]
    result = run(cmd, project)[0]
    result.written = sorted(str(p) for p, t in _pages(project).items() if before.get(p) != t)
    return result


def check(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(BIN / "xxgk"), "check"], cwd=project, capture_output=True, check=False)
    return time.perf_counter() - start


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def edit(path: Path, old: str, new: str) -> None:
    """An edit as a person makes it: later than the last build, never in the future."""
    time.sleep(0.05)
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"bench: {path} has no {old!r}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def measure(size: int, runs: int, out: Path, jobs: int = 2) -> dict[str, dict[str, object]]:
    root = out / str(size)
    summary = generate(size, root)
    cold: dict[str, list[Run]] = {kind: [] for kind in KINDS}
    for r in range(runs):
        order = KINDS[r % 3 :] + KINDS[: r % 3]
        for kind in order:
            cold[kind].append(build(root / kind, jobs))
    results: dict[str, dict[str, object]] = {}
    for kind in KINDS:
        project = root / kind
        html = project / "_build" / "html"
        row: dict[str, object] = {
            "cold": statistics.median(b.seconds for b in cold[kind]),
            "cpu": statistics.median(b.cpu for b in cold[kind]),
            "memory": max(b.memory for b in cold[kind]),
            "warnings": cold[kind][-1].warnings,
            # what is published: the output without Sphinx's own doctrees (kept in the output folder)
            "html": tree_bytes(html) - tree_bytes(html / "_data") - tree_bytes(html / ".doctrees"),
            "data_bytes": tree_bytes(html / "_data"),
            "doctrees": tree_bytes(html / ".doctrees"),
            "environment": (html / ".doctrees" / "environment.pickle").stat().st_size,
        }
        noop = build(project, jobs, fresh=False)
        row["noop"], row["noop_pages"] = noop.seconds, len(noop.written)
        pages = sorted((project / "reports" / "sheng" / "zf").glob("20*.md"))
        page = pages[len(pages) // 2]
        edit(page, "## 一、总体情况\n\n", "## 一、总体情况\n\n本年度")
        prose = build(project, jobs, fresh=False)
        row["prose"], row["prose_pages"] = prose.seconds, len(prose.written)
        if kind == "xxgk":
            edit(page, "  规章: [0, 0, 0]", "  规章: [1, 0, 1]")
        elif kind == "plain":  # the grid table's 规章 line: its first figure, the width kept
            line = next(x for x in page.read_text(encoding="utf-8").splitlines() if x.startswith("| 规章 "))
            edit(page, line, line.replace("| 0 ", "| 1 ", 1))
        else:  # no table: the figure in the prose
            edit(page, "全年共收到政府信息公开申请", "全年共收到政府信息公开申请1")
        data = build(project, jobs, fresh=False)
        row["data"], row["data_pages"], row["data_memory"] = data.seconds, len(data.written), data.memory
        last = pages[-1]
        new_year = last.with_name(f"{int(last.stem) + 1}.md")
        new_year.write_text(
            last.read_text(encoding="utf-8").replace(last.stem, new_year.stem), encoding="utf-8"
        )
        add = build(project, jobs, fresh=False)
        row["add"], row["add_pages"] = add.seconds, len(add.written)
        if kind == "xxgk":
            (project / "_build" / "xxgk-check-cache.json").unlink(missing_ok=True)
            row["check"] = check(project)  # first run: every page read and checked
            row["check_warm"] = check(project)  # nothing changed: every finding from the cache
            edit(page, "  规章: [1, 0, 1]", "  规章: [2, 0, 2]")
            row["check_edit"] = check(project)  # one year's data edited
        results[kind] = row
    results["summary"] = summary | {"jobs": jobs, "runs": runs}
    return results


def table(size: int, results: dict[str, dict[str, object]]) -> str:
    plain, ours, floor, summary = results["plain"], results["xxgk"], results["floor"], results["summary"]

    def f(value: object) -> str:
        return f"{value:.2f}" if isinstance(value, float) else str(value)

    def mb(value: object) -> str:
        return f"{int(value) / 1e6:.1f}"  # type: ignore[call-overload]

    def ratio(key: str, of: dict[str, object] = plain) -> str:
        return f"{float(ours[key]) / max(float(of[key]), 1e-9):.2f}"  # type: ignore[arg-type]

    def out(row: dict[str, object]) -> int:
        return int(row["html"]) + int(row["data_bytes"])  # type: ignore[call-overload]

    def inc(key: str) -> str:
        cells = [f"{f(row[key])} / {row[key + '_pages']}" for row in (floor, plain, ours)]
        return " | ".join(cells)

    lines = [
        f"### {size} 份报告（{summary['bodies']} 个机关，{summary['shards']} 个市级文件夹，-j {summary['jobs']}，"
        f"冷构建 {summary['runs']} 次取中位数）",
        "",
        f"同表纯 MyST 与 xxgk 的统计表每份都是 {summary['cells_per_report']} 个单元格（合并单元格相同）。",
        "",
        "| 项目 | 无表格下限 | 同表纯 MyST | xxgk | xxgk / 同表 | xxgk / 下限 |",
        "|---|---:|---:|---:|---:|---:|",
        f"| 冷构建（秒） | {f(floor['cold'])} | {f(plain['cold'])} | {f(ours['cold'])} | {ratio('cold')} | {ratio('cold', floor)} |",
        f"| 冷构建 CPU（秒，全部进程） | {f(floor['cpu'])} | {f(plain['cpu'])} | {f(ours['cpu'])} | {ratio('cpu')} | {ratio('cpu', floor)} |",
        f"| 峰值内存（MB，全部进程 PSS 之和） | {floor['memory']} | {plain['memory']} | {ours['memory']} | {ratio('memory')} | {ratio('memory', floor)} |",
        f"| 输出（MB，含数据文件） | {mb(out(floor))} | {mb(out(plain))} | {mb(out(ours))} | "
        f"{out(ours) / out(plain):.2f} | {out(ours) / out(floor):.2f} |",
        f"| 其中数据文件（MB） | {mb(floor['data_bytes'])} | {mb(plain['data_bytes'])} | {mb(ours['data_bytes'])} | | |",
        f"| Sphinx 环境文件（MB） | {mb(floor['environment'])} | {mb(plain['environment'])} | {mb(ours['environment'])} | "
        f"{ratio('environment')} | |",
        f"| 无改动重建（秒 / 重写页数） | {inc('noop')} | | |",
        f"| 改一年正文（秒 / 重写页数） | {inc('prose')} | | |",
        f"| 改一年数据（秒 / 重写页数） | {inc('data')} | {ratio('data')} | |",
        f"| 新增一年（秒 / 重写页数） | {inc('add')} | | |",
        f"| 构建警告（生成的错误 {len(summary['faults'])} 处） | {floor['warnings']} | {plain['warnings']} | {ours['warnings']} | | |",  # type: ignore[arg-type]
        f"| xxgk check：首次 / 无改动 / 改一年数据后（秒） | | | "
        f"{f(ours['check'])} / {f(ours['check_warm'])} / {f(ours['check_edit'])} | | |",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="xxgk 与同表纯 MyST、无表格下限的构建对比")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3, help="冷构建重复次数（取中位数；超过 200 份时 1 次）")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("_build/bench"))
    parser.add_argument("--json", type=Path, help="结果另存为 JSON")
    args = parser.parse_args()
    everything = {}
    for size in args.sizes:
        results = measure(size, args.runs if size <= 200 else 1, args.out, args.jobs)
        everything[size] = results
        print(table(size, results), flush=True)
    if args.json:
        args.json.write_text(json.dumps(everything, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
