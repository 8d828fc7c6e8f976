"""Names of what the site publishes for a report: PDF and data files, body pages, URL folders.

Derived from the page's path, so every builder and the CLI agree. Nothing here imports Sphinx.
"""

from __future__ import annotations

REPORTS = "reports"
BOOK_NAME = "book"
PDF_URL_DIR = "_pdf"  # where the HTML site publishes the PDFs
DATA_URL_DIR = "_data"  # per-report and all-reports figures (JSON, CSV) in the HTML output


def pdf_name(docname: str) -> str:
    """File name (without .pdf) of a report's PDF: ``reports/huaian-szf/2024`` → ``huaian-szf-2024``."""
    return docname.removeprefix(f"{REPORTS}/").replace("/", "-")


def body_slug(docname: str) -> str:
    """``reports/huaian-szf/2024`` → ``huaian-szf``: the folder a body's years live in."""
    name = pdf_name(docname)
    head, _, year = name.rpartition("-")
    return head if head and year.isdigit() and len(year) == 4 else name
