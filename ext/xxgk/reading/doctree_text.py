"""A page's prose and headings from its docutils doctree, as the checks read them.

Shared by the build (``sphinx/collect.py``, on the doctree Sphinx read) and the reStructuredText
reader of ``xxgk check`` (``rst_page``): body paragraphs only (not inside tables, admonitions or
other directives), each role's output as ``ROLE_MARK``; section titles with their depth.
"""

from __future__ import annotations

from docutils import nodes

from ..core.accept import MARK
from ..core.page_checks import ROLE_MARK

_BODY = (nodes.section, nodes.document, nodes.list_item, nodes.bullet_list, nodes.enumerated_list)


def _text(node: nodes.Node, roles: tuple[type[nodes.Node], ...]) -> str:
    if isinstance(node, roles):
        return ROLE_MARK
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, nodes.Element):
        return "".join(_text(child, roles) for child in node.children)
    return ""


def _in_body(node: nodes.Element) -> bool:
    parent = node.parent
    while parent is not None:
        if not isinstance(parent, _BODY):
            return False
        parent = parent.parent
    return True


def paragraphs(document: nodes.document, roles: tuple[type[nodes.Node], ...]) -> list[tuple[str, int]]:
    """(text, first line) of each body paragraph; nodes of the ``roles`` types read as ROLE_MARK."""
    return [(_text(p, roles), p.line or 0) for p in document.findall(nodes.paragraph) if _in_body(p)]


def accepts(document: nodes.document) -> list[tuple[str, int]]:
    """(text, line of the paragraph it accepts; 0: none) of each ``xxgk-accept`` comment
    (``core.accept``): the paragraph is the comment's next sibling in the body."""
    found = []
    for comment in document.findall(nodes.comment):
        text = comment.astext()
        if MARK not in text:
            continue
        after = comment.next_node(descend=False, siblings=True)
        ok = isinstance(after, nodes.paragraph) and _in_body(after)
        found.append((text, (after.line or 0) if ok and isinstance(after, nodes.paragraph) else 0))
    return found


def headings(document: nodes.document) -> list[tuple[int, str, int]]:
    """(depth, title, line) of each section title."""
    found = []
    for section in document.findall(nodes.section):
        depth, parent = 1, section.parent
        while parent is not None:
            depth += isinstance(parent, nodes.section)
            parent = parent.parent
        title = section[0] if section.children and isinstance(section[0], nodes.title) else None
        if title is not None:
            found.append((depth, title.astext(), title.line or section.line or 0))
    return found
