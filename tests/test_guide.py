"""Every example of the guide is built and its output asserted; the catalogue cannot drift."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from xxgk.core.subtypes import CATALOGUE, Subtype

from .conftest import ROOT, SITE

GUIDE = ROOT / "guide"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    app = SphinxTestApp("html", srcdir=ROOT, builddir=tmp_path_factory.mktemp("guide"), confoverrides=SITE)
    try:
        app.build()
        assert "WARNING" not in app.warning.getvalue()
        yield Path(app.outdir)
    finally:
        app.cleanup()


def effects(site: Path) -> list[BeautifulSoup]:
    """The rendered "效果" tab of every example on the syntax page, in order."""
    page = BeautifulSoup((site / "guide" / "syntax.html").read_text(encoding="utf-8"), "html.parser")
    out = []
    for tab_set in page.select("div.sd-tab-set"):
        labels = [label.get_text(strip=True) for label in tab_set.select("label")]
        contents = tab_set.select("div.sd-tab-content")
        out.append(contents[labels.index("效果")])
    return out


def text(node: BeautifulSoup) -> str:
    return re.sub(r"\s+", "", node.get_text())


def test_syntax_examples_render_as_documented(site: Path) -> None:
    val, pct, table, breakdown, ref, signature = effects(site)
    assert text(val) == "全年共收到政府信息公开申请12件，其中自然人10件，法人或其他组织2件。"
    assert text(pct) == "予以公开8件，占办理总数的72.7%；主动公开政策文件12条，占30.0%。"
    rows = table.select("table.xxgk-layout-grid tbody tr")
    assert [td.get_text() for td in rows[0].find_all("td")] == ["10", "2", "0", "0", "0", "0", "12"]
    assert table.select_one("th[colspan='7']").get_text() == "申请人情况"
    totals = {
        tr.find("th").get_text(): [td.get_text() for td in tr.find_all("td")] for tr in breakdown.select("tr")
    }
    assert totals["合计"] == ["40", "100.0%"] and totals["工作动态"] == ["25", "62.5%"]
    links = [(a.get_text(), a["href"]) for a in ref.select("a")]
    assert links == [
        ("示例区2023年度报告", "example-district/2023.html"),
        ("2023年度“收到和处理政府信息公开申请情况”表", "example-district/2023.html#xxgk-table-b"),
    ]
    assert text(signature) == "示例局（虚构示例）2025年1月20日"


def test_every_snippet_is_shown_and_used() -> None:
    syntax = (GUIDE / "syntax.md").read_text(encoding="utf-8")
    warnings_page = (GUIDE / "warnings.md").read_text(encoding="utf-8")
    for snippet in sorted((GUIDE / "_snippets").glob("*.md")):
        assert f"_snippets/{snippet.name}" in syntax + warnings_page, snippet.name


def test_documented_warning_is_the_real_one(tmp_path: Path) -> None:
    shutil.copy(GUIDE / "_snippets" / "b1-warning.md", tmp_path)
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "xxgk"]\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "xxgk.cli", "check"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    documented = re.search(r"^b1-warning\.md:.*$", (GUIDE / "warnings.md").read_text(encoding="utf-8"), re.M)
    assert documented is not None
    assert documented.group(0) in result.stdout.splitlines()


def emitted_subtypes() -> set[str]:
    """Every subtype the code can emit: Finding("…") and subtype="…" in the package, subtypes in
    the format files."""
    found: set[str] = set()
    for path in (ROOT / "ext" / "xxgk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "Finding"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
            if isinstance(node, ast.Call):  # warnings the Sphinx layer logs itself: subtype="…"
                found |= {
                    kw.value.value
                    for kw in node.keywords
                    if kw.arg == "subtype" and isinstance(kw.value, ast.Constant) and kw.value.value != "xxgk"
                }
    for path in (ROOT / "ext" / "xxgk" / "core" / "formats").glob("gb*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found |= {i["subtype"] for t in data["tables"] for i in t.get("identities", [])}
        found |= {i["subtype"] for i in data.get("cross_year", [])}
        found |= {"sum"}  # computed cells (B-2, B-3, C-1) report as xxgk.sum
    return found


def test_catalogue_lists_exactly_what_the_code_emits(site: Path) -> None:
    assert emitted_subtypes() == {s.value for s in Subtype} == {s.value for s in CATALOGUE}
    page = (site / "guide" / "warnings.html").read_text(encoding="utf-8")
    for subtype in Subtype:
        assert f'id="warning-{subtype.value}"' in page


def test_readme_table_of_warnings_is_whole_and_complete() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = re.search(r"^\| 类型 \| 含义 \|\n\|---\|---\|\n((?:\|.*\n)+)", readme, re.M)
    assert table is not None
    listed = re.findall(r"^\| `xxgk\.(\w+)` \|", table[1], re.M)  # one table: a blank line would end it
    assert sorted(listed) == sorted(s.value for s in Subtype)


def test_format_reference_lists_every_row_and_column(site: Path) -> None:
    from xxgk.core.formats import FORMAT_IDS, load_format, walk

    page = BeautifulSoup((site / "guide" / "formats.html").read_text(encoding="utf-8"), "html.parser")
    listed = {code.get_text() for code in page.select("table.xxgk-id-table code")}
    for fid in FORMAT_IDS:
        for table in load_format(fid).tables:
            for node in walk((*table.rows, *table.columns)):
                if node.id:
                    assert node.id in listed, (fid, table.id, node.id)
    assert len(page.select("table.xxgk-empty")) == 9  # gb2021, gb2019: 3 each; legacy2014, variant, free


def test_the_guide_reads_in_order_with_its_chapters_at_hand(site: Path) -> None:
    review = BeautifulSoup((site / "guide" / "review.html").read_text(encoding="utf-8"), "html.parser")
    pager = review.select_one("nav.xxgk-guide-pager")
    assert [(a.get_text(), a["href"]) for a in pager.select("a")] == [
        ("上一章：如何编写年度报告", "writing.html"),
        ("下一章：发布", "publish.html"),
    ]
    chapters = [li.get_text() for li in review.select("nav.xxgk-guide-chapters li")]
    assert chapters[:4] == ["快速开始", "如何编写年度报告", "审核流程", "发布"]
    assert review.select_one("nav.xxgk-guide-chapters [aria-current=page]").get_text() == "审核流程"
    report = (site / "reports" / "huaian-szf" / "2024.html").read_text(encoding="utf-8")
    assert "xxgk-guide-chapters" not in report  # a report's sidebar stays its body's years


def test_the_warnings_catalogue_has_a_chinese_index(site: Path) -> None:
    page = BeautifulSoup((site / "guide" / "warnings.html").read_text(encoding="utf-8"), "html.parser")
    index = {a.get_text(): a["href"] for a in page.select("ul.xxgk-catalogue-index a")}
    assert index["申请数量的勾稽关系（xxgk.balance）"] == "#warning-balance"
    assert len(index) == len(Subtype)
