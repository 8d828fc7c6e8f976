"""The bundled site: builds without a warning, and its tables equal the published ones."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from .conftest import ROOT, SITE

PUBLISHED = Path(__file__).parent / "fixtures" / "huaian_szf_2024.txt"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    app = SphinxTestApp("html", srcdir=ROOT, builddir=tmp_path_factory.mktemp("site"), confoverrides=SITE)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def numbers(row) -> list[str]:
    return [td.get_text() for td in row.find_all("td")]


def published_section(start: str, end: str) -> str:
    text = PUBLISHED.read_text(encoding="utf-8")
    return text[text.index(start) : text.index(end)]


def test_site_builds_without_any_warning(site: SphinxTestApp) -> None:
    assert strip_colors(site.warning.getvalue()).strip() == ""


def test_no_page_loads_a_script_from_another_site(site: SphinxTestApp) -> None:
    for path in Path(site.outdir).rglob("*.html"):
        scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", path.read_text(encoding="utf-8"))
        assert not [s for s in scripts if re.match(r"(?:https?:)?//", s)], path


def test_huaian_table_b_equals_the_published_table(site: SphinxTestApp) -> None:
    section = published_section("三、收到和处理", "四、政府信息公开行政复议")
    published = [
        list(m.groups())
        for m in re.finditer(r"(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)[ \t]*$", section, re.M)
    ]
    assert len(published) == 25
    table = page(site, "reports/huaian-szf/2024").select_one("table.xxgk-layout-grid")
    rendered = [numbers(tr) for tr in table.select("tbody tr")]
    assert rendered == published
    totals = [r[-1] for r in rendered]
    assert (totals[0], totals[1], totals[23], totals[24]) == ("3119", "34", "3050", "103")


def test_huaian_table_c_equals_the_published_table(site: SphinxTestApp) -> None:
    section = published_section("四、政府信息公开行政复议", "五、存在")
    (line,) = re.findall(r"^\s*((?:\d+\s+){14}\d+)\s*$", section, re.M)
    table = page(site, "reports/huaian-szf/2024").select_one("table.xxgk-layout-strip")
    assert numbers(table.select("tbody tr")[0]) == line.split()


def test_huaian_table_a_equals_the_published_table(site: SphinxTestApp) -> None:
    section = published_section("二、主动公开政府信息情况", "三、收到和处理")
    published = re.findall(r"^(\S+)\s+([\d.]+(?:\s+[\d.]+)*)\s*$", section, re.M)
    table = page(site, "reports/huaian-szf/2024").select_one("table.xxgk-layout-blocks")
    rendered = [(tr.find("th").get_text(), numbers(tr)) for tr in table.select("tr") if tr.find("td")]
    assert rendered == [(label, values.split()) for label, values in published]
    assert len(rendered) == 6


def test_huaian_prose_figures_match_the_published_text(site: SphinxTestApp) -> None:
    text = page(site, "reports/huaian-szf/2024").get_text()
    published = re.sub(r"\s+", "", PUBLISHED.read_text(encoding="utf-8"))
    for sentence in [
        "全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）",
        "政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件",
        "政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件",
    ]:
        assert sentence in published
        assert sentence in text


def test_seed_report_breakdown_totals_55_with_computed_shares(site: SphinxTestApp) -> None:
    html = page(site, "reports/linxiang-changan/2019")
    table = html.select_one("table.xxgk-breakdown")
    rows = {tr.find("th").get_text(): numbers(tr) for tr in table.select("tbody tr")}
    assert rows["合计"] == ["55", "100.0%"]
    assert rows["为您服务"] == ["8", "14.5%"]
    assert rows["通知公告"] == ["11", "20.0%"]
    text = html.get_text()
    assert "“为您服务”信息8条，占总体百分比为14.5%" in text
    assert "14.8%" not in text.replace("写作“占总体百分比为14.8%”", "")
    assert "全年累计主动公开政府信息55条" in text


def test_seed_report_is_clean_simplified_chinese(site: SphinxTestApp) -> None:
    text = page(site, "reports/linxiang-changan/2019").select_one("section").get_text()
    text = text[: text.index("整理说明")]  # the editor's note quotes the garbled original
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùü]+\)", text)  # no pinyin annotations
    for traditional in "報國開與條們為設務處":
        assert traditional not in text
    for heading in ["（一）把握重点，巩固成果", "（二）强化学习，提高认识", "（三）拓宽渠道，加强宣传"]:
        assert heading in text
    assert "2018年政府信息公开工作" not in text
    assert "。ㄒ" not in text


def test_landing_page_lists_real_reports_by_body(site: SphinxTestApp) -> None:
    groups = page(site, "index").select("div.xxgk-body")
    listed = [
        (g.select_one("p.rubric").get_text(), [a["href"] for a in g.select(".sd-card a")]) for g in groups
    ]
    assert listed == [
        ("淮安市人民政府", ["reports/huaian-szf/2024.html"]),  # by pinyin: huai before lin
        ("临湘市人民政府长安街道办事处", ["reports/linxiang-changan/2019.html"]),
    ]  # the guide's fictional examples are not listed among real reports
    card = re.sub(r"\s", "", groups[0].get_text())
    assert "收到申请3119件，予以公开1362件，行政复议351件，行政诉讼46件" in card
    # the seed has no national table; its card shows what it does hold, the breakdown's total
    assert "主动公开信息55条" in groups[1].get_text() and "收到申请" not in groups[1].get_text()


def test_guide_example_spans_three_years_with_all_tables(site: SphinxTestApp) -> None:
    for year in (2021, 2022, 2023):
        html = page(site, f"guide/example-district/{year}")
        assert len(html.select("table.xxgk-table")) >= 3
        assert "虚构" in html.get_text()
    text = re.sub(r"\s", "", page(site, "guide/example-district/2023").get_text())
    assert "全年共收到政府信息公开申请60件，较上年增加6件，增长11.1%" in text
    assert page(site, "guide/example-district/2023").select_one("svg.xxgk-chart") is not None
    guide = re.sub(r"\s", "", page(site, "guide/cross-year").get_text())
    assert "示例区2021年至2023年收到的申请分别为47件、54件和60件" in guide


def hashes(outdir: Path) -> dict[str, str]:
    return {
        str(p.relative_to(outdir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and ".doctrees" not in p.parts and p.name != ".buildinfo"
    }


def test_parallel_site_build_is_identical_to_serial(site: SphinxTestApp, tmp_path: Path) -> None:
    parallel = SphinxTestApp("html", srcdir=ROOT, builddir=tmp_path / "j2", parallel=2, confoverrides=SITE)
    try:
        parallel.build()
    finally:
        parallel.cleanup()
    serial_hashes, parallel_hashes = hashes(Path(site.outdir)), hashes(Path(parallel.outdir))
    assert len(serial_hashes) > 20
    assert parallel_hashes == serial_hashes


def test_site_publishes_every_figure_as_data(site: SphinxTestApp) -> None:
    """Each report's figures in files shaped like its tables (smaller than its page): JSON for
    programs, CSV for Excel/WPS; every cell of the three tables, as the page shows them."""
    data = Path(site.outdir) / "_data"
    report = json.loads((data / "huaian-szf-2024.json").read_text(encoding="utf-8"))
    assert (report["version"], report["body"], report["year"], report["format"]) == (
        2,
        "淮安市人民政府",
        2024,
        "gb2021",
    )
    values = {
        (part["table"], row[0], column): value
        for part in report["tables"]
        for row in part["rows"]
        for column, value in zip(part["columns"], row[1:], strict=True)
    }
    assert values[("申请", "本年新收", "总计")] == "3119"
    assert values[("复议诉讼", "行政复议", "总计")] == "351"
    assert len(values) == 10 + 175 + 15  # tables A, B and C, every cell
    fees = next(part for part in report["tables"] if "本年收费金额" in part["columns"])
    assert fees["units"] == {"本年收费金额": "万元"}
    assert all("computed" not in part for part in report["tables"])  # Huai'an wrote its totals
    assert (data / "huaian-szf-2024.json").stat().st_size < 4000  # was 51,808 bytes, one line per cell
    lines = (data / "huaian-szf-2024.csv").read_text(encoding="utf-8").splitlines()
    # opens right in Excel/WPS on Chinese Windows: a BOM, Chinese labels, the tables as printed
    assert lines[0] == "\ufeff机构,淮安市人民政府,年度,2024,格式,gb2021"
    assert "收到和处理政府信息公开申请情况" in lines
    assert ",自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计" in lines
    assert "一、本年新收政府信息公开申请数量,3001,53,0,0,61,4,3119" in lines
    # the site's index of reports and their files (no file holds every figure of the site)
    index = json.loads((data / "index.json").read_text(encoding="utf-8"))["reports"]
    assert {
        "body": "淮安市人民政府",
        "year": 2024,
        "format": "gb2021",
        "page": "reports/huaian-szf/2024.html",
        "json": "_data/huaian-szf-2024.json",
        "csv": "_data/huaian-szf-2024.csv",
    } in index
    assert all((Path(site.outdir) / row["csv"]).is_file() for row in index)
    assert (data / "index.csv").read_text(encoding="utf-8").startswith("\ufeff机构,年度,格式,页面,JSON,CSV\n")
    assert not (data / "all.csv").exists()
    links = [a["href"] for a in page(site, "reports/huaian-szf/2024").select("p.xxgk-nav a")]
    assert links[-2:] == ["../../_data/huaian-szf-2024.json", "../../_data/huaian-szf-2024.csv"]


def test_two_clean_builds_are_byte_identical(site: SphinxTestApp, tmp_path: Path) -> None:
    again = SphinxTestApp("html", srcdir=ROOT, builddir=tmp_path / "again", confoverrides=SITE)
    try:
        again.build()
    finally:
        again.cleanup()
    first, second = hashes(Path(site.outdir)), hashes(Path(again.outdir))
    assert any(name.startswith("_data/") for name in first)  # data exports are compared too
    assert second == first


def test_the_example_history_runs_one_trend_across_three_regimes(site: SphinxTestApp) -> None:
    """The fictional 示例县 (2012–2024): free-form, 2014 统计表, then the 2019 and 2021 templates."""
    soup = page(site, "guide/example-history/2024")
    view = soup.select_one(".xxgk-trend-view")
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in view.select("tbody tr")]
    assert [r[0] for r in rows] == [f"{y}年" for y in range(2012, 2025)]
    assert [r[1] for r in rows] == ["3", "5", "8", "11", "9", "14", "16", "21", "18", "25", "30", "27", "33"]
    assert [r[2] for r in rows if "※" in r[2]] == [
        "统计表（2014） ※1",
        "年报格式（2019） ※2",
        "年报格式（2021） ※3",
    ]
    notes = [p.get_text() for p in view.select("p.xxgk-note")]
    assert len(notes) == 3 and "口径不完全相同" in notes[1] and notes[1].startswith("※2 2019年度起")
    svg = view.select_one("svg")
    assert len(svg.select("line.xxgk-chart-mark")) == 3
    assert len(svg.select('line[stroke-dasharray="1 4"]')) == 1  # the one step that is not comparable
    legacy = page(site, "guide/example-history/2016").select_one("table.xxgk-layout-indicator")
    assert [th.get_text() for th in legacy.select("thead th")] == ["序号", "统计指标", "单位", "统计数"]


def test_public_pages_use_chinese_punctuation(site: SphinxTestApp) -> None:
    """No ASCII colon, comma, full stop or semicolon beside a Chinese character, and no space
    between two Chinese characters (a line break of the source), in any text of the pages
    citizens read: the landing page, the body pages and the reports."""
    outdir = Path(site.outdir)
    pages = [outdir / "index.html", *outdir.glob("bodies/*.html"), *outdir.glob("reports/**/*.html")]
    cjk = "\u4e00-\u9fff"
    wrong = re.compile(rf"[{cjk}][:,.;]|[:,;][{cjk}]|[{cjk}，。、；：] +[{cjk}]")
    found = []
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for text in soup.find_all(string=True):
            if text.find_parent(["pre", "code", "script", "style"]):
                continue
            found += [
                f"{path.name}: {text[max(0, m.start() - 6) : m.end() + 6]!r}" for m in wrong.finditer(text)
            ]
    assert found == []
