"""A legacy report as scraped from a website → a MyST page (``xxgk import``).

Steps, each reported in the summary: 繁体→简体 (OpenCC), pinyin annotations
such as 報(bào)告 removed, GBK byte-shift mojibake of "（一）" headings repaired,
headings and numbered lists recognised, and figure lists ("“机构设置”信息1条，
占总体百分比为1.8%") turned into a breakdown data block. The wording is kept:
stated percentages stay in the prose, where the checks can compare them with
the computed ones. Nothing here imports Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PINYIN = re.compile(
    r"\((?=[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüɑ]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüɑ]+\)"
)
_CN = "一二三四五六七八九十"
_HEADING1 = re.compile(rf"^([{_CN}]+)、(.+)$")
_HEADING2 = re.compile(rf"^（([{_CN}]+)）(.+)$")
_ITEM = re.compile(r"^(\d+)、(.+)$")
_FIGURE = re.compile(r"“([^”]+)”(?:信息)?\s*(\d+)\s*条")
_TOTAL = re.compile(r"(?:主动公开|公开)(?:政府)?信息\s*(\d+)\s*条")
_TITLE = re.compile(r"^(.+?)(\d{4})年度?(?:政府信息公开)")


@dataclass
class Imported:
    text: str
    body: str = ""
    year: int | None = None
    notes: list[str] = field(default_factory=list)  # what was changed
    unplaced: list[str] = field(default_factory=list)  # what could not be placed


def to_simplified(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("t2s").convert(text))


def _numeral(ch: str) -> str | None:
    """The numeral of "（N）" whose first GBK byte hides in the 2nd garbled char ("ㄒ" → 一)."""
    try:
        second = ch.encode("gbk")[1:]
    except UnicodeEncodeError:
        return None
    for numeral in _CN:
        if numeral.encode("gbk")[:1] == second:
            return numeral
    return None


LOST = "〔乱码，请对照原件补正〕"


def _repair_shifted(line: str) -> tuple[str, bool] | None:
    """Undo a one-byte GBK shift at the start of a heading ("。ㄒ唬┌盐罩攸c" → "（一）把握重點").

    The garbled run (up to the first ASCII comma) is re-encoded and decoded one
    byte later; when bytes were lost on the way (characters outside GBK), only
    the numeral can be recovered and the rest is marked for the author.
    Returns the line and whether anything was lost.
    """
    numeral = _numeral(line[1]) if len(line) > 1 else None
    if numeral is None:
        return None
    end = line.find(",") if "," in line else len(line)
    raw = line[:end].encode("gb18030", errors="ignore")[1:]
    decoded = raw.decode("gb18030", errors="replace")
    match = re.match(rf"（{numeral}）([\u4e00-\u9fff]+)$", decoded)
    if match:
        return f"（{numeral}）{match.group(1)}{line[end:]}", False
    return f"（{numeral}）{LOST}{line[end:]}", True


def _clean(text: str, notes: list[str], unplaced: list[str]) -> list[str]:
    """Pinyin out, byte-shifted headings repaired (on the original text), then 繁→简."""
    count = len(_PINYIN.findall(text))
    text = _PINYIN.sub("", text)
    if count:
        notes.append(f"删除拼音注音{count}处，如“報(bào)告”")
    lines: list[str] = []
    repaired = 0
    for raw in text.splitlines():
        line = re.sub(r"\s+", " ", raw).strip()
        if not line:
            continue
        if line.startswith("。") and not line.startswith("。、"):
            fixed = _repair_shifted(line)
            if fixed is None:
                unplaced.append(f"乱码未能修复：{line[:20]}")
            else:
                if fixed[1]:
                    unplaced.append(
                        f"乱码标题“{line[:12]}”修复为“{fixed[0]}”，部分文字在乱码中丢失，请对照原件补正"
                    )
                line, repaired = fixed[0], repaired + 1
        lines.append(line)
    if repaired:
        notes.append(f"修复乱码标题{repaired}处（GBK 字节错位，如“。ㄒ唬”→“（一）”）")
    simplified = [to_simplified(line) for line in lines]
    if simplified != lines:
        notes.append("繁体字已转换为简体字（OpenCC t2s）")
    return simplified


def _punctuate(line: str) -> str:
    """Half-width punctuation between Chinese characters → full-width."""
    line = re.sub(r"(?<=[\u4e00-\u9fff”》）〕])\s*,\s*", "，", line)
    line = re.sub(r"(?<=[\u4e00-\u9fff”》）])\s*:\s*", "：", line)
    line = re.sub(r"(?<=[\u4e00-\u9fff%])\s*;\s*", "；", line)
    line = re.sub(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)", r"（\1）", line)
    line = re.sub(r"(\d)\.\s+(\d)", r"\1.\2", line)  # "1. 8 %" → "1.8 %"
    return re.sub(r"(\d)\s+%", r"\1%", line)


def import_report(text: str) -> Imported:
    notes: list[str] = []
    unplaced: list[str] = []
    lines = _clean(text, notes, unplaced)
    if not lines:
        return Imported("", notes=notes, unplaced=["文件为空"])
    title = lines[0]
    match = _TITLE.match(title)
    body, year = (match.group(1), int(match.group(2))) if match else ("", None)
    if not match:
        unplaced.append(f"标题中找不到机构和年度：{title}")
    out = [f"# {title}", ""]
    if body and year:
        out += ["```{xxgk:report}", f":body: {body}", f":year: {year}", "```", ""]
    figures: list[tuple[str, int]] = []
    last_item = 0
    for raw in lines[1:]:
        line = _punctuate(raw)
        if line.startswith("。、"):  # a list number lost to the byte shift: the next in sequence
            if last_item:
                line = f"{last_item + 1}、{line[2:]}"
                notes.append(f"乱码序号“。、”按上下文恢复为“{last_item + 1}、”")
            else:
                unplaced.append(f"乱码序号无法恢复：{raw[:20]}")
        if _HEADING1.match(line):
            out += [f"## {line}", ""]
            last_item = 0
            continue
        if _HEADING2.match(line) and len(line) <= 30:
            out += [f"### {line}", ""]
            last_item = 0
            continue
        if item := _ITEM.match(line):
            last_item = int(item.group(1))
        found = _FIGURE.findall(line)
        if len(found) >= 3:
            figures += [(name, int(count)) for name, count in found]
            stated_total = _TOTAL.search(line)
            if stated_total and int(stated_total.group(1)) != sum(c for _, c in figures):
                unplaced.append(
                    f"列出的各类条数之和 {sum(c for _, c in figures)} 与所述总数 {stated_total.group(1)} 不符"
                )
        out += [line, ""]
    if figures:
        block = ["```{xxgk:data}", "分类:", "  主动公开信息:"]
        block += [f"    {name}: {count}" for name, count in figures]
        block += ["```", "", "```{xxgk:table} 分类.主动公开信息", ":unit: 条", "```", ""]
        insert_at = out.index("") + 1 if not (body and year) else out.index("```", 3) + 2
        out[insert_at:insert_at] = block
        notes.append(f"识别出分类统计{len(figures)}项，合计{sum(c for _, c in figures)}条，已写入数据块")
    return Imported("\n".join(out).rstrip() + "\n", body, year, notes, unplaced)
