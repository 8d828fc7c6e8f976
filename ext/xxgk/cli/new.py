"""Next year's report page (``xxgk new``): every section and table, last year's carry-overs filled in.

Nothing here imports Sphinx.
"""

from __future__ import annotations

from decimal import Decimal

from ..core.compute import cell_value
from ..core.formats import Format, Table, format_for_year
from ..core.report import Evaluated
from ..core.wording import fmt_number
from ..reading.page_source import PageSource

GUIDANCE = {
    "一": "对本机关贯彻落实《条例》情况进行综述，包括主动公开、依申请公开、政府信息管理、"
    "政府信息公开平台建设、监督保障（含工作考核、社会评议和责任追究结果情况）等方面。",
    "五": "如实说明本年度存在的主要问题，并逐项说明上一年度报告所列问题的改进情况。",
    "六": "说明依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，"
    "以及本年度政务公开工作要点落实情况等其他需要报告的事项。",
}
TABLE_OF_SECTION = {"二": "主动公开", "三": "申请", "四": "复议诉讼"}


def _prefill(table: Table, prev: Evaluated | None) -> dict[tuple[str, str], Decimal]:
    """Cells of the new year known from last year's report (carry-over, stock)."""
    values: dict[tuple[str, str], Decimal] = {}
    if prev is None or not prev.figures.has_table(table.id):
        return values
    prev_table = prev.format.table(table.id)
    if prev_table is None:
        return values
    if table.id == "申请":
        for col in table.leaf_columns():
            if not col.computed:
                value = cell_value(prev.figures, prev_table, "结转下年", col.id)
                if value is not None:
                    values[("上年结转", col.id)] = value
    if table.id == "主动公开" and prev.format.id == "gb2021" and table.row("规章") is not None:
        for row in ("规章", "行政规范性文件"):
            value = cell_value(prev.figures, prev_table, row, "现行有效件数")
            if value is not None:
                values[(row, "现行有效件数")] = value
    if table.id == "主动公开" and prev.format.id == "gb2019" and table.column("上一年项目数量") is not None:
        for row in ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费"):
            before = cell_value(prev.figures, prev_table, row, "上一年项目数量")
            change = cell_value(prev.figures, prev_table, row, "本年增减")
            if before is not None and change is not None:
                values[(row, "上一年项目数量")] = before + change
    return values


def _data_block(fmt: Format, prev: Evaluated | None) -> list[str]:
    lines = ["```{xxgk:data}"]
    for table in fmt.tables:
        known = _prefill(table, prev)
        lines.append(f"{table.id}:")
        if table.layout == "blocks":
            for block in table.blocks:
                names = "、".join(c.id for c in block.columns)
                lines.append(f"  # {block.caption}：{names}")
                for row in block.rows:
                    values = [fmt_number(known.get((row.id, c.id), Decimal(0))) for c in block.columns]
                    text = values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"
                    lines.append(f"  {row.id}: {text}")
            continue
        columns = [c for c in table.leaf_columns() if not c.computed]
        if table.omitted == "blank":  # legacy tables: fill what the year's records hold, delete the rest
            lines.append("  # 每行一个数字（单位见行名后）；原表没有的行请删除，不要填0")
            for row in table.leaf_rows():
                values = ", ".join("~" for _ in columns)
                lines.append(f"  {row.id}: {values if len(columns) == 1 else f'[{values}]'}  # {row.unit}")
            continue
        lines.append("  # 按列顺序：" + "、".join(c.id for c in columns) + "（总计由系统计算）")
        for row in table.leaf_rows():
            if row.computed:
                continue
            values = [fmt_number(known.get((row.id, c.id), Decimal(0))) for c in columns]
            lines.append(f"  {row.id}: [{', '.join(values)}]")
    lines.append("```")
    return lines


def _last_year_problems(source: PageSource | None) -> list[str]:
    """Paragraphs under last year's section 五 (its problems and planned improvements)."""
    if source is None:
        return []
    heads = [(line, text) for level, text, line in source.headings if level == 2]
    start = next((line for line, text in heads if text.startswith("五")), None)
    if start is None:
        return []
    end = next((line for line, text in heads if line > start), 10**9)
    return [text for text, line in source.paragraphs if start < line < end]


def new_report(
    body: str,
    year: int,
    prev: Evaluated | None = None,
    prev_source: PageSource | None = None,
    prev_link: str = "",
) -> str:
    """The MyST text of ``body``'s report for ``year``."""
    fmt = format_for_year(year)
    if fmt is None:
        raise ValueError(f"{year}年度没有统一的年报格式")
    out = [
        f"# {body}{year}年政府信息公开工作年度报告",
        "",
        "```{xxgk:report}",
        f":body: {body}",
        f":year: {year}",
        f":format: {fmt.id}",
        ":published:",
        ":index-no:",
        ":topic: 政府信息公开年报",
        "```",
        "",
        *_data_block(fmt, prev),
        "",
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制。"
        f"报告所列数据统计期限自{year}年1月1日至{year}年12月31日。",
        "",
    ]
    if not fmt.sections:  # before 2019: the 2007 条例's items as suggested headings, tables appended
        for heading in fmt.suggested_sections:
            out += [f"## {heading}", "", "% 撰写说明（不会显示）：请按本年度实际情况填写。", ""]
        for table in fmt.tables:
            out += [f"## 附：{table.title}", "", f"```{{xxgk:table}} {table.id}", "```", ""]
    for heading in fmt.sections:
        number = heading[0]
        out += [f"## {heading.split('  #')[0].strip()}", ""]
        if number in GUIDANCE:
            out += [f"% 撰写说明（不会显示）：{GUIDANCE[number]}", ""]
        if number in TABLE_OF_SECTION:
            out += [f"```{{xxgk:table}} {TABLE_OF_SECTION[number]}", "```", ""]
        if number == "三":
            out += [
                "全年共收到政府信息公开申请{xxgk:val}`申请.本年新收.总计`件，"
                "较上年{xxgk:delta}`申请.本年新收.总计`；上年结转{xxgk:val}`申请.上年结转.总计`件。",
                "",
            ]
        if number == "五":
            problems = _last_year_problems(prev_source)
            if problems:
                where = f"（见{prev_link}）" if prev_link else ""
                out += [f"% 上一年度报告{where}所列问题及改进措施，请逐项说明改进情况（本段不会显示）："]
                out += [f"%   {i}. {text}" for i, text in enumerate(problems, start=1)]
                out += [""]
    return "\n".join(out).rstrip() + "\n"
