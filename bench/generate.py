"""Generate a province of fictional reports, as xxgk pages and as two plain MyST twins.

Bodies at three levels, in folders by 市 (the unit a sharded site builds apart):

    reports/sheng/<body>/<year>.md     the province government and its departments
    reports/cNN/<body>/<year>.md       a city: its government, departments, counties, and
                                       the counties' departments and 乡镇/街道

Each body has the last 1–7 years of 2019–2025 (most bodies all seven; gb2019 tables for
2019–2020, gb2021 from 2021), with consistent carry-overs and stock chains across years and
formats, ~3,000 characters of prose with figures, a link to its superior's report of the same
year (across folders for a city's government) and a trend on its last report. ``faults`` reports
carry a wrong 上年结转 (one ``xxgk.carry`` warning each), as real trees do.

Three variants of the same pages (``VARIANTS``):

- ``xxgk``: ``xxgk:report``, ``xxgk:data``, ``xxgk:table``, roles in prose, ``xxgk:trend``;
- ``plain``: no xxgk, every figure literal, and the same official tables with the same cells
  (the grid xxgk lays out, merged cells merged) as reST grid tables in MyST's ``eval-rst``:
  docutils tables, the way a site without xxgk would write the official format;
- ``floor``: the plain pages without any table: the cost of prose and headings alone.

Deterministic. Usage: python bench/generate.py N OUTDIR [--variants xxgk plain floor] [--faults K]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ext"))

from xxgk.core.layout import Grid, table_grid
from xxgk.core.model import ReportMeta
from xxgk.core.parse import parse_data_block
from xxgk.core.report import evaluate

VARIANTS = ("xxgk", "plain", "floor")
FIRST_YEAR, LAST_YEAR = 2019, 2025
COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
RESULTS = {  # the result rows a generated report fills, per format
    "gb2019": ["予以公开", "部分公开", "不掌握", "重复申请", "其他处理"],
    "gb2021": ["予以公开", "部分公开", "不掌握", "重复申请", "逾期不补正", "其他处理其他"],
}
PHRASES = [
    "坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》",
    "进一步健全政府信息公开工作机制，完善主动公开目录，规范依申请公开办理流程",
    "加强政策解读和回应关切，围绕群众关心的热点问题及时发布权威信息",
    "强化政府信息管理，落实公开属性源头认定和保密审查机制",
    "优化政府网站政务公开专栏设置，提升政务新媒体的更新频率和互动水平",
    "开展业务培训和检查评估，推动政务公开工作人员能力不断提高",
]
DEPARTMENTS = [
    "发展和改革委员会",
    "教育局",
    "科学技术局",
    "工业和信息化局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "林业局",
    "信访局",
    "行政审批服务局",
    "城市管理局",
    "数据局",
    "国有资产监督管理委员会",
]
CONF = """extensions = {extensions}
language = "zh_CN"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "*.json"]
html_theme = "alabaster"
html_sidebars = {{"**": ["searchbox.html"]}}
html_search_options = {{"dict": ""}}
html_copy_source = False
suppress_warnings = ["xxgk.fitness", "xxgk.late"]
"""
SECTIONS = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
]


@dataclass
class Body:
    slug: str  # reports/<slug>/<year>.md
    name: str
    superior: Body | None
    years: list[int] = field(default_factory=list)

    @property
    def shard(self) -> str:
        return self.slug.split("/")[0]


def province_bodies(rng: random.Random, wanted: int, small: bool = False) -> list[Body]:
    """Bodies in the tree's order (province, then city by city) until ``wanted`` reports;
    ``small``: two departments a level, one county of two 乡镇 a city (for tests)."""
    departments = DEPARTMENTS[:2] if small else DEPARTMENTS
    counties, towns = (1, 2) if small else (7, 12)
    bodies: list[Body] = []
    count = 0

    def add(slug: str, name: str, superior: Body | None) -> Body:
        nonlocal count
        span = 7 if rng.random() < 0.55 else rng.randint(1, 6)
        span = min(span, wanted - count)
        body = Body(slug, name, superior, list(range(LAST_YEAR - span + 1, LAST_YEAR + 1)))
        count += span
        if span:
            bodies.append(body)
        return body

    province = add("sheng/zf", "示例省人民政府（虚构）", None)
    extra = [] if small else ["外事办公室", "体育局", "粮食和物资储备局", "地方金融管理局"]
    for d, dept in enumerate([*departments, *extra]):
        if count < wanted:
            add(f"sheng/d{d:02d}", f"示例省{dept.replace('局', '厅')}（虚构）", province)
    city_no = 0
    while count < wanted:
        city_no += 1
        shard = f"c{city_no:02d}"
        city = add(f"{shard}/zf", f"示例{city_no}市人民政府（虚构）", province)
        for d, dept in enumerate(departments):
            if count < wanted:
                add(f"{shard}/d{d:02d}", f"示例{city_no}市{dept}（虚构）", city)
        for k in range(1, counties + 1):
            if count >= wanted:
                break
            county = add(f"{shard}/k{k}zf", f"示例{city_no}市{k}县人民政府（虚构）", city)
            for d, dept in enumerate(departments[:20]):
                if count < wanted:
                    add(f"{shard}/k{k}d{d:02d}", f"示例{city_no}市{k}县{dept}（虚构）", county)
            for t in range(1, towns + 1):
                if count < wanted:
                    kind = "镇人民政府" if t % 3 else "街道办事处"
                    add(f"{shard}/k{k}t{t:02d}", f"示例{city_no}市{k}县{t}{kind}（虚构）", county)
    return bodies


def format_of(year: int) -> str:
    return "gb2019" if year < 2021 else "gb2021"


def application_table(rng: random.Random, carry: list[int], fmt: str) -> dict[str, list[int]]:
    """A balanced Table B: 本年新收 + 上年结转 = results + 结转下年, per column."""
    new = [rng.randint(5, 60)] + [rng.randint(0, 6) for _ in COLUMNS[1:]]
    table: dict[str, list[int]] = {"本年新收": new, "上年结转": list(carry)}
    results = {r: [0] * len(COLUMNS) for r in RESULTS[fmt]}
    forward = [0] * len(COLUMNS)
    for c in range(len(COLUMNS)):
        total = new[c] + carry[c]
        forward[c] = rng.randint(0, min(3, total))
        rest = total - forward[c]
        for r in RESULTS[fmt][:-1]:
            share = rng.randint(0, rest)
            results[r][c] = share
            rest -= share
        results[RESULTS[fmt][-1]][c] = rest
    table.update(results)
    table["结转下年"] = forward
    return table


# two-character words of the phrases: sentences drawn from them differ page by page, as real
# reports' do (the copy checks stay on and find only what a generated page really copies)
WORDS = sorted({phrase[i : i + 2] for phrase in PHRASES for i in range(0, len(phrase) - 1, 2)} - {"，"})


def prose(rng: random.Random, size: int = 3000) -> list[str]:
    paragraphs, text = [], ""
    while len("".join(paragraphs)) < size:
        clauses = ["".join(rng.choices(WORDS, k=rng.randint(5, 11))) for _ in range(rng.randint(2, 4))]
        text += "，".join(clauses) + "。"
        if len(text) > 300:
            paragraphs.append(text)
            text = ""
    return paragraphs


def _row(values: list[int]) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


@dataclass
class Chains:
    """What a body's next year continues: carry-over, stock of rules, item counts (gb2019)."""

    carry: list[int]
    stock: int
    items: dict[str, int]


def data_block(rng: random.Random, year: int, chains: Chains, table: dict[str, list[int]]) -> list[str]:
    made = rng.randint(0, 5)
    repealed = rng.randint(0, min(3, chains.stock + made))  # never more than are in force
    chains.stock += made - repealed
    if format_of(year) == "gb2019":
        lines = ["主动公开:", "  规章: [0, 0, 0]", f"  规范性文件: [{made}, {made}, {chains.stock}]"]
        for row in ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费"):
            change = rng.randint(-2, 3)
            before = chains.items[row]
            chains.items[row] = max(0, before + change)
            change = chains.items[row] - before
            if row == "行政事业性收费":
                lines.append(f"  {row}: [{before}, {change}]")
            else:
                lines.append(f"  {row}: [{before}, {change}, {rng.randint(0, 200)}]")
        lines.append(f"  政府集中采购: [{rng.randint(0, 20)}, {rng.randint(0, 900)}]")
    else:
        lines = [
            "主动公开:",
            "  规章: [0, 0, 0]",
            f"  行政规范性文件: [{made}, {repealed}, {chains.stock}]",
            f"  行政许可: {rng.randint(0, 300)}",
            f"  行政处罚: {rng.randint(0, 90)}",
            f"  行政强制: {rng.randint(0, 9)}",
            f"  行政事业性收费: {rng.randint(0, 30)}.5",
        ]
    lines += ["申请:", *(f"  {row}: {_row(values)}" for row, values in table.items())]
    lines += ["复议诉讼:", f"  行政复议: [{rng.randint(0, 3)}, 0, 0, 0]"]
    return ["```{xxgk:data}", *lines, "```"]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def grid_rst(grid: Grid) -> list[str]:
    """A layout grid as a reST grid table: the same cells as xxgk's, merged cells merged
    (docutils reads wide characters as two columns)."""
    owner: dict[tuple[int, int], int] = {}  # position -> cell number
    cells: list[tuple[int, int, int, int, str]] = []  # row, col, rowspan, colspan, text
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            while (r, c) in owner:
                c += 1
            number = len(cells)
            cells.append((r, c, cell.rowspan, cell.colspan, cell.text.replace("|", "/") or " "))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    owner[(r + dr, c + dc)] = number
            c += cell.colspan
    nrows, ncols = len(grid.rows), grid.ncols
    widths = [3] * ncols
    for _, c, _, colspan, text in sorted(cells, key=lambda cell: cell[3]):
        need = _width(text) + 2
        have = sum(widths[c : c + colspan]) + colspan - 1
        if need > have:
            widths[c + colspan - 1] += need - have
    edges = [0]
    for w in widths:
        edges.append(edges[-1] + w + 1)

    def differs(r1: int, c1: int, r2: int, c2: int) -> bool:
        first, second = owner.get((r1, c1)), owner.get((r2, c2))
        return first is None or second is None or first != second

    def border(r: int) -> str:  # the line above row r (r == nrows: the bottom)
        fill = "=" if r == grid.header_rows and 0 < r < nrows else "-"
        line = []
        for c in range(ncols + 1):
            h = [differs(r - 1, cc, r, cc) for cc in (c - 1, c) if 0 <= cc < ncols]
            v = [differs(rr, c - 1, rr, c) for rr in (r - 1, r) if 0 <= rr < nrows]
            line.append("+" if any(h) and any(v) else fill if any(h) else "|" if any(v) else " ")
            if c < ncols:
                line.append((fill if differs(r - 1, c, r, c) else " ") * widths[c])
        return "".join(line)

    lines = []
    for r in range(nrows):
        lines.append(border(r))
        parts = []
        for c in range(ncols + 1):
            parts.append("|" if differs(r, c - 1, r, c) else " ")
            if c < ncols:
                parts.append(" " * widths[c])
        row = "".join(parts)
        for number in sorted({owner[(r, c)] for c in range(ncols)}, key=lambda n: -cells[n][1]):
            top, col, _, _, label = cells[number]
            if top == r:  # right to left: a wide character shortens the line, not what precedes it
                start = edges[col] + 2
                row = row[:start] + label + row[start + _width(label) :]
        lines.append(row)
    lines.append(border(nrows))
    return lines


def plain_tables(meta: ReportMeta, data: list[str]) -> tuple[dict[str, list[str]], int]:
    """The official tables as xxgk lays them out (figures computed), as grid tables; and the
    number of cells (the same in both)."""
    block = parse_data_block("\n".join(data[1:-1]), 2)
    ev = evaluate(meta, block.entries)
    out: dict[str, list[str]] = {}
    cells = 0
    for table in ev.format.tables:
        grid = table_grid(table, ev.figures)
        cells += sum(len(row) for row in grid.rows)
        out[table.id] = ["```{eval-rst}", *grid_rst(grid), "```"]
    return out, cells


@dataclass
class Page:
    head: list[str]
    report: list[str]
    data: list[str]
    sections: list[tuple[str, str]]
    xxgk_figures: str
    plain_figures: str
    tables: dict[str, list[str]]
    superior: str = ""


def write_page(out: Path, variants: tuple[str, ...], docname: str, page: Page) -> None:
    for variant in variants:
        lines = [*page.head]
        if variant == "xxgk":
            lines += [*page.report, *page.data, ""]
        for i, (heading, text) in enumerate(page.sections):
            lines += [heading, "", text, ""]
            if i == 0:
                lines += [page.xxgk_figures if variant == "xxgk" else page.plain_figures, ""]
                if page.superior and variant == "xxgk":
                    lines += [f"上级机关同年度报告见{{xxgk:ref}}`{page.superior}`。", ""]
            table_id = {1: "主动公开", 2: "申请", 3: "复议诉讼"}.get(i)
            if table_id and variant == "xxgk":
                lines += [f"```{{xxgk:table}} {table_id}", "```", ""]
            elif table_id and variant == "plain":
                lines += [*page.tables[table_id], ""]
        path = out / variant / f"{docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines), encoding="utf-8")


def generate(
    n: int,
    out: Path,
    variants: tuple[str, ...] = VARIANTS,
    faults: int = 0,
    seed: int = 20261128,
    small: bool = False,
) -> dict[str, object]:
    """Write ``n`` reports under ``out/<variant>``; returns a summary (bodies, shards, cells)."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for variant in variants:
        (out / variant / "reports").mkdir(parents=True)
        extensions = '["myst_parser", "sphinx_design"' + (', "xxgk"]' if variant == "xxgk" else "]")
        conf = CONF.format(extensions=extensions)
        if variant == "xxgk":  # a province: `xxgk site build` builds each folder apart
            conf += 'xxgk_shards = "reports/*"\n'
        (out / variant / "conf.py").write_text(conf, encoding="utf-8")
    bodies = province_bodies(rng, n, small)
    fault_every = max(1, n // faults) if faults else 0
    count, cells, faulty = 0, 0, []
    for body in bodies:
        chains = Chains(
            [0] * len(COLUMNS),
            rng.randint(10, 40),
            {
                r: rng.randint(5, 60)
                for r in ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费")
            },
        )
        history: list[tuple[int, int, int]] = []
        for year in body.years:
            fmt = format_of(year)
            carry = list(chains.carry)
            count += 1
            if fault_every and count % fault_every == 0 and history:
                carry[0] += 1  # the carry-over typed wrong: xxgk.carry
                faulty.append(f"reports/{body.slug}/{year}")
            table = application_table(rng, carry, fmt)
            meta = ReportMeta(body=body.name, year=year, format=fmt)
            data = data_block(rng, year, chains, table)
            tables, page_cells = plain_tables(meta, data)
            cells += page_cells
            new_total, disclosed = sum(table["本年新收"]), sum(table["予以公开"])
            total = sum(sum(v) for k, v in table.items() if k in RESULTS[fmt])
            prev = history[-1] if history else None
            if prev is None:
                change = "暂无可比数据"
            elif new_total == prev[1]:
                change = "持平"
            else:
                change = f"{'增加' if new_total > prev[1] else '减少'}{abs(new_total - prev[1])}件"
            paragraphs = prose(rng)
            page = Page(
                head=[f"# {body.name}{year}年政府信息公开工作年度报告", ""],
                report=["```{xxgk:report}", f":body: {body.name}", f":year: {year}", "```", ""],
                data=data,
                sections=[
                    (f"## {number}、{title}", paragraphs[i % len(paragraphs)])
                    for i, (number, title) in enumerate(zip("一二三四五六", SECTIONS, strict=True))
                ],
                xxgk_figures=(
                    "全年共收到政府信息公开申请{xxgk:val}`申请.本年新收.总计`件，较上年{xxgk:delta}`申请.本年新收.总计`；"
                    "予以公开{xxgk:val}`申请.予以公开.总计`件，占{xxgk:pct}`申请.予以公开.总计/申请.总计.总计`。"
                ),
                plain_figures=(
                    f"全年共收到政府信息公开申请{new_total}件，较上年{change}；"
                    f"予以公开{disclosed}件，占{disclosed * 100 / total if total else 0:.1f}%。"
                ),
                tables=tables,
                superior=(
                    f"{body.superior.name}{year}年度报告 <@{body.superior.name}/{year}>"
                    if body.superior and year in body.superior.years
                    else ""
                ),
            )
            write_page(out, variants, f"reports/{body.slug}/{year}", page)
            history.append((year, new_total, disclosed))
            chains.carry = table["结转下年"]
        _write_trend(out, variants, body, history)
    for variant in variants:
        lines = [
            "# 基准测试省（虚构数据）",
            "",
            *(["```{xxgk:reports}", ":path: reports/", "```", ""] if variant == "xxgk" else []),
            "```{toctree}",
            ":hidden:",
            ":glob:",
            "",
            "reports/*/*/*",
            "```",
            "",
        ]
        (out / variant / "index.md").write_text("\n".join(lines), encoding="utf-8")
    summary = {
        "reports": count,
        "bodies": len(bodies),
        "shards": len({b.shard for b in bodies}),
        "cells_per_report": round(cells / max(count, 1), 1),
        "faults": faulty,
    }
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return summary


def _write_trend(
    out: Path, variants: tuple[str, ...], body: Body, history: list[tuple[int, int, int]]
) -> None:
    """The body's last report also shows every year: xxgk reads them all, the twins list them."""
    if not history:
        return
    last = f"reports/{body.slug}/{history[-1][0]}.md"
    trend = [
        "## 历年情况",
        "",
        "```{xxgk:trend} 申请.本年新收.总计 申请.予以公开.总计",
        ":title: 历年申请情况",
        "```",
        "",
    ]
    table = ["## 历年情况", "", "| 年度 | 收到申请 | 予以公开 |", "|---|---:|---:|"]
    table += [f"| {y}年 | {n} | {d} |" for y, n, d in history] + [""]
    for variant in variants:
        text = trend if variant == "xxgk" else table if variant == "plain" else table[:2]
        with (out / variant / last).open("a", encoding="utf-8") as handle:
            handle.write("\n" + "\n".join(text))


def main() -> None:
    parser = argparse.ArgumentParser(description="生成虚构的一省年度报告（基准测试用）")
    parser.add_argument("n", type=int, help="报告份数")
    parser.add_argument("out", type=Path)
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS)
    parser.add_argument("--faults", type=int, default=0, help="上年结转填错的报告份数")
    parser.add_argument("--small", action="store_true", help="每级两个部门、每市一个县（测试用的小省）")
    args = parser.parse_args()
    summary = generate(args.n, args.out, tuple(args.variants), args.faults, small=args.small)
    print(json.dumps({k: v for k, v in summary.items() if k != "faults"}, ensure_ascii=False))


if __name__ == "__main__":
    main()
