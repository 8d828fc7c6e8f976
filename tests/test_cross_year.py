"""Other years in a report: values, deltas, links, checks, views — and rebuilds that stay right."""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors


def html(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def body_text(app: SphinxTestApp, page: str) -> str:
    return re.sub(r"\s+", "", html(app, page).select_one("div.body").get_text())


def xxgk_warnings(app: SphinxTestApp) -> list[str]:
    text = strip_colors(app.warning.getvalue()).replace(str(app.srcdir) + "/", "")
    return sorted(line for line in text.splitlines() if "[xxgk" in line)


@pytest.mark.sphinx("html", testroot="years")
def test_consistent_years_build_without_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()).strip() == ""


@pytest.mark.sphinx("html", testroot="years")
def test_prose_reads_other_years(app: SphinxTestApp) -> None:
    app.build()
    text = body_text(app, "street/2023")
    assert "全年共收到申请8件，较上年减少4件，下降33.3%" in text
    assert "予以公开6件，较上年减少2件，下降25.0%" in text
    assert "行政许可25件，较上年持平" in text
    assert "上年结转3件，即2022年度报告中的结转下年度3件" in text
    assert "2021年收到申请10件" in text
    assert "全年共收到申请12件，较上年增加2件，增长20.0%" in body_text(app, "street/2022")


@pytest.mark.sphinx("html", testroot="years")
def test_links_to_other_years(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "street/2023")
    links = {a.get_text(): a["href"] for a in page.select("div.body a.reference")}
    assert links["2022年度报告"] == "2022.html"
    assert links["上年申请情况表"] == "2022.html#xxgk-table-b"
    assert html(app, "street/2022").select_one("#xxgk-table-b") is not None
    nav = html(app, "street/2022").select_one("p.xxgk-nav")
    assert [(a.get_text(), a["href"]) for a in nav.select("a")] == [
        ("2021年度报告", "2021.html"),
        ("2023年度报告", "2023.html"),
        ("查看源文件", "../_sources/street/2022.md.txt"),
        ("JSON", "../_data/street-2022.json"),
        ("CSV", "../_data/street-2022.csv"),
    ]
    assert (
        re.sub(r"\s", "", nav.get_text())
        == "上一年度：2021年度报告｜下一年度：2023年度报告｜查看源文件｜数据：JSON、CSV"
    )
    first_year_links = html(app, "street/2021").select("p.xxgk-nav a.internal")
    assert [a.get_text() for a in first_year_links] == ["2022年度报告"]


@pytest.mark.sphinx("html", testroot="years")
def test_compare_puts_last_year_beside_this_year(app: SphinxTestApp) -> None:
    app.build()
    table = html(app, "street/2023").select_one("table.xxgk-compare")
    head = [th.get_text() for th in table.select("thead th")]
    assert head == ["项目", "2022年度", "2023年度", "增减", "增减幅度"]
    rows = {
        tr.find("th").get_text(): [td.get_text() for td in tr.find_all("td")]
        for tr in table.select("tbody tr")
    }
    assert rows["一、本年新收政府信息公开申请数量"] == ["12", "8", "-4", "-33.3%"]
    assert rows["二、上年结转政府信息公开申请数量"] == ["2", "3", "+1", "+50.0%"]
    assert rows["1.本机关不掌握相关政府信息"] == ["0", "3", "+3", "—"]
    assert rows["2.重复申请"] == ["2", "0", "-2", "-100.0%"]


@pytest.mark.sphinx("html", testroot="years")
def test_trend_table_and_svg_chart_with_chinese_labels(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "street/2023")
    table = page.select_one("table.xxgk-trend")
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]
    assert rows == [["2021年", "10", "6"], ["2022年", "12", "8"], ["2023年", "8", "6"]]
    svg = page.select_one("svg.xxgk-chart")
    texts = [t.get_text() for t in svg.select("text")]
    assert "历年申请情况" in texts
    assert {"2021年", "2022年", "2023年", "本年新收·总计", "予以公开·总计"} <= set(texts)
    assert len(svg.select("polyline")) == 2
    assert svg["role"] == "img" and "本年新收·总计：2021年10" in svg.select_one("desc").get_text()


@pytest.mark.sphinx("latex", testroot="years")
def test_trend_chart_reaches_latex_as_tikz_with_chinese_text(app: SphinxTestApp) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\usepackage{tikz}" in (Path(app.outdir) / "sphinxmanual.cls").read_text(encoding="utf-8") or (
        r"\usepackage{tikz}" in tex
    )
    assert r"\begin{tikzpicture}" in tex
    assert "{历年申请情况}" in tex and "{2021年}" in tex and "{本年新收·总计}" in tex


@pytest.mark.sphinx("html", testroot="years")
def test_aggregate_sums_bodies_and_names_the_missing(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "county/2023")
    table = page.select_one("table.xxgk-aggregate")
    first = [td.get_text() for td in table.select("tbody tr")[0].find_all("td")]
    assert first == ["13", "0", "0", "0", "1", "0", "14"]  # street 8 + town 5 (+1 法律服务机构)
    note = re.sub(r"\s", "", page.select_one("p.xxgk-note").get_text())
    assert note == (
        "纳入2023年度汇总的机关（2个）：示例街道办事处、示例镇人民政府。"
        "缺少2023年度报告的机关（1个）：示例乡人民政府。"
    )


@pytest.mark.sphinx("html", testroot="years")
def test_landing_page_groups_bodies_newest_first(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "index")
    groups = [
        (g.select_one("p.rubric").get_text(), [a.get_text() for a in g.select(".sd-card a")])
        for g in page.select("div.xxgk-body")
    ]
    assert groups == [
        ("示例街道办事处", ["2023年度报告", "2022年度报告", "2021年度报告"]),  # by pinyin: jie before xian
        ("示例县人民政府", ["2023年度报告"]),
        ("示例镇人民政府", ["2023年度报告", "2022年度报告"]),
    ]
    card = page.select("div.xxgk-body")[0].select_one(".sd-card")
    assert "收到申请8件，予以公开6件，行政复议2件，行政诉讼0件" in card.get_text()


# -- rebuilds ------------------------------------------------------------------


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


# Each rebuild test copies the root to its own srcdir and starts from a fresh
# environment: sphinx.testing shares build directories between tests otherwise.


def rebuild(make_app: Callable[..., SphinxTestApp], srcdir: Path) -> tuple[SphinxTestApp, list[str]]:
    app = make_app("html", srcdir=srcdir)
    written: list[str] = []
    app.connect("doctree-resolved", lambda _app, _doctree, docname: written.append(docname))
    app.build()
    return app, sorted(written)


CARRY_2023 = (
    "street/2023.md:18: WARNING: “申请”表“自然人”列不满足X-1（本年“上年结转”应等于上一年度报告的"
    "“结转下年度继续办理”）：左边 2023年度上年结转（3），右边 2022年度结转下年（4），"
    "左边应等于右边；请核对这几项数字 [xxgk.carry]"
)


@pytest.mark.sphinx("html", testroot="years", srcdir="years-edit", freshenv=True)
def test_editing_last_years_figures_rewrites_exactly_its_readers(app: SphinxTestApp, make_app) -> None:
    app.build()
    src = Path(app.srcdir)
    assert "予以公开6件，较上年减少2件，下降25.0%" in body_text(app, "street/2023")
    # 2022: one more application carried over, one fewer disclosed (B-1 still holds)
    edit(src / "street/2022.md", "结转下年: {自然人: 3}", "结转下年: {自然人: 4}")
    edit(src / "street/2022.md", "予以公开: {自然人: 7, 商业企业: 1}", "予以公开: {自然人: 6, 商业企业: 1}")
    second, written = rebuild(make_app, src)
    status = strip_colors(second.status.getvalue())
    assert "0 added, 1 changed, 0 removed" in status
    # 2022 itself, the 2023 report that reads it, the landing page that lists its figures
    assert written == ["index", "street/2022", "street/2023"]
    assert CARRY_2023 in xxgk_warnings(second)
    assert all("[xxgk.carry]" in w and w.startswith("street/2023.md:18:") for w in xxgk_warnings(second))
    # the delta sentence changed without touching 2023's file
    assert "予以公开6件，较上年减少1件，下降14.3%" in body_text(second, "street/2023")
    # the landing page's card of 2022 follows its figures (cards are kept only while they hold)
    street = html(second, "index").select("div.xxgk-body")[0]  # 示例街道办事处
    cards = {card.select_one("a").get_text(): card.get_text() for card in street.select(".sd-card")}
    assert "予以公开7件" in cards["2022年度报告"]


@pytest.mark.sphinx("html", testroot="years", srcdir="years-bodies", freshenv=True)
def test_a_data_edit_rewrites_only_its_bodys_page(app: SphinxTestApp, make_app) -> None:
    app.build()
    src, out = Path(app.srcdir), Path(app.outdir)
    pages = {p.name: p for p in (out / "bodies").glob("*.html")}
    assert len(pages) >= 2
    before = {name: (p.stat().st_mtime_ns, p.read_text(encoding="utf-8")) for name, p in pages.items()}
    edit(src / "street/2022.md", "予以公开: {自然人: 7, 商业企业: 1}", "予以公开: {自然人: 6, 商业企业: 1}")
    rebuild(make_app, src)
    changed = {name for name, p in pages.items() if p.stat().st_mtime_ns != before[name][0]}
    assert len(changed) == 1
    (street,) = changed
    assert "2022年度报告" in before[street][1]
    assert before[street][1] != pages[street].read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="years", srcdir="years-prose", freshenv=True)
def test_prose_only_edit_rewrites_one_page(app: SphinxTestApp, make_app) -> None:
    app.build()
    src = Path(app.srcdir)
    edit(src / "street/2022.md", "全年共收到申请", "本年度全年共收到申请")
    _, written = rebuild(make_app, src)
    # index is re-written by Sphinx itself (it holds the toctree listing the page);
    # no other report reads prose, so no other page is re-written
    assert written == ["index", "street/2022"]


# prose of ~300 characters no template shares, for the 内容雷同 check across bodies
SHARED_PARAGRAPH = "".join(
    f"第{n}项工作中，本机关对照年度要点逐条梳理公开目录，补充完善栏目内容并组织专人复核。" for n in range(9)
)


@pytest.mark.sphinx("html", testroot="years", srcdir="years-copyindex", freshenv=True)
def test_a_years_copy_index_is_kept_until_that_years_prose_changes(app: SphinxTestApp, make_app) -> None:
    """The index 内容雷同 compares a year's reports by is kept beside the prose: a figure edited
    leaves it as it is; prose edited in that year builds it again, and a copy is then found."""
    app.build()
    src = Path(app.srcdir)
    kept = Path(app.doctreedir) / "xxgk-prose" / "years" / "2023.pickle"
    built = kept.stat().st_mtime_ns
    edit(src / "street/2023.md", "予以公开: {自然人: 6}", "予以公开: {自然人: 5}")
    second, _ = rebuild(make_app, src)
    assert kept.stat().st_mtime_ns == built
    assert not [w for w in xxgk_warnings(second) if "内容雷同" in w]
    for page in ("street/2023.md", "town/2023.md"):
        text = (src / page).read_text(encoding="utf-8")
        (src / page).write_text(f"{text}\n{SHARED_PARAGRAPH}\n", encoding="utf-8")
        os.utime(src / page, (time.time() + 5, time.time() + 5))
    third, _ = rebuild(make_app, src)
    assert kept.stat().st_mtime_ns != built
    copies = [w for w in xxgk_warnings(third) if "内容雷同" in w]
    assert any(w.startswith("town/2023.md:") and "示例街道办事处的2023年度报告" in w for w in copies)
    assert any(w.startswith("street/2023.md:") and "示例镇人民政府的2023年度报告" in w for w in copies)


@pytest.mark.sphinx("html", testroot="years", srcdir="years-noop", freshenv=True)
def test_noop_build_writes_nothing(app: SphinxTestApp, make_app) -> None:
    app.build()
    again, written = rebuild(make_app, Path(app.srcdir))
    status = strip_colors(again.status.getvalue())
    assert "0 added, 0 changed, 0 removed" in status
    assert written == []
    assert "'html_static_path'" not in status  # sphinx-design's static folder, see xxgk/__init__


@pytest.mark.sphinx("html", testroot="years", srcdir="years-remove", freshenv=True)
def test_removing_a_year_warns_its_readers_and_restoring_repairs_them(app: SphinxTestApp, make_app) -> None:
    app.build()
    src = Path(app.srcdir)
    saved = (src / "street/2022.md").read_text(encoding="utf-8")
    (src / "street/2022.md").unlink()
    removed, written = rebuild(make_app, src)
    assert "street/2023" in written and "street/2021" in written  # reader and linking neighbour
    warnings = xxgk_warnings(removed)
    assert any(
        w.startswith("street/2023.md:") and "未找到示例街道办事处2022年度报告" in w and "[xxgk.ref]" in w
        for w in warnings
    )
    assert "较上年暂无可比数据" in body_text(removed, "street/2023")
    assert "下一年度" not in body_text(removed, "street/2021")
    (src / "street/2022.md").write_text(saved, encoding="utf-8")
    restored, written = rebuild(make_app, src)
    assert xxgk_warnings(restored) == []
    assert "较上年减少4件，下降33.3%" in body_text(restored, "street/2023")
    assert "下一年度：2022年度报告" in body_text(restored, "street/2021")


def tree_hashes(outdir: Path) -> dict[str, str]:
    return {
        str(p.relative_to(outdir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".js", ".css", ".txt") and ".doctrees" not in p.parts
    }


@pytest.mark.sphinx("html", testroot="years", srcdir="years-parallel", freshenv=True, parallel=2)
def test_parallel_build_is_byte_identical_to_serial(app: SphinxTestApp, make_app, tmp_path: Path) -> None:
    app.build()
    serial = make_app("html", srcdir=app.srcdir, builddir=tmp_path / "serial")
    serial.build()
    assert tree_hashes(Path(app.outdir)) == tree_hashes(Path(serial.outdir))
    assert xxgk_warnings(app) == xxgk_warnings(serial) == []


@pytest.mark.sphinx("html", testroot="years", srcdir="years-parallel-warnings", freshenv=True, parallel=2)
def test_parallel_build_warns_exactly_as_the_serial_build(
    app: SphinxTestApp, make_app, tmp_path: Path
) -> None:
    page = Path(app.srcdir) / "street" / "2022.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("结转下年: {自然人: 3}", "结转下年: {自然人: 5}"),
        encoding="utf-8",
    )
    app.build()
    serial = make_app("html", srcdir=app.srcdir, builddir=tmp_path / "serial")
    serial.build()
    parallel_warnings = xxgk_warnings(app)
    assert parallel_warnings == xxgk_warnings(serial)
    subtypes = {line.rsplit("[", 1)[1] for line in parallel_warnings}
    assert subtypes == {"xxgk.balance]", "xxgk.carry]"}  # 2022's own B-1, and 2023's X-1 against 2022
