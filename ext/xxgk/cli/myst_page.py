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

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from ..core.page_checks import ROLE_MARK
from .page_source import Directive, PageSource, Role

_DIRECTIVE = re.compile(r"^\{([\w:-]+)\}\s*(.*)$")
_OPTION = re.compile(r"^:([\w-]+):\s*(.*)$")


@cache
def _parser(extensions: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> MarkdownIt:
    """MyST-Parser's own markdown-it configuration, with conf.py's ``myst_enable_extensions``
    and ``myst_disable_syntax`` (one parser per setting: building one costs as much as a page)."""
    config = MdParserConfig(enable_extensions=set(extensions), disable_syntax=list(disabled))
    return create_md_parser(config, RendererHTML)


def _split_options(content: str) -> tuple[dict[str, str], str, int]:
    """Leading ``:key: value`` lines → options; the rest (after one blank line) is the body."""
    lines = content.splitlines()
    options: dict[str, str] = {}
    i = 0
    while i < len(lines) and (match := _OPTION.match(lines[i])):
        options[match.group(1)] = match.group(2).strip()
        i += 1
    if i < len(lines) and not lines[i].strip():
        i += 1
    return options, "\n".join(lines[i:]), i


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


def _walk(text: str, offset: int, page: PageSource, md: MarkdownIt, nested: bool = False) -> None:
    tokens = md.parse(text)
    for index, token in enumerate(tokens):
        if token.type in ("fence", "colon_fence") and token.map is not None:
            match = _DIRECTIVE.match(token.info.strip())
            if not match:
                continue
            start = offset + token.map[0]
            options, body, skipped = _split_options(token.content)
            name = match.group(1)
            page.directives.append(
                Directive(name, match.group(2).strip(), options, body, start + 1, start + 2 + skipped)
            )
            if not name.startswith("xxgk:"):  # directives whose content is markdown
                _walk(body, start + 1 + skipped, page, md, nested=True)
        elif token.type == "heading_open" and token.map is not None and not nested:
            inline = tokens[index + 1]
            page.headings.append((int(token.tag[1:]), _inline_text(inline), offset + token.map[0] + 1))
        elif token.type == "inline" and token.map is not None:
            # roles are located at their paragraph's first line, as the Sphinx build locates them
            line = offset + token.map[0] + 1
            if tokens[index - 1].type == "paragraph_open" and not nested:  # body prose only
                page.paragraphs.append((_inline_text(token), line))
            for child in token.children or []:
                if child.type == "myst_role" and str(child.meta.get("name", "")).startswith("xxgk:"):
                    page.roles.append(Role(child.meta["name"].removeprefix("xxgk:"), child.content, line))


def read_myst_page(
    path: Path, docname: str, extensions: tuple[str, ...] = (), disabled: tuple[str, ...] = ()
) -> PageSource:
    """Everything xxgk needs from one MyST page (parsed as the build parses it)."""
    page = PageSource(path, docname)
    _walk(path.read_text(encoding="utf-8"), 0, page, _parser(extensions, disabled))
    return page
