"""A page's prose and headings, as primitives in the domain (``XxgkDomain.process_doc``).

The evaluator's checks (``prose``) read them when the page — or the next
year's page, for the copy check — is resolved. Body paragraphs only (not
tables, notes or other directives' content); role output becomes ROLE_MARK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.page_checks import ROLE_MARK
from ..core.page_findings import in_report_dir
from . import nodes as xnodes

if TYPE_CHECKING:
    from .domain import XxgkDomain

_BODY = (nodes.section, nodes.document, nodes.list_item, nodes.bullet_list, nodes.enumerated_list)


def _text(node: nodes.Node) -> str:
    if isinstance(node, xnodes.pending_value):
        return ROLE_MARK
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, nodes.Element):
        return "".join(_text(child) for child in node.children)
    return ""


def _in_body(node: nodes.Element) -> bool:
    parent = node.parent
    while parent is not None:
        if not isinstance(parent, _BODY):
            return False
        parent = parent.parent
    return True


def record_page(domain: XxgkDomain, docname: str, doctree: nodes.document, report_dirs: list[str]) -> None:
    """What the page's findings need besides its directives and roles: a marker so that they
    are emitted when the page is written, and, for a report, its prose and headings."""
    if domain.declared(docname) or in_report_dir(docname, report_dirs):
        doctree.append(xnodes.page_marker(docname=docname))
    if docname not in domain.reports:
        if docname in domain.entries:  # data without a report: still fingerprinted
            domain.note_fingerprint(docname)
        return
    domain.set_prose(
        docname, [(_text(p), p.line or 0) for p in doctree.findall(nodes.paragraph) if _in_body(p)]
    )
    headings = []
    for section in doctree.findall(nodes.section):
        depth, parent = 1, section.parent
        while parent is not None:
            depth += isinstance(parent, nodes.section)
            parent = parent.parent
        title = section[0] if section.children and isinstance(section[0], nodes.title) else None
        if title is not None:
            headings.append((depth, title.astext(), title.line or section.line or 0))
    domain.set_headings(docname, headings)
    domain.note_fingerprint(docname)  # once per read, not on every build
