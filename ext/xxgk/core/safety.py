"""What an untrusted report page may use: text, figures, tables — and nothing else.

A report page comes from whoever can open a pull request. It may use the constructs on the
allow-lists below; anything else (raw output, file inclusion, ``only``/``ifconfig``, ``eval-rst``,
toctrees, remote or out-of-folder images, links with other schemes, front matter that changes the
parser, control characters) is an ``xxgk.unsafe`` finding, and the whole page is made inert
before it is parsed (``neutralize``: every line a comment), so that nothing of it runs, reads
a file, makes a request nor publishes something the reviewers did not see. Pages in the
trusted folders (conf.py: ``xxgk_trusted_pages``, by default the landing page and the guide)
are not restricted.

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
# docutils nodes a report page's doctree may hold (the build removes any other before Sphinx
# sees it; the reStructuredText reader of ``xxgk check`` refuses the same)
ALLOWED_NODES = frozenset(
    [
        "document",
        "section",
        "title",
        "subtitle",
        "paragraph",
        "Text",
        "emphasis",
        "strong",
        "literal",
        "inline",
        "subscript",
        "superscript",
        "abbreviation",
        "acronym",
        "title_reference",
        "generated",
        "rubric",
        "compound",
        "container",
        "block_quote",
        "attribution",
        "line_block",
        "line",
        "transition",
        "bullet_list",
        "enumerated_list",
        "list_item",
        "definition_list",
        "definition_list_item",
        "term",
        "classifier",
        "definition",
        "field_list",
        "field",
        "field_name",
        "field_body",
        "docinfo",
        "comment",
        "target",
        "reference",
        "footnote",
        "footnote_reference",
        "citation",
        "citation_reference",
        "label",
        "system_message",
        "table",
        "tgroup",
        "colspec",
        "thead",
        "tbody",
        "row",
        "entry",
        "caption",
        "legend",
        "figure",
        "image",
        "literal_block",
        "problematic",
    ]
) | (frozenset(ADMONITIONS) - {"seealso"})  # the admonitions' nodes are named as their directives

# classes a page may give a block: the admonitions' colours (any other class could hide text
# on the web page that the PDF and Word file still carry)
SAFE_CLASSES = frozenset(ADMONITIONS)
TABLES = ("table", "list-table", "csv-table")  # csv-table with its rows in the page only
IMAGES = ("image", "figure")  # files beside the page only
# directives whose argument is a path, a URL, a language or an expression, not a title of text
PATH_ARGUMENTS = frozenset(
    [
        "image",
        "figure",
        "button-link",
        "button-ref",
        "include",
        "literalinclude",
        "raw",
        "code-block",
        "code",
        "sourcecode",
        "highlight",
        "only",
        "ifconfig",
        "eval-rst",
        "math",
        "download",
        "csv-table-file",
    ]
)
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
IMAGE_OPTIONS = frozenset({"img-top", "img-bottom", "img-background"})  # sphinx-design cards
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


def _uri(text: str) -> str:
    """A path or URL as docutils and MyST use it: whitespace inside is dropped."""
    return "".join(text.split())


# pages a link may point to within the site; a relative link to any other file makes MyST
# publish that file as a download
_PAGE_SUFFIXES = ("", ".md", ".rst")


def link_problem(target: str, docname: str = "") -> str | None:
    """Why a link target may not be published (None: http(s), mailto, a page of the site or an
    anchor). ``docname``: the linking page, to tell where a relative link leads."""
    uri = _uri(target)
    scheme = _scheme(uri)
    if scheme is not None:
        if scheme in SAFE_SCHEMES:
            return None
        return f"链接“{target[:60]}”使用了“{scheme}:”，报告页中的链接只能是 http(s)、mailto 或站内相对链接"
    path = uri.split("#", 1)[0].split("?", 1)[0].replace("\\", "/")
    if not path or not docname:
        return None
    # MyST reads "/x" from the project's root, as docutils reads an absolute path
    base = "" if path.startswith("/") else posixpath.dirname(docname)
    resolved = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if (
        resolved == ".."
        or resolved.startswith("../")
        or posixpath.splitext(path)[1].lower() not in _PAGE_SUFFIXES
    ):
        return (
            f"链接“{target[:60]}”指向站点以外的位置或一个文件（构建时会被当作附件发布）；"
            "报告页中的站内链接只能指向其他页面"
        )
    return None


# images a report page may show: raster files only (an SVG or HTML file is a document that
# runs scripts when opened from the image's link)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def image_problem(path: str, docname: str) -> str | None:
    """Why an image may not be used (None: a PNG, JPEG, GIF or WebP file in the page's own
    folder or below, named exactly — Sphinx expands ``*`` to whatever files match)."""
    uri = _uri(path)
    folder = posixpath.dirname(docname)
    resolved = posixpath.normpath(posixpath.join(folder, uri.replace("\\", "/")))
    outside = (
        resolved == ".."
        or resolved.startswith("../")
        or bool(folder and not resolved.startswith(f"{folder}/"))
    )
    if not uri or _scheme(uri) is not None or uri.startswith(("/", "\\")) or outside:
        return (
            f"图片“{path[:60]}”不在本页所在目录中；报告页只能使用与页面放在同一目录（或其子目录）中的图片文件"
        )
    if any(char in uri for char in "*?[]") or posixpath.splitext(uri)[1].lower() not in IMAGE_SUFFIXES:
        kinds = "、".join(IMAGE_SUFFIXES)
        return f"图片“{path[:60]}”须写明完整的文件名，且只能是 {kinds} 格式的图片文件"
    return None


def linked_page_problem(name: str) -> str:
    """A page or folder that is a symbolic link: what it points to is not read."""
    return (
        f"{name} 是指向其他位置的符号链接，构建时不读取其中的内容；报告页及其目录必须是项目中的普通文件和目录"
    )


_ROLE_LINK = re.compile(r"<([^<>]*)>\s*$")
LINK_ROLE_PREFIXES = ("bdg-link-",)  # sphinx-design roles whose text holds a URL


def role_link(name: str, content: str) -> str | None:
    """The link target a role's text holds (``bdg-link-primary`` "文字 <URL>" or "URL")."""
    if not name.startswith(LINK_ROLE_PREFIXES):
        return None
    match = _ROLE_LINK.search(content)
    return match.group(1) if match else content.strip()


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px|%|em|pt|cm|mm|in)?\s*$")
SIZE_OPTIONS = frozenset({"width", "height", "scale", "figwidth"})
_MAX_SIZE = {"px": 2000, "%": 100, "em": 100, "pt": 1500, "cm": 50, "mm": 500, "in": 20, None: 2000}
# colours that vanish on the white page (the PDF and Word file print the text all the same)
_INVISIBLE = ("white", "light")


def _display_problem(name: str, options: dict[str, str]) -> str | None:
    """Options that would show the web page differently from the PDF and Word file, or stop
    the PDF: a size of nothing or of pages, a colour the page does not show, a reversed order."""
    for key in sorted(SIZE_OPTIONS & options.keys()):
        value = options[key]
        size = _SIZE.match(value)
        if key == "figwidth" and value.strip() == "image":
            continue
        if not size or float(size.group(1)) <= 0 or float(size.group(1)) > _MAX_SIZE[size.group(2)]:
            return f"{name} 的 :{key}: {value[:20]} 不是合理的尺寸（须大于0且不超过版面）；请删去或改正"
    for key, value in options.items():
        if key.startswith("color") and any(word in value for word in _INVISIBLE):
            return f"{name} 的 :{key}: {value[:20]} 在白色网页上看不见，PDF 和 Word 中却会印出；请换一种颜色"
        if key == "reverse":
            return f"{name} 的 :reverse: 使网页上的顺序与 PDF 和 Word 中不同；报告页中请删去此选项"
    return None


def _role_problem(name: str) -> str | None:
    if name not in ALLOWED_ROLES and not name.startswith(ALLOWED_ROLE_PREFIXES):
        return f"{name} 角色不在允许范围内；行内标记只能是 xxgk 的数字、上下标和站内引用"
    if name.startswith(ALLOWED_ROLE_PREFIXES) and any(word in name for word in _INVISIBLE):
        return f"{name} 的文字在白色网页上看不见，PDF 和 Word 中却会印出；请换一种颜色"
    return None


def _directive_problem(use: Use, docname: str) -> str | None:
    if use.name not in ALLOWED_DIRECTIVES:
        return (
            f"报告页中不能使用 {use.name} 指令（可能执行代码、读取文件或只在部分版本中显示）；"
            "报告页只能包含文字、xxgk 数据和表格、提示框、表格、sphinx-design 组件和本目录中的图片"
        )
    options = dict(use.options)
    styled = sorted(
        key
        for key, value in options.items()
        if (key == "class" or key.startswith("class-") or key.endswith("class"))
        and not set(value.split()) <= SAFE_CLASSES
    )
    if styled and not use.name.startswith("xxgk:"):
        kinds = "、".join(sorted(SAFE_CLASSES))
        return (
            f"{use.name} 的 :{styled[0]}: 会改变内容在网页上的显示方式（可以让文字只在网页上隐藏、"
            f"却出现在 PDF 和 Word 中）；报告页中此选项只能是提示框的样式（{kinds}）"
        )
    shown = _display_problem(use.name, options)
    if shown:
        return shown
    wrong = sorted(FILE_OPTIONS & options.keys()) if use.name in TABLES else []
    if wrong:
        return f"{use.name} 的 :{wrong[0]}: 会在构建时读取文件或网址；请把表格内容直接写在页面中"
    images = [use.argument] if use.name in IMAGES else []
    images += [value for key, value in use.options if key in IMAGE_OPTIONS]
    problem = next((p for p in (image_problem(i, docname) for i in images) if p), None)
    if problem:
        return problem
    targets = [value for key, value in use.options if key in LINK_OPTIONS]
    if use.name == "button-link":
        targets.append(use.argument)
    return next((p for p in (link_problem(t, docname) for t in targets) if p), None)


def check_uses(uses: Iterable[Use], docname: str) -> Verdict:
    """The findings about what an untrusted page uses, and the constructs to make inert."""
    verdict = Verdict()
    for use in uses:
        problem: str | None = None
        if use.kind == "directive":
            problem = _directive_problem(use, docname)
        elif use.kind == "role":
            problem = _role_problem(use.name)
        elif use.kind == "node":
            problem = f"{use.name} 不在报告页允许的写法之内（网站会删去这部分内容）；请改写为普通段落或列表"
        elif use.kind == "front-matter":
            if use.name not in ALLOWED_FRONT_MATTER:
                allowed = "、".join(sorted(ALLOWED_FRONT_MATTER))
                problem = (
                    f"报告页的页首元数据（front matter）中不能设置“{use.name[:40]}”；只能设置：{allowed}"
                )
        elif use.kind == "link":
            problem = link_problem(use.name, docname)
        elif use.kind == "image":
            problem = image_problem(use.name, docname)
        elif use.kind == "control":
            problem = f"此行含有控制字符或特殊换行符（{use.name}），不同的程序会把它读成不同的内容；请删除"
        elif use.kind == "nesting":
            problem = (
                f"内容嵌套过深（{use.name}层；指令最多{MAX_NESTING}层，列表、引用等合计最多{MAX_LEVELS}层），"
                "会使构建失败；请减少嵌套"
            )
        if problem:
            verdict.findings.append(Finding("unsafe", problem, use.line))
            verdict.blocked.append(use)
    return verdict


# characters that parsers count as line breaks differently (docutils and MyST's front matter
# reader split at them, markdown-it does not), and C0 controls that browsers drop from URLs:
# a page that holds them could show one reader one thing and another reader another
# ... and noncharacters, which no XML (Word files, SVG) may hold
# ... and the controls that reorder text right to left ("12345" shown as 54321)
_HIDING = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029\ufdd0-\ufdef\ufffe\uffff]"
)
MAX_NESTING = 20  # directives inside directives: the parsers recurse once per level
MAX_LEVELS = 60  # lists, quotes and directives inside each other: Sphinx pickles the doctree recursively


def unsafe_text(text: str) -> str | None:
    """The first character of ``text`` no page may hold (as U+XXXX), e.g. in a data key that a
    YAML escape wrote; None when there is none."""
    match = _HIDING.search(text) or re.search("[\ud800-\udfff]", text)
    return f"U+{ord(match.group(0)):04X}" if match else None


def control_characters(text: str, markup: str = "myst") -> list[Use]:
    """A use for each line holding a control character or a Unicode line separator."""
    uses = []
    for number, line in enumerate(re.split(r"\r\n?|\n", text), start=1):
        match = _HIDING.search(line)
        if match:
            uses.append(Use("control", f"U+{ord(match.group(0)):04X}", number, markup=markup))
    return uses


def neutralize(text: str, markup: str) -> str:
    """The whole page made inert, line numbers unchanged: every line becomes a comment (``%`` in
    MyST, ``..`` in reStructuredText), so nothing of a page that uses a forbidden construct is
    parsed — not the construct, nor anything that a different reading of its bounds would
    let through. The page's findings say what was refused and where."""
    lines = re.split(r"\r\n?|\n", _HIDING.sub(" ", text))
    prefix = ".. % " if markup == "rst" else "% "  # after "..", "%": never a directive or target
    return "\n".join(prefix + line if line.strip() else line for line in lines)
