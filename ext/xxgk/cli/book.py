"""The book of all reports (``xxgk book``, run by ``make pdf``).

A cover and a 目录 set as a 公文 is, then every report's own PDF page by page: the book
holds the reports in their 公文 layout and nothing of the web site (no guide, no landing
page, no links that do nothing on paper). Bodies are ordered as a portal lists them — by
the reading of their names (GB 2312 orders its common characters by pinyin) — and each
body's reports by year. The 目录 gives each report's first page in the book; PDF bookmarks
lead to it too.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..core.chart import tex_escape
from ..core.names import BOOK_NAME, pdf_name, reading_order
from .common import _project, find_root, write_new


@dataclass(frozen=True)
class Entry:
    body: str
    year: int
    title: str
    pdf: Path


def book_tex(title: str, entries: list[Entry]) -> str:
    """The LaTeX source of the book: cover, 目录, then each report's PDF."""
    lines = [
        r"\documentclass[a4paper,fontset=fandol]{ctexart}",
        r"\usepackage[a4paper,top=37mm,bottom=35mm,left=28mm,right=26mm]{geometry}",
        r"\usepackage{pdfpages}",
        r"\usepackage[hidelinks,bookmarksnumbered=false]{hyperref}",
        r"\setmainfont{FreeSerif}",
        r"\setCJKmainfont{FandolFang-Regular.otf}[BoldFont=FandolHei-Regular.otf]",
        r"\setCJKfamilyfont{xxgksong}{FandolSong-Regular.otf}[BoldFont=FandolSong-Bold.otf]",
        r"\renewcommand\contentsname{目\quad 录}",
        r"\makeatletter",
        r"\renewcommand*\l@section{\@dottedtocline{1}{0em}{0em}}",  # dots to the page number
        r"\renewcommand*\numberline[1]{}",  # the entries are titles, not numbered sections
        r"\renewcommand\tableofcontents{\section*{\centering\CJKfamily{zhhei}\contentsname}\@starttoc{toc}}",
        r"\makeatother",
        r"\setlength\parindent{0pt}",
        r"\renewcommand\normalsize{\fontsize{16pt}{28.95pt}\selectfont}\normalsize",  # 三号, 22 lines
        r"\pagestyle{empty}",
        r"\begin{document}",
        r"\vspace*{60mm}",
        r"\begin{center}{\fontsize{26pt}{40pt}\selectfont\CJKfamily{xxgksong}\bfseries "
        + tex_escape(title)
        + r"\par}",
        r"\vspace{20mm}",
        rf"{{\fontsize{{16pt}}{{24pt}}\selectfont 共{len(entries)}份报告\par}}",
        r"\end{center}",
        r"\clearpage",  # the cover is page 1: the 目录 gives each report's page in the PDF
        r"\tableofcontents\thispagestyle{empty}\clearpage",
    ]
    for number, entry in enumerate(entries, start=1):
        label = tex_escape(entry.title)
        lines.append(
            rf"\includepdf[pages=-,pagecommand={{\thispagestyle{{empty}}}},"
            rf"addtotoc={{1,section,1,{{{label}}},report{number}}}]{{{entry.pdf.as_posix()}}}"
        )
    lines.append(r"\end{document}")
    return "\n".join(lines) + "\n"


def entries(root: Path, pdf_dir: Path) -> tuple[list[Entry], list[str]]:
    """The reports whose PDFs ``make pdf`` built, in book order; the reports without one."""
    project = _project(root)
    found: list[Entry] = []
    missing: list[str] = []
    for docname, page in project.pages.items():
        ev = page.evaluated
        if ev is None:
            continue
        pdf = pdf_dir / f"{pdf_name(docname)}.pdf"
        title = (
            page.source.headings[0][1] if page.source.headings else f"{ev.meta.body}{ev.meta.year}年度报告"
        )
        if pdf.is_file():
            found.append(Entry(ev.meta.body, ev.meta.year, title, pdf.resolve()))
        elif docname.startswith("reports/"):
            missing.append(docname)
    found.sort(key=lambda e: (reading_order(e.body), e.year))
    return found, missing


def cmd_book(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root or Path.cwd()).resolve())
    found, missing = entries(root, Path(args.pdf_dir).resolve())
    for docname in missing:
        print(f"{docname}：没有找到它的 PDF，未编入合订本（请先运行 make pdf）", file=sys.stderr)
    if not found:
        print("没有可合订的报告 PDF", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        tex = Path(work) / f"{BOOK_NAME}.tex"
        tex.write_text(book_tex(args.title, found), encoding="utf-8")
        done = subprocess.run(
            ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        built = tex.with_suffix(".pdf")
        if done.returncode != 0 or not built.is_file():
            errors = [line for line in done.stdout.splitlines() if line.startswith("!")]
            print("\n".join(errors[:5]) or done.stdout[-2000:], file=sys.stderr)
            print("合订本排版失败（见上）", file=sys.stderr)
            return 1
        output = Path(args.output)
        write_new(output, built.read_bytes(), force=True)
    print(f"已生成合订本 {args.output}：{len(found)}份报告", file=sys.stderr)
    return 1 if missing else 0
