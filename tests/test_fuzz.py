"""Any input gives a located Chinese message or a correct result — never a traceback, never a lost figure.

Hypothesis drives the pure pipeline the build and ``xxgk check`` share: data
blocks (random and mutated real ones), role targets, report options and whole
pages. The normal test suite runs a small fixed-seed sample; ``make fuzz`` runs
≥ 10,000 cases (XXGK_FUZZ_EXAMPLES) and prints the counts.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from xxgk.cli.carry import carry_plan
from xxgk.cli.importer import import_report
from xxgk.cli.pages import find_pages, read_page
from xxgk.cli.project import Project, load
from xxgk.core import role_values
from xxgk.core.layout import table_grid
from xxgk.core.model import Finding
from xxgk.core.parse import parse_data_block
from xxgk.core.report import Evaluated, evaluate, parse_meta
from xxgk.core.wording import SpecError
from xxgk.core.years import SelectorError
from xxgk.reading.page_source import PageSource

from .conftest import ROOT
from .unit.helpers import report

EXAMPLES = int(os.environ.get("XXGK_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="XXGK_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
COUNTS: Counter[str] = Counter()  # printed by conftest at the end of `make fuzz`
CJK = re.compile(r"[\u4e00-\u9fff]")

REAL_BLOCKS = [
    block
    for path in sorted((ROOT / "reports").rglob("*.md")) + sorted((ROOT / "guide").rglob("*.md"))
    for block in re.findall(r"```\{xxgk:data\}\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
]
KEYS = [
    "申请",
    "主动公开",
    "复议诉讼",
    "分类",
    "本年新收",
    "上年结转",
    "予以公开",
    "总计",
    "自然人",
    "规章",
    "行政复议",
]
VALUES = [
    "0",
    "3",
    "-1",
    "1.5",
    "１２",
    "十二",
    "3,119",
    "~",
    "/",
    "12件",
    "9" * 20,
    "",
    "[1, 2]",
    "{自然人: 1}",
]


def _located(finding: Finding, lines: int) -> bool:
    return finding.line is not None and 1 <= finding.line <= lines + 1 and bool(CJK.search(finding.message))


def _check_block(text: str, year: int) -> None:
    COUNTS["cases"] += 1
    block = parse_data_block(text, 1)
    meta, _ = parse_meta({"body": "示例街道办事处（示例）", "year": str(year)}, 1)
    assert meta is not None
    ev = evaluate(meta, block.entries)
    findings = [*block.findings, *ev.findings]
    lines = text.count("\n") + 1
    unlocated = [f for f in findings if not _located(f, lines)]
    COUNTS["unlocated"] += len(unlocated)
    assert not unlocated, unlocated
    flagged = {f.line for f in findings}
    stated = {cell.line for cell in ev.figures.cells.values() if cell.origin == "stated"}
    stated |= {line for bd in ev.figures.breakdowns.values() for *_, line in bd.items}
    stated |= {bd.stated_total.line for bd in ev.figures.breakdowns.values() if bd.stated_total}
    lost = [e for e in block.entries if e.line not in stated and e.line not in flagged]
    COUNTS["lost"] += len(lost)
    assert not lost, lost  # every figure is either in the report or named in a message
    for table in ev.format.tables:
        if ev.figures.has_table(table.id):
            table_grid(table, ev.figures)  # renders


def _mutate(block: str, data: st.DataObject) -> str:
    lines = block.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "value", "key", "indent", "garbage"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "value":
            lines[i] = re.sub(r"\d+(?:\.\d+)?", data.draw(st.sampled_from(VALUES)), lines[i], count=1)
        elif action == "key":
            lines[i] = lines[i].replace(lines[i].strip().split(":")[0], data.draw(st.sampled_from(KEYS)), 1)
        elif action == "indent":
            lines[i] = " " * data.draw(st.integers(0, 5)) + lines[i].lstrip()
        else:
            pos = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + data.draw(st.text(max_size=4)) + lines[i][pos:]
    return "\n".join(lines)


@FUZZ
@seed(20261128)
@given(st.data(), st.sampled_from(REAL_BLOCKS), st.sampled_from([2019, 2020, 2021, 2024]))
def test_mutated_real_data_blocks(data: st.DataObject, block: str, year: int) -> None:
    _check_block(_mutate(block, data), year)


_line = st.builds(
    lambda indent, key, value: f"{' ' * indent}{key}: {value}",
    st.sampled_from([0, 2, 4]),
    st.sampled_from(KEYS) | st.text(min_size=1, max_size=6),
    st.sampled_from(VALUES) | st.text(max_size=6),
)


@FUZZ
@seed(20261129)
@given(st.lists(_line, max_size=12).map("\n".join) | st.text(max_size=200), st.sampled_from([2019, 2021]))
def test_random_data_blocks(text: str, year: int) -> None:
    _check_block(text, year)


_target = st.builds(
    lambda a, b, c, sel, spec: f"{a}.{b}.{c}{sel}{spec}",
    st.sampled_from(["申请", "复议诉讼", "主动公开", "分类", "x"]) | st.text(max_size=4),
    st.sampled_from(["本年新收", "行政复议", "规章", "总计", "主动公开信息"]) | st.text(max_size=4),
    st.sampled_from(["总计", "自然人", "结果维持", "本年制发件数", "为您服务"]) | st.text(max_size=4),
    st.sampled_from(["", "@prev", "@2020", "@next", "@x/2020", "@", "@prev@"]) | st.text(max_size=5),
    st.sampled_from(["", ":,", ":.2f", ":xyz", ":"]),
)


@FUZZ
@seed(20261130)
@given(st.sampled_from(["val", "pct", "delta", "ref"]), _target | st.text(max_size=30))
def test_role_targets(kind: str, target: str) -> None:
    COUNTS["cases"] += 1
    block = parse_data_block(REAL_BLOCKS[0], 1)
    meta, _ = parse_meta({"body": "淮安市人民政府", "year": "2024"}, 1)
    ev = evaluate(meta, block.entries)

    class Library:
        def report(self, key: tuple[str, int]) -> None:
            return None

    ctx = role_values.Context(ev, ("淮安市人民政府", 2024), Library())
    try:
        if kind == "ref":
            role_values.ref_target(ctx, role_values.split_ref(target)[1])
        else:
            text, _ = role_values.value_text(ctx, kind, target)
            assert text
    except (role_values.LookupProblem, SelectorError, SpecError) as exc:
        assert CJK.search(str(exc)), exc


@FUZZ
@seed(20261131)
@given(
    st.dictionaries(
        st.sampled_from(
            ["body", "year", "format", "published", "index-no", "publisher", "topic", "allow", "x"]
        ),
        st.sampled_from(
            ["", "2021", "2019", "1999", "gb2021", "gb2019", "2025-01-20", "2025-13-01", "prose, year"]
        )
        | st.text(max_size=12),
    )
)
def test_report_options(options: dict[str, str]) -> None:
    COUNTS["cases"] += 1
    meta, findings = parse_meta(options, 3)
    assert meta is not None or findings  # unusable metadata always says why
    assert all(f.line == 3 and CJK.search(f.message) for f in findings)


_page = st.builds(
    lambda title, report, data, prose: (
        f"# {title}\n\n```{{xxgk:report}}\n{report}\n```\n\n"
        f"```{{xxgk:data}}\n{data}\n```\n\n{prose}\n\n```{{xxgk:table}} 申请\n```\n"
    ),
    st.text(max_size=20),
    st.sampled_from([":body: 示例（示例）\n:year: 2021", ":year: 2022", ":body: x\n:year: abc", ""]),
    st.sampled_from(REAL_BLOCKS),
    st.text(max_size=80)
    | st.sampled_from(["共收到政府信息公开申请12件。2018年工作取得进展。", "{xxgk:val}`申请.x.y`"]),
)


@settings(parent=FUZZ, max_examples=max(10, EXAMPLES // 10))
@seed(20261132)
@given(st.lists(_page, min_size=1, max_size=3))
def test_whole_pages_through_xxgk_check(pages: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for i, text in enumerate(pages):
            (root / f"p{i}.md").write_text(text, encoding="utf-8")
        COUNTS["cases"] += 1
        found = Project(root, find_pages(root)).check()
        for item in found:
            lines = (root / item.path).read_text(encoding="utf-8").count("\n") + 1
            located = 1 <= item.line <= lines + 1 and bool(CJK.search(item.message))
            COUNTS["unlocated"] += not located
            assert located, item


LAST_YEAR = report("申请:\n  结转下年: {自然人: 4, 其他: 1}\n", 2023)


def _evaluated_page(root: Path, text: str) -> tuple[PageSource, Evaluated]:
    path = root / "2024.md"
    path.write_text(text, encoding="utf-8")
    source = read_page(path, root)
    entries = [entry for d in source.xxgk("data") for entry in parse_data_block(d.body, d.body_line).entries]
    meta, _ = parse_meta({"body": "示例（示例）", "year": "2024"}, 1)
    assert meta is not None
    return source, evaluate(meta, entries)


@settings(parent=FUZZ, max_examples=max(10, EXAMPLES // 5))
@seed(20261133)
@given(st.data(), st.sampled_from(REAL_BLOCKS))
def test_carry_changes_the_copied_figures_and_nothing_else(data: st.DataObject, block: str) -> None:
    """xxgk carry on any data block: never a traceback; afterwards every copied figure reads as
    last year's, every other figure and all text outside the block are as they were."""
    COUNTS["cases"] += 1
    head, tail = "# 示例\n\n```{xxgk:report}\n:body: 示例（示例）\n:year: 2024\n```\n\n", "\n\n正文。\n"
    text = head + "```{xxgk:data}\n" + _mutate(block, data) + "\n```" + tail
    with tempfile.TemporaryDirectory() as tmp:
        source, before = _evaluated_page(Path(tmp), text)
        plan = carry_plan(text, source, before, LAST_YEAR)
        _, after = _evaluated_page(Path(tmp), plan.text)
    assert plan.text.startswith(head) and plan.text.endswith(tail)
    changed = {change.cell: change.new for change in plan.changes}
    for key, cell in after.figures.cells.items():
        if key in changed:
            assert cell.value == changed[key]
        elif cell.origin == "stated":
            assert before.figures.cells[key].value == cell.value, key
    assert len(after.figures.cells) >= len(before.figures.cells) - len(changed)


IMPORT_SOURCES = [
    path.read_text(encoding="utf-8").splitlines()
    for path in sorted((Path(__file__).parent / "fixtures").rglob("*.txt"))
]


@settings(parent=FUZZ, max_examples=max(10, EXAMPLES // 10))
@seed(20261134)
@given(st.data(), st.sampled_from(IMPORT_SOURCES))
def test_import_of_damaged_text_never_fails(data: st.DataObject, source: list[str]) -> None:
    """xxgk import on scraped or PDF text with lines lost, doubled or garbled: a page whose
    data blocks read without a YAML error, and a summary — never a traceback."""
    COUNTS["cases"] += 1
    lines = list(source)
    for _ in range(data.draw(st.integers(0, 6))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "garbage"]))
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        else:
            lines[i] = lines[i][: len(lines[i]) // 2] + data.draw(st.text(max_size=6))
    result = import_report("\n".join(lines))
    for block in re.findall(r"```\{xxgk:data\}\n(.*?)```", result.text, re.S):
        assert [f for f in parse_data_block(block, 1).findings if f.subtype == "yaml"] == []


def test_numbers_as_documented() -> None:
    """Huge, negative, decimal, full-width and Chinese numerals: each handled on purpose."""
    ev_lines = {
        "申请:\n  本年新收: {自然人: 1234567890123456}\n": "位数过多",
        "申请:\n  本年新收: {自然人: -3}\n": "不能为负数",
        "申请:\n  本年新收: {自然人: 2.5}\n": "应为整数",
        "申请:\n  本年新收: {自然人: 十二}\n": "中文数字",
    }
    for text, message in ev_lines.items():
        block = parse_data_block(text, 1)
        meta, _ = parse_meta({"body": "示例", "year": "2021"}, 1)
        findings = [*block.findings, *evaluate(meta, block.entries).findings]
        assert any(message in f.message and f.line == 2 for f in findings), (text, findings)
    block = parse_data_block("申请:\n  本年新收: {自然人: １２}\n", 1)
    assert block.entries[0].value == Decimal(12)  # full-width digits are read as digits


VIEWS_AND_SECTIONS = [
    "```{xxgk:compare} 申请\n```",
    "```{xxgk:compare} 不存在\n:year: 2019\n```",
    "```{xxgk:aggregate} 申请\n:year: 二〇二一\n```",
    "```{xxgk:aggregate} 不存在\n:year: 2021\n```",
    "```{xxgk:trend} 收到申请数 申请.x.y\n```",
    "```{xxgk:trend} 收到申请数\n:body: 没有的机关\n```",
    "```{xxgk:reports}\n```",
    "{xxgk:ref}`复议诉讼@prev` {xxgk:pct}`申请.予以公开.总计/申请.本年新收.总计`"
    " {xxgk:delta}`申请.本年新收.总计`",
    "## 一、总体情况\n\n% 撰写说明\n\n## 二、主动公开政府信息情况\n\n正文。",
    "## 五、存在的主要问题及改进情况\n\n## 六、其他需要报告的事项\n\n无。",
]


@pytest.mark.parametrize("seed_value", [20261128, 16, 17, 18, 19])
def test_random_pages_through_the_sphinx_build(tmp_path: Path, seed_value: int) -> None:
    """Fixed-seed projects of mutated pages with random views, roles and sections, in report,
    draft and plain folders, built by Sphinx: located Chinese warnings, exactly those of xxgk check."""
    import random

    from sphinx.testing.util import SphinxTestApp
    from sphinx.util.console import strip_colors

    rng = random.Random(seed_value)
    root = tmp_path / "site"
    root.mkdir()
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "xxgk"]\nlanguage = "zh_CN"\n'
        'html_search_language = "en"\nsuppress_warnings = ["toc.not_included"]\n'
        'exclude_patterns = ["_build", "drafts"]\n',
        encoding="utf-8",
    )
    (root / "index.md").write_text("# 样本\n", encoding="utf-8")
    for i in range(12):
        lines = rng.choice(REAL_BLOCKS).splitlines()
        for _ in range(rng.randint(1, 3)):
            j = rng.randrange(len(lines))
            lines[j] = re.sub(r"\d+", rng.choice(VALUES), lines[j], count=1) if rng.random() < 0.7 else ""
        year = rng.choice([2019, 2021, 2022])
        prose = rng.choice(
            ["共收到政府信息公开申请12件。", "2017年工作取得进展。", "{xxgk:val}`申请.本年新收.总计@prev`"]
        )
        extra = "\n\n".join(rng.sample(VIEWS_AND_SECTIONS, rng.randint(0, 4)))
        folder = rng.choice(["", "reports/", "drafts/"])  # drafts/ is excluded: the build never reads it
        (root / folder).mkdir(exist_ok=True)
        (root / f"{folder}p{i}.md").write_text(
            f"# 样本{i}\n\n```{{xxgk:report}}\n:body: 样本机关{i % 3}（示例）\n:year: {year}\n```\n\n"
            f"```{{xxgk:data}}\n"
            + "\n".join(lines)
            + f"\n```\n\n{prose}\n\n```{{xxgk:table}} 申请\n```\n\n"
            + extra
            + "\n",
            encoding="utf-8",
        )
    (root / "reports" / "about.md").write_text("# 不是报告的页面\n\n说明。\n", encoding="utf-8")
    (root / "reports" / "r.rst").write_text(
        "样本\n====\n\n.. xxgk:report::\n   :body: 样本机关0（示例）\n   :year: 2018\n\n"
        ".. xxgk:data::\n\n   申请:\n     本年新收: 3\n\n共 :xxgk:val:`申请.x.y` 件。\n\n"
        ".. xxgk:compare:: 申请\n",
        encoding="utf-8",
    )
    app = SphinxTestApp("html", srcdir=root, builddir=tmp_path / "build")
    try:
        app.build()  # no exception
    finally:
        app.cleanup()
    warnings = [line for line in strip_colors(app.warning.getvalue()).splitlines() if "[xxgk" in line]
    pattern = re.compile(r"^([\w/]+\.(?:md|rst)):(\d+): WARNING: (.*) \[xxgk\.(\w+)\]$")
    built = set()
    for line in warnings:
        match = pattern.match(line.replace(str(root) + "/", ""))
        assert match and CJK.search(match[3]), line
        built.add((match[1], int(match[2]), match[4], match[3]))
    assert built  # the sample does contain defects
    assert ("reports/about.md", 1, "report") in {found[:3] for found in built}  # a non-report in reports/
    assert any(found[0] == "reports/r.rst" for found in built)  # reStructuredText pages are read
    assert not any(found[0].startswith("drafts/") for found in built)
    checked = {(f.path, f.line, f.subtype, f.message) for f in load(root).check()}
    assert checked == built


# -- untrusted pages: directive names, front-matter keys, link schemes, file names --------------

DIRECTIVE_NAMES = [
    "raw",
    "include",
    "literalinclude",
    "eval-rst",
    "only",
    "ifconfig",
    "toctree",
    "math",
    "csv-table",
    "image",
    "figure",
    "note",
    "warning",
    "list-table",
    "code-block",
    "download",
    "xxgk:data",
    "xxgk:table",
    "tab-set",
    "button-link",
    "card",
    "graphviz",
    "automodule",
    "mermaid",
]
_directive_name = st.sampled_from(DIRECTIVE_NAMES) | st.from_regex(r"[a-z][a-z:-]{0,12}", fullmatch=True)
_scheme = st.sampled_from(
    ["http", "https", "mailto", "javascript", "JaVaScRiPt", "data", "file", "vbscript", "ftp"]
)
_front_key = st.sampled_from(["myst", "html_meta", "orphan", "substitutions", "title"]) | st.text(max_size=10)
_file_name = st.text(min_size=1, max_size=60)


@FUZZ
@seed(20261135)
@given(_directive_name, st.text(max_size=40), _scheme, _front_key, st.sampled_from([".md", ".rst"]))
def test_untrusted_constructs_are_found_and_made_inert(
    name: str, argument: str, scheme: str, key: str, suffix: str
) -> None:
    """Whatever a page uses, both readers read it; what the allow-list refuses is a located
    finding; the neutralized page, read again, uses nothing refused."""
    from xxgk.core.safety import check_uses, neutralize
    from xxgk.reading.read import read_text

    argument = argument.replace("\n", " ").replace("`", "")
    if suffix == ".md":
        front = f"---\n{json.dumps(key, ensure_ascii=False)}: 1\n---\n" if key.strip() else ""
        text = (
            f"{front}# 标题\n\n```{{{name}}} {argument}\n内容\n```\n\n"
            f"[链接]({scheme}:x) 与 {{raw}}`<b>` 文字\n"
        )
    else:
        text = f"标题\n====\n\n.. {name}:: {argument}\n\n   内容\n\n`链接 <{scheme}:x>`_ 文字\n"
    COUNTS["cases"] += 1
    path = Path(f"reports/x/p{suffix}")
    page = read_text(text.encode(), path, "reports/x/p")
    verdict = check_uses(page.uses, "reports/x/p")
    lines = (
        len(re.sub(r"[\v\f]", " ", text).splitlines()) + 1
        if suffix == ".rst"
        else len(re.split(r"\r\n?|\n", text))
    )
    for finding in verdict.findings:
        located = 1 <= (finding.line or 0) <= lines and bool(CJK.search(finding.message))
        COUNTS["unlocated"] += not located
        assert located, finding
    again = read_text(neutralize(text, "rst" if suffix == ".rst" else "myst").encode(), path, "reports/x/p")
    assert not check_uses(again.uses, "reports/x/p").blocked, again.uses


@FUZZ
@seed(20261136)
@given(st.lists(_file_name, min_size=1, max_size=4))
def test_output_names_are_checked_for_every_file_name(parts: list[str]) -> None:
    from xxgk.core.names import name_problem, pdf_name, same_name

    COUNTS["cases"] += 1
    docname = "reports/" + "/".join(parts)
    problem = name_problem(docname)
    if problem is None:
        name = pdf_name(docname)
        assert " " not in name and all(ch.isprintable() for ch in name) and len(name) <= 120
    else:
        assert CJK.search(problem)
    twins = same_name([docname, docname.replace("/", "-", 1) if "/" in docname[8:] else docname + "x"])
    assert all(len(docs) > 1 for docs in twins.values())
