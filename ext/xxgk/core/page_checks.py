"""The evaluator's checks on a report's prose and form (issue: checks at build time).

- ``prose`` / ``shares``: figures typed in prose that contradict the data
  (phrasings from ``formats/prose.yaml``);
- ``year``: stale or wrong years in prose, title and statistical period;
- ``copy``: prose repeated from the same body's previous report;
- ``fitness``: sections 一…六 and the official tables the format requires;
- ``late``: publication after the statutory deadline, or before the period ended;
- ``blank``: cells left blank where the format requires a number.

Prose reaches here as paragraphs (text, line) whose role output is replaced by
``ROLE_MARK``, so figures printed from the data are never checked against
themselves. Nothing here imports Sphinx.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import zlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from .claims import check_claims, qualified, unstated
from .concepts import concept_path, find_concept, only_breakdown
from .model import Finding
from .report import Evaluated, LookupProblem, lookup
from .wording import CN_NUMERALS, fmt_number
from .yamlsafe import load_safe

ROLE_MARK = "〈〉"
BREAKDOWN_HEAD = "分类."
DEFAULT_DEADLINES = {"部门": "01-31", "政府": "03-31"}
LAST_2007_YEAR = 2018  # reports of 2018 and before were due under the 2007 条例 (in force until 2019-05-15)
_WHO = {"政府": "县级以上人民政府", "部门": "政府部门等", "2007": "按2007年《条例》第三十一条，各级行政机关"}
COPY_THRESHOLD = 0.5
COPY_MIN_BLOCK = 20  # characters: shorter common runs are the template's own phrasing
_CN_NUMBERS = CN_NUMERALS


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int


_SPACE = re.compile(r"\s+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")


@lru_cache(maxsize=16384)  # each paragraph is squeezed by several checks, and again next year
def squeeze(text: str) -> str:
    """Prose as matched: no whitespace, thousands separators dropped, full-width , ;"""
    text = _THOUSANDS.sub("", _SPACE.sub("", text))
    return text.replace(",", "，").replace(";", "；")


@cache
def phrasings() -> list[dict[str, Any]]:
    """The phrasings of figures in prose (``formats/prose.yaml``), compiled."""
    text = resources.files("xxgk.core.formats").joinpath("prose.yaml").read_text(encoding="utf-8")
    raw = load_safe(text)
    return [{**entry, "regex": re.compile(entry["pattern"])} for entry in raw["figures"]]


def _path(template: str, ev: Evaluated, match: re.Match[str]) -> str | None:
    if "." not in template:  # a concept: the cell that holds it in this report's format
        concept = find_concept(template)
        found = concept_path(concept, ev) if concept is not None else None
        if found is None:
            return None
        template = found
    if "{cat}" in template:
        template = template.replace("{cat}", match.group("cat"))
    return only_breakdown(template, ev)


def _value(ev: Evaluated, path: str | None) -> Decimal | None:
    if path is None:
        return None
    if path.count(".") == 2 and not path.startswith(BREAKDOWN_HEAD) and unstated(ev, path):
        return None  # the page wrote the figure as blank throughout: prose about it is not judged
    try:
        return lookup(ev, path, blank_as_zero=True)  # a blank cell is 0 to an evaluator
    except LookupProblem:
        return None


def check_figures(ev: Evaluated, paragraphs: list[Paragraph]) -> list[Finding]:
    """Figures in prose: the maintainers' phrasings (``prose.yaml``) first, then every claim
    the format's own names find (``claims``) that those did not already check."""
    findings: list[Finding] = []
    covered: set[tuple[int, int]] = set()
    for para in paragraphs:
        text = squeeze(para.text)
        stated_shares: list[Decimal] = []
        for entry in phrasings():
            for match in entry["regex"].finditer(text):
                quoted = match.group(0)
                if qualified(text, match.start(), ev.meta.year):
                    continue  # another year's, a part's, a channel's figure: not the table's
                covered.update((para.line, match.start(g)) for g in match.groupdict() if match[g] is not None)
                for group, template in entry.get("values", {}).items():
                    stated = match.group(group)
                    path = _path(template, ev, match)
                    value = _value(ev, path)
                    if stated is None or value is None or Decimal(stated) == value:
                        continue
                    findings.append(
                        Finding(
                            "prose",
                            f"正文写“{quoted}”，但数据中 {path} 为 {fmt_number(value)}；"
                            f"请改正，或改用 {{xxgk:val}}`{path}` 由数据生成",
                            para.line,
                        )
                    )
                for group, (part_t, *bases) in entry.get("shares", {}).items():
                    stated = match.group(group)
                    part = _value(ev, _path(part_t, ev, match))
                    if stated is None or part is None:
                        continue
                    stated_pct = Decimal(stated)
                    if "{cat}" in part_t:
                        stated_shares.append(stated_pct)
                    bases_known = [
                        base
                        for base_t in bases
                        if (base := _value(ev, _path(base_t, ev, match))) not in (None, 0)
                    ]
                    if not bases_known or any(
                        abs(part * 100 / b - stated_pct) <= Decimal("0.05") for b in bases_known
                    ):
                        continue
                    base = bases_known[0]
                    main = (part * 100 / base).quantize(Decimal("0.1"))
                    findings.append(
                        Finding(
                            "prose",
                            f"正文写“{quoted}”，但按数据 {fmt_number(part)} ÷ {fmt_number(base)} "
                            f"应为 {main}%；请改为 {main}%，或改用 {{xxgk:pct}} 由数据生成",
                            para.line,
                        )
                    )
        findings += _share_sum(ev, stated_shares, para)
    findings += check_claims(ev, [(squeeze(p.text), p.line) for p in paragraphs], covered)
    return findings


def _share_sum(ev: Evaluated, shares: list[Decimal], para: Paragraph) -> list[Finding]:
    if len(ev.figures.breakdowns) != 1 or len(shares) < 3:
        return []
    breakdown = next(iter(ev.figures.breakdowns.values()))
    if len(shares) != len(breakdown.items):
        return []
    total = sum(shares, Decimal(0))
    if abs(total - 100) <= Decimal("0.05") * len(shares):
        return []
    return [
        Finding(
            "shares",
            f"正文列出的{len(shares)}个占比相加为 {total}%，与100%相差超过四舍五入所能解释的范围；"
            "请核对各项占比，或改用 {xxgk:pct} 由数据生成",
            para.line,
        )
    ]


# -- years ------------------------------------------------------------------------

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年)")
_CUE = re.compile(r"较|比|同比|上年|去年|上一年|相比|对比")
_FIGURE = re.compile(rf"{ROLE_MARK}|\d+(?:\.\d+)?(?:件|条|个|次|人次|篇|项|场|期|人|万元|元|%)")
_PERIOD = re.compile(
    r"统计(?:期限|时限|时间|区间|周期)[^。；]*?((?:19|20)\d{2})年1月1日[^。；]*?((?:19|20)\d{2})年12月31日"
)


class _Text:
    """A paragraph's sentences and bracket spans, found once, so that each year in it is judged
    in constant time (a paragraph of thousands of years stays linear)."""

    _END = re.compile(r"[。；！？]")

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.start() for m in self._END.finditer(text)]
        self.brackets = {pair: self._positions(*pair) for pair in _BRACKETS}
        self._judged: dict[int, tuple[bool, bool]] = {}

    def _positions(self, left: str, right: str) -> tuple[list[int], list[int]]:
        return [i for i, ch in enumerate(self.text) if ch == left], [
            i for i, ch in enumerate(self.text) if ch == right
        ]

    def sentence_span(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_left(self.ends, pos)
        start = self.ends[k - 1] + 1 if k else 0
        end = self.ends[k] if k < len(self.ends) else len(self.text)
        return start, end

    def sentence(self, pos: int) -> str:
        start, end = self.sentence_span(pos)
        return self.text[start:end]

    def cues(self, pos: int) -> tuple[bool, bool]:
        """(compares with last year, states a figure) for the sentence around ``pos``."""
        start, end = self.sentence_span(pos)
        if start not in self._judged:
            sentence = self.text[start:end]
            self._judged[start] = (bool(_CUE.search(sentence)), bool(_FIGURE.search(sentence)))
        return self._judged[start]

    def inside(self, pos: int, left: str, right: str) -> bool:
        lefts, rights = self.brackets[(left, right)]
        k = bisect.bisect_left(lefts, pos)
        if not k:
            return False
        opened = lefts[k - 1]
        r = bisect.bisect_left(rights, opened)
        closed_before = r < len(rights) and rights[r] < pos
        return not closed_before and bisect.bisect_left(rights, pos) < len(rights)


_DATE_AFTER = re.compile(r"年(?:\d{1,2}月|底|初|末|年中|[上下]半年|第?[一二三四1-4]季度)")
_SPAN_AFTER = re.compile(r"年(?:度)?(?:以来|起|至今|开始)|年?(?:至|到|—|－|-|～|~)")
_SPAN_BEFORE = re.compile(r"(?:至|到|—|－|-|～|~)$")
# another year's documents and figures, published or cited this year: budgets, final accounts,
# statistics, plans, assessments ("公开2018年部门决算", "2018年度全省政务公开考核中")
_RECORD_AFTER = re.compile(
    r"年度?(?:[^，。；、]{0,8}?)(?:预算|决算|预决算|统计|公报|审计|报告|年报|计划|规划|考核|评估|评价|议案|建议|提案|"
    r"测评|检查|排名|督查|工作要点|要点|方案|目录|名单|项目|资金|经费|债券)"
)
# a dated event: when something was founded, issued, launched ("2015年成立", "于2018年开通")
_EVENT_AFTER = re.compile(
    r"年(?:[^，。；]{0,4}?)(?:成立|设立|组建|建成|开通|上线|启用|改版|印发|出台|颁布|施行|实施|修订|通过)"
)
_EVENT_BEFORE = re.compile(r"(?:于|自|从|始于|截至|截止|截止到|截至到)$")
_COMPARE_BEFORE = re.compile(r"(?:较|比|与|同|对比|相比|相较|高于|低于|超过|少于|多于)$")
_BRACKETS = (("《", "》"), ("〔", "〕"), ("[", "]"), ("【", "】"), ("（", "）"), ("“", "”"))


def _legitimate(text: _Text, pos: int, year: int, report_year: int) -> bool:
    """Whether a year other than the report's is one the sentence refers to on purpose: only a
    year that presents another year's work as this year's is stale (a false alarm fails -W)."""
    if year >= report_year:  # this year, and plans for the years ahead
        return True
    after = text.text[pos + 4 :]
    before = text.text[max(0, pos - 4) : pos]
    if _DATE_AFTER.match(after) or _SPAN_AFTER.match(after) or _SPAN_BEFORE.search(before):
        return True  # a date, a span of years ("2018—2020年", "2016年以来")
    if _RECORD_AFTER.match(after) or _EVENT_AFTER.match(after) or _EVENT_BEFORE.search(before):
        return True  # another year's budget, statistics, assessment; a dated event
    if _COMPARE_BEFORE.search(before) or any(text.inside(pos, left, right) for left, right in _BRACKETS):
        return True  # "较2018年", a document number or title
    compares, states_figure = text.cues(pos)
    if compares:
        return True  # the sentence compares with that year (同比, 上年 …)
    # a sentence stating a figure of that year is a deliberate reference ("2021年收到申请10件")
    return states_figure


def check_years(
    report_year: int, paragraphs: list[Paragraph], title: tuple[str, int] | None = None
) -> list[Finding]:
    findings = []
    if title is not None:
        for found in _YEAR.finditer(squeeze(title[0])):
            if int(found.group(1)) != report_year:
                findings.append(
                    Finding(
                        "year",
                        f"标题中的“{found.group(1)}年”与报告年度{report_year}年不符；请改为{report_year}年",
                        title[1],
                    )
                )
    for para in paragraphs:
        text = squeeze(para.text)
        if period := _PERIOD.search(text):
            wrong = sorted({int(y) for y in period.groups() if int(y) != report_year})
            if wrong:
                findings.append(
                    Finding(
                        "year",
                        f"统计期限写作“{period.group(0)}”，而本报告为{report_year}年度；"
                        f"应为“{report_year}年1月1日至{report_year}年12月31日”",
                        para.line,
                    )
                )
                continue
        judged = _Text(text)
        for found in _YEAR.finditer(text):
            year = int(found.group(1))
            if _legitimate(judged, found.start(), year, report_year):
                continue
            snippet = judged.sentence(found.start())
            if len(snippet) > 30:
                snippet = text[max(0, found.start() - 8) : found.start() + 20]
            findings.append(
                Finding(
                    "year",
                    f"“{snippet}”提到{year}年，而本报告为{report_year}年度；如是沿用往年的文字，请改为{report_year}年；"
                    f"如确指{year}年，请写明（如“较{year}年”“{year}年以来”）",
                    para.line,
                )
            )
    return findings


# -- copy-paste --------------------------------------------------------------------


def _unmatchable_roles(text: str, base: int) -> str:
    """Each figure printed by a role becomes a character of its own: a sentence whose
    figures come from the data differs from last year's exactly where its figures do."""
    parts = text.split(ROLE_MARK)
    marks = [chr(base + i % 4000) for i in range(len(parts) - 1)] + [""]
    return "".join(part + mark for part, mark in zip(parts, marks, strict=True))


def _readable(text: str) -> str:
    return re.sub(r"[\ue000-\uf8ff]", "…", text)


_FLAGGED = re.compile(b"\x01+")


def _shared(current: str, before: str, skip: str = "") -> tuple[float, list[tuple[int, int]]]:
    """The share of ``current`` found verbatim in ``before`` (runs of ≥ 20 characters) and
    those runs (start, length) in ``current``; a passage holding ``skip`` never matches."""
    n = COPY_MIN_BLOCK
    seen = {w for i in range(len(before) - n + 1) if skip not in (w := before[i : i + n]) or not skip}
    # flags[i]: the passage of n characters starting at i is in the other text; runs of
    # flagged starts cover [first, last + n), and touching runs make one repeated passage
    flags = bytes(map(seen.__contains__, [current[i : i + n] for i in range(len(current) - n + 1)]))
    runs: list[tuple[int, int]] = []  # (start, length)
    for match in _FLAGGED.finditer(flags):
        start, end = match.start(), match.end() - 1 + n
        if runs and start <= runs[-1][0] + runs[-1][1]:
            runs[-1] = (runs[-1][0], end - runs[-1][0])
        else:
            runs.append((start, end - start))
    return sum(length for _, length in runs) / len(current), runs


def _passages(current: str, runs: list[tuple[int, int]], paragraphs: list[Paragraph]) -> tuple[str, int]:
    """The two longest shared passages, quoted, and the line of the first."""
    longest = sorted(runs, key=lambda r: (-r[1], r[0]))[:2]
    passages = "、".join(f"“{_readable(current[b : b + 24])}…”（{size}字）" for b, size in longest)
    first = current[longest[0][0] : longest[0][0] + 12]
    return passages, next((p.line for p in paragraphs if first in squeeze(p.text)), paragraphs[0].line)


def check_copy(
    paragraphs: list[Paragraph],
    previous: list[Paragraph],
    years: tuple[int, int],
    threshold: float = COPY_THRESHOLD,
) -> list[Finding]:
    """Share of this year's prose found verbatim (runs of ≥ 20 characters) in last year's."""
    current = _unmatchable_roles("".join(squeeze(p.text) for p in paragraphs), 0xE000)
    before = _unmatchable_roles("".join(squeeze(p.text) for p in previous), 0xF000)
    if len(current) < 100 or not before:
        return []
    ratio, runs = _shared(current, before)
    if ratio <= threshold:
        return []
    passages, line = _passages(current, runs, paragraphs)
    return [
        Finding(
            "copy",
            f"本报告正文有{round(ratio * 100)}%与{years[1]}年度报告相同"
            f"（评估中重复超过{round(threshold * 100)}%会扣分）；"
            f"最长的重复段落：{passages}；请按{years[0]}年度的实际情况重写",
            line,
        )
    ]


# the preamble every report shares: why and under what it was compiled, the period it covers
_PREAMBLE = re.compile(r"条例|统计期限|统计时限|统计时间|电子版|如对本报告|联系电话|邮编")
_SENTENCE_END = re.compile(r"(?<=[。；])")
CROSS_MIN_TEXT = 200  # characters of own prose: shorter reports (a line or two) are not compared


@lru_cache(maxsize=256)  # a page's text, compared while its year is checked (the year keeps its own)
def _own_text(texts: tuple[str, ...]) -> str:
    """A report's prose as compared with other bodies': the shared preamble left out; a
    figure printed from the data stays ROLE_MARK, and no passage holding one ever matches."""
    sentences = (part for t in texts for part in _SENTENCE_END.split(squeeze(t)))
    return "".join(part for part in sentences if not _PREAMBLE.search(part))


SAMPLE = 8  # one passage in SAMPLE (by its hash) indexes a year's reports: a province's year fits


def _sampled(text: str) -> set[int]:
    """The passages of ``text`` that index it: one in ``SAMPLE`` of its ``COPY_MIN_BLOCK``-character
    windows, by a hash that is the same in every process and build (CRC-32 of the window's
    UTF-32 code units), so that a year's index can be kept on disk between builds."""
    width, found = 4 * COPY_MIN_BLOCK, set()
    for run in text.split(ROLE_MARK[0]):  # no passage holding a figure from the data
        data = run.encode("utf-32-le")
        hashes = (zlib.crc32(data[i : i + width]) for i in range(0, len(data) - width + 4, 4))
        found.update(h for h in hashes if h % SAMPLE == 0)
    return found


@dataclass(frozen=True)
class YearProse:
    """A year's reports as the 内容雷同 check compares them: each body's prose (``_own_text``)
    and the index of sampled passages — their hashes sorted, beside the report holding each
    (two arrays: 16 bytes a passage, ~6 KB a report, so that every year of a province's shard
    can be kept while its pages are written in name order). Built once a year's prose changes
    (``signature``: the Sphinx build keeps it on disk; the CLI in memory)."""

    bodies: tuple[str, ...]
    texts: tuple[str, ...]
    hashes: array
    owners: array

    def holders(self, h: int) -> list[int]:
        """The reports (positions) that hold the sampled passage ``h``."""
        i = bisect.bisect_left(self.hashes, h)
        found = []
        while i < len(self.hashes) and self.hashes[i] == h:
            found.append(self.owners[i])
            i += 1
        return found


def year_prose(reports: Iterable[tuple[str, list[Paragraph]]]) -> YearProse:
    bodies, texts = [], []
    pairs: list[tuple[int, int]] = []
    for number, (body, paragraphs) in enumerate(reports):
        text = _own_text(tuple(p.text for p in paragraphs))
        bodies.append(body)
        texts.append(text)
        pairs.extend((h, number) for h in _sampled(text))
    pairs.sort()
    return YearProse(
        tuple(bodies), tuple(texts), array("q", (h for h, _ in pairs)), array("l", (n for _, n in pairs))
    )


def check_copy_across(
    paragraphs: list[Paragraph],
    body: str,
    year_reports: YearProse,
    year: int,
    threshold: float = COPY_THRESHOLD,
) -> list[Finding]:
    """内容雷同: this report's prose found verbatim in another body's report of the same year
    (the 条例 citation, statistical period and contact preamble every report shares left out).
    Linear in a year's text: the reports that share sampled passages are found by the year's
    index; only those are compared in full."""
    current = _own_text(tuple(p.text for p in paragraphs))
    if len(current) < CROSS_MIN_TEXT:
        return []
    theirs = year_reports.texts
    shared: dict[int, int] = {}
    mine = _sampled(current)
    for h in mine:
        for number in year_reports.holders(h):
            shared[number] = shared.get(number, 0) + 1
    found = []
    for number, count in shared.items():
        # a report that shares less than half the threshold of sampled passages cannot pass it
        if year_reports.bodies[number] == body:
            continue
        if count < threshold * len(mine) / 2 or len(theirs[number]) < CROSS_MIN_TEXT:
            continue
        ratio, runs = _shared(current, theirs[number], ROLE_MARK[0])
        if ratio > threshold:
            found.append((ratio, year_reports.bodies[number], runs))
    if not found:
        return []
    ratio, body, runs = max(found, key=lambda f: f[0])
    passages, line = _passages(current, runs, paragraphs)
    return [
        Finding(
            "copy",
            f"本报告正文有{round(ratio * 100)}%与{body}的{year}年度报告相同（内容雷同是年报格式所列的问题）；"
            f"相同的段落：{passages}；请按本机关的实际情况撰写",
            line,
        )
    ]


_STREET_SELF = re.compile(r"(?:本|我|全)(?:乡|镇)(?![街区])|(?:乡|镇)(?:人民)?政府(?:门户)?网站")
_TOWN_SELF = re.compile(r"(?:本|我|全)街道(?!办事处以外)|街道办事处(?:门户)?网站")


def check_wrong_body(body: str, paragraphs: list[Paragraph]) -> list[Finding]:
    """A 街道办事处's report speaking of “本镇”/“乡政府网站” as its own, or a 乡/镇's of
    “本街道”: text taken from another kind of body's report."""
    if body.endswith("街道办事处"):
        pattern, kind, other = _STREET_SELF, "街道办事处", "乡镇"
    elif re.search(r"[乡镇](?:人民政府)?$", body):
        pattern, kind, other = _TOWN_SELF, "乡镇", "街道"
    else:
        return []
    out = []
    for para in paragraphs:
        match = pattern.search(squeeze(para.text))
        if match:
            out.append(
                Finding(
                    "copy",
                    f"本报告是{kind}的报告，正文却写“{match.group(0)}”，像是照搬{other}报告的文字；请改为本机关的说法",
                    para.line,
                )
            )
    return out


# -- form ------------------------------------------------------------------------------


def check_fitness(
    ev: Evaluated, headings: list[tuple[int, str, int]], shown: list[str], line: int | None
) -> list[Finding]:
    """Sections 一…六 in order, and every official table of the format shown on the page."""
    findings = []
    expected = [s[0] for s in ev.format.sections]
    present = [
        (text[0], lno)
        for level, text, lno in headings
        if level == 2 and re.match(rf"[{_CN_NUMBERS}]、", text)
    ]
    numbers = [n for n, _ in present]
    missing = [s for s in ev.format.sections if s[0] not in numbers]
    if missing:
        findings.append(
            Finding(
                "fitness",
                f"缺少“{'”“'.join(missing)}”；{ev.format.basis}规定年度报告包括六个部分："
                f"{'；'.join(ev.format.sections)}",
                line,
            )
        )
    order = [n for n in numbers if n in expected]
    if order != sorted(order, key=expected.index):
        findings.append(
            Finding("fitness", f"各部分顺序不对：{'、'.join(order)}；应依次为{'、'.join(expected)}", line)
        )
    shown_ids = {t.id for target in shown if (t := ev.format.table(target)) is not None}
    for table in ev.format.tables if ev.format.tables_required else ():
        if table.id not in shown_ids:
            findings.append(
                Finding(
                    "fitness",
                    f"没有显示“{table.title}”表；{ev.format.basis}要求以统一表格报告，"
                    f"请填写数据并用 ```{{xxgk:table}} {table.id}``` 显示",
                    line,
                )
            )
    return findings


def check_sections_filled(
    ev: Evaluated, headings: list[tuple[int, str, int]], content: list[int]
) -> list[Finding]:
    """Each of the format's sections (一…六) has text of its own: a paragraph, a table or a view
    between its heading and the next heading of its level — not only a heading and comments."""
    if not ev.format.sections:
        return []
    numbered = [
        (index, text, line)
        for index, (level, text, line) in enumerate(headings)
        if level == 2 and re.match(rf"[{_CN_NUMBERS}]、", text)
    ]
    findings = []
    for index, text, line in numbered:
        end = next((h[2] for h in headings[index + 1 :] if h[0] <= 2), None)
        if not any(line < at and (end is None or at < end) for at in content):
            findings.append(
                Finding(
                    "fitness",
                    f"“{text}”部分没有正文（只有标题或撰写说明）；{ev.format.basis}要求逐项报告，"
                    "没有相关情况时也应写明（如“本年度无其他需要报告的事项”）",
                    line,
                )
            )
    return findings


_PROMISE = re.compile(r"全文(?:共分为?|包括|分为)(.+?)(?:。|$)")


def _core(text: str) -> str:
    text = re.sub(rf"^(?:[{_CN_NUMBERS}]+、|（[{_CN_NUMBERS}]+）)", "", text)
    return re.sub(r"政府信息|公开工作|工作|情况|的|等", "", text)


def check_promises(paragraphs: list[Paragraph], headings: list[tuple[int, str, int]]) -> list[Finding]:
    """A preamble that lists the report's parts ("全文包括概述，…") must be kept by the body."""
    findings = []
    titles = [_core(squeeze(text)) for level, text, _ in headings if level >= 2]
    for para in paragraphs[:3]:
        match = _PROMISE.search(squeeze(para.text))
        if not match:
            continue
        promised = [p for p in re.split(r"，|；|以及|并附|和附", match.group(1)) if p]
        missing = []
        for part in promised:
            core = _core(part)
            if not core or any(
                core in t or t in core or SequenceMatcher(None, core, t).ratio() >= 0.6 for t in titles
            ):
                continue
            missing.append(part)
        if missing:
            findings.append(
                Finding(
                    "fitness",
                    f"导语说全文包括“{'”“'.join(missing)}”，但正文没有相应的部分；请补上这些部分，或修改导语",
                    para.line,
                )
            )
    return findings


def deadline_for(body: str, year: int, deadlines: dict[str, str] | None = None) -> tuple[dt.date, str]:
    """The statutory publication deadline: 县级以上政府 by 3月31日, 部门 and others by 1月31日;
    every body by 3月31日 for report years up to 2018 (2007年《条例》)."""
    if year <= LAST_2007_YEAR:  # 2007年《条例》第三十一条: every body by 3月31日
        return dt.date(year + 1, 3, 31), "2007"
    deadlines = {**DEFAULT_DEADLINES, **(deadlines or {})}
    name = re.sub(r"[（(][^）)]*[）)]$", "", body.strip())  # "示例县人民政府（虚构示例）"
    level = "政府" if name.endswith("人民政府") else "部门"
    month, day = (int(x) for x in deadlines[level].split("-"))
    return dt.date(year + 1, month, day), level


def check_timeliness(
    body: str, year: int, published: str, line: int | None, deadlines: dict[str, str] | None = None
) -> list[Finding]:
    if not published:
        return []
    date = dt.date.fromisoformat(published)
    deadline, level = deadline_for(body, year, deadlines)
    if date > deadline:
        return [
            Finding(
                "late",
                f"发布日期{published}晚于期限{deadline.isoformat()}（{_WHO[level]}"
                f"应在次年{deadline.month}月{deadline.day}日前公布）",
                line,
            )
        ]
    if date <= dt.date(year, 12, 31):
        return [
            Finding("late", f"发布日期{published}在统计期（{year}年）结束之前；年度报告应在次年发布", line)
        ]
    return []


def check_blanks(ev: Evaluated) -> list[Finding]:
    """Cells left blank (~) where the format requires a number: once per table."""
    findings = []
    for table in ev.format.tables:
        if table.omitted == "blank":  # legacy tables: a row the report did not fill is blank by design
            continue
        blanks = [
            (row, col, cell.line)
            for (tid, row, col), cell in ev.figures.cells.items()
            if tid == table.id and cell.origin == "stated" and cell.value is None
        ]
        if blanks:
            names = "、".join(f"{row}.{col}" for row, col, _ in blanks[:3]) + (
                "等" if len(blanks) > 3 else ""
            )
            findings.append(
                Finding(
                    "blank",
                    f"“{table.id}”表有{len(blanks)}个单元格留空（{names}）；官方格式要求每格填写数字，没有的填0",
                    min(line for *_, line in blanks if line is not None),
                )
            )
    return findings


def check_page(
    ev: Evaluated,
    paragraphs: list[Paragraph],
    headings: list[tuple[int, str, int]],
    shown: list[str],
    previous: tuple[int, list[Paragraph]] | None = None,
    copy_threshold: float = COPY_THRESHOLD,
    deadlines: dict[str, str] | None = None,
) -> list[Finding]:
    """Every prose and form check of one report page (the build and ``xxgk check`` share it)."""
    meta = ev.meta
    title = next(((text, line) for level, text, line in headings if level == 1), None)
    findings = check_figures(ev, paragraphs)
    findings += check_years(meta.year, paragraphs, title)
    findings += check_fitness(ev, headings, shown, meta.line)
    findings += check_promises(paragraphs, headings)
    findings += check_timeliness(meta.body, meta.year, meta.published, meta.line, deadlines)
    findings += check_blanks(ev)
    if previous is not None and previous[1]:
        findings += check_copy(paragraphs, previous[1], (meta.year, previous[0]), copy_threshold)
    return findings
