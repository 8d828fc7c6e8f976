"""Untrusted report pages, as an attacker who can only edit a page writes them.

Every reproduction of the trust-model issue is a page or a command here. Each one ends in a
located error (``xxgk.unsafe``, ``xxgk.encoding``, ``xxgk.name`` …) or a correct page, and the
strict build is checked to read no file outside the source tree (a canary file), open no
socket (a local listening socket that must see no connection), run no code (a canary command)
and write nothing outside ``_build/``. ``xxgk check`` reports exactly what the build does.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from .conftest import xxgk

SECRET = "CANARY-SECRET-7f3a"
# the bundled site's settings (MyST extensions, raw HTML off)
CONF = (
    'extensions = ["myst_parser", "sphinx_design", "xxgk"]\nlanguage = "zh_CN"\n'
    'html_search_language = "en"\nmyst_enable_extensions = ["colon_fence", "deflist"]\n'
    'myst_disable_syntax = ["html_inline", "html_block"]\nexclude_patterns = ["_build"]\n'
    'suppress_warnings = ["xxgk.fitness", "xxgk.late", "toc.not_included"]\n'
)
REPORT = "```{{xxgk:report}}\n:body: 攻击测试机关{n}（示例）\n:year: 2021\n```\n\n"
RST_REPORT = "标题\n====\n\n.. xxgk:report::\n   :body: 攻击测试机关{n}（示例）\n   :year: 2021\n\n"


class Listener:
    """A local TCP server that counts connections: the build must make none."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=2)
        self.sock.close()


def hostile_pages(outside: Path, port: int, canary: Path) -> dict[str, tuple[str, int]]:
    """name → (page text, the line of the construct that must be reported)."""
    secret = outside / "secret.txt"
    code = f"{{{{ lipsum.__globals__['os'].popen('touch {canary}').read() }}}}"
    pages = {
        "substitution": (
            "---\nmyst:\n  enable_extensions: [substitution]\n---\n# 标题\n\n" + code + "\n",
            1,
        ),
        "html-again": ("---\nmyst:\n  disable_syntax: []\n---\n# 标题\n\n<script>alert(1)</script>\n", 1),
        "meta-refresh": (
            '---\nmyst:\n  html_meta:\n    http-equiv=refresh: "0; url=https://evil.example"\n---\n# 标题\n',
            1,
        ),
        "raw-html": ("# 标题\n\n```{raw} html\n<script>alert(1)</script>\n```\n", 3),
        "eval-rst": ("# 标题\n\n```{eval-rst}\n.. raw:: html\n\n   <script>alert(1)</script>\n```\n", 3),
        "raw-latex": (f"# 标题\n\n```{{raw}} latex\n\\VerbatimInput{{{secret}}}\n```\n", 3),
        "include": (f"# 标题\n\n```{{include}} {secret}\n```\n", 3),
        "literalinclude": ("# 标题\n\n```{literalinclude} ../../.git/config\n```\n", 3),
        "csv-file": (f"# 标题\n\n```{{csv-table}} 表\n:file: {secret}\n```\n", 3),
        "csv-url-file": ("# 标题\n\n```{csv-table} 表\n:url: file:///etc/passwd\n```\n", 3),
        "csv-url-http": (f"# 标题\n\n```{{csv-table}} 表\n:url: http://127.0.0.1:{port}/x.csv\n```\n", 3),
        "download": (f"# 标题\n\n下载{{download}}`{secret}`。\n", 3),
        "image-outside": ("# 标题\n\n```{image} ../../../x.png\n```\n", 3),
        "figure-outside": (f"# 标题\n\n```{{figure}} {outside}/x.png\n```\n", 3),
        "markdown-image": (f"# 标题\n\n![图](http://127.0.0.1:{port}/x.png)\n", 3),
        "button-js": ("# 标题\n\n```{button-link} javascript:alert(1)\n点击\n```\n", 3),
        "image-target-js": ("# 标题\n\n```{image} x.png\n:target: javascript:alert(1)\n```\n", 3),
        "math": ("# 标题\n\n```{math}\nx^2\n```\n", 3),
        "only-latex": ("# 标题\n\n::::{only} latex\n共收到政府信息公开申请999件。\n::::\n", 3),
        "ifconfig": ("# 标题\n\n```{ifconfig} True\n内容\n```\n", 3),
        "toctree-glob": ("# 标题\n\n```{toctree}\n:glob:\n../../../*\n```\n", 3),
    }
    tilde = "~" * 40
    evil = "https://evil.example"
    # found by an attacker working on the allow-list (each got through before): the line is 0
    # where any line of the page will do — nothing of a refused page is parsed
    pages |= {
        "line-separator-front-matter": (
            "---\u2028myst: {enable_extensions: [substitution]}\norphan: true\n---\n# 前言\n\n" + code + "\n",
            0,
        ),
        "options-closed-mid-line": (
            ":::{note}\n---\nclass: x\n--- ```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0; url="
            + evil
            + "/e1\n\n.. image:: "
            + evil
            + "/e1.png\n```\n:::\n",
            0,
        ),
        "tilde-breakout": (
            f"````{{xxgk:evil}}\n{tilde}\n```{{eval-rst}}\n.. meta::\n"
            f"   :http-equiv=refresh: 0; url={evil}/b1\n"
            f"```\n![r]({evil}/b1md.png)\n{{download}}`{secret}`\n````\n",
            0,
        ),
        "blockquote-fence": (f"> ```{{image}} {evil}/b2.png\n> ```\n\n{tilde}\n![r]({evil}/b2md.png)\n", 0),
        "second-line-of-paragraph": (f"第一行文字\n![x]({evil}/d4.png)\n再看 {{download}}`{secret}`\n", 0),
        "symlinked-image": ("![图](sym.png)\n", 0),
        "card-images": (
            f":::{{card}} 标题\n:img-top: {evil}/b4.png\n:img-bottom: {secret}\n\n内容\n:::\n",
            0,
        ),
        "control-in-url": ("{bdg-link-primary}`点我 <\x01javascript:alert(1)>`\n", 0),
        # markdown-it closes front matter at an indented ---, MyST's read_topmatter does not
        "indented-front-matter-end": (
            "---\norphan: true\n   ---\nmyst:\n  enable_extensions: [substitution]\n---\n# 标题\n\n"
            + code
            + "\n",
            0,
        ),
    }
    # found by a third attacker: titles of directives are markup too; paths and options as
    # docutils and MyST clean them (spaces dropped, quotes stripped, indented option lines);
    # relative links that MyST publishes as downloads; reStructuredText pages
    up = "../../../outside/secret.txt"  # from reports/x/ to the file outside the project
    latex = "\\catcode95=12 \\input{" + str(secret) + "}"
    pages |= {
        "math-in-title": (f":::{{admonition}} 说明 {{math}}`x\\) {{{latex}}} \\(`\n正文\n:::\n", 0),
        "image-in-title": (f":::{{admonition}} 说明 ![图]({up})\n正文\n:::\n", 0),
        "image-path-spaces": ("```{image} a/.. /.. /.. /.. /outside/secret.txt\n```\n", 0),
        "figure-path-spaces": ("```{figure} a/.. /.. /.. /private.txt\n```\n", 0),
        "card-indented-option": (f":::{{card}} 卡片\n :img-top: {up}\n\n正文\n:::\n", 0),
        "card-quoted-option": (':::{card} 卡片\n:img-bottom: "../../private.txt"\n\n正文\n:::\n', 0),
        "card-option-comment": (
            ":::{card} 卡片\n:img-top: ../../private.txt #/../reports/x/x.png\n\n正文\n:::\n",
            0,
        ),
        "link-to-a-file": (f"参见[附件](<{up}>)和[配置](../../private.txt)。\n", 0),
        "rst-image-path-spaces.rst": (".. image:: a/.. /.. /.. /.. /outside/secret.txt\n", 0),
        "rst-math-nowrap.rst": (f".. math::\n   :nowrap:\n\n   \\VerbatimInput{{{secret}}}\n", 0),
        "rst-role-in-title.rst": (f".. admonition:: 说明 :math:`{latex}`\n\n   正文\n", 0),
    }
    # found by a fourth attacker: an image named by a pattern Sphinx expands (to a link that
    # leads outside), files that are documents rather than pictures, links inside link badges,
    # a root-relative link to a file
    pages |= {
        "glob-image": ("```{image} sym.*\n```\n", 0),
        "svg-image": ("```{image} x.svg\n:width: 100px\n```\n", 0),
        "html-image": ("![图](page.html)\n", 0),
        "badge-javascript": ("{bdg-link-primary}`点我 <javascript:alert(1)>`\n", 0),
        "badge-file": ("{bdg-link-info}`配置 <../../private.txt>`\n", 0),
        "root-relative-file": ("[配置](/private.txt)\n", 0),
    }
    # found by a fifth attacker: a class that hides text on the web page only, directives nested
    # deeper than the parsers can recurse, characters no XML may hold
    deep = 25
    nested = "".join(":" * (3 + deep - i) + "{note}\n" for i in range(deep)) + "文\n"
    nested += "".join(":" * (3 + i) + "\n" for i in range(1, deep + 1))
    pages |= {
        "class-hides-text": (":::{note}\n:class: sd-d-none\n隐藏内容：收到申请99999件。\n:::\n", 0),
        "table-class": ("```{list-table}\n:class: sd-d-print-none\n\n* - 隐藏表格\n  - 88888\n```\n", 0),
        "deep-nesting": (nested, 0),
        "noncharacter": ("正文\ufffe文字。\n", 0),
        "escaped-noncharacter-key": ('```{xxgk:data}\n分类:\n  主动公开信息: {"a\\ufffeb": 4}\n```\n', 0),
    }
    # found by a sixth attacker: text hidden by a figure's class or a colour the page does not
    # show, a reversed grid, a zero-size image that hangs XeLaTeX, characters that reverse
    # text, constructs docutils makes that the doctree wall removes, nesting without directives
    quotes = "文\n"
    for level in range(1, 20):  # a note around ten quotes around the next note, 19 times
        inner = "".join("> " * 10 + line + "\n" for line in quotes.splitlines())
        quotes = ":" * (3 + level) + "{note}\n" + inner + ":" * (3 + level) + "\n"
    rst_list = "".join("  " * i + "- 项\n\n" for i in range(100))
    pages |= {
        "figclass-hides-text": ("```{figure} x.png\n:figclass: sd-d-none\n\n隐藏的文字。\n```\n", 0),
        "white-badge": ("{bdg-white-line}`白字白底`\n", 0),
        "white-button": ("```{button-link} https://www.gov.cn/\n:color: white\n:outline:\n\n按钮\n```\n", 0),
        "reversed-grid": ("::::{grid} 2\n:reverse:\n\n:::{grid-item}\n甲\n:::\n::::\n", 0),
        "zero-size-image": ("```{image} x.png\n:width: 0\n```\n", 0),
        "bidi-control": ("金额为\u202e12345\u202c元。\n", 0),
        "rst-option-list.rst": ("-a  选项列表\n", 0),
        "rst-doctest.rst": (">>> 1\n1\n", 0),
        "rst-deep-list.rst": (rst_list, 0),
        "notes-of-quotes": (quotes, 0),
    }
    out = {}
    for i, (name, (text, line)) in enumerate(pages.items()):
        if name.endswith(".rst"):
            out[name] = (RST_REPORT.format(n=i) + text, line)
        elif text.startswith("---"):  # front matter stays first; the report follows it
            end = text.index("---\n", 4) + 4
            out[name] = (text[:end] + REPORT.format(n=i) + text[end:], line)
        else:
            out[name] = (REPORT.format(n=i) + text, line + 5 if line else 0)
    return out


def _warnings(app: SphinxTestApp, srcdir: Path) -> set[tuple[str, int, str, str]]:
    out = set()
    for line in strip_colors(app.warning.getvalue()).splitlines():
        match = re.match(r"^(.+?):(\d+): WARNING: (.*) \[xxgk\.(\w+)\]$", line.replace(f"{srcdir}/", ""))
        if match:
            out.add((match[1], int(match[2]), match[4], match[3]))
    return out


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("hostile")
    outside, srcdir = base / "outside", base / "site"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    canary = base / "code-ran"
    listener = Listener()
    pages = hostile_pages(outside, listener.port, canary)
    (srcdir / "reports" / "x").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        CONF.replace('"toc.not_included"', '"toc.not_included", "image.not_readable"')
    )
    (srcdir / "index.md").write_text("# 首页\n", encoding="utf-8")
    (srcdir / "reports" / "x" / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (srcdir / "private.txt").write_text(f"{SECRET}\n", encoding="utf-8")  # in the project, not a page's
    for name, (text, _) in pages.items():
        (srcdir / "reports" / "x" / (name if name.endswith(".rst") else f"{name}.md")).write_text(
            text, encoding="utf-8"
        )
    os.symlink(outside / "secret.txt", srcdir / "reports" / "x" / "sym.png")
    (srcdir / "reports" / "x" / "x.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    (srcdir / "reports" / "x" / "page.html").write_text("<script>alert(1)</script>")
    # a page, and a whole folder, that are links to files elsewhere
    (outside / "folder").mkdir()
    (outside / "folder" / "2021.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    (outside / "page.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    os.symlink(outside / "page.md", srcdir / "reports" / "x" / "linked-page.md")
    os.symlink(outside / "folder", srcdir / "reports" / "linked-folder")
    before = set(base.rglob("*"))
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build")
    try:
        app.build()
    finally:
        app.cleanup()
        listener.close()
    written = set(base.rglob("*")) - before
    yield {
        "srcdir": srcdir,
        "pages": pages,
        "warnings": _warnings(app, srcdir),
        "listener": listener,
        "canary": canary,
        "written": written,
    }


def test_every_hostile_construct_is_a_located_unsafe_finding(hostile_build) -> None:
    found = {(path, line) for path, line, subtype, _ in hostile_build["warnings"] if subtype == "unsafe"}
    pages = {path for path, _ in found}
    files = {n: f"reports/x/{n if n.endswith('.rst') else n + '.md'}" for n in hostile_build["pages"]}
    missing = [
        name
        for name, (_, line) in hostile_build["pages"].items()
        if ((files[name], line) not in found if line else files[name] not in pages)
    ]
    assert not missing
    for page in (hostile_build["srcdir"] / "_build" / "html" / "reports" / "x").glob("*.html"):
        assert "evil.example" not in page.read_text(encoding="utf-8").split("<body")[1], page.name


def test_pages_and_folders_that_are_links_are_not_read(hostile_build) -> None:
    found = {(path, line) for path, line, subtype, _ in hostile_build["warnings"] if subtype == "unsafe"}
    assert {("reports/x/linked-page.md", 1), ("reports/linked-folder", 1)} <= found
    html = hostile_build["srcdir"] / "_build" / "html"
    assert not (html / "reports" / "x" / "linked-page.html").exists()
    assert not (html / "reports" / "linked-folder").exists()


def test_the_build_read_no_file_opened_no_socket_ran_no_code(hostile_build) -> None:
    out = hostile_build["srcdir"] / "_build"
    for path in out.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    assert hostile_build["listener"].connections == 0
    assert not hostile_build["canary"].exists()
    assert all(out in p.parents or p == out for p in hostile_build["written"]), sorted(
        p for p in hostile_build["written"] if out not in p.parents
    )[:5]


def test_no_script_link_or_meta_refresh_reaches_the_site(hostile_build) -> None:
    html_dir = hostile_build["srcdir"] / "_build" / "html" / "reports" / "x"
    for page in html_dir.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page.name
        assert 'href="javascript:' not in text, page.name
        assert "http-equiv" not in text.lower() or "refresh" not in text.lower(), page.name
        # the blocked `only latex` text is shown to everyone as a literal block, never as prose
        assert not re.search(r"<p>[^<]*999件", text), page.name
        assert not re.search(r"<script[^>]+src=\"https?://", text), page.name  # no third-party scripts


def checked(srcdir: Path) -> tuple[int, set[tuple[str, int, str, str]]]:
    """``xxgk check --format json`` on a project: its exit code and its findings."""
    result = xxgk("check", "--no-cache", "--format", "json", cwd=srcdir)
    found = {
        (f["file"], f["line"], f["type"].removeprefix("xxgk."), f["message"])
        for f in json.loads(result.stdout)
    }
    return result.returncode, found


def test_check_reports_exactly_what_the_build_warns(hostile_build) -> None:
    status, found = checked(hostile_build["srcdir"])
    assert status == 1
    assert found == hostile_build["warnings"]


# -- one reading: what the CLI reads is what the build renders ------------------------------------


def _site(tmp_path: Path, pages: dict[str, str | bytes]) -> Path:
    srcdir = tmp_path / "site"
    (srcdir / "reports").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.md").write_text("# 首页\n", encoding="utf-8")
    for name, text in pages.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return srcdir


def _build_and_check(
    srcdir: Path,
) -> tuple[set[tuple[str, int, str, str]], set[tuple[str, int, str, str]], Path]:
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build")
    try:
        app.build()
    finally:
        app.cleanup()
    return _warnings(app, srcdir), checked(srcdir)[1], srcdir / "_build" / "html"


def test_rst_pages_may_use_the_allowed_sphinx_roles_and_design_components(tmp_path: Path) -> None:
    """Allowed constructs of an .rst report page that only a Sphinx build can run (``:doc:``,
    ``:ref:``, cards, buttons) are read, never run, by the reader: no traceback, no finding, and
    the CLI agrees with the build."""
    page = (
        RST_REPORT.format(n=1)
        + ".. _anchor:\n\n见 :doc:`/index` 和 :ref:`anchor`。\n\n"
        + ".. card:: 卡片\n   :link: https://www.gov.cn/\n\n   内容\n\n"
        + ".. button-link:: https://www.gov.cn/\n\n   按钮\n"
    )
    srcdir = _site(tmp_path, {"reports/a/2021.rst": page})
    built, checked, html = _build_and_check(srcdir)
    assert built == checked == set()
    text = (html / "reports" / "a" / "2021.html").read_text(encoding="utf-8")
    assert "https://www.gov.cn/" in text and "卡片" in text and "按钮" in text


DATA = "```{{xxgk:data}}\n申请: {{本年新收: {{自然人: {n}}}, 予以公开: {{自然人: {n}}}}}\n```\n"


def test_hidden_data_blocks_are_read_the_same_by_both(tmp_path: Path) -> None:
    """A data block after ``<!--`` or inside front matter: both readers see the same figures."""
    pages = {
        "reports/a/2021.md": "---\norphan: true\n---\n# 甲\n\n"
        + REPORT.format(n=1)
        + "<!--\n\n"
        + DATA.format(n=8)
        + "\n-->\n\n共{xxgk:val}`申请.本年新收.总计`件。\n",
        "reports/b/2021.md": "---\norphan: true\nx: |\n  "
        + DATA.format(n=80).replace("\n", "\n  ")
        + "\n---\n"
        "# 乙\n\n" + REPORT.format(n=2) + DATA.format(n=8) + "\n共{xxgk:val}`申请.本年新收.总计`件。\n",
    }
    srcdir = _site(tmp_path, pages)
    built, checked, html = _build_and_check(srcdir)
    assert built == checked
    from xxgk.cli.project import load

    project = load(srcdir)
    assert {str(e.value) for e in project.pages["reports/a/2021"].entries} == {"8"}
    assert "共8件" in (html / "reports/a/2021.html").read_text(encoding="utf-8").replace(
        "</span>", ""
    ).replace('<span class="xxgk-value xxgk-val">', "")
    # front matter with a key of its own: refused, and nothing of the page is published
    assert ("reports/b/2021.md", 1, "unsafe") in {found[:3] for found in built}
    assert "80" not in (html / "reports/b/2021.html").read_text(encoding="utf-8").split("<body")[1]


def test_names_that_collide_or_cannot_be_file_names(tmp_path: Path) -> None:
    pages = {
        "reports/a-b/2021.md": "# 甲\n\n" + REPORT.format(n="甲") + DATA.format(n=1),
        "reports/a/b-2021.md": "# 乙\n\n" + REPORT.format(n="乙") + DATA.format(n=1),
        "reports/有 空格/2021.md": "# 丙\n\n" + REPORT.format(n="丙") + DATA.format(n=1),
        "reports/\u202eevil/2021.md": "# 丁\n\n" + REPORT.format(n="丁") + DATA.format(n=1),
        f"reports/{'a' * 200}/2021.md": "# 戊\n\n" + REPORT.format(n="戊") + DATA.format(n=1),
    }
    srcdir = _site(tmp_path, pages)
    built, checked, _ = _build_and_check(srcdir)
    assert built == checked
    named = {path for path, _, subtype, _ in built if subtype == "name"}
    assert named == set(pages)


@pytest.mark.parametrize(
    ("data", "guess"),
    [
        ("# 报告\n\n共收到申请3件。\n".encode("gbk"), "GBK"),
        ("# 报告\n\n共收到申请3件。\n".encode("utf-16"), "UTF-16"),
        ("# 报告\n\n第二行\n".encode() + b"\xff\n", ""),
    ],
)
def test_bytes_that_are_not_utf8_are_a_located_finding(tmp_path: Path, data: bytes, guess: str) -> None:
    srcdir = _site(tmp_path, {"reports/a/2021.md": data})
    built, checked, _ = _build_and_check(srcdir)  # no traceback, no "Configuration error"
    assert built == checked
    (finding,) = [f for f in built if f[2] == "encoding"]
    assert finding[0] == "reports/a/2021.md" and "iconv" in finding[3] and guess in finding[3]


def test_a_trusted_guide_page_may_use_more(tmp_path: Path) -> None:
    srcdir = _site(tmp_path, {"guide/x.md": "# 指南\n\n```{toctree}\n```\n\n```{math}\nx\n```\n"})
    built, checked, _ = _build_and_check(srcdir)
    assert built == checked == set()


# -- commands that write, spreadsheets ------------------------------------------------------------


def test_export_refuses_to_overwrite_and_neutralises_formulas(tmp_path: Path) -> None:
    page = "# 甲\n\n" + REPORT.format(n=1) + "```{xxgk:data}\n分类:\n  主动公开信息:\n"
    page += "    '=HYPERLINK(\"http://evil\")': 1\n    '+1': 2\n    '@SUM(A1)': 3\n"
    page += "    '-2': 4\n    普通: 5\n```\n"
    srcdir = _site(tmp_path, {"reports/a/2021.md": page})
    target = srcdir / "reports" / "a" / "2021.md"
    before = target.read_bytes()
    refused = xxgk("export", "--format", "csv", "-o", "reports/a/2021.md", cwd=srcdir)
    assert refused.returncode == 1 and "已存在" in refused.stderr
    assert target.read_bytes() == before
    assert xxgk("export", "--format", "csv", "-o", "out.csv", cwd=srcdir).returncode == 0
    csv_text = (srcdir / "out.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in csv_text and "\n'=" not in csv_text and ",=" not in csv_text
    assert ",'+1," in csv_text and ",'@SUM(A1)," in csv_text and ",'-2," in csv_text
    as_json = xxgk("export", cwd=srcdir).stdout
    assert '"=HYPERLINK(\\"http://evil\\")"' in as_json  # the JSON keeps the exact text
    mode = (srcdir / "out.csv").stat().st_mode & 0o777
    assert mode == 0o666 & ~_umask()  # as any file the user makes, not 0600
    assert not list(srcdir.glob("**/*.tmp"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_diff_never_passes_a_revision_as_an_option(tmp_path: Path) -> None:
    srcdir = _site(tmp_path, {"reports/a/2021.md": "# 甲\n\n" + REPORT.format(n=1) + DATA.format(n=1)})
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@e.invalid", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *args], cwd=srcdir, check=True, capture_output=True)
    victim = srcdir / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    result = xxgk("diff", f"--output={victim}", cwd=srcdir)
    assert result.returncode == 2  # an option xxgk does not have
    result = xxgk("diff", "--", f"--output={victim}", cwd=srcdir)  # a revision that looks like one
    assert result.returncode != 0 and "找不到版本" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_carry_edits_the_data_not_a_commented_copy(tmp_path: Path) -> None:
    roots = Path(__file__).parent / "roots"
    shutil.copytree(roots / "test-years", tmp_path / "years")
    last, page = tmp_path / "years" / "street" / "2022.md", tmp_path / "years" / "street" / "2023.md"
    last.write_text(
        last.read_text(encoding="utf-8").replace("结转下年: {自然人: 3}", "结转下年: {自然人: 4}"),
        encoding="utf-8",
    )
    text = page.read_text(encoding="utf-8").replace(
        "  上年结转: {自然人: 3}\n",
        "#  上年结转: {自然人: 3}\n  上年结转: {自然人: 3}  # 上年结转: {自然人: 3}\n",
    )
    page.write_text(text, encoding="utf-8")
    assert xxgk("carry", cwd=tmp_path / "years").returncode == 0
    after = page.read_text(encoding="utf-8")
    assert "#  上年结转: {自然人: 3}\n  上年结转: {自然人: 4}  # 上年结转: {自然人: 3}\n" in after


# -- linear time on hostile input ------------------------------------------------------------------


def _build_seconds(tmp_path: Path, name: str, text: str) -> float:
    srcdir = tmp_path / name
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "xxgk"]\nlanguage = "zh_CN"\n'
        'html_search_language = "en"\nsuppress_warnings = ["xxgk"]\n'
        if "xxgk" in name
        else 'extensions = ["myst_parser"]\nlanguage = "zh_CN"\nhtml_search_language = "en"\n',
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text(text, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build")
    start = time.perf_counter()
    try:
        app.build()
    finally:
        app.cleanup()
    return time.perf_counter() - start


SLOW_INPUTS = {
    # 10× the sizes that were quadratic (issue: 12,000 years 91 s; 100,000 quotes 37 s; 200,000
    # categories killed; a 50,000,000-character format width)
    "years": ("2015年" * 120_000) + "\n",
    "quotes": ("“" * 1_000_000) + "\n",
    "width": "{xxgk:val}`申请.本年新收.总计:>50000000` " * 50 + "\n",
}


@pytest.mark.parametrize("name", sorted(SLOW_INPUTS))
def test_hostile_sizes_build_in_time_proportional_to_a_plain_build(tmp_path: Path, name: str) -> None:
    body = SLOW_INPUTS[name]
    page = "# 标题\n\n" + REPORT.format(n=1) + DATA.format(n=3) + "\n" + body
    plain = _build_seconds(tmp_path, f"plain-{name}", "# 标题\n\n" + body)
    ours = _build_seconds(tmp_path, f"xxgk-{name}", page)
    assert ours < 3 * plain + 10, (ours, plain)


def test_many_categories_stay_linear(tmp_path: Path) -> None:
    from xxgk.core.model import RawEntry
    from xxgk.core.report import evaluate, parse_meta

    meta, _ = parse_meta({"body": "甲", "year": "2021"}, 1)
    assert meta is not None
    timings = []
    for n in (20_000, 40_000):
        entries = [RawEntry(("分类", "主动公开信息", f"类别{i}"), None, i) for i in range(n)]
        start = time.perf_counter()
        evaluate(meta, entries)
        timings.append(time.perf_counter() - start)
    assert timings[1] < 3 * timings[0] + 0.5  # doubling the input does not quadruple the time


def test_the_second_wall_holds_when_the_first_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the source no longer made inert, docutils' switches and the doctree check still keep
    raw output and other files' contents off the page, and say so."""
    from xxgk.sphinx import untrusted

    monkeypatch.setattr(untrusted, "neutralize", lambda text, blocked: text)
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    page = (
        "# 甲\n\n"
        + REPORT.format(n=1)
        + "```{raw} html\n<script>alert(1)</script>\n```\n\n"
        + f"```{{include}} {secret}\n```\n\n"
        + f"```{{literalinclude}} {secret}\n```\n\n"
        + "::::{only} html\n只在网页上的文字。\n::::\n"
    )
    srcdir = _site(tmp_path, {"reports/a/2021.md": page})
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build")
    try:
        app.build()
    finally:
        app.cleanup()
    html = (srcdir / "_build" / "html" / "reports" / "a" / "2021.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and SECRET not in html and "只在网页上的文字" not in html
    assert "[xxgk.unsafe]" in app.warning.getvalue()


def test_two_bodies_in_one_folder_would_share_a_body_page(tmp_path: Path) -> None:
    pages = {
        "reports/x/2021.md": "# 甲\n\n" + REPORT.format(n="甲") + DATA.format(n=1),
        "reports/x/2022.md": "# 乙\n\n" + REPORT.format(n="乙").replace("2021", "2022") + DATA.format(n=1),
        "reports/y/2021.md": "# 丙\n\n" + REPORT.format(n="丙") + DATA.format(n=1),
    }
    srcdir = _site(tmp_path, pages)
    built, checked, _ = _build_and_check(srcdir)
    assert built == checked
    assert {
        path for path, _, subtype, message in built if subtype == "name" and "bodies/x.html" in message
    } == {
        "reports/x/2021.md",
        "reports/x/2022.md",
    }


def test_an_interrupted_write_leaves_the_target_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xxgk.cli import commands

    target = tmp_path / "2021.md"
    target.write_text("原来的内容\n", encoding="utf-8")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C, or SIGTERM turned into SystemExit by main()

    monkeypatch.setattr(commands.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        commands.write_new(target, "新内容\n" * 1000, force=True)
    assert target.read_text(encoding="utf-8") == "原来的内容\n"
    assert [p.name for p in tmp_path.iterdir()] == ["2021.md"]


def test_a_heading_reaches_the_pdf_title_as_text(tmp_path: Path) -> None:
    """A report PDF is titled with the page's first heading: as text, never as LaTeX."""
    from xxgk.sphinx.pdf import report_documents

    heading = "# 甲市人民政府2021年报告 \\catcode95=12\\relax\\input{/etc/passwd} 100%\n\n"
    srcdir = _site(tmp_path, {"reports/a/2021.md": heading + REPORT.format(n=1)})
    app = SphinxTestApp(
        "latex",
        srcdir=srcdir,
        builddir=srcdir / "_build",
        confoverrides={"latex_documents": report_documents(srcdir), "latex_engine": "xelatex"},
    )
    try:
        app.build()
    finally:
        app.cleanup()
    tex = (Path(app.outdir) / "a-2021.tex").read_text(encoding="utf-8")
    (title,) = re.findall(r"^\\title\{(.*)\}$", tex, re.M)
    assert "\\input" not in title.replace("\\textbackslash{}input", "")
    assert title == (
        "甲市人民政府2021年报告 \\textbackslash{}catcode95=12\\textbackslash{}relax"
        "\\textbackslash{}input\\{/etc/passwd\\} 100\\%"
    )


def test_directives_nested_past_the_parsers_limit_are_refused_not_a_crash(tmp_path: Path) -> None:
    deep = 200  # MyST's nested parsing runs out of Python's recursion limit at about 160
    text = "".join(":" * (3 + deep - i) + "{note}\n" for i in range(deep)) + "文\n"
    text += "".join(":" * (3 + i) + "\n" for i in range(1, deep + 1))
    srcdir = _site(tmp_path, {"reports/a/2021.md": "# 甲\n\n" + REPORT.format(n=1) + text})
    built, found, html = _build_and_check(srcdir)
    assert built == found
    assert any(subtype == "unsafe" and "嵌套" in message for _, _, subtype, message in built)
    assert (html / "reports" / "a" / "2021.html").is_file()


def test_office_files_far_larger_than_a_table_are_refused_quickly(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "填报单位：某镇"
    wb.active["XFD1048576"] = "x"  # one cell at the far corner of the sheet
    far = tmp_path / "far.xlsx"
    wb.save(far)
    start = time.perf_counter()
    done = xxgk("import", str(far), "--year", "2024", cwd=tmp_path)
    assert time.perf_counter() - start < 20
    assert done.returncode == 2 and "超出统计表的范围" in done.stderr and "Traceback" not in done.stderr
    wb = Workbook()
    wb.active.merge_cells("A1:Z40000")
    merged = tmp_path / "merged.xlsx"
    wb.save(merged)
    done = xxgk("import", str(merged), "--year", "2024", "--body", "某镇", cwd=tmp_path)
    assert done.returncode == 2 and "超出统计表的范围" in done.stderr


def test_a_broken_workbook_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    import zipfile

    from openpyxl import Workbook

    good = tmp_path / "good.xlsx"
    wb = Workbook()
    wb.active["A1"] = "文字"
    wb.save(good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":  # a shared string that does not exist
                data = data.replace(
                    b'<c r="A1" t="inlineStr"><is><t>&#25991;&#23383;</t></is></c>',
                    b'<c r="A1" t="s"><v>99999</v></c>',
                )
                assert b"99999" in data
            target.writestr(info, data)
    done = xxgk("import", str(bad), "--year", "2024", "--body", "某镇", cwd=tmp_path)
    assert (
        done.returncode == 2 and "不是能读取的 .xlsx 工作簿" in done.stderr and "Traceback" not in done.stderr
    )


def test_a_word_table_spanning_thousands_of_columns_is_left_out_quickly(tmp_path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = docx.Document()
    doc.add_paragraph("某镇2024年政府信息公开工作年度报告")
    table = doc.add_table(rows=2000, cols=1)
    for row in table.rows:
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), "5000")
        row.cells[0]._tc.get_or_add_tcPr().append(span)
    path = tmp_path / "span.docx"
    doc.save(str(path))
    start = time.perf_counter()
    done = xxgk("import", str(path), cwd=tmp_path)
    assert time.perf_counter() - start < 30
    assert "第1个表格过大" in done.stderr and "Traceback" not in done.stderr
