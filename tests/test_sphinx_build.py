"""The extension inside Sphinx: tables as HTML, values in prose, located warnings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors


def warnings_of(app: SphinxTestApp) -> list[str]:
    text = strip_colors(app.warning.getvalue()).replace(str(app.srcdir) + "/", "")
    return sorted(line for line in text.splitlines() if line.strip())


def soup(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="example")
def test_example_site_builds_without_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []


@pytest.mark.sphinx("html", testroot="example")
def test_values_in_prose_come_from_the_data(app: SphinxTestApp) -> None:
    app.build()
    text = soup(app, "y2021").get_text()
    assert "全年共收到政府信息公开申请9件，其中自然人8件" in text
    assert "予以公开6件，占办理总数的75.0%" in text
    assert "行政复议1件" in text
    assert "收费0.35万元" in text
    assert "全年主动公开政府信息55条，其中“为您服务”8条，占14.5%" in soup(app, "y2019").get_text()


@pytest.mark.sphinx("html", testroot="example")
def test_table_b_html_has_header_cells_and_spans(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "y2021")
    table = page.select_one("table.xxgk-layout-grid")
    head = table.select("thead tr")
    assert len(head) == 3
    corner = head[0].find("th")
    assert (corner["rowspan"], corner["colspan"], corner["scope"]) == ("3", "3", "col")
    assert [(th.get_text(), th.get("colspan")) for th in head[0].find_all("th")][1] == ("申请人情况", "7")
    body = table.select("tbody tr")
    assert len(body) == 25
    first = body[0]
    assert first.find("th")["scope"] == "row" and first.find("th")["colspan"] == "3"
    assert [td.get_text() for td in first.find_all("td")] == ["8", "1", "0", "0", "0", "0", "9"]
    # a number cell carries no class of its own (CSS: every td of an xxgk table); a total is marked
    assert [td.get("class") for td in first.find_all("td")] == [None] * 6 + [["xxgk-computed"]]
    group = body[2].find("th")
    assert (group.get_text(), group["rowspan"], group["scope"]) == ("三、本年度办理结果", "22", "rowgroup")
    total = [td.get_text() for td in body[23].find_all("td")]
    assert total == ["7", "1", "0", "0", "0", "0", "8"]


@pytest.mark.sphinx("html", testroot="example")
def test_metadata_block(app: SphinxTestApp) -> None:
    app.build()
    meta = soup(app, "y2021").select_one("table.xxgk-meta")
    cells = [c.get_text() for c in meta.find_all(["th", "td"])]
    assert cells[:4] == ["索引号", "000000000/2022-00001", "主题分类", "政府信息公开年报"]
    assert "发布日期" in cells and "2022-01-20" in cells


@pytest.mark.sphinx("html", testroot="example")
def test_restructuredtext_pages_work_too(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "rst")
    assert "共收到申请 3 件" in page.get_text()
    assert page.select_one("table.xxgk-layout-grid") is not None


@pytest.mark.sphinx("latex", testroot="example")
def test_tables_reach_latex_with_their_spans(app: SphinxTestApp) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxmultirow" in tex and r"\sphinxstartmulticolumn" in tex
    assert "申请人情况" in tex and "结转下年度继续办理" in tex


B1_LINE = (
    "index.md:12: WARNING: “申请”表“自然人”列不满足B-1（本列数据的勾稽关系为：第一项加第二项之和，"
    "等于第三项加第四项之和）：左边 本年新收（8） + 上年结转（1） = 9，"
    "右边 （七）总计（6） + 结转下年（2） = 8，左边应等于右边；请核对这几项数字 [xxgk.balance]"
)


@pytest.mark.sphinx("html", testroot="balance")
def test_b1_violation_is_a_located_warning(app: SphinxTestApp) -> None:
    app.build()
    assert B1_LINE in warnings_of(app)
    assert all(line.endswith("[xxgk.balance]") for line in warnings_of(app))


SUPPRESS_B1 = {"suppress_warnings": ["xxgk.balance", "xxgk.fitness"]}


@pytest.mark.sphinx("html", testroot="balance", confoverrides=SUPPRESS_B1)
def test_b1_warning_can_be_suppressed(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []


@pytest.mark.sphinx("html", testroot="balance", confoverrides={"suppress_warnings": ["xxgk"]})
def test_all_xxgk_warnings_can_be_suppressed(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []


EXPECTED_BAD_INPUT = [
    ("data.md", 10, "key", "“申请”表没有“本年新受”这一行。最接近的是：本年新收"),
    ("data.md", 11, "value", "“申请.上年结转.自然人”不能为负数（-1）"),
    ("data.md", 12, "value", "“申请.予以公开.自然人”应为整数（件数），不能是小数 1.5"),
    ("data.md", 13, "key", "“不予公开”是分组，由其下各项相加得出，请分别填写：国家秘密、"),
    ("data.md", 14, "value", "“十二”是中文数字，请改用阿拉伯数字"),
    ("data.md", 15, "value", "“3件”带有单位或其他文字，请只写数字 3"),
    ("data.md", 16, "balance", "“申请”表“自然人”列不满足B-1"),
    ("data.md", 17, "key", "“法人或其他组织”是分组列"),
    ("data.md", 19, "key", "“复议诉讼.行政复议”按列顺序应有5个数字"),
    ("data.md", 21, "key", "“主动公开表”不是"),
    ("data.md", 26, "duplicate", "“申请.结转下年.自然人”已在第16行填写"),
    ("meta.md", 3, "format", "2019年度报告不能使用 gb2021（国办公开办函〔2021〕30号，适用于2021年度及以后）"),
    ("meta.md", 3, "report", ":published: 应为日期 YYYY-MM-DD"),
    ("noreport.md", 3, "report", "本页缺少 xxgk:report"),
    ("refs.md", 14, "ref", "“申请”表没有“本年新受”这一行"),
    ("refs.md", 14, "ref", "需指明基数"),
    ("refs.md", 14, "ref", "本页数据中没有“复议诉讼”表的数字"),
    ("refs.md", 17, "key", "“申请表”不是"),
    ("syntax.md", 11, "yaml", "数据块无法解析：花括号"),
]


@pytest.mark.sphinx("html", testroot="badinput")
def test_bad_input_gives_located_chinese_warnings(app: SphinxTestApp) -> None:
    app.build()
    lines = warnings_of(app)
    pattern = re.compile(r"^(\S+):(\d+): WARNING: (.*) \[xxgk\.(\w+)\]$")
    parsed = []
    for line in lines:
        match = pattern.match(line)
        assert match, f"not a located xxgk warning: {line}"
        parsed.append((match[1], int(match[2]), match[4], match[3]))
    for file, lineno, subtype, text in EXPECTED_BAD_INPUT:
        assert any((f, n, s) == (file, lineno, subtype) and text in msg for f, n, s, msg in parsed), (
            file,
            lineno,
            subtype,
            text,
        )
    # nothing else was reported (one B-1 line per unbalanced column)
    assert len(parsed) == len(EXPECTED_BAD_INPUT) + 1


@pytest.mark.sphinx("html", testroot="badinput")
def test_bad_references_stay_visible_in_the_page(app: SphinxTestApp) -> None:
    app.build()
    bad = [c.get_text() for c in soup(app, "refs").select("code.xxgk-unresolved")]
    assert (
        bad
        == [
            "{xxgk:val}`申请.本年新受.总计`",
            "{xxgk:pct}`申请.予以公开.总计`",
            "{xxgk:val}`复议诉讼.行政复议.总计`",
        ]
        or len(bad) == 3
    )


@pytest.mark.sphinx("html", testroot="example", parallel=2)
def test_parallel_build_gives_the_same_pages(app: SphinxTestApp, make_app, tmp_path: Path) -> None:
    app.build()
    serial = make_app("html", srcdir=app.srcdir, builddir=tmp_path / "serial")
    serial.build()
    for name in ("y2021", "y2019", "rst"):
        parallel_html = (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")
        serial_html = (Path(serial.outdir) / f"{name}.html").read_text(encoding="utf-8")
        assert parallel_html == serial_html
    # (a second app in one process re-registers directives: compare our warnings only)
    assert [w for w in warnings_of(serial) if "[xxgk" in w] == warnings_of(app) == []


@pytest.mark.sphinx("html", testroot="balance", freshenv=True)
def test_warnings_reappear_when_the_page_is_rewritten(app: SphinxTestApp, make_app) -> None:
    app.build()
    assert B1_LINE in warnings_of(app)
    again = make_app("html", srcdir=app.srcdir, builddir=Path(app.outdir).parent.parent)
    again.build(force_all=True)
    assert B1_LINE in warnings_of(again)
    noop = make_app("html", srcdir=app.srcdir, builddir=Path(app.outdir).parent.parent)
    noop.build()
    assert "0 added, 0 changed, 0 removed" in strip_colors(noop.status.getvalue())
