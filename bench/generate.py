"""Generate N synthetic reports twice: as xxgk pages, and as the same pages in plain MyST.

Fictional bodies (示例单位N（基准测试）) × consecutive years from 2021, gb2021 tables with
consistent carry-overs and stock chains, ~3,000 characters of prose with figures, and one
trend page per body. The plain twin writes every figure literally (pipe tables, numbers in
prose) with no xxgk directive: the baseline cost of the stack itself. Deterministic.

Usage: python bench/generate.py N OUTDIR   (writes OUTDIR/xxgk and OUTDIR/plain)
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
RESULTS = ["予以公开", "部分公开", "不掌握", "重复申请", "逾期不补正", "其他处理其他"]
PHRASES = [
    "坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》",
    "进一步健全政府信息公开工作机制，完善主动公开目录，规范依申请公开办理流程",
    "加强政策解读和回应关切，围绕群众关心的热点问题及时发布权威信息",
    "强化政府信息管理，落实公开属性源头认定和保密审查机制",
    "优化政府网站政务公开专栏设置，提升政务新媒体的更新频率和互动水平",
    "开展业务培训和检查评估，推动政务公开工作人员能力不断提高",
]
CONF = """extensions = {extensions}
language = "zh_CN"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_sidebars = {{"**": ["searchbox.html"]}}
html_search_options = {{"dict": ""}}
suppress_warnings = ["xxgk.fitness", "xxgk.copy", "xxgk.late"]
"""


def body_name(b: int) -> str:
    return f"示例单位{b:03d}（基准测试）"


def figures(rng: random.Random, carry: list[int]) -> dict[str, list[int]]:
    """A balanced Table B: 本年新收 + 上年结转 = results + 结转下年, per column."""
    new = [rng.randint(5, 60)] + [rng.randint(0, 6) for _ in COLUMNS[1:]]
    table: dict[str, list[int]] = {"本年新收": new, "上年结转": carry}
    results = {r: [0] * len(COLUMNS) for r in RESULTS}
    forward = [0] * len(COLUMNS)
    for c in range(len(COLUMNS)):
        total = new[c] + carry[c]
        forward[c] = rng.randint(0, min(3, total))
        rest = total - forward[c]
        for r in RESULTS[:-1]:
            share = rng.randint(0, rest)
            results[r][c] = share
            rest -= share
        results[RESULTS[-1]][c] = rest
    table.update(results)
    table["结转下年"] = forward
    return table


def prose(rng: random.Random, size: int = 3000) -> list[str]:
    paragraphs, text = [], ""
    while len("".join(paragraphs)) < size:
        text += rng.choice(PHRASES) + "，" + rng.choice(PHRASES) + "。"
        if len(text) > 300:
            paragraphs.append(text)
            text = ""
    return paragraphs


def generate(n: int, out: Path) -> None:
    rng = random.Random(20261128)
    bodies = max(1, round(n**0.5 / 2))
    years_per_body = -(-n // bodies)
    if out.exists():
        shutil.rmtree(out)
    for kind in ("xxgk", "plain"):
        (out / kind / "reports").mkdir(parents=True)
        extensions = (
            '["myst_parser", "sphinx_design", "xxgk"]'
            if kind == "xxgk"
            else '["myst_parser", "sphinx_design"]'
        )
        (out / kind / "conf.py").write_text(CONF.format(extensions=extensions), encoding="utf-8")
    count = 0
    index_entries = []
    for b in range(bodies):
        carry = [0] * len(COLUMNS)
        stock = rng.randint(10, 40)
        history: list[tuple[int, int, int]] = []
        for i in range(years_per_body):
            if count >= n:
                break
            year = 2021 + i
            table = figures(rng, carry)
            made, repealed = rng.randint(0, 5), rng.randint(0, 3)
            stock = stock + made - repealed
            docname = f"reports/b{b:03d}/{year}"
            _write_pair(out, docname, body_name(b), year, table, (made, repealed, stock), prose(rng), history)
            history.append((year, sum(table["本年新收"]), sum(table["予以公开"])))
            index_entries.append(docname)
            carry = table["结转下年"]
            count += 1
        _write_trend(out, b, history)
    for kind in ("xxgk", "plain"):
        lines = [
            "# 基准测试站点（虚构数据）",
            "",
            "```{toctree}",
            ":maxdepth: 1",
            "",
            *index_entries,
            "```",
            "",
        ]
        (out / kind / "index.md").write_text("\n".join(lines), encoding="utf-8")


def _row(values: list[int]) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def _write_pair(
    out: Path,
    docname: str,
    body: str,
    year: int,
    table: dict[str, list[int]],
    stock: tuple[int, int, int],
    paragraphs: list[str],
    history: list[tuple[int, int, int]],
) -> None:
    made, repealed, current = stock
    new_total, disclosed = sum(table["本年新收"]), sum(table["予以公开"])
    prev = history[-1] if history else None
    data = [
        "```{xxgk:data}",
        "主动公开:",
        "  规章: [0, 0, 0]",
        f"  行政规范性文件: [{made}, {repealed}, {current}]",
        "  行政许可: 120",
        "  行政处罚: 35",
        "  行政强制: 4",
        "  行政事业性收费: 1.5",
        "申请:",
        *(f"  {row}: {_row(values)}" for row, values in table.items()),
        "复议诉讼:",
        "  行政复议: [1, 0, 0, 0]",
        "```",
    ]
    head = [f"# {body}{year}年政府信息公开工作年度报告", ""]
    report = ["```{xxgk:report}", f":body: {body}", f":year: {year}", "```", ""]
    xxgk_figures = (
        "全年共收到政府信息公开申请{xxgk:val}`申请.本年新收.总计`件，较上年{xxgk:delta}`申请.本年新收.总计`；"
        "予以公开{xxgk:val}`申请.予以公开.总计`件，占{xxgk:pct}`申请.予以公开.总计/申请.总计.总计`。"
    )
    if prev is None:
        change = "暂无可比数据"
    elif new_total == prev[1]:
        change = "持平"
    else:
        word = "增加" if new_total > prev[1] else "减少"
        change = f"{word}{abs(new_total - prev[1])}件"
    total = sum(sum(v) for k, v in table.items() if k in RESULTS)
    plain_figures = (
        f"全年共收到政府信息公开申请{new_total}件，较上年{change}；"
        f"予以公开{disclosed}件，占{disclosed * 100 / total if total else 0:.1f}%。"
    )
    sections = []
    for number, title in zip(
        "一二三四五六",
        [
            "总体情况",
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况",
            "存在的主要问题及改进情况",
            "其他需要报告的事项",
        ],
        strict=True,
    ):
        sections.append((f"## {number}、{title}", paragraphs[len(sections) % len(paragraphs)]))
    xxgk_body, plain_body = [], []
    for i, (heading, text) in enumerate(sections):
        xxgk_body += [heading, "", text, ""]
        plain_body += [heading, "", text, ""]
        if i == 0:
            xxgk_body += [xxgk_figures, ""]
            plain_body += [plain_figures, ""]
        if i == 1:
            xxgk_body += ["```{xxgk:table} 主动公开", "```", ""]
            plain_body += [
                "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
                "|---|---:|---:|---:|",
                "| 规章 | 0 | 0 | 0 |",
                f"| 行政规范性文件 | {made} | {repealed} | {current} |",
                "| 行政许可 | 120 | | |",
                "| 行政处罚 | 35 | | |",
                "| 行政强制 | 4 | | |",
                "| 行政事业性收费 | 1.5 | | |",
                "",
            ]
        if i == 2:
            xxgk_body += ["```{xxgk:table} 申请", "```", ""]
            plain_body += ["| 项目 | " + " | ".join([*COLUMNS, "总计"]) + " |", "|---|" + "---:|" * 7]
            plain_body += [
                f"| {row} | " + " | ".join(str(v) for v in [*values, sum(values)]) + " |"
                for row, values in table.items()
            ]
            plain_body += [""]
        if i == 3:
            xxgk_body += ["```{xxgk:table} 复议诉讼", "```", ""]
            plain_body += [
                "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
                "|---:|---:|---:|---:|---:|",
                "| 1 | 0 | 0 | 0 | 1 |",
                "",
            ]
    (out / "xxgk" / f"{docname}.md").parent.mkdir(parents=True, exist_ok=True)
    (out / "plain" / f"{docname}.md").parent.mkdir(parents=True, exist_ok=True)
    (out / "xxgk" / f"{docname}.md").write_text(
        "\n".join([*head, *report, *data, "", *xxgk_body]), encoding="utf-8"
    )
    (out / "plain" / f"{docname}.md").write_text("\n".join([*head, *plain_body]), encoding="utf-8")


def _write_trend(out: Path, b: int, history: list[tuple[int, int, int]]) -> None:
    """The body's last report also shows every year: xxgk reads them all, the plain twin lists them."""
    if not history:
        return
    last = f"reports/b{b:03d}/{history[-1][0]}.md"
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
    with (out / "xxgk" / last).open("a", encoding="utf-8") as handle:
        handle.write("\n" + "\n".join(trend))
    with (out / "plain" / last).open("a", encoding="utf-8") as handle:
        handle.write("\n" + "\n".join(table))


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
