"""Read a reStructuredText report page without Sphinx, into the same ``PageSource`` as MyST.

docutils parses the page (as Sphinx does); the ``xxgk:*`` directives and roles are recorded
instead of run, directives docutils does not know (Sphinx's ``only``, ``toctree`` …) are
read as containers whose content is parsed, except those whose content is not prose. Prose
and headings are taken from the doctree the way the build's ``sphinx/collect.py`` takes them:
body paragraphs (not inside tables or admonitions), role output as ``ROLE_MARK``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import docutils.parsers.rst.directives as rst_directives
from docutils import frontend, nodes, utils
from docutils.parsers.rst import Directive as RstDirective
from docutils.parsers.rst import Parser, roles

from ..core.page_checks import ROLE_MARK
from ..core.safety import ALLOWED_NODES, MAX_LEVELS, MAX_NESTING, PATH_ARGUMENTS, Use, role_link
from .doctree_text import accepts, headings, paragraphs
from .page_source import Directive, PageSource, Role

XXGK_DIRECTIVES = ("report", "data", "table", "compare", "trend", "aggregate", "reports", "signature")
XXGK_ROLES = ("val", "pct", "delta", "ref")
# Sphinx directives whose content is not prose (code, file names, math, raw output)
_OPAQUE = {"code-block", "sourcecode", "highlight", "literalinclude", "toctree", "raw", "math", "graphviz"}


class _role_mark(nodes.Inline, nodes.TextElement):
    """Where an xxgk role stood (its text is ROLE_MARK, as in the build's prose)."""


def _recorder(page: PageSource, name: str) -> type[RstDirective]:
    class Recorder(RstDirective):
        required_arguments = 0
        optional_arguments = 30
        final_argument_whitespace = False
        has_content = True
        option_spec = None  # every option is kept (validated by the checks, as in the build)

        def run(self) -> list[nodes.Node]:
            options = {key: str(value or "") for key, value in (self.options or {}).items()}
            _note(page, self, name)
            body_line = self.content_offset + 1
            page.directives.append(
                Directive(
                    name, " ".join(self.arguments), options, "\n".join(self.content), self.lineno, body_line
                )
            )
            return []

    Recorder.option_spec = _AnyOption()  # type: ignore[assignment]
    return Recorder


class _AnyOption(dict[str, Any]):
    """An option spec that accepts every option as text."""

    def __bool__(self) -> bool:
        return True

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Any:
        return rst_directives.unchanged

    def get(self, key: str, default: Any = None) -> Any:
        return rst_directives.unchanged


def _note(page: PageSource, directive: RstDirective, name: str) -> None:
    end = directive.lineno + str(directive.block_text).rstrip("\n").count("\n")
    options = tuple((key, str(value or "")) for key, value in (directive.options or {}).items())
    argument = " ".join(directive.arguments)
    page.uses.append(Use("directive", name, directive.lineno, end, argument, options, markup="rst"))


def _read_only(page: PageSource, name: str, depth: list[int]) -> type[RstDirective]:
    """Any directive but xxgk's, noted and never run: whatever its options (docutils would
    refuse some before the directive could be noted) and whoever implements it (Sphinx's and
    sphinx-design's directives need a build). Its title and content are parsed as the build
    parses them, into a container, so their roles, links and images are noted too."""

    class ReadOnly(RstDirective):
        optional_arguments = 1
        final_argument_whitespace = True
        has_content = True
        option_spec = _AnyOption()

        def run(self) -> list[nodes.Node]:
            _note(page, self, name)
            node = nodes.container()
            if name in _OPAQUE:
                return []
            if depth[0] >= MAX_NESTING:  # the build's parser would recurse past Python's limit
                page.uses.append(Use("nesting", str(depth[0] + 1), self.lineno, markup="rst"))
                return []
            if self.arguments and name not in PATH_ARGUMENTS:
                title, messages = self.state.inline_text(self.arguments[0], self.lineno)
                node += nodes.paragraph("", "", *title, *messages)
            if self.content:
                depth[0] += 1
                try:
                    self.state.nested_parse(self.content, self.content_offset, node)
                finally:
                    depth[0] -= 1
            return [node]

    return ReadOnly


def _role(page: PageSource, name: str) -> Any:
    def role(
        typ: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        page.roles.append(Role(name, utils.unescape(text), lineno))
        return [_role_mark(rawtext, ROLE_MARK)], []

    return role


def _noting_links(page: PageSource, name: str) -> Any:
    """A role read as its text; the link its text holds (sphinx-design's link badges) noted."""

    def role(
        typ: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        target = role_link(name, utils.unescape(text))
        if target is not None:
            page.uses.append(Use("link", target, lineno, markup="rst"))
        return _literal_role(typ, rawtext, text, lineno, inliner, options, content)

    return role


def _literal_role(
    typ: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    return [nodes.literal(rawtext, utils.unescape(text))], []


@contextmanager
def _registered(page: PageSource) -> Iterator[None]:
    """docutils' directive and role lookup, for one parse, with xxgk's recorders in front."""
    lookup_directive = rst_directives.directive
    depth = [0]  # directives open around the one being read
    lookup_role = roles.role

    def directive(name: str, language: Any, document: Any) -> tuple[Any, list[Any]]:
        if name.startswith("xxgk:") and name[5:] in XXGK_DIRECTIVES:
            return _recorder(page, name), []
        return _read_only(page, name, depth), []

    def role(name: str, language: Any, lineno: int, reporter: Any) -> tuple[Any, list[Any]]:
        if name.startswith("xxgk:") and name[5:] in XXGK_ROLES:
            page.uses.append(Use("role", name, lineno, markup="rst"))
            return _role(page, name[5:]), []
        page.uses.append(Use("role", name, lineno, markup="rst"))
        return _noting_links(
            page, name
        ), []  # never run here (Sphinx's roles need a build): its text is noted

    rst_directives.directive = directive  # type: ignore[assignment]
    roles.role = role  # type: ignore[assignment]
    try:
        yield
    finally:
        rst_directives.directive = lookup_directive  # type: ignore[assignment]
        roles.role = lookup_role  # type: ignore[assignment]


def _line(node: nodes.Node) -> int:
    while node is not None and getattr(node, "line", None) is None:
        node = node.parent
    return int(getattr(node, "line", 0) or 0)


def read_rst_text(text: str, path: Path, docname: str) -> PageSource:
    """Everything xxgk needs from one reStructuredText page (parsed by docutils, as Sphinx does)."""
    page = PageSource(path, docname)
    settings = frontend.get_default_settings(Parser)
    settings.report_level = 5  # unknown roles and the like are the build's to report
    settings.halt_level = 5
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    settings.doctitle_xform = False  # as Sphinx: the page title stays a section
    document = utils.new_document(str(path), settings)
    lines = text.expandtabs(8).splitlines()
    deepest = max(((len(line) - len(line.lstrip(" ")), n) for n, line in enumerate(lines, 1)), default=(0, 0))
    if deepest[0] > 2 * MAX_LEVELS:  # docutils itself would recurse past Python's limit
        page.uses.append(Use("nesting", str(deepest[0] // 2), deepest[1], markup="rst"))
        return page
    with _registered(page):
        Parser().parse(text, document)
    for node in document.findall(nodes.Element):  # what the build's doctree wall would remove
        if type(node).__module__ == "docutils.nodes" and type(node).__name__ not in ALLOWED_NODES:
            page.uses.append(Use("node", type(node).__name__, _line(node), markup="rst"))
    for node in document.findall(lambda n: isinstance(n, (nodes.reference, nodes.target))):
        if node.get("refuri"):
            page.uses.append(Use("link", str(node["refuri"]), _line(node), markup="rst"))
    page.paragraphs = paragraphs(document, (_role_mark,))
    page.headings = headings(document)
    page.accepts = accepts(document)
    return page
