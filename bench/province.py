"""A generated province built in shards (``xxgk site build --join``), at several sizes.

For each size: a province of that many reports (``generate.py``: three levels of bodies, one
shard per 市, 1–7 years each, a few faults), built cold in shards with as many shard builds at
once as the machine has cores; then a one-report data edit (its shard and the joined pages
rebuilt) and a no-op. Per run: wall and CPU seconds of every process, peak memory summed over
all processes (PSS), the largest shard, output bytes. The last line projects the wall time of
70,000 reports from the slope measured here.

Usage: python bench/province.py [--sizes 5000 10000 20000] [--out _build/province]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate
from run import BIN, edit, run, tree_bytes


def measure(size: int, out: Path, parallel: int) -> dict[str, object]:
    root = out / str(size)
    summary = generate(size, root, variants=("xxgk",), faults=5)
    project = root / "xxgk"
    site = [str(BIN / "xxgk"), "site", "build", "--join", "--parallel", str(parallel), "--sphinx-opts=-q"]
    env = {**os.environ}
    cold, log = run(site, project, env)
    planned = subprocess.run(
        [str(BIN / "xxgk"), "site", "plan", "--json"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    plan = json.loads(planned.stdout)
    shard_pages = {row["shard"]: row["pages"] for row in plan.get("shards", [])}
    page = project / "reports" / "sheng" / "zf" / "2025.md"
    edit(page, "  规章: [0, 0, 0]", "  规章: [1, 0, 1]")
    changed, edit_log = run(site, project, env)
    noop, _ = run(site, project, env)
    output = project / "_build" / "site"
    doctrees = sum(tree_bytes(p / ".doctrees") for p in output.iterdir() if p.is_dir())
    return {
        "reports": summary["reports"],
        "bodies": summary["bodies"],
        "shards": len(shard_pages),
        "largest_shard": max(shard_pages.values(), default=0),
        "cold": cold.seconds,
        "cpu": cold.cpu,
        "memory": cold.memory,
        "edit": changed.seconds,
        "edit_memory": changed.memory,
        "edit_rebuilt": edit_log.count("已构建"),
        "noop": noop.seconds,
        "output": tree_bytes(output) - doctrees,
        "warnings": sum(int(n) for n in re.findall(r"(\d+) 条警告", log)),
        "faults": len(summary["faults"]),  # type: ignore[arg-type]
    }


def table(rows: list[dict[str, object]]) -> str:
    lines = [
        "| 报告份数 | 机关 | 分片（最大分片页数） | 冷构建（秒） | CPU（秒） | 峰值内存（MB，全部进程） | "
        "改一份报告的数据（秒 / 重建分片数） | 无改动（秒） | 输出（MB） | 警告（生成的错误） |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['reports']} | {r['bodies']} | {r['shards']}（{r['largest_shard']}） | {r['cold']:.0f} | {r['cpu']:.0f} | "
            f"{r['memory']} | {r['edit']:.1f} / {r['edit_rebuilt']} | {r['noop']:.1f} | {int(r['output']) / 1e6:.0f} | "
            f"{r['warnings']}（{r['faults']}） |"  # type: ignore[call-overload]
        )
    measured = [r for r in rows if int(r["reports"]) < 70000]  # type: ignore[call-overload]
    if len(measured) > 1:
        (x0, y0), (x1, y1) = ((int(r["reports"]), float(r["cold"])) for r in (measured[0], measured[-1]))  # type: ignore[call-overload]
        slope = (y1 - y0) / (x1 - x0)
        projected = y1 + slope * (70000 - x1)
        lines += [
            "",
            f"斜率：每 1,000 份报告 {slope * 1000:.0f} 秒；按此推算 70,000 份冷构建约 {projected / 3600:.1f} 小时"
            f"（{measured[0]['reports']} 份至 {measured[-1]['reports']} 份两点之间的直线）。",
        ]
    for r in rows:
        if int(r["reports"]) >= 70000:  # type: ignore[call-overload]
            lines.append(f"{r['reports']} 份实测：冷构建 {float(r['cold']) / 3600:.2f} 小时。")  # type: ignore[arg-type]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="分片构建一个生成的省（全部进程的时间和内存）")
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 20000])
    parser.add_argument("--parallel", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=Path("_build/province"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        rows.append(measure(size, args.out, args.parallel))
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
