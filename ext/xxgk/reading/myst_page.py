"""Read a MyST report page without Sphinx: its xxgk directives, roles and prose.

Uses markdown-it-py with the same plugins MyST uses (colon fences, roles), so
fenced code is never mistaken for a directive and line numbers match the
build's. Content of other directives (``{only}``, ``{note}`` …) is read too.
Nothing here imports Sphinx.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from docutils.parsers.rst.directives.misc import TestDirective
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig, read_topmatter
from myst_parser.parsers.directives import MarkupError, parse_directive_text
from myst_parser.parsers.mdit import create_md_parser

from ..core.accept import MARK
from ..core.page_checks import ROLE_MARK
from ..core.safety import MAX_LEVELS, MAX_NESTING, PATH_ARGUMENTS, Use, role_link
from ..core.yamlsafe import load_safe
from .page_source import Directive, PageSource, Role

_DIRECTIVE = re.compile(r"^\{([\w:-]+)\}\s*(.*)$")
_OPTION = re.compile(r"^:([\w-]+):\s*(.*)$")


@cache
def _parser(extensions: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> MarkdownIt:
    """MyST-Parser's own markdown-it configuration, with conf.py's ``myst_enable_extensions``
    and ``myst_disable_syntax`` (one parser per setting: building one costs as much as a page)."""
    config = MdParserConfig(enable_extensions=set(extensions), disable_syntax=list(disabled))
    return create_md_parser(config, RendererHTML)


def _yaml_keys(text: str) -> dict[str, str]:
    """The top-level keys of a YAML mapping (values as text); one key for anything else."""
    try:
        data = load_safe(text)
    except Exception:  # any YAML error: MyST refuses the block too, but it is not ours to read
        return {"（无法解析的 YAML）": ""}
    if data is None:
        return {}
    if not isinstance(data, dict):
        return {"（不是键值对的 YAML）": ""}
    return {str(key): str(value) for key, value in data.items()}


class _AnyDirective(TestDirective):
    """Any directive, as MyST splits its text: an argument line, every option kept as the
    text MyST reads (quotes, comments, indented option lines handled by MyST itself), a body.
    (MyST accepts any option for docutils' test directive without validating it.)"""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"option": str}  # noqa: RUF012 - only needs to be non-empty for MyST to read options


def _split_options(first_line: str, content: str, line: int) -> tuple[dict[str, str], str, int]:
    """The options and the body of a directive, split by MyST-Parser's own code; and how many
    lines of ``content`` come before the body."""
    try:
        parsed = parse_directive_text(_AnyDirective, first_line, content, line=line)
    except MarkupError:  # MyST refuses the directive: it becomes an error message, not content
        return {"（无法解析的选项）": ""}, "", len(content.splitlines())
    options = {str(key): "" if value is None else str(value) for key, value in parsed.options.items()}
    return options, "\n".join(parsed.body), parsed.body_offset


def _inline_text(token: Token) -> str:
    """A paragraph's text as the build sees it: markup removed, role output as ROLE_MARK."""
    parts = []
    for child in token.children or []:
        if child.type == "myst_role":
            parts.append(ROLE_MARK)
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def _walk(
    text: str,
    offset: int,
    page: PageSource,
    md: MarkdownIt,
    nested: bool = False,
    depth: int = 0,
    base: int = 0,
) -> None:
    tokens = md.parse(text)
    for index, token in enumerate(tokens):
        if base + token.level > MAX_LEVELS and token.map is not None:  # lists and quotes count too
            page.uses.append(Use("nesting", str(base + token.level), offset + token.map[0] + 1))
            return
        if token.type == "myst_line_comment" and token.map is not None and MARK in token.content:
            # the paragraph it accepts is the next block (core.accept); 0: none follows
            after = tokens[index + 1] if index + 1 < len(tokens) else None
            ok = after is not None and after.type == "paragraph_open" and after.map is not None and not nested
            line = offset + after.map[0] + 1 if ok and after and after.map else 0
            page.accepts.append((token.content, line))
        if token.type == "front_matter" and token.map is not None and not nested:
            for key in _yaml_keys(token.content):
                page.uses.append(Use("front-matter", key, offset + 1, offset + token.map[1]))
        elif token.type in ("fence", "colon_fence") and token.map is not None:
            match = _DIRECTIVE.match(token.info.strip())
            if not match:
                continue
            start = offset + token.map[0]
            name = match.group(1)
            argument = match.group(2).strip()
            options, body, skipped = _split_options(argument, token.content, start + 1)
            page.directives.append(Directive(name, argument, options, body, start + 1, start + 2 + skipped))
            end = offset + token.map[1]
            page.uses.append(Use("directive", name, start + 1, end, argument, tuple(options.items())))
            if depth >= MAX_NESTING:  # the build's parsers would recurse past Python's limit
                page.uses.append(Use("nesting", str(depth + 1), start + 1))
                continue
            if not name.startswith("xxgk:"):  # directives whose title and content are markdown
                if argument and name not in PATH_ARGUMENTS:
                    _inline_uses(md.parseInline(argument)[0], start + 1, page)
                head = "\n".join(token.content.splitlines()[:skipped])
                if head.strip():  # the option lines, read as markdown too (a directive without
                    _walk(
                        head, start + 1, page, md, nested=True, depth=depth + 1, base=base + token.level + 2
                    )
                _walk(
                    body,
                    start + 1 + skipped,
                    page,
                    md,
                    nested=True,
                    depth=depth + 1,
                    base=base + token.level + 2,
                )
        elif token.type == "heading_open" and token.map is not None and not nested:
            inline = tokens[index + 1]
            page.headings.append((int(token.tag[1:]), _inline_text(inline), offset + token.map[0] + 1))
        elif token.type == "inline" and token.map is not None:
            # roles are located at their paragraph's first line, as the Sphinx build locates them
            line = offset + token.map[0] + 1
            if tokens[index - 1].type == "paragraph_open" and not nested:  # body prose only
                page.paragraphs.append((_inline_text(token), line))
            _inline_uses(token, line, page)


def _inline_uses(token: Token, line: int, page: PageSource) -> None:
    """The roles, links and images of an inline token (a paragraph, a heading, a title)."""
    for child in token.children or []:
        name = str(child.meta.get("name", "")) if child.type == "myst_role" else ""
        if name:
            page.uses.append(Use("role", name, line))
            target = role_link(name, child.content)
            if target is not None:
                page.uses.append(Use("link", target, line))
        if name.startswith("xxgk:"):
            page.roles.append(Role(name.removeprefix("xxgk:"), child.content, line))
        elif child.type == "link_open":
            page.uses.append(Use("link", str(child.attrs.get("href", "")), line))
        elif child.type == "image":
            page.uses.append(Use("image", str(child.attrs.get("src", "")), line))
            _inline_uses(child, line, page)  # an image's alt text is inline markup too


def _topmatter_keys(text: str) -> list[str]:
    """The front-matter keys exactly as MyST-Parser reads them (``read_topmatter``, which is
    what sets a page's MyST configuration; it ends the block differently from markdown-it's
    front-matter rule, so both are asked)."""
    try:
        data = read_topmatter(text)
    except Exception:  # MyST refuses the page's front matter; it is refused here too
        return ["（无法解析的 YAML）"]
    if data is None:
        return []
    if not isinstance(data, dict):
        return ["（不是键值对的 YAML）"]
    return [str(key) for key in data]


def read_myst_text(
    text: str, path: Path, docname: str, extensions: tuple[str, ...] = (), disabled: tuple[str, ...] = ()
) -> PageSource:
    """Everything xxgk needs from one MyST page (parsed as the build parses it)."""
    page = PageSource(path, docname)
    _walk(text, 0, page, _parser(extensions, disabled))
    seen = {use.name for use in page.uses if use.kind == "front-matter"}
    page.uses += [Use("front-matter", key, 1, 1) for key in _topmatter_keys(text) if key not in seen]
    return page
