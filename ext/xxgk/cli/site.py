"""``xxgk site``: a province's site built in shards (``core.shards``), locally or as a CI matrix.

- ``xxgk site plan``: the shards, their pages and whether they changed since their last build
  (``--json`` for a CI matrix);
- ``xxgk site build [--shard NAME …]``: the site's index of reports, then each changed shard as
  its own ``sphinx-build`` into ``<out>/<shard>/`` (several at once, ``--parallel``);
- ``xxgk site join``: the shards made one site — the province landing page, the province search
  and aggregates (``cli.site_join``);
- ``xxgk site ci github|gitlab``: the CI file that builds the shards as a matrix.

Every shard has its own environment and memory: a province's peak memory is that of its
largest shard, not of its 70,000 reports.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import hashlib
import json
import os
import shlex
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.shards import (
    MAIN,
    ShardProblem,
    SiteIndex,
    SiteReport,
    files_stamp,
    plan,
    scan_page,
    shard_folders,
    shard_of,
    stat_entries,
)
from .common import find_root
from .pages import conf_values, find_pages

DEFAULT_OUT = "_build/site"
WORK = "_build/shards"
SPHINXOPTS = "-nW --keep-going"
PACKAGE = Path(__file__).resolve().parents[1]


@dataclass
class Shard:
    name: str
    pages: list[str]  # docnames
    files: list[str]  # source files, relative to the project
    stamp: str = ""
    built: str = ""  # the stamp of its last successful build

    @property
    def changed(self) -> bool:
        return self.stamp != self.built


@dataclass
class Plan:
    root: Path
    out: Path
    work: Path
    shards: dict[str, Shard]
    index: SiteIndex
    problems: list[str]


def _code_stamp() -> str:
    """xxgk's own files: a new version of the extension rebuilds every shard."""
    entries = [
        (str(p.relative_to(PACKAGE)), p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(PACKAGE.rglob("*"))
        if p.is_file() and p.suffix in (".py", ".yaml", ".css", ".js", ".html", ".sty", ".jinja")
    ]
    return files_stamp(entries)


def _scan(root: Path, pages: dict[str, Path], work: Path, default_body: str) -> dict[str, Any]:
    """docname → [body, year, format, tables, named refs] of every page, read again only when
    the file changed (cached by size and time in ``<work>/scan.json``)."""
    cache_path = work / "scan.json"
    try:
        cache = json.loads(cache_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    out: dict[str, Any] = {}
    for docname, path in pages.items():
        stat = path.stat()
        mark = f"{stat.st_size}:{stat.st_mtime_ns}:{default_body}"
        cached = cache.get(docname)
        if cached and cached[0] == mark:
            out[docname] = cached
            continue
        key, fmt, tables, refs = scan_page(path.read_text(encoding="utf-8", errors="replace"), default_body)
        out[docname] = [mark, list(key) if key else None, fmt, list(tables), [list(r) for r in refs]]
    if out != cache:
        work.mkdir(parents=True, exist_ok=True)
        cache_path.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return out


def make_plan(root: Path, out: Path | None = None, sphinx_opts: str = SPHINXOPTS) -> Plan:
    conf = conf_values(root)
    rule = conf.get("xxgk_shards")
    if not rule:
        raise ShardProblem('conf.py 没有设置 xxgk_shards（分片构建的文件夹，如 xxgk_shards = "reports/*"）')
    pages = find_pages(root, conf)
    root_doc = str(conf.get("root_doc", "index"))
    work = root / WORK
    scanned = _scan(root, pages, work, str(conf.get("xxgk_default_body", "")))
    folders = shard_folders(rule, pages)
    by_shard = plan(pages, folders, root_doc)
    index = SiteIndex()
    named_refs: dict[str, set[tuple[str, int]]] = {}
    examples = list(conf.get("xxgk_example_pages", []))
    for docname, (_, key, fmt, tables, refs) in scanned.items():
        shard = MAIN if docname == root_doc else shard_of(docname, folders)
        # the guide's fictional reports are no report of the site (sphinx.public)
        if key is not None and not any(fnmatch.fnmatchcase(docname, p) for p in examples):
            index.add(SiteReport(key[0], int(key[1]), shard, docname, fmt, tuple(tables)))
        named_refs.setdefault(shard, set()).update((body, int(year)) for body, year in refs)
    conf_text = (root / "conf.py").read_bytes() if (root / "conf.py").is_file() else b""
    common = [hashlib.sha256(conf_text).hexdigest(), _code_stamp(), sphinx_opts]
    shards: dict[str, Shard] = {}
    for name, docs in by_shard.items():
        files = [pages[d].relative_to(root).as_posix() for d in docs]
        # the index entries this shard's links read: another shard's new report does not rebuild it
        linked = sorted(
            f"{key}={index.reports[key].url if key in index.reports else ''}"
            for key in named_refs.get(name, ())
            if key not in index.reports or index.reports[key].shard != name
        )
        stamp = files_stamp(stat_entries(root, files), *common, *linked)
        shards[name] = Shard(name, docs, files, stamp)
    out = out or root / DEFAULT_OUT
    for shard in shards.values():
        with contextlib.suppress(OSError):
            shard.built = (work / shard.name / "stamp").read_text(encoding="utf-8")
        if not (out / shard.name / "index.html").is_file():
            shard.built = ""
    return Plan(root, out, work, shards, index, index.problems())


def _build_one(plan_: Plan, shard: Shard, sphinx_opts: str, index_path: Path) -> tuple[str, int, float, str]:
    work = plan_.work / shard.name
    work.mkdir(parents=True, exist_ok=True)
    cmd = [
        str(Path(sys.executable).parent / "sphinx-build"),
        "-b",
        "html",
        *shlex.split(sphinx_opts),
        "-D",
        f"xxgk_shard={shard.name}",
        "-D",
        f"xxgk_site_index={index_path}",
        "-d",
        str(work / "doctrees"),
        str(plan_.root),
        str(plan_.out / shard.name),
    ]
    start = time.perf_counter()
    with (work / "build.log").open("w", encoding="utf-8") as log:
        code = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, check=False).returncode
    seconds = time.perf_counter() - start
    if code == 0:
        (work / "stamp").write_text(shard.stamp, encoding="utf-8")
    else:
        (work / "stamp").unlink(missing_ok=True)
    return shard.name, code, seconds, (work / "build.log").read_text(encoding="utf-8", errors="replace")


def write_index(plan_: Plan) -> Path:
    """``<work>/site-index.json``, rewritten only when it changed."""
    path = plan_.work / "site-index.json"
    text = plan_.index.to_json()
    plan_.work.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path.resolve()


def cmd_site(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root or Path.cwd()).resolve())
    out = Path(args.out).resolve() if getattr(args, "out", None) else None
    opts = getattr(args, "sphinx_opts", None)
    opts = opts if opts is not None else os.environ.get("SPHINXOPTS", SPHINXOPTS)
    try:
        the_plan = make_plan(root, out, opts)
    except ShardProblem as exc:
        print(f"xxgk site：{exc}", file=sys.stderr)
        return 2
    if args.site_command == "ci":
        from .site_ci import template

        print(template(args.service, list(the_plan.shards)), end="")
        return 0
    for problem in the_plan.problems:
        print(f"xxgk site：{problem}", file=sys.stderr)
    if args.site_command == "plan":
        return _print_plan(the_plan, args.json)
    if args.site_command == "join":
        from .site_join import join

        return join(the_plan)
    return _build(the_plan, args, opts)


def _print_plan(the_plan: Plan, as_json: bool) -> int:
    if as_json:
        rows = [
            {"shard": s.name, "pages": len(s.pages), "changed": s.changed} for s in the_plan.shards.values()
        ]
        print(json.dumps({"shards": rows, "problems": the_plan.problems}, ensure_ascii=False))
        return 1 if the_plan.problems else 0
    for shard in the_plan.shards.values():
        state = "有改动" if shard.changed else "未改动"
        print(f"{shard.name}\t{len(shard.pages)} 页\t{state}")
    reports = len(the_plan.index.reports)
    print(f"共 {len(the_plan.shards)} 个分片，{reports} 份报告；输出目录 {the_plan.out}")
    return 1 if the_plan.problems else 0


def _build(the_plan: Plan, args: argparse.Namespace, opts: str) -> int:
    if the_plan.problems:
        return 1
    chosen = args.shard or list(the_plan.shards)
    unknown = [name for name in chosen if name not in the_plan.shards]
    if unknown:
        print(
            f"xxgk site：没有分片 {'、'.join(unknown)}；分片有：{'、'.join(the_plan.shards)}", file=sys.stderr
        )
        return 2
    todo = [the_plan.shards[name] for name in chosen if args.force or the_plan.shards[name].changed]
    for name in chosen:
        if the_plan.shards[name] not in todo:
            print(f"{name}：未改动，跳过")
    index_path = write_index(the_plan)
    failed = 0
    with ThreadPoolExecutor(max_workers=max(1, args.parallel)) as pool:
        futures = [pool.submit(_build_one, the_plan, shard, opts, index_path) for shard in todo]
        for future in futures:
            name, code, seconds, log = future.result()
            if code == 0:
                warnings = log.count("WARNING:")
                extra = f"，{warnings} 条警告" if warnings else ""
                print(f"{name}：已构建（{seconds:.1f} 秒{extra}）")
            else:
                failed += 1
                print(
                    f"{name}：构建失败（退出码 {code}），日志 {the_plan.work / name / 'build.log'}：",
                    file=sys.stderr,
                )
                print("\n".join(log.splitlines()[-15:]), file=sys.stderr)
    if failed:
        return 1
    if args.join:
        from .site_join import join

        return join(the_plan)
    return 0


def add_site_parser(command: Any) -> None:
    site = command("site", "分片构建全省（多个机关、多个文件夹）的网站：每个分片单独构建，再合成一个网站")
    sub = site.add_subparsers(dest="site_command", metavar="子命令", required=True)
    plan_p = sub.add_parser("plan", help="列出分片、页数及自上次构建以来是否有改动")
    plan_p.add_argument("--json", action="store_true", help="JSON 格式（供 CI 生成矩阵）")
    build = sub.add_parser("build", help="构建有改动的分片（每个分片一次独立的 sphinx-build）")
    build.add_argument("--shard", action="append", metavar="分片", help="只构建这个分片（可重复；默认全部）")
    build.add_argument("--force", action="store_true", help="没有改动的分片也重新构建")
    build.add_argument(
        "--parallel", "-p", type=int, default=os.cpu_count() or 1, help="同时构建的分片数（默认：CPU 核数）"
    )
    build.add_argument("--join", action="store_true", help="构建后合成网站（同 xxgk site join）")
    build.add_argument(
        "--sphinx-opts",
        help=f"传给 sphinx-build 的选项（默认：环境变量 SPHINXOPTS，未设置时为“{SPHINXOPTS}”）",
    )
    join = sub.add_parser("join", help="把各分片合成一个网站：全省首页、全省搜索、汇总数字")
    for parser in (plan_p, build, join):
        parser.add_argument("--out", help=f"网站输出目录（默认：{DEFAULT_OUT}，每个分片在其中的子目录）")
    ci = sub.add_parser("ci", help="输出按分片矩阵构建的 CI 配置文件")
    ci.add_argument(
        "service", choices=("github", "gitlab"), help="github（GitHub Actions）或 gitlab（GitLab CI）"
    )
    site.set_defaults(func=cmd_site)
