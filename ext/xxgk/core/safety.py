"""What an untrusted report page may use: text, figures, tables — and nothing else.

A report page comes from whoever can open a pull request. It may use the constructs on the
allow-lists below; anything else (raw output, file inclusion, ``only``/``ifconfig``, ``eval-rst``,
toctrees, remote or out-of-folder images, links with other schemes, front matter that changes the
parser) is an ``xxgk.unsafe`` finding and is made inert before the page is parsed
(``neutralize``), so that it neither runs, reads a file, makes a request nor publishes
something the reviewers did not see. Pages in the trusted folders (conf.py:
``xxgk_trusted_pages``, by default the landing page and the guide) are not restricted.

The readers (``reading/``) list what a page uses; the rules are here, once, for the build
and ``xxgk check``. Nothing here imports Sphinx.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .model import Finding

TRUSTED_PAGES = ("index", "guide/**")  # docname patterns of the maintainers' own pages

XXGK_DIRECTIVES = ("report", "data", "table", "compare", "trend", "aggregate", "reports", "signature")
ADMONITIONS = (
    "admonition",
    "attention",
    "caution",
    "danger",
    "error",
    "hint",
    "important",
    "note",
    "tip",
    "warning",
    "seealso",
)
TABLES = ("table", "list-table", "csv-table")  # csv-table with its rows in the page only
IMAGES = ("image", "figure")  # files beside the page only
DESIGN = ("grid", "grid-item", "grid-item-card", "card", "tab-set", "tab-item", "dropdown", "button-link")
ALLOWED_DIRECTIVES = frozenset(
    [f"xxgk:{name}" for name in XXGK_DIRECTIVES] + list(ADMONITIONS + TABLES + IMAGES + DESIGN)
)
TEXT_ROLES = (
    "sub",
    "sup",
    "subscript",
    "superscript",
    "abbr",
    "emphasis",
    "strong",
    "literal",
    "code",
    "ref",
    "doc",
)
ALLOWED_ROLES = frozenset(["xxgk:val", "xxgk:pct", "xxgk:delta", "xxgk:ref", *TEXT_ROLES])
ALLOWED_ROLE_PREFIXES = ("bdg-",)  # sphinx-design badges: text only
ALLOWED_FRONT_MATTER = frozenset({"orphan"})
# options that would read a file or fetch a URL while building
FILE_OPTIONS = frozenset({"file", "url", "literal", "code", "include", "encoding"})
LINK_OPTIONS = frozenset({"target", "link", "url"})
SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Use:
    """One construct a page uses, as its reader found it."""

    kind: str  # "directive", "role", "front-matter", "link", "image"
    name: str  # directive or role name, front-matter key, link target or image path
    line: int
    end: int = 0  # last line of a block (directives, front matter), to neutralize it
    argument: str = ""
    options: tuple[tuple[str, str], ...] = ()
    markup: str = "myst"  # "myst" or "rst": how the page writes it


@dataclass
class Verdict:
    findings: list[Finding] = field(default_factory=list)
    blocked: list[Use] = field(default_factory=list)  # what ``neutralize`` makes inert


def trusted(docname: str, patterns: Sequence[str] = TRUSTED_PAGES) -> bool:
    return any(fnmatch.fnmatchcase(docname, pattern) for pattern in patterns)


def _scheme(target: str) -> str | None:
    match = _SCHEME.match(target.strip())
    return match.group(1).lower() if match else None


def link_problem(target: str) -> str | None:
    """Why a link target may not be published (None: http(s), mailto, or within the site)."""
    scheme = _scheme(target)
    if scheme is None or scheme in SAFE_SCHEMES:
        return None
    return f"链接“{target[:60]}”使用了“{scheme}:”，报告页中的链接只能是 http(s)、mailto 或站内相对链接"


def image_problem(path: str, docname: str) -> str | None:
    """Why an image may not be used (None: a file in the page's own folder or below)."""
    folder = posixpath.dirname(docname)
    resolved = posixpath.normpath(posixpath.join(folder, path.replace("\\", "/")))
    outside = (
        resolved == ".."
        or resolved.startswith("../")
        or bool(folder and not resolved.startswith(f"{folder}/"))
    )
    if _scheme(path) is None and not path.startswith(("/", "\\")) and not outside:
        return None
    return f"图片“{path[:60]}”不在本页所在目录中；报告页只能使用与页面放在同一目录（或其子目录）中的图片文件"


def _directive_problem(use: Use, docname: str) -> str | None:
    if use.name not in ALLOWED_DIRECTIVES:
        return (
            f"报告页中不能使用 {use.name} 指令（可能执行代码、读取文件或只在部分版本中显示）；"
            "报告页只能包含文字、xxgk 数据和表格、提示框、表格、sphinx-design 组件和本目录中的图片"
        )
    options = dict(use.options)
    wrong = sorted(FILE_OPTIONS & options.keys()) if use.name in TABLES else []
    if wrong:
        return f"{use.name} 的 :{wrong[0]}: 会在构建时读取文件或网址；请把表格内容直接写在页面中"
    if use.name in IMAGES:
        problem = image_problem(use.argument, docname)
        if problem:
            return problem
    targets = [value for key, value in use.options if key in LINK_OPTIONS]
    if use.name == "button-link":
        targets.append(use.argument)
    return next((p for p in map(link_problem, targets) if p), None)


def check_uses(uses: Iterable[Use], docname: str) -> Verdict:
    """The findings about what an untrusted page uses, and the constructs to make inert."""
    verdict = Verdict()
    for use in uses:
        problem: str | None = None
        if use.kind == "directive":
            problem = _directive_problem(use, docname)
        elif use.kind == "role":
            if use.name not in ALLOWED_ROLES and not use.name.startswith(ALLOWED_ROLE_PREFIXES):
                problem = f"{use.name} 角色不在允许范围内；行内标记只能是 xxgk 的数字、上下标和站内引用"
        elif use.kind == "front-matter":
            if use.name not in ALLOWED_FRONT_MATTER:
                allowed = "、".join(sorted(ALLOWED_FRONT_MATTER))
                problem = (
                    f"报告页的页首元数据（front matter）中不能设置“{use.name[:40]}”；只能设置：{allowed}"
                )
        elif use.kind == "link":
            problem = link_problem(use.name)
        elif use.kind == "image":
            problem = image_problem(use.name, docname)
        if problem:
            verdict.findings.append(Finding("unsafe", problem, use.line))
            verdict.blocked.append(use)
    return verdict


_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})")
_RST_DIRECTIVE = re.compile(r"^(\s*)\.\.(\s+)(\|[^|]*\|\s+)?([\w:+.-]+)::")
INERT_FENCE = "~" * 40


def _inert_role(line: str, use: Use) -> str:
    if use.markup == "rst":
        return line.replace(f":{use.name}:`", ":literal:`")
    return line.replace(f"{{{use.name}}}`", "{code}`")


def neutralize(text: str, blocked: Iterable[Use]) -> str:
    """The page with every blocked construct made inert, line numbers unchanged: a directive
    becomes a literal block (MyST) or a comment (reStructuredText), front matter a comment, a
    role literal text, a line with a blocked link or image a comment. Front matter is
    metadata that no reader sees: its lines are emptied."""
    blocked = list(blocked)
    rst = any(use.markup == "rst" for use in blocked)
    # lines as each parser counts them: docutils breaks at every Unicode line boundary,
    # markdown-it at \n, \r\n and \r; the line ends are put back as they were
    if rst:  # as docutils' string2lines: \v and \f are spaces, then every line boundary
        endings = re.sub(r"[\v\f]", " ", text).splitlines(keepends=True)
        lines = [line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029") for line in endings]
        tails = [line[len(bare) :] for line, bare in zip(endings, lines, strict=True)]
    else:
        parts = re.split(r"(\r\n?|\n)", text)
        lines, tails = parts[0::2], [*parts[1::2], ""]

    def at(number: int) -> int | None:
        return number - 1 if 1 <= number <= len(lines) else None

    for use in blocked:
        first = at(use.line)
        if first is None:
            continue
        if use.kind == "directive" and use.markup == "rst":
            lines[first] = _RST_DIRECTIVE.sub(r"\1..\2xxgk-removed \4 ", lines[first], count=1)
        elif use.kind == "directive":
            last = at(use.end) if use.end else None
            indent = _FENCE.match(lines[first])
            lines[first] = f"{indent.group(1) if indent else ''}{INERT_FENCE}text"
            if last is not None and last != first and _FENCE.match(lines[last]):
                lines[last] = f"{_FENCE.match(lines[last]).group(1)}{INERT_FENCE}"  # type: ignore[union-attr]
        elif use.kind == "front-matter":  # never shown: its lines become empty YAML comments
            for number in range(use.line + 1, use.end):
                index = at(number)
                if index is not None and lines[index].strip() != "---":
                    lines[index] = "#"
        elif use.kind == "role":
            lines[first] = _inert_role(lines[first], use)
        else:  # links and images: the line becomes a comment
            lines[first] = ("% " if use.markup == "myst" else ".. ") + lines[first]
    return "".join(line + tail for line, tail in zip(lines, tails, strict=True))
