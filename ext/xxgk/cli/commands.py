"""The ``xxgk`` command: check, new, carry, diff, export, import — no Sphinx build needed.

All output is in Chinese; every command has ``--help`` with examples.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import VERSION as __version__

if TYPE_CHECKING:
    from .project import Located

from .common import _default_body, _project, _root_and_pages, exists_message, find_root, write_new

EPILOG = {
    "check": "示例：\n  xxgk check                 检查整个项目\n"
    "  xxgk check reports/huaian-szf/2024.md\n"
    "  xxgk check --format json   输出 JSON，供其他工具使用",
    "new": "示例：\n  xxgk new 2025 --body 淮安市人民政府\n"
    "  xxgk new 2025 --body 示例街道办事处 --output reports/street/2025.md",
    "carry": "示例：\n  xxgk carry --dry-run        列出与上一年度报告不一致的上年结转等数字\n"
    "  xxgk carry reports/street/2024.md",
    "diff": "示例：\n  xxgk diff HEAD~1            与上一次提交比较\n"
    "  xxgk diff main HEAD         两个版本之间的变化（Markdown，可贴到合并请求）",
    "export": "示例：\n  xxgk export --format csv -o 全部数据.csv\n"
    "  xxgk export                 JSON 输出到屏幕\n"
    "  xxgk export --format xlsx reports/huaian-szf/2024.md -o 2024统计表.xlsx\n"
    "  xxgk export --template 2025 --body 淮安市人民政府 -o 2025统计表.xlsx   空白统计表，供填报",
    "book": "示例：\n  xxgk book                  把 _build/pdf 中各报告的 PDF 合订为 _build/pdf/book.pdf\n"
    "                             （make pdf 会运行）",
    "site": '示例（conf.py 中设置 xxgk_shards = "reports/*"，每个文件夹一个分片）：\n'
    "  xxgk site plan                 列出分片及是否有改动\n"
    "  xxgk site build --join         构建有改动的分片，再合成网站（_build/site）\n"
    "  xxgk site build --shard c01    只构建一个分片（CI 矩阵中的一个任务）\n"
    "  xxgk site join                 合成网站：全省首页、搜索、汇总数字\n"
    "  xxgk site ci github > .github/workflows/province.yml",
    "import": "示例：\n  xxgk import 旧报告.txt -o reports/street/2019.md\n"
    "  xxgk import 旧年报/ --out reports/street\n"
    "  pdftotext -layout 年报.pdf 年报.txt && xxgk import 年报.txt -o reports/street/2024.md\n"
    "  xxgk import 2025统计表.xlsx --into reports/street/2025.md   用填好的统计表替换页面数据\n"
    "  xxgk import 2025统计表.xlsx -o reports/street/2025.md       按统计表新建页面\n"
    "  xxgk import 审签稿.docx --into reports/street/2025.md       列出审签稿中改动的段落",
}


FORCE_HELP = "覆盖已有文件（默认不覆盖）"
OUTPUT_HELP = "输出文件（默认：屏幕）"


# -- check ------------------------------------------------------------------------


def _linked_findings(root: Path, paths: list[str]) -> set[Located]:
    """The pages and folders that are symbolic links (under the paths given, or all)."""
    from ..core.safety import linked_page_problem
    from .pages import linked
    from .project import Located

    given = [Path(p).resolve() for p in paths]
    return {
        Located(rel, 1, "unsafe", linked_page_problem(rel))
        for rel, _ in linked(root)
        if not given or any(g == root / rel or g in (root / rel).parents for g in given)
    }


def cmd_check(args: argparse.Namespace) -> int:
    from .cache import run_check

    found = _root_and_pages(args)
    if found is None:
        return 2
    root, only = found
    run = run_check(root, only, jobs=args.jobs, use_cache=not args.no_cache)
    wanted = only if only is not None else run.results.keys()
    findings = sorted(
        {found for doc in wanted for found in run.results[doc].found} | _linked_findings(root, args.paths)
    )
    checked = len(wanted)
    accepted = sorted({a for doc in wanted for a in run.results[doc].accepted}) if args.all else []
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1))
    elif args.format in ("github", "codeclimate", "sarif"):
        from . import annotations

        if args.format == "github":
            sys.stdout.write(annotations.github(findings))
            summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
            if summary_file:
                with open(summary_file, "a", encoding="utf-8") as summary:
                    summary.write(annotations.github_summary(findings, checked))
        elif args.format == "codeclimate":
            sys.stdout.write(annotations.codeclimate(findings))
        else:
            sys.stdout.write(annotations.sarif(findings, __version__))
    else:
        for finding in findings:
            print(finding.text())
        for finding in accepted:  # listed, never counted: nothing is hidden for good
            print(f"（已接受）{finding.text()}")
        reused = checked - len(run.rechecked)
        summary = f"共检查 {checked} 个页面，" + (
            f"发现 {len(findings)} 个问题。" if findings else "未发现问题。"
        )
        if accepted:
            summary += f"另有 {len(accepted)} 处提示已由 xxgk-accept 逐段接受（见上）。"
        if reused > 0:
            summary += f"其中 {reused} 个页面及其引用的报告自上次检查后未改动，沿用了上次的结果。"
        print(summary, file=sys.stderr)
    return 1 if findings else 0


# -- new ------------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    from .new import new_report

    root = find_root(Path(args.root or Path.cwd()).resolve())
    project = _project(root)
    body = args.body or _default_body(root)
    if not body:
        bodies = sorted({page.key[0] for page in project.pages.values() if page.key})
        if len(bodies) != 1:
            print(
                "请用 --body 指定机构名称" + (f"（项目中已有：{'、'.join(bodies)}）" if bodies else ""),
                file=sys.stderr,
            )
            return 2
        body = bodies[0]
    prev_doc = project.index.get((body, args.year - 1))
    prev_page = project.pages[prev_doc] if prev_doc else None
    if args.output:
        output = Path(args.output)
    elif prev_page is not None:
        output = prev_page.source.path.with_name(f"{args.year}.md")
    else:
        print(f"没有找到{body}{args.year - 1}年度报告，请用 --output 指定新报告的文件路径", file=sys.stderr)
        return 2
    if output.exists() and not args.force:
        print(exists_message(output), file=sys.stderr)
        return 1
    if project.index.get((body, args.year)) and not args.force:
        print(
            f"{body}{args.year}年度报告已在 {project.index[(body, args.year)]} 中，不会重复创建。",
            file=sys.stderr,
        )
        return 1
    try:
        text = new_report(
            body,
            args.year,
            prev_page.evaluated if prev_page else None,
            prev_page.source if prev_page else None,
            prev_doc or "",
        )
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if not write_new(output, text, args.force):
        return 1
    print(f"已创建 {output}" + (f"（上年结转等数字取自 {prev_doc}）" if prev_doc else ""))
    return 0


# -- carry ----------------------------------------------------------------------------


def cmd_carry(args: argparse.Namespace) -> int:
    from ..core.wording import fmt_number
    from .carry import carry_plan

    found = _root_and_pages(args)
    if found is None:
        return 2
    root, only = found
    project = _project(root)
    changed_pages = changed_figures = manual = 0
    for docname in sorted(project.pages):
        if only is not None and docname not in only:
            continue
        page = project.pages[docname]
        if page.key is None or page.evaluated is None:
            continue
        prev = project.report((page.key[0], page.key[1] - 1))
        if prev is None:
            continue
        path = page.source.path
        text = path.read_bytes().decode("utf-8")  # as it is: CRLF line ends stay CRLF
        plan = carry_plan(text, page.source, page.evaluated, prev)
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        for change in plan.changes:
            table, row, column = change.cell
            print(
                f"{shown}:{change.line}: {table}.{row}.{column}：{fmt_number(change.old) or '（空）'} → "
                f"{fmt_number(change.new)}（{change.rule.note}）"
            )
        for line, todo in plan.manual:
            print(f"{shown}:{line or 1}: 需人工处理：{todo}")
        manual += len(plan.manual)
        if plan.changes:
            changed_pages += 1
            changed_figures += len(plan.changes)
            if not args.dry_run:
                write_new(path, plan.text, force=True)
    if changed_figures:
        verb = "需要更新" if args.dry_run else "已更新"
        print(f"{verb} {changed_pages} 个页面的 {changed_figures} 个数字。", file=sys.stderr)
        if not args.dry_run:
            print("本年的合计和勾稽关系随之改变，请运行 xxgk check 再核对一遍。", file=sys.stderr)
    else:
        print("沿用上一年度的数字均已一致，没有需要更新的。", file=sys.stderr)
    # 1 when staff have something to do: figures to update (--dry-run gates CI) or to handle by hand
    return 1 if manual or (args.dry_run and changed_figures) else 0


# -- diff ---------------------------------------------------------------------------------


def _checkout(root: Path, rev: str, into: Path) -> None:
    """The tree of commit ``rev`` in ``into``. ``rev`` is resolved to a commit id first, after
    ``--end-of-options``: a name such as ``--output=文件`` is a revision that does not exist,
    never an option passed to git."""
    resolved = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if resolved.returncode != 0:
        raise SystemExit(f"找不到版本“{rev}”（应为提交、分支或标签，如 HEAD~1、main）")
    commit = resolved.stdout.strip()
    archive = subprocess.run(["git", "-C", str(root), "archive", commit], capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"无法读取版本 {rev}：{archive.stderr.decode(errors='replace').strip()}")
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import compare_projects, to_markdown

    root = find_root(Path(args.root or Path.cwd()).resolve())
    top = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False
    )
    if top.returncode != 0:
        print("当前目录不在 git 仓库中", file=sys.stderr)
        return 2
    repo = Path(top.stdout.strip())
    sub = root.relative_to(repo)
    with tempfile.TemporaryDirectory() as old_dir, tempfile.TemporaryDirectory() as new_dir:
        _checkout(repo, args.rev, Path(old_dir))
        old = _project(Path(old_dir) / sub)
        if args.rev2:
            _checkout(repo, args.rev2, Path(new_dir))
            new = _project(Path(new_dir) / sub)
        else:
            new = _project(root)
        changes = compare_projects(old, new)
    print(to_markdown(changes, args.rev, args.rev2 or "工作区"))
    return 0


# -- export ---------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from ..core.tabular import all_rows, to_csv, to_json

    if args.template is not None or args.format == "xlsx":
        from .office import export_workbook

        return export_workbook(args)
    found = _root_and_pages(args)
    if found is None:
        return 2
    root, only = found
    project = _project(root)
    reports = [
        page.evaluated
        for docname, page in project.pages.items()
        if page.evaluated is not None and (only is None or docname in only)
    ]
    data = all_rows(reports)
    text = to_csv(data) if args.format == "csv" else to_json(data)
    if args.output:
        if not write_new(Path(args.output), text, args.force):
            return 1
        print(f"已导出 {len(reports)} 份报告的 {len(data)} 个数字到 {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


# -- import ------------------------------------------------------------------------------------


_IMPORTABLE = (".txt", ".md", ".htm", ".html")


def _import_sources(names: list[str]) -> list[Path]:
    """Files named, and the text files of the folders named (sorted), each once."""
    out: list[Path] = []
    for name in names:
        path = Path(name)
        found = (
            sorted(p for p in path.rglob("*") if p.suffix.lower() in _IMPORTABLE) if path.is_dir() else [path]
        )
        out += [p for p in found if p not in out]
    return out


def cmd_import(args: argparse.Namespace) -> int:
    from .importer import import_report
    from .office import OFFICE_SUFFIXES, import_office

    if any(Path(name).suffix.lower() in OFFICE_SUFFIXES for name in args.files):
        return import_office(args)
    if args.into or args.body or args.year:
        print("--into、--body、--year 只用于导入统计表（.xlsx）或 Word 文件（.docx）", file=sys.stderr)
        return 2
    sources = _import_sources(args.files)
    if args.output and len(sources) > 1:
        print("导入多个文件或文件夹时请用 --output-dir 指定目录（每个年度一页，按年度命名）", file=sys.stderr)
        return 2
    status = 0
    results = []
    for source in sources:
        if source.suffix.lower() in (".html", ".htm"):
            from .html_import import import_html

            result = import_html(source.read_bytes())
        else:
            result = import_report(source.read_text(encoding="utf-8", errors="replace"))
        results.append((source, result))
    skipped: set[Path] = set()  # a second file of a year already imported
    if args.output_dir:
        years: dict[int, Path] = {}
        for source, result in results:
            if result.year is not None and result.year in years:
                result.unplaced.append(
                    f"与 {years[result.year]} 同为{result.year}年度，未写入；请确认哪一份是正式发布的报告"
                )
                skipped.add(source)
            elif result.year is not None:
                years[result.year] = source
    summary = []
    for source, result in sorted(results, key=lambda r: (r[1].year or 0, str(r[0]))):
        if not result.body or result.year is None:  # never a page without its xxgk:report
            missing = "、".join(w for w, ok in (("机构名称", result.body), ("年度", result.year)) if not ok)
            print(
                f"{source}：未导入——标题中找不到{missing}。请在文件开头写明完整标题，如"
                "“××镇人民政府2023年政府信息公开工作年度报告”，再导入",
                file=sys.stderr,
            )
            for item in result.unplaced:
                print(f"  需人工处理：{item}", file=sys.stderr)
            status = 1
            continue
        target: Path | None = None
        if args.output:
            target = Path(args.output)
        elif args.output_dir:
            target = None if source in skipped else Path(args.output_dir) / f"{result.year}.md"
        else:
            sys.stdout.write(result.text)
        if target is not None:
            if not write_new(target, result.text, args.force):
                status = 1
                continue
            print(f"已导入 {source} → {target}", file=sys.stderr)
        for note in result.notes:
            print(f"  已处理：{note}", file=sys.stderr)
        for item in result.unplaced:
            print(f"  需人工处理：{item}", file=sys.stderr)
        summary.append((source, result))
    if len(summary) > 1:
        print("\n各年度导入情况：", file=sys.stderr)
        for source, result in summary:
            fmt = result.format or "按年度默认"
            figures = "，".join(f"{k} {v}" for k, v in list(result.figures.items())[:6])
            more = f"等{len(result.figures)}项" if len(result.figures) > 6 else ""
            print(
                f"  {result.year or '年度不明'}年度（{source.name}，格式：{fmt}）："
                f"识别数字{len(result.figures)}项{'：' + figures + more if figures else ''}；"
                f"留作正文{result.paragraphs}段；需人工处理{len(result.unplaced)}处",
                file=sys.stderr,
            )
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xxgk",
        description="政府信息公开工作年度报告工具：检查、新建、更新沿用数字、比较、导出、导入报告",
    )
    parser.add_argument("--version", action="version", version=f"xxgk {__version__}")
    parser.add_argument("--root", help="项目目录（默认：向上查找 conf.py 所在目录）")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=EPILOG[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    check = command("check", "检查报告：数据、勾稽关系、跨年度衔接、正文引用（与构建时的检查相同）")
    check.add_argument("paths", nargs="*", metavar="路径", help="要检查的报告文件或目录（默认：全部）")
    check.add_argument(
        "--format",
        choices=("text", "json", "github", "codeclimate", "sarif"),
        default="text",
        help="输出格式：text（默认）、json、github（GitHub 合并请求中逐行标注）、"
        "codeclimate（GitLab 代码质量报告）、sarif",
    )
    check.add_argument(
        "--all",
        action="store_true",
        help="同时列出已由 %% xxgk-accept 注释逐段接受的提示（不计入问题数）",
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=min(4, os.cpu_count() or 1),
        help="并行检查的进程数（默认：CPU 核数，最多 4；页面少于 200 个时不并行）",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="不使用上次检查的结果（默认只重新检查有改动的页面及受其影响的页面，结果存于 _build/）",
    )
    check.set_defaults(func=cmd_check)

    new = command("new", "按适用的格式新建下一年度的报告，上年结转等数字取自上一年度报告")
    new.add_argument("year", type=int, metavar="年度")
    new.add_argument("--body", help="机构名称（项目中只有一个机构时可省略）")
    new.add_argument("--output", "-o", help="新报告的文件路径（默认：与上一年度报告同目录的 <年度>.md）")
    new.add_argument("--force", action="store_true", help=FORCE_HELP)
    new.set_defaults(func=cmd_new)

    carry = command(
        "carry", "按上一年度报告更新本年沿用的数字（上年结转等），只改这些数字，其余内容和注释原样保留"
    )
    carry.add_argument("paths", nargs="*", metavar="路径", help="要更新的报告文件或目录（默认：全部）")
    carry.add_argument("--dry-run", action="store_true", help="只列出需要更新的数字，不修改文件")
    carry.set_defaults(func=cmd_carry)

    diff = command("diff", "列出两个 git 版本之间变化的数字和核对结果（Markdown）")
    diff.add_argument("rev", metavar="版本")
    diff.add_argument("rev2", nargs="?", metavar="版本2", help="默认：当前工作区")
    diff.set_defaults(func=cmd_diff)

    export = command("export", "导出全部报告的全部数字（长表格式，排序稳定）")
    export.add_argument("paths", nargs="*", metavar="路径", help="要导出的报告文件或目录（默认：全部）")
    export.add_argument(
        "--format",
        choices=("json", "csv", "xlsx"),
        default="json",
        help="json（默认）、csv、xlsx（官方统计表格式的工作簿，每表一个工作表，另附数据明细；须用 -o）",
    )
    export.add_argument("--output", "-o", help=OUTPUT_HELP)
    export.add_argument("--force", action="store_true", help=FORCE_HELP)
    export.add_argument(
        "--template",
        type=int,
        metavar="年度",
        help="导出该年度格式的空白统计表（xlsx），供本单位或下级单位填写；上年结转取自上一年度报告",
    )
    export.add_argument("--body", help="与 --template 一起用：填报单位（机构名称）")
    export.set_defaults(func=cmd_export)

    imp = command(
        "import",
        "把网上抓取的旧报告或从 PDF 提取的文字转换为 MyST 页面"
        "（繁转简、去拼音、修乱码、合并折行、识别统计表和分类数字）",
    )
    imp.add_argument("files", nargs="+", metavar="文件或文件夹")
    imp.add_argument("--output", "-o", help=OUTPUT_HELP)
    imp.add_argument("--output-dir", "--out", help="导入多个文件或文件夹时的输出目录（每个年度一页）")
    imp.add_argument("--force", action="store_true", help=FORCE_HELP)
    imp.add_argument(
        "--into",
        metavar="页面",
        help="统计表（.xlsx）：替换已有报告页面数据块中的这些表，正文和其他内容不变；"
        "Word（.docx）：列出与页面正文不同的段落",
    )
    imp.add_argument("--body", help="统计表新建页面时的机构名称（默认：表中“填报单位”）")
    imp.add_argument("--year", type=int, help="统计表新建页面时的年度（默认：表中标题的年度）")
    imp.set_defaults(func=cmd_import)

    from .book import cmd_book

    book = command("book", "把各报告的 PDF 合订成一本：公文格式的封面和目录，各报告原样排入")
    book.add_argument("--pdf-dir", default="_build/pdf", help="各报告 PDF 所在目录（默认：_build/pdf）")
    book.add_argument(
        "--output", "-o", default="_build/pdf/book.pdf", help="合订本文件（默认：_build/pdf/book.pdf）"
    )
    book.add_argument("--title", default="政府信息公开工作年度报告汇编", help="封面标题")
    book.set_defaults(func=cmd_book)

    from .site import add_site_parser

    add_site_parser(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # a killed command (SIGTERM) unwinds like Ctrl-C: no temporary file is left beside a target
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
