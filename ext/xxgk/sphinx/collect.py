"""A page's prose and headings, as primitives in the domain (``XxgkDomain.process_doc``).

The evaluator's checks (``prose``) read them when the page — or the next
year's page, for the copy check — is resolved. Body paragraphs only (not
tables, notes or other directives' content); role output becomes ROLE_MARK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.page_findings import in_report_dir
from ..reading.doctree_text import accepts, headings, paragraphs
from . import nodes as xnodes

if TYPE_CHECKING:
    from .domain import XxgkDomain


def record_page(domain: XxgkDomain, docname: str, doctree: nodes.document, report_dirs: list[str]) -> None:
    """What the page's findings need besides its directives and roles: a marker so that they
    are emitted when the page is written, and, for a report, its prose and headings."""
    if domain.declared(docname) or in_report_dir(docname, report_dirs):
        doctree.append(xnodes.page_marker(docname=docname))
    if docname not in domain.reports:
        if docname in domain.entries:  # data without a report: still fingerprinted
            domain.note_fingerprint(docname)
        return
    domain.set_prose(docname, paragraphs(doctree, (xnodes.pending_value,)))
    domain.set_headings(docname, headings(doctree))
    for text, line in accepts(doctree):
        domain.declare(docname, "accepts", [text, line])
    domain.note_fingerprint(docname)  # once per read, not on every build
