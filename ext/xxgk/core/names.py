"""Names of what the site publishes for a report: PDF and data files, body pages, URL folders.

Derived from the page's path, so every builder and the CLI agree. Nothing here imports Sphinx.
"""

from __future__ import annotations

import re

REPORTS = "reports"
BOOK_NAME = "book"
PDF_URL_DIR = "_pdf"  # where the HTML site publishes the PDFs
DOCX_URL_DIR = "_docx"  # and the Word files
DATA_URL_DIR = "_data"  # per-report and all-reports figures (JSON, CSV) in the HTML output


def pdf_name(docname: str) -> str:
    """File name (without .pdf) of a report's PDF: ``reports/huaian-szf/2024`` → ``huaian-szf-2024``."""
    return docname.removeprefix(f"{REPORTS}/").replace("/", "-")


def body_slug(docname: str) -> str:
    """``reports/huaian-szf/2024`` → ``huaian-szf``: the folder a body's years live in."""
    name = pdf_name(docname)
    head, _, year = name.rpartition("-")
    return head if head and year.isdigit() and len(year) == 4 else name


_SAFE_PART = re.compile(r"[\w.-]+")  # letters (汉字 included), digits, _ . - (fullmatch)
MAX_NAME = 120  # characters of an output name: far below every filesystem's 255 bytes (CJK: 3 each)


def name_problem(docname: str) -> str | None:
    """Why a report's path cannot name its output files (None: it can)."""
    parts = docname.split("/")
    bad = next((part for part in parts if not _SAFE_PART.fullmatch(part) or part.startswith(".")), None)
    if bad is not None:
        shown = "".join(ch if ch.isprintable() else "�" for ch in bad)[:40]
        return (
            f"文件路径中的“{shown}”含有空格、控制字符或其他不能用于网站和 PDF 文件名的字符；"
            "目录名和文件名只用汉字、字母、数字、“-”和“_”"
        )
    if len(pdf_name(docname)) > MAX_NAME:
        return f"文件路径过长（{len(pdf_name(docname))}个字符，最多{MAX_NAME}个），请缩短目录名或文件名"
    return None


def same_name(docnames: list[str]) -> dict[str, list[str]]:
    """Output name → the docnames that would share it (only names held by more than one)."""
    by_name: dict[str, list[str]] = {}
    for docname in sorted(docnames):
        by_name.setdefault(pdf_name(docname), []).append(docname)
    return {name: docs for name, docs in by_name.items() if len(docs) > 1}


def shared_body_pages(newest: dict[str, str]) -> dict[str, list[str]]:
    """Body page name → the bodies that would share it (``newest``: body → the page of its
    newest report, which names its ``bodies/<name>.html``); only names held by several."""
    by_page: dict[str, list[str]] = {}
    for body, docname in sorted(newest.items()):
        by_page.setdefault(body_slug(docname), []).append(body)
    return {slug: bodies for slug, bodies in by_page.items() if len(bodies) > 1}


def reading_order(name: str) -> bytes:
    """A body's name as GB 18030 bytes, to sort by: GB 2312 orders its common characters by
    pinyin, as portals list bodies (淮安 before 临湘, where code points put 临 first)."""
    return name.encode("gb18030", errors="replace")
