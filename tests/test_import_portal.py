"""``xxgk import`` on what staff actually have: a portal page saved as .html (its three
official tables with merged cells, its 索引号 block, print buttons and footer), scraped text
whose title begins with the year, and a page whose body or year cannot be found (refused)."""

from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path

import pytest
from xxgk.core.formats import format_for_year
from xxgk.core.layout import table_grid
from xxgk.core.parse import parse_data_block
from xxgk.core.report import evaluate, lookup, parse_meta

from .conftest import ROOT, xxgk

HUAIAN = (ROOT / "reports" / "huaian-szf" / "2024.md").read_text(encoding="utf-8")
DATA = re.search(r"```\{xxgk:data\}\n(.*?)\n```", HUAIAN, re.S).group(1)  # type: ignore[union-attr]
SECTIONS = format_for_year(2024).sections


def figures():
    meta, _ = parse_meta({"body": "示例区人民政府", "year": "2024"}, 1)
    assert meta is not None
    return evaluate(meta, parse_data_block(DATA, 1).entries)


def portal_table(grid) -> str:
    """A table as portals publish it: td only, text in <p><span>, spans as attributes."""
    rows = []
    for cells in grid.rows:
        tds = []
        for cell in cells:
            spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            text = f"<p><span>{escape(cell.text)}&nbsp;</span></p>"
            tds.append(f'<td{spans} style="border:1px solid">{text}</td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return '<table border="1" cellspacing="0"><tbody>' + "\n".join(rows) + "</tbody></table>"


def portal_page() -> str:
    ev = figures()
    tables = {t.id: portal_table(table_grid(t, ev.figures)) for t in ev.format.tables}
    body = []
    for number, section in enumerate(SECTIONS):
        body.append(f"<p><strong>{section}</strong></p>")
        body.append(f"<p>　　本区{section[2:]}的情况如下，第{number + 1}部分。</p>")
        table = {1: "主动公开", 2: "申请", 3: "复议诉讼"}.get(number)
        if table:
            body.append(tables[table])
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报_示例区政府网</title>
<script>var tracker = 1;</script><style>p {{ margin: 0 }}</style></head><body>
<header><div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div></header>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<table class="meta"><tr><td>索引号：</td><td>11340000-2/2025-00021</td>
<td>主题分类：</td><td>政府信息公开年报</td></tr>
<tr><td>发布机构：</td><td>示例区人民政府办公室</td><td>发文日期：</td><td>2025-01-18</td></tr></table>
<div class="article"><h1>示例区人民政府2024年政府信息公开<br>工作年度报告</h1>
<div class="info">发布时间：2025-01-20 10:00:00 来源：示例区人民政府办公室 浏览次数：<span>321</span>
【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
{"".join(body)}
<p style="text-align:right">示例区人民政府办公室</p></div>
<div class="tools">【打印本页】 【关闭窗口】</div><div>扫一扫在手机打开当前页</div>
<footer>版权所有：示例区人民政府 网站标识码：3400000001 皖ICP备00000000号</footer></body></html>"""


def test_a_saved_portal_page_with_the_three_tables_imports_to_a_clean_page(tmp_path: Path) -> None:
    project = tmp_path / "site"
    (project / "reports" / "sample").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "roots" / "test-balance" / "conf.py", project / "conf.py")
    conf = project / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('suppress_warnings = ["xxgk.fitness"]', ""))
    (project / "index.md").write_text("# 报告\n\n```{toctree}\n:glob:\nreports/*/*\n```\n", encoding="utf-8")
    source = tmp_path / "年报.html"
    source.write_text(portal_page(), encoding="utf-8")
    page = project / "reports" / "sample" / "2024.md"
    result = xxgk("import", str(source), "-o", str(page), cwd=project)
    assert result.returncode == 0, result.stderr
    text = page.read_text(encoding="utf-8")
    assert ":body: 示例区人民政府\n:year: 2024" in text
    assert ":published: 2025-01-20" in text  # 发布时间, before 发文日期
    assert ":index-no: 11340000-2/2025-00021" in text and ":publisher: 示例区人民政府办公室" in text
    for clutter in ("浏览次数", "打印本页", "扫一扫", "版权所有", "当前位置", "tracker"):
        assert clutter not in text, clutter
    assert "删除网页上的栏目文字" in result.stderr  # listed, not dropped silently
    # every cell of the three tables equals the HTML's
    imported = re.search(r"```\{xxgk:data\}\n(.*?)\n```", text, re.S)
    assert imported is not None
    meta, _ = parse_meta({"body": "示例区人民政府", "year": "2024"}, 1)
    assert meta is not None
    ev, source_ev = evaluate(meta, parse_data_block(imported.group(1), 1).entries), figures()
    cells = [(t.id, r, c) for t in source_ev.format.tables for r, c in t.cells()]
    assert len(cells) > 150
    for table, row, col in cells:
        path = f"{table}.{row}.{col}"
        assert lookup(ev, path) == lookup(source_ev, path), path
    check = xxgk("check", "--no-cache", cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_title_that_begins_with_the_year(tmp_path: Path) -> None:
    source = tmp_path / "2018.txt"
    source.write_text(
        "2018年某某镇政府信息公开工作年度报告\n发布日期：2019-03-20\n一、概述\n2018年，本镇主动公开信息20条。\n",
        encoding="utf-8",
    )
    result = xxgk("import", str(source), cwd=tmp_path)
    assert ":body: 某某镇\n:year: 2018" in result.stdout
    assert ":published: 2019-03-20" in result.stdout and "发布日期" not in result.stdout


def test_a_page_without_body_or_year_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "无标题.txt"
    source.write_text("一、总体情况\n本年度共收到申请3件。\n", encoding="utf-8")
    target = tmp_path / "out.md"
    result = xxgk("import", str(source), "-o", str(target), cwd=tmp_path)
    assert result.returncode == 1 and not target.exists()
    assert "未导入——标题中找不到机构名称、年度" in result.stderr


# The heads of real published reports as their portals show them (search excerpts, shortened
# after the first section): the title where it stands, the publication date where it is given.
HEADS = ROOT / "tests" / "fixtures" / "portal_heads"
REAL_HEADS = {
    # http://kanqiu123.com/public/6608171/6554521.html (六安市, a hijacked copy of the portal page)
    "liuan.txt": ("六安市", 2015, {"published": "2016-03-25"}),
    # https://suqian.gov.cn/cnsq/gknb/201503/0f235d56ca894d5d9a95a53676d05733.shtml
    "suqian.txt": (
        "宿迁市政府办公室",
        2014,
        {
            "index-no": "014320144/2015-00056",
            "publisher": "宿迁市人民政府办公室",
            "topic": "政府信息公开年报",
        },
    ),
    # http://www.fzja.gov.cn/xjwz/zwgk/zfxxgk/zfxxgknb/201707/t20170721_1341809.htm
    "jinan.txt": ("福州市晋安区", 2016, {"published": "2017-01-12"}),
    # http://www.121josh.com/hbgovinfo/zwgk/szfxxgkndbg/201903/t20190304_253709.html (武汉市)
    "wuhan.txt": ("武汉市", 2018, {"published": "2019-03-04"}),
}


@pytest.mark.parametrize("name", sorted(REAL_HEADS))
def test_real_portal_heads_give_body_year_and_publication(name: str) -> None:
    from xxgk.cli.importer import import_report

    body, year, meta = REAL_HEADS[name]
    result = import_report((HEADS / name).read_text(encoding="utf-8"))
    assert (result.body, result.year) == (body, year)
    for option, value in meta.items():
        assert f":{option}: {value}\n" in result.text
    for clutter in ("浏览次数", "字号", "来源:", "信息来源", "文件下载"):
        assert clutter not in result.text.split("```", 2)[-1], clutter  # not in the body


def word_report(path: Path) -> None:
    """A report as staff write it in Word (python-docx): title, sections, and the three
    official tables with their merged header cells, laid out as the format lays them out."""
    from docx import Document
    from xxgk.core.placement import place

    ev = figures()
    doc = Document()
    doc.add_paragraph("示例区人民政府2024年政府信息公开工作年度报告")
    for number, section in enumerate(SECTIONS):
        doc.add_paragraph(section)
        doc.add_paragraph(f"本区{section[2:]}的情况如下，第{number + 1}部分。")
        table_id = {1: "主动公开", 2: "申请", 3: "复议诉讼"}.get(number)
        if table_id is None:
            continue
        grid = table_grid(ev.format.table(table_id), ev.figures)  # type: ignore[arg-type]
        placed = place(grid.rows, lambda c: (c.rowspan, c.colspan))
        table = doc.add_table(rows=len(grid.rows), cols=grid.ncols)
        for p in placed:
            cell = table.cell(p.row, p.col)
            if p.rowspan > 1 or p.colspan > 1:
                cell = cell.merge(table.cell(p.row + p.rowspan - 1, p.col + p.colspan - 1))
            cell.text = p.item.text
    doc.save(str(path))


def test_a_word_report_imports_with_every_cell_of_its_tables(tmp_path: Path) -> None:
    source = tmp_path / "年报.docx"
    word_report(source)
    page = tmp_path / "2024.md"
    result = xxgk("import", str(source), "-o", str(page), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = page.read_text(encoding="utf-8")
    assert ":body: 示例区人民政府\n:year: 2024" in text
    imported = re.search(r"```\{xxgk:data\}\n(.*?)\n```", text, re.S)
    assert imported is not None
    meta, _ = parse_meta({"body": "示例区人民政府", "year": "2024"}, 1)
    assert meta is not None
    ev, source_ev = evaluate(meta, parse_data_block(imported.group(1), 1).entries), figures()
    assert ev.findings == []
    for table in source_ev.format.tables:
        for row, col in table.cells():
            path = f"{table.id}.{row}.{col}"
            assert lookup(ev, path) == lookup(source_ev, path), path


def test_a_hostile_saved_page_is_read_quickly_or_refused(tmp_path: Path) -> None:
    """Spans that claim a million positions, thousands of nested elements, no title: each page
    takes under a few seconds and says what it left out, never runs out of memory."""
    import time

    from xxgk.cli.html_import import read_html

    bomb = "<table>" + "<tr><td rowspan='1000' colspan='300'>x</td></tr>" * 4000 + "</table>"
    deep = "<div>" * 5000 + "正文" + "</div>" * 5000
    for page in (bomb, deep, "<html><body><p>" + "字" * 200_000 + "</p></body></html>"):
        start = time.monotonic()
        _, sheets, _ = read_html(page.encode())
        assert time.monotonic() - start < 20  # a guard against a hanging import, not a speed figure
        assert not sheets or all(len(s.cells) < 100_000 for s in sheets)
    assert "过大" in read_html(bomb.encode())[2][0]
    source = tmp_path / "x.html"
    source.write_text(deep, encoding="utf-8")
    result = xxgk("import", str(source), "-o", str(tmp_path / "x.md"), cwd=tmp_path)
    assert result.returncode == 1 and not (tmp_path / "x.md").exists()  # no title: refused
