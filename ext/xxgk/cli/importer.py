"""A report as scraped from a website, or as text extracted from its PDF → a MyST page (``xxgk import``).

Steps, each reported in the summary: 繁体→简体 (OpenCC), pinyin annotations
such as 報(bào)告 removed, GBK byte-shift mojibake of "（一）" headings repaired,
headings and numbered lists recognised, and figure lists ("“机构设置”信息1条，
占总体百分比为1.8%") turned into a breakdown data block. Reports before 2019:
lines of an attached 《政府信息公开情况统计表》 ("22 （一）收到申请数 件 9") become
the legacy table's data (2014–2018); without a table, the key figures the prose
states ("共收到政府信息公开申请5件", the same phrasings the checks read) go into
the free-form 要点 table. The wording is kept: stated figures stay in the prose,
where the checks compare them with the data. Text extracted from a PDF (``pdf_text``)
gets its paragraphs rebuilt first, and from 2019 on the three national tables' figures
become data. Nothing here imports Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.formats import Node, Table, format_for_year, load_format, normalize_key, walk
from ..core.wording import CN_NUMERALS
from . import pdf_text

_PINYIN = re.compile(
    r"\((?=[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüɑ]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüɑ]+\)"
)
_CN = CN_NUMERALS
_HEADING1 = re.compile(rf"^([{_CN}]+)、(.+)$")
_HEADING2 = re.compile(rf"^（([{_CN}]+)）(.+)$")
_ITEM = re.compile(r"^(\d+)、(.+)$")
_FIGURE = re.compile(r"“([^”]+)”(?:信息)?\s*(\d+)\s*条")
_TOTAL = re.compile(r"(?:主动公开|公开)(?:政府)?信息\s*(\d+)\s*条")
_TITLE = re.compile(r"^(.+?)(\d{4})年度?(?:政府信息公开)")
# "2018年某某镇政府信息公开工作年度报告": the year first
_TITLE_YEAR_FIRST = re.compile(
    r"^((?:19|20)\d{2})年度?(.{2,40}?)(?:政府信息公开|信息公开)(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)"
)
_RUN_IN = re.compile(rf"^(（[{_CN}]+）[^。，；：]{{2,20}}。)(?=\S)")


@dataclass
class Imported:
    text: str
    body: str = ""
    year: int | None = None
    notes: list[str] = field(default_factory=list)  # what was changed
    unplaced: list[str] = field(default_factory=list)  # what could not be placed
    figures: dict[str, str] = field(default_factory=dict)  # recognised figures: name → value
    paragraphs: int = 0  # paragraphs kept as prose
    format: str = ""  # the format the page declares ("" = the year's default)


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


_UNITS = "条|件|次|篇|个|人次|人|万元|元"
_TABLE_LINE = re.compile(
    rf"^(?:\d{{1,3}}[\s|｜]+)?(?P<label>[^\s|｜].*?)[\s|｜]+(?:(?P<unit>{_UNITS})[\s|｜]*)?"
    r"(?P<value>\d+(?:\.\d+)?)[\s|｜]*$"
)


class _LegacyTable:
    """Lines of a scraped 统计表 matched to the rows of ``legacy2014`` in table order."""

    def __init__(self) -> None:
        self.table: Table = load_format("legacy2014").tables[0]
        self.rows = self.table.leaf_rows()
        self.last = -1
        self.found: dict[str, tuple[Node, str]] = {}
        self.started = False

    def match(self, line: str) -> bool:
        """Is the line part of the table (header, heading row or a row with its figure)?"""
        cells = [c for c in re.split(r"[\s|｜]+", line.strip()) if c]
        if "统计指标" in cells and "统计数" in cells:
            self.started = True
            return True
        if self.started and cells and cells[-1] in ("—", "-", "－"):
            label = normalize_key(" ".join(c for c in cells[:-1] if not c.isdigit()))
            if any(label == normalize_key(h.label) for h in walk(self.table.rows) if h.heading):
                return True
        m = _TABLE_LINE.match(line.strip().strip("|｜").strip())
        if not m:
            return False
        key = normalize_key(m.group("label"))
        candidates = [i for i, row in enumerate(self.rows) if key in row.names()]
        if not candidates:
            return False
        # a label printed twice in the table ("（二）被依法纠错数") is the next one in order
        index = next((i for i in candidates if i > self.last), candidates[0])
        row = self.rows[index]
        if row.id in self.found:
            return False
        self.last = index
        self.started = True
        self.found[row.id] = (row, m.group("value"))
        return True


def _key_figure_row(template: str) -> str | None:
    """The 要点 row that holds what a prose phrasing states (its value names a concept), if any."""
    from ..core.concepts import find_concept

    concept = find_concept(template) if "." not in template else None
    free = load_format("free")
    table = free.tables[0].id
    paths = concept.paths(free) if concept else ()
    return next((p.split(".")[1] for p in paths if p.startswith(f"{table}.")), None)


def _prose_figures(lines: list[str]) -> dict[str, tuple[str, str]]:
    """Key figures stated in prose, by the checks' own phrasings (formats/prose.yaml):
    row id of the free-form 要点 table → (value, the words that state it)."""
    from ..core.page_checks import phrasings, squeeze

    found: dict[str, tuple[str, str]] = {}
    for entry in phrasings():
        rows = {group: row for group, t in entry.get("values", {}).items() if (row := _key_figure_row(t))}
        for line in lines if rows else ():
            for match in entry["regex"].finditer(squeeze(line)):
                for group, row in rows.items():
                    if match.group(group) and row not in found:
                        found[row] = (match.group(group), match.group(0))
    return found


def _year_hint(lines: list[str]) -> int | None:
    """The report year as the first lines (the title) state it."""
    for line in [line for line in lines if line.strip()][:8]:
        if match := re.search(r"(\d{4})\s*年", line):
            return int(match.group(1))
    return None


# -- what a saved portal page carries around the report ------------------------------------

_SEP = r"[\s:：|｜]*"  # between a field's name and its value: a colon, a table cell's edge
_DATE = r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
# publication data, best first for each option of xxgk:report ("发布日期" before "成文日期")
_META: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("published", re.compile(rf"(?:发布|公开)(?:时间|日期){_SEP}{_DATE}")),
    ("published", re.compile(rf"(?:发文|成文|印发)日期{_SEP}{_DATE}")),
    ("published", re.compile(rf"(?:^|\s)(?:日期|时间)\s*[:：|]{_SEP}{_DATE}")),
    ("index-no", re.compile(rf"索\s*引\s*号{_SEP}([0-9A-Za-z][0-9A-Za-z/\-_.·（）()]{{3,60}})")),
    ("publisher", re.compile(rf"(?:发布机构|发文机关|发布单位|公开主体){_SEP}([^\s|｜:：]{{2,40}})")),
    ("topic", re.compile(rf"(?:主题分类|组配分类|信息分类|(?:^|\s)分\s*类){_SEP}([^\s|｜:：]{{2,20}})")),
)
_FIELD = re.compile(
    r"(?:索\s*引\s*号|发布机构|发文机关|发布单位|公开主体|主题分类|组配分类|信息分类|分\s*类|名\s*称|标\s*题|"
    r"发布时间|发布日期|"
    r"公开时间|公开日期|发文日期|成文日期|印发日期|日期|时间|文\s*号|发文字号|关键词|主题词|信息名称|"
    r"公开方式|公开范围|公开形式|时效|有效性|内容概述|作者|来源|信息来源|字号|字体|浏览次数|点击数|点击量|"
    r"阅读次数|访问次数|访问量|发布人|责任编辑|编辑)\s*[:：|]"
)
_FIELD_VALUE = re.compile(_FIELD.pattern + r"[\s|｜]*[^|｜\s]{0,40}")
_CLUTTER = re.compile(
    r"[【\[]?(?:打印本页|打印|关闭窗口|关闭本页|关闭|收藏本页|收藏|分享到|分享|返回顶部|返回|我要纠错|纠错|"
    r"扫一扫[^\s|]{0,12}|在手机上查看[^\s|]{0,8}|大|中|小|默认|A\+|A-|字号)[】\]]?"
)
_FOOTER = re.compile(
    r"版权所有|主办单位|主办[:：]|承办[:：]|网站标识码|ICP\s*备|备案号|公网安备|技术支持|联系我们|网站地图|"
    r"Copyright|©|当前位置|您的位置|首页\s*[>›»]"
)
_ATTACHMENT = re.compile(r"^(?:(?:相关)?附件(?:下载)?|文件下载)\s*[:：|｜]")
TABLE_TEXT_KEPT = "表格的文字原样保留"  # what the importer says of a table it could not read
META_LINE = re.compile(r"索\s*引\s*号|发布机构|发文机关|主题分类|组配分类|发文日期|成文日期|发布日期")


def _portal_line(line: str) -> bool:
    """Whether a line is the portal's, not the report's: its publication fields with their
    values, print and share buttons, view counts, breadcrumbs and footer (nothing else left)."""
    if len(line) > 120:
        return False
    if _FOOTER.search(line) and len(line) <= 80:
        return True
    if _FIELD.search(line):
        rest = _CLUTTER.sub("", _FIELD_VALUE.sub("", line))
        return len(re.sub(r"[\s|｜:：0-9A-Za-z\-/._·]+", "", rest)) <= 6
    stripped = _CLUTTER.sub("", line).strip(" |｜　")
    return stripped == "" and line.strip() != ""


def portal_lines(lines: list[str], notes: list[str], unplaced: list[str]) -> tuple[list[str], dict[str, str]]:
    """The report's lines without the portal's, and the publication data read from them
    (``xxgk:report`` options). Every dropped line is listed; attachments are named."""
    meta: dict[str, str] = {}
    ranks: dict[str, int] = {}
    kept: list[str] = []
    dropped: list[str] = []
    for original in lines:
        line = to_simplified(original.strip()) if original.strip() else ""  # kept as it was
        for rank, (name, pattern) in enumerate(_META):
            match = pattern.search(line)
            if match and _portal_line(line) and rank < ranks.get(name, len(_META)):
                found = match.groups()
                date = len(found) == 3
                meta[name] = f"{found[0]}-{int(found[1]):02d}-{int(found[2]):02d}" if date else found[0]
                ranks[name] = rank  # "发布日期" wins over "成文日期" wherever each stands
        if _ATTACHMENT.match(line):
            unplaced.append(f"附件未导入：{line[:60]}（请另行上传附件，并在正文中链接）")
        elif _portal_line(line):
            dropped.append(line)
        else:
            kept.append(original)
    if dropped:
        shown = "；".join(d[:30] for d in dropped[:6]) + ("等" if len(dropped) > 6 else "")
        notes.append(f"删除网页上的栏目文字{len(dropped)}行（发布信息、打印分享、点击数、页脚等）：{shown}")
    if meta:
        words = {"published": "发布日期", "index-no": "索引号", "publisher": "发布机构", "topic": "主题分类"}
        notes.append(
            "从网页读出" + "、".join(f"{words[k]}“{v}”" for k, v in meta.items()) + "，已写入 xxgk:report"
        )
    return kept, meta


def _from_pdf(text: str, notes: list[str]) -> tuple[str, bool]:
    """Text extracted from a PDF, with its paragraphs rebuilt (table lines left as they are),
    and whether it was such text."""
    raw = text.splitlines()
    if not pdf_text.is_wrapped(raw):
        return text, False
    year = _year_hint(raw)
    fmt = format_for_year(year) if year is not None and year >= 2019 else None
    sections = pdf_text.table_sections(fmt) if fmt is not None else {}
    lines, dropped = pdf_text.unwrap(raw, tuple(sections), pdf_text.section_names(fmt))
    notes.append(
        f"按从 PDF 提取的文字处理：折行合并为段落，删除页码{dropped}处，删除中文与数字之间多余的空格"
    )
    return "\n".join(lines), True


def _title_parts(title: str) -> tuple[str, int] | None:
    """(body, year) a title names, in either order."""
    if match := _TITLE.match(title):
        return match.group(1), int(match.group(2))
    match = _TITLE_YEAR_FIRST.match(title)
    # "2024年政府信息公开工作年度报告" names no body (its body is on the line before)
    if match and not re.match(r"(?:19|20)\d{2}年度?(?:政府)?信息公开", title):
        return match.group(2), int(match.group(1))
    return None


TITLE_SEARCH = 40  # lines: a saved portal page's navigation comes before the report's title


def _title(lines: list[str], unplaced: list[str]) -> tuple[str, int]:
    """The title (a PDF may break it over two or three lines) and how many lines it took."""
    for size in (1, 2, 3):  # a whole line before lines joined ("政府信息公开" over the title)
        for start in range(min(TITLE_SEARCH, len(lines))):
            if any("|" in line for line in lines[start : start + size]):
                continue  # a row of the portal's 索引号 table naming the report
            candidate = pdf_text.despace("".join(lines[start : start + size]))
            if _title_parts(candidate) is not None and len(candidate) <= 60:
                if start:
                    unplaced.append(f"标题前的文字未导入：{'；'.join(lines[:start])[:80]}")
                return candidate, start + size
    return lines[0], 1


def _national_tables(
    lines: list[str],
    sections: dict[str, Table],
    names: tuple[str, ...],
    result: Imported,
) -> tuple[list[str], dict[int, str], set[int]]:
    """Data-block lines of the national tables printed under their sections, the line
    after which each table goes (index → table id), and the table lines to leave out."""
    data: list[str] = []
    placed: dict[int, str] = {}
    consumed: set[int] = set()
    regions: dict[int, tuple[Table, list[int]]] = {}  # heading line → its table and lines
    current: list[int] | None = None
    for i, line in enumerate(lines):
        top = _HEADING1.match(line)
        if top and any(name in top.group(2) for name in names):  # a section of the format
            table = next((t for section, t in sections.items() if section in top.group(2)), None)
            current = None
            if table is not None:
                current = []
                regions[i] = (table, current)
        elif current is not None:
            current.append(i)  # the table's own "一、本年新收…" rows included
    for start, (table, indexes) in regions.items():
        prose = {i for i in indexes if lines[i].endswith("。")}  # sentences, not a table's cells
        read = pdf_text.read_table(table, [lines[i] for i in indexes if i not in prose])
        if read.problem:
            result.unplaced.append(f"{read.problem}，未能导入，{TABLE_TEXT_KEPT}，请对照原件填写数据块")
            continue
        data += [f"{table.id}:", *read.lines]
        placed[start] = table.id
        consumed |= set(indexes) - prose
        result.figures.update({f"{table.id}.{row}.{col}": value for (row, col), value in read.values.items()})
        result.notes.append(
            f"识别出“{table.id}”表{read.count}个数字，已写入数据块（原表的表头和行名不再作为正文）"
        )
    return data, placed, consumed


def _after_report(out: list[str], block: list[str]) -> None:
    """Put ``block`` right after the page's ``xxgk:report`` (after the title if it has none)."""
    at = out.index("```", out.index("```{xxgk:report}") + 1) + 2 if "```{xxgk:report}" in out else 2
    out[at:at] = block


def _header(
    lines: list[str], unplaced: list[str], meta: dict[str, str]
) -> tuple[list[str], str, int | None, int]:
    """The page's title and ``xxgk:report`` lines, the body and year the title names, and how
    many lines the title took."""
    title, used = _title(lines, unplaced)
    parts = _title_parts(title)
    body, year = parts if parts else ("", None)
    if not parts:
        unplaced.append(f"标题中找不到机构和年度：{title}")
    out = [f"# {title}", ""]
    if body and year:
        options = [f":{name}: {value}" for name, value in meta.items()]
        out += ["```{xxgk:report}", f":body: {body}", f":year: {year}", *options, "```", ""]
    return out, body, year, used


# what a line of MyST may open with that would make it markup rather than text: a comment, a
# fence, a directive, front matter or a block break, a target, a role, HTML, math
_MARKUP_START = re.compile(r"^(?:%|`{3,}|~{3,}|:{3,}|-{3,}|\+{3,}|\(.*\)=|\{|<|\$\$|\.\. )")


def _as_text(line: str) -> str:
    """A paragraph taken from a file, written so that MyST shows it as the text it is."""
    return "\\" + line if _MARKUP_START.match(line) else line


@dataclass
class _Body:
    """The report's text turned into headings and paragraphs, with what it found on the way:
    the 2014 statistics table's rows and a list of category counts."""

    year: int | None
    wrapped: bool
    notes: list[str]
    unplaced: list[str]
    out: list[str] = field(default_factory=list)
    figures: list[tuple[str, int]] = field(default_factory=list)
    legacy: _LegacyTable = field(default_factory=_LegacyTable)
    prose: list[str] = field(default_factory=list)
    last_item: int = 0

    def read(self, lines: list[str], placed: dict[int, str], consumed: set[int]) -> None:
        for index, raw in enumerate(lines):
            if index in consumed:
                continue
            if index in placed:
                self.out += [f"## {raw}", "", f"```{{xxgk:table}} {placed[index]}", "```", ""]
            elif not (self.year is not None and self.year < 2019 and self.legacy.match(raw)):
                self._line(raw)

    def _line(self, raw: str) -> None:
        line = _punctuate(pdf_text.despace(raw) if self.wrapped else raw)
        if line.startswith("。、"):  # a list number lost to the byte shift: the next in sequence
            if self.last_item:
                line = f"{self.last_item + 1}、{line[2:]}"
                self.notes.append(f"乱码序号“。、”按上下文恢复为“{self.last_item + 1}、”")
            else:
                self.unplaced.append(f"乱码序号无法恢复：{raw[:20]}")
        if _HEADING1.match(line) or (_HEADING2.match(line) and len(line) <= 30):
            self.out += [f"{'##' if _HEADING1.match(line) else '###'} {line}", ""]
            self.last_item = 0
            return
        run_in = _RUN_IN.match(line)
        if run_in:  # "（一）主动公开情况。2024年，…": the heading runs into its paragraph
            line = f"**{run_in.group(1)}** {line[run_in.end() :]}"
        if item := _ITEM.match(line):
            self.last_item = int(item.group(1))
        found = _FIGURE.findall(line)
        if len(found) >= 3:
            self.figures += [(name, int(count)) for name, count in found]
            stated_total = _TOTAL.search(line)
            listed = sum(c for _, c in self.figures)
            if stated_total and int(stated_total.group(1)) != listed:
                self.unplaced.append(f"列出的各类条数之和 {listed} 与所述总数 {stated_total.group(1)} 不符")
        escaped = _as_text(line)
        if escaped != line:
            self.notes.append(f"行首的“{line[:3]}”在页面中有特殊含义，已转义，按原文字显示")
        self.out += [escaped, ""]
        self.prose.append(line)


def _history_data(body: _Body, result: Imported) -> list[str]:
    """The data of a year before 2019: its 2014 statistics table, else the figures its text states."""
    year, data = result.year, []
    if body.legacy.found and year is not None and 2014 <= year <= 2018:
        data += ["指标:"] + [f"  {row.id}: {value}" for row, value in body.legacy.found.values()]
        result.figures.update({row.id: value for row, value in body.legacy.found.values()})
        result.notes.append(f"识别出《政府信息公开情况统计表》{len(body.legacy.found)}项，已写入数据块")
    elif body.legacy.found:
        names = "、".join(row.id for row, _ in body.legacy.found.values())
        result.unplaced.append(
            f"{year}年度不适用2014年统计表格式，表中的{len(body.legacy.found)}项（{names}）未导入，请对照原件处理"
        )
    if not data and year is not None and year < 2019:
        stated = _prose_figures(body.prose)
        if stated:
            data += ["要点:"] + [f"  {row}: {value}" for row, (value, _) in stated.items()]
            result.figures.update({row: value for row, (value, _) in stated.items()})
            result.format = "free"
            words = "；".join(f"“{quote}”" for _, quote in stated.values())
            result.notes.append(f"正文所述主要数字{len(stated)}项已写入“要点”表：{words}")
    return data


def _place_data(out: list[str], body: _Body, national: list[str], data: list[str], result: Imported) -> None:
    """Data blocks (and their tables) after ``xxgk:report``; ``:format:`` where it must be said."""
    year = result.year
    if national:
        _after_report(out, ["```{xxgk:data}", *national, "```", ""])
    if data:
        table_id = "指标" if body.legacy.found and result.format != "free" else "要点"
        block = ["```{xxgk:data}", *data, "```", "", f"```{{xxgk:table}} {table_id}", "```", ""]
        if result.format:
            out.insert(out.index(f":year: {year}") + 1, f":format: {result.format}")
        _after_report(out, block)
    elif year is not None and year < 2014 and result.body:
        result.format = "free"
        out.insert(out.index(f":year: {year}") + 1, ":format: free")
    if body.figures:
        block = ["```{xxgk:data}", "分类:", "  主动公开信息:"]
        block += [f"    {name}: {count}" for name, count in body.figures]
        block += ["```", "", "```{xxgk:table} 分类.主动公开信息", ":unit: 条", "```", ""]
        _after_report(out, block)
        total = sum(c for _, c in body.figures)
        result.notes.append(f"识别出分类统计{len(body.figures)}项，合计{total}条，已写入数据块")
        result.figures.update({f"分类.{name}": str(count) for name, count in body.figures})


def import_report(text: str) -> Imported:
    """A scraped or PDF-extracted report as a MyST page: header, body text, data blocks."""
    notes: list[str] = []
    unplaced: list[str] = []
    # the portal's lines go first: a PDF's line breaks are mended next, and would join them
    raw, meta = portal_lines(text.splitlines(), notes, unplaced)
    text, wrapped = _from_pdf("\n".join(raw), notes)
    lines = _clean(text, notes, unplaced)
    if not lines:
        return Imported("", notes=notes, unplaced=["文件为空"])
    out, body_name, year, used = _header(lines, unplaced, meta)
    lines = lines[used:]
    fmt = format_for_year(year) if year is not None and year >= 2019 else None
    sections = pdf_text.table_sections(fmt) if fmt is not None else {}
    result = Imported("", body_name, year, notes, unplaced)
    national, placed, consumed = _national_tables(lines, sections, pdf_text.section_names(fmt), result)
    body = _Body(year, wrapped, notes, unplaced)
    body.read(lines, placed, consumed)
    out += body.out
    result.paragraphs = len(body.prose)
    _place_data(out, body, national, _history_data(body, result), result)
    result.text = "\n".join(out).rstrip() + "\n"
    return result
