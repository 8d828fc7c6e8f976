"""``xxgk site join``: the shards' outputs made one published site.

Each shard is already at ``<site>/<shard>/`` (its own pages, search, data files). Joining adds
what spans them, without loading any report into memory:

- ``<site>/index.html``: the province landing page — every shard (地区) with its bodies and
  reports, and the province's aggregates by year;
- ``<site>/search.html``: the province-level search entry — finds bodies by name across all
  shards, and sends a full-text search to the right shard's own search page;
- ``<site>/_data/``: ``index.json|csv`` (every report: body, year, shard, page), ``bodies.json``,
  ``aggregates.csv``; and ``<site>/<shard>/_data/all.parquet``: the shard's figures in one file.

The aggregates are computed by DuckDB from the shards' per-report JSON files (through the
Parquet files, rewritten only for shards built since), not by a Sphinx process.
"""

from __future__ import annotations

import csv
import html
import io
import json
import shutil
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.shards import MAIN
from .pages import conf_values

if TYPE_CHECKING:
    from .site import Plan

# (label, table, rows, column) of the figures summed over the province, per year
AGGREGATES = (
    ("收到申请（件）", "申请", ("本年新收",), "总计"),
    ("予以公开（件）", "申请", ("予以公开",), "总计"),
    ("结转下年（件）", "申请", ("结转下年",), "总计"),
    ("行政复议（件）", "复议诉讼", ("行政复议",), "总计"),
    ("行政诉讼（件）", "复议诉讼", ("直接起诉", "复议后起诉"), "总计"),  # 未经复议直接起诉 + 复议后起诉
)
STATIC = ("basic.css", "alabaster.css", "xxgk.css")


# a report's data file (``core.report_data``, version 2) as one line per cell: DuckDB reads the
# tables' parts, their rows, and each row's values against the part's columns
_CELLS = """
WITH parts AS (
  SELECT body, year, format, unnest(tables) AS t
  FROM read_json($files, columns={body: 'VARCHAR', year: 'INTEGER', format: 'VARCHAR',
       tables: 'STRUCT("table" VARCHAR, columns VARCHAR[], "rows" VARCHAR[][])[]'})
), lines AS (
  SELECT body, year, format, t."table" AS tab, t.columns AS cols, unnest(t."rows") AS r FROM parts
)
SELECT body AS 机构, year AS 年度, format AS 格式, tab AS 表, r[1] AS 行, cols[i] AS 列, r[i + 1] AS 数值
FROM lines, range(1, len(cols) + 1) AS g(i)
"""


def _shard_parquet(duckdb: Any, shard_dir: Path) -> Path | None:
    """``<shard>/_data/all.parquet``: every figure of the shard's reports, one row per cell, from
    the per-report JSON files its index lists; remade only when one of them is newer."""
    data = shard_dir / "_data"
    try:
        listed = json.loads((data / "index.json").read_text(encoding="utf-8"))["reports"]
    except (OSError, ValueError, KeyError):
        return None
    target = data / "all.parquet"
    files = [str(shard_dir / row["json"]) for row in listed if (shard_dir / row["json"]).is_file()]
    if not files:
        target.unlink(missing_ok=True)
        return None
    newest = max(Path(f).stat().st_mtime_ns for f in files)
    if target.is_file() and target.stat().st_mtime_ns >= newest:
        return target
    part = target.with_name("all.parquet.part")
    connection = duckdb.connect()
    try:
        # file names are the pages' (a pull request's): parameters, never SQL text
        connection.execute(
            f"COPY ({_CELLS}) TO $target (FORMAT parquet, COMPRESSION zstd)",
            {"files": files, "target": str(part)},
        )
    finally:
        connection.close()
    part.replace(target)
    return target


def aggregates(parquets: list[Path]) -> list[dict[str, object]]:
    """Per year: reports, bodies and the ``AGGREGATES`` figures summed, by DuckDB."""
    import duckdb

    if not parquets:
        return []
    sums = ", ".join(
        f"sum(TRY_CAST(数值 AS DECIMAL(20, 2))) "
        f"FILTER (WHERE 表 = '{t}' AND 行 IN ({', '.join(map(repr, r))}) AND 列 = '{c}')"
        for _, t, r, c in AGGREGATES
    )
    query = f"SELECT 年度, count(DISTINCT 机构), {sums} FROM read_parquet($files) GROUP BY 年度 ORDER BY 年度"
    connection = duckdb.connect()
    try:
        rows = connection.execute(query, {"files": [str(p) for p in parquets]}).fetchall()
    finally:
        connection.close()
    out = []
    for year, bodies, *values in rows:
        row: dict[str, object] = {"年度": int(year), "机关数": int(bodies)}
        for (label, *_), value in zip(AGGREGATES, values, strict=True):
            row[label] = "" if value is None else f"{value.normalize():f}"
        out.append(row)
    return out


def _page(project: str, title: str, body: str, guide: bool, current: str, scripts: str = "") -> str:
    """A page of the joined site, with the header every page of the site has (``layout.html``)."""
    e = html.escape
    css = "".join(f'<link rel="stylesheet" href="_static/{name}">' for name in STATIC)
    here = ' aria-current="page"'
    links = f'<a href="index.html"{here if current == "index" else ""}>全省首页</a>'
    if guide:
        links += f'<a href="{MAIN}/guide/index.html">编写指南</a>'
    header = (
        '<header class="xxgk-header"><div class="xxgk-header-inner">'
        f'<a class="xxgk-site-name" href="index.html">{e(project)}</a>'
        f'<nav class="xxgk-site-links" aria-label="网站导航">{links}</nav>'
        '<form class="xxgk-search search" role="search" action="search.html" method="get">'
        '<input type="search" name="q" aria-label="搜索机关或报告" placeholder="搜索机关或报告"/>'
        '<button type="submit">搜索</button></form></div></header>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{e(title)}</title>{css}</head>\n<body class="xxgk-province-page">{header}'
        '<div class="document"><div class="documentwrapper"><div class="bodywrapper">'
        f'<div class="body xxgk-province" role="main">{body}</div></div></div></div>{scripts}</body></html>\n'
    )


def _search_form(value: str = "") -> str:
    return (
        '<form class="xxgk-province-search" action="search.html" method="get" role="search">'
        '<label for="q">搜索机关或报告内容</label> '
        f'<input id="q" name="q" type="search" value="{html.escape(value)}" '
        'placeholder="如：机关名称、关键词">'
        ' <button type="submit">搜索</button></form>'
    )


def _shard_titles(plan: Plan, titles: dict[str, str]) -> dict[str, str]:
    """A shard's name for readers: conf.py's ``xxgk_shard_titles``, else its government's name."""
    out = {}
    for name in plan.shards:
        if name in titles:
            out[name] = str(titles[name])
            continue
        bodies = sorted({r.body for r in plan.index.reports.values() if r.shard == name}, key=len)
        governments = [b for b in bodies if "人民政府" in b]
        out[name] = (governments or bodies or [name])[0] if name != MAIN else "其他页面"
    return out


def join(plan: Plan) -> int:
    """Write the joined site's own pages and data (see the module's docstring)."""
    try:
        import duckdb
    except ImportError:
        print("xxgk site join：需要 DuckDB 计算全省汇总数字；请运行 pip install 'xxgk[province]'")
        return 2
    conf = conf_values(plan.root)
    out = plan.out
    built = [name for name in plan.shards if (out / name / "index.html").is_file()]
    missing = [name for name in plan.shards if name not in built]
    if missing:
        print(f"xxgk site join：以下分片还没有构建：{'、'.join(missing)}；请先运行 xxgk site build")
        return 1
    (out / "_static").mkdir(parents=True, exist_ok=True)
    (out / "_data").mkdir(exist_ok=True)
    for name in STATIC:
        for shard in built:
            source = out / shard / "_static" / name
            if source.is_file():
                shutil.copyfile(source, out / "_static" / name)
                break
    parquets = [p for p in (_shard_parquet(duckdb, out / s) for s in built) if p is not None]
    by_year = aggregates(parquets)
    titles = _shard_titles(plan, dict(conf.get("xxgk_shard_titles", {})))
    reports = sorted(plan.index.reports.values(), key=lambda r: (r.shard, r.body, r.year))
    bodies: dict[str, dict[str, object]] = {}
    per_shard: dict[str, set[str]] = defaultdict(set)
    for report in reports:
        per_shard[report.shard].add(report.body)
        bodies[report.body] = {
            "body": report.body,
            "shard": report.shard,
            "region": titles.get(report.shard, report.shard),
            "year": report.year,
            "url": report.url,
        }
    _write(out / "_data" / "bodies.json", json.dumps(list(bodies.values()), ensure_ascii=False, indent=0))
    _write(out / "_data" / "index.json", plan.index.to_json())
    _write(
        out / "_data" / "index.csv",
        _csv(
            ["机构", "年度", "分片", "格式", "页面"],
            [[r.body, r.year, r.shard, r.format, r.url] for r in reports],
        ),
    )
    labels = ["年度", "机关数", *(label for label, *_ in AGGREGATES)]
    _write(out / "_data" / "aggregates.csv", _csv(labels, [[row[k] for k in labels] for row in by_year]))
    project = str(conf.get("project") or "全省报告")
    guide = (out / MAIN / "guide" / "index.html").is_file()
    _write(out / "index.html", _landing(project, plan, titles, per_shard, by_year, labels, guide))
    _write(out / "search.html", _search_page(project, plan, titles, guide))
    shutil.copyfile(Path(__file__).parent / "province.js", out / "_static" / "xxgk-province.js")
    print(
        f"已合成网站 {out}：{len(built)} 个分片，{len(bodies)} 个机关，{len(reports)} 份报告；"
        f"全省汇总 {len(by_year)} 个年度（DuckDB，{len(parquets)} 个分片数据文件）"
    )
    return 0


def _write(path: Path, text: str) -> None:
    """Rewritten only when it changed (a web server's caches stay valid)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.write_text(text, encoding="utf-8")


def _csv(head: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(head)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def _landing(
    project: str,
    plan: Plan,
    titles: dict[str, str],
    per_shard: dict[str, set[str]],
    by_year: list[dict[str, object]],
    labels: list[str],
    guide: bool,
) -> str:
    e = html.escape
    counts: dict[str, int] = defaultdict(int)
    for report in plan.index.reports.values():
        counts[report.shard] += 1
    total_bodies = sum(len(b) for b in per_shard.values())
    listed = [name for name in plan.shards if counts.get(name, 0) or name != MAIN]
    parts = [
        f"<h1>{e(project)}</h1>",
        f"<p>本站收录 {total_bodies} 个机关的 {len(plan.index.reports)} 份年度报告，按地区分为 "
        f"{len(listed)} 个部分，每个部分有自己的报告列表和全文搜索。</p>",
        "<h2>全省汇总</h2>",
        "<p>下表由各报告页内的统计数据汇总（合计各机关的数字），各报告的数据文件见"
        '<a href="_data/index.csv">报告清单</a>，汇总数字另见'
        ' <a href="_data/aggregates.csv">aggregates.csv</a>。</p>',
        '<div class="xxgk-frame" role="region" tabindex="0" aria-label="全省汇总"><table class="docutils">',
        "<thead><tr>"
        + "".join(f'<th scope="col">{e(label)}</th>' for label in labels)
        + "</tr></thead><tbody>",
        *(
            "<tr>" + "".join(f"<td>{e(str(row[label]))}</td>" for label in labels) + "</tr>"
            for row in by_year
        ),
        "</tbody></table></div>",
        "<h2>各地区</h2>",
        '<ul class="xxgk-regions">',
        *(
            f'<li><a href="{e(name)}/index.html">{e(titles[name])}</a>'
            f"（{len(per_shard.get(name, ()))} 个机关，{counts.get(name, 0)} 份报告）</li>"
            for name in listed
        ),
        "</ul>",
    ]
    return _page(project, project, "\n".join(parts), guide, "index")


def _search_page(project: str, plan: Plan, titles: dict[str, str], guide: bool) -> str:
    e = html.escape
    shards = "".join(
        f'<li><a data-shard="{e(name)}" href="{e(name)}/search.html">在“{e(titles[name])}”中全文搜索</a></li>'
        for name in plan.shards
    )
    body = (
        f"<h1>搜索</h1>{_search_form()}"
        '<div id="xxgk-province-results" aria-live="polite"></div>'
        "<h2>全文搜索</h2><p>报告全文按地区分别检索：</p>"
        f'<ul class="xxgk-shard-search">{shards}</ul>'
    )
    script = '<script src="_static/xxgk-province.js" defer></script>'
    return _page(project, f"搜索 - {project}", body, guide, "search", script)
