"""Figures that prose states for what the official tables hold, found by the tables' own names.

The phrasings are not a list of sentences: they are generated from the format files. Every row
(and group of rows) of a table with a total column is a claim target under its id, its label
(without numbering or notes) and its aliases; a name two targets share is dropped. Recognised:

- ``予以公开966件`` / ``无法提供的182件`` / ``部分公开67，`` — one row (a group: its total);
- ``部分公开和不予公开共84件`` — several rows stated together (their sum);
- ``予以公开、部分公开分别为966件、67件`` — several rows, one figure each;
- ``行政复议351件，其中结果维持72件…`` — a row of the 复议诉讼 table and its columns;
- ``…件，占66.48%`` — a share, recomputed from any base the format allows, to the
  precision written; shares stated for every part of a group add up to 100 %;
- ``均已审结`` / ``无被纠错`` / ``全部胜诉`` / ``未发生…行政复议、行政诉讼`` — what the
  复议诉讼 figures contradict.

A sentence that qualifies the figure (another year, a comparison, part of the applicants, a
channel, a period) is left alone, as is any figure two cells could hold: a false alarm fails
the build, a miss does not. Nothing here imports Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from .formats import Format, Node, Table, walk
from .model import Finding
from .parse import MONEY_UNITS
from .report import Evaluated, LookupProblem, lookup
from .wording import fmt_number

MIN_NAME = 3  # shorter names (复议, 其他, 规章) are too common in prose to stand for one cell
COUNT_UNIT = "件"
_END = r"(?=$|[，。；、,;：:（(）)\s]|件)"
_CLAUSE_BREAK = re.compile(r"[，。；：,;:！？]")
_SENTENCE_BREAK = re.compile(r"[。；;！？]")
# words that make a figure something other than the year's own total for that row
_QUALIFIER = re.compile(
    r"较|比|同比|环比|增长|增加|减少|下降|上升|上年度?(?!结转)|去年|前年|季度|[上下]半年|\d+月|月份|"
    r"网上|网络|在线|当面|信函|传真|电子邮件|邮寄|平台|热线|"
    r"自然人|法人|企业|科研机构|公益组织|法律服务机构|其他组织|"
    r"涉及|关于|有关|其中[^，。；]*?(?:自然人|法人|企业)|平均|累计|历年|以来|至今"
)
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_SHARE = re.compile(
    r"^[，,（(]?(?:占(?:比|总数的?|全部(?:申请)?的?|[^，。；%\d]{0,10}?)?(?:为|约)?)(?P<pct>\d+(?:\.\d+)?)%"
)


@dataclass(frozen=True)
class Target:
    """A figure prose can state: its path (``表.行.列``) and the names it goes by."""

    path: str
    table: str
    row: str
    column: str


@dataclass(frozen=True)
class Vocabulary:
    rows: dict[str, Target]  # name → target (row totals)
    pattern: re.Pattern[str] | None  # any row name, longest first
    columns: dict[str, dict[str, str]]  # table → column name → column id (strip tables)
    groups: tuple[tuple[str, tuple[str, ...]], ...]  # target path → its parts' paths (share sums)


def _total_column(table: Table) -> Node | None:
    """The column holding a row's total: the last leaf column, when it is computed."""
    leaves = [c for c in walk(table.columns) if not c.children]
    return leaves[-1] if leaves and leaves[-1].computed else None


def _names(node: Node) -> set[str]:
    return {n for n in node.names() if len(n) >= MIN_NAME and not n.isdigit()}


# words a column's name is shortened to in prose: 本年制发件数 → 制发, 采购总金额 → 采购金额
_COLUMN_AFFIXES = re.compile(r"^(?:本年度?新?|本年)|(?:件数|数量|总数量)$")


def _column_words(col: Node) -> set[str]:
    words = {n for n in col.names() if len(n) >= 2}
    words |= {short for n in list(words) if len(short := _COLUMN_AFFIXES.sub("", n)) >= 2}
    if col.id == "采购总金额":
        words.add("采购金额")
    return words


def _block_names(table: Table, seen: dict[str, set[str]], targets: dict[str, Target]) -> None:
    """Names of a blocks table's cells (主动公开): a row and its column together, in either
    order ("制发规章1件", "行政规范性文件现行有效66件"); a row alone where its block has one
    column ("行政许可447228件", "行政事业性收费96171.6万元")."""
    for block in table.blocks:
        for row in block.rows:
            rows = {n for n in row.names() if len(n) >= 2}
            for col in block.columns:
                path = f"{table.id}.{row.id}.{col.id}"
                targets[path] = Target(path, table.id, row.id, col.id)
                names = {f"{c}{r}" for c in _column_words(col) for r in rows}
                names |= {f"{r}{sep}{c}" for c in _column_words(col) for r in rows for sep in ("", "的")}
                if len(block.columns) == 1:
                    names |= {r for r in rows if len(r) >= MIN_NAME}
                for name in names:
                    seen.setdefault(name, set()).add(path)


@cache
def vocabulary(fmt: Format) -> Vocabulary:
    seen: dict[str, set[str]] = {}
    targets: dict[str, Target] = {}
    columns: dict[str, dict[str, str]] = {}
    groups: list[tuple[str, tuple[str, ...]]] = []
    for table in fmt.tables:
        if table.layout == "blocks":
            _block_names(table, seen, targets)
            continue
        leaves = [c for c in walk(table.columns) if not c.children]
        if table.layout == "indicator" and len(leaves) == 1:  # the 2014 统计表, 要点: one figure a row
            for row in table.rows:
                if row.id and not row.heading:
                    path = f"{table.id}.{row.id}.{leaves[0].id}"
                    targets[path] = Target(path, table.id, row.id, leaves[0].id)
                    for name in _names(row):
                        seen.setdefault(name, set()).add(path)
            continue
        total = _total_column(table)
        if total is None:
            continue
        for row in walk(table.rows):
            if not row.id or row.computed:
                continue
            path = f"{table.id}.{row.id}.{total.id}"
            targets[path] = Target(path, table.id, row.id, total.id)
            for name in _names(row):
                seen.setdefault(name, set()).add(path)
            parts = [c for c in row.children if c.id and not c.computed]
            if len(parts) >= 2:
                groups.append((path, tuple(f"{table.id}.{c.id}.{total.id}" for c in parts)))
        if table.layout == "strip":
            columns[table.id] = {
                name: col.id
                for col in walk(table.columns)
                if col.id and not col.computed
                for name in _names(col)
            }
    rows = {name: targets[next(iter(paths))] for name, paths in seen.items() if len(paths) == 1}
    alternatives = "|".join(re.escape(n) for n in sorted(rows, key=len, reverse=True))
    pattern = re.compile(alternatives) if alternatives else None
    return Vocabulary(rows, pattern, columns, tuple(groups))


def unstated(ev: Evaluated, path: str) -> bool:
    """Whether every figure the page wrote for a path was left blank (~): the page does not
    state that figure, and prose about it is neither right nor wrong."""
    table_id, row, col = path.split(".")
    table = ev.format.table(table_id)
    node = table.row(row) if table is not None else None
    if table is None or node is None:
        return False
    rows = [r.id for r in node.leaves()]
    column = table.column(col, rows[0])
    if column is None:
        return False
    # a total: the row's own cells, and the total itself where the page wrote it
    cols = [c.id for c in table.leaf_columns(rows[0])] if column.computed else [c.id for c in column.leaves()]
    cells = [ev.figures.cells.get((table.id, r, c)) for r in rows for c in cols]
    stated = [cell for cell in cells if cell is not None and cell.origin == "stated"]
    # what the page wrote for these cells is all blank (what it left out is 0 by the format)
    return bool(stated) and all(cell.value is None for cell in stated)


def _value(ev: Evaluated, path: str) -> Decimal | None:
    if unstated(ev, path):
        return None
    try:
        return lookup(ev, path, blank_as_zero=True)
    except LookupProblem:
        return None


def qualified(text: str, start: int, year: int) -> bool:
    """Whether the clause before ``start`` qualifies the figure (see ``_QUALIFIER``)."""
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    sentence_start = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, start)), default=0)
    clause = text[clause_start:start]
    if _QUALIFIER.search(clause):
        return True
    years = {int(y) for y in _YEAR.findall(text[sentence_start:start])}
    return bool(years - {year})


@dataclass
class _Claim:
    quoted: str
    begin: int  # where the claim starts (its first name)
    paths: tuple[str, ...]  # summed
    stated: Decimal
    start: int  # where the figure is in the squeezed paragraph
    end: int
    unit: str = ""  # as written: 件, 条, 万元 …


_NUMBER = r"(?P<n>\d+(?:\.\d+)?)"
_LINK = r"(?:和|及|与|以及|、|，)"
_MID = r"(?:的|为|共|共计|合计|总计|数|数量|申请|答复|信息|案件|类)?(?:为|共|有|达)?"
_UNIT = r"(?P<unit>件|条|项|个|次|篇|人次|人|万元|亿元|元)"


def _claims(text: str, vocab: Vocabulary) -> list[_Claim]:
    if vocab.pattern is None:
        return []
    name = vocab.pattern.pattern
    out: list[_Claim] = []
    # several rows: "A和B共N件" (their sum) or "A、B分别为N件、M件" (one each)
    several = re.compile(
        rf"(?P<names>(?:{name})(?:{_LINK}(?:{name}))+)的?(?P<how>共|合计|共计|总计|分别为|分别是|分别)?(?:为|有)?"
        rf"(?P<nums>\d+(?:\.\d+)?件?(?:[、，和及]\d+(?:\.\d+)?件?)*){_END}"
    )
    taken: list[tuple[int, int]] = []
    for m in several.finditer(text):
        names = re.findall(name, m["names"])
        numbers = re.findall(r"\d+(?:\.\d+)?", m["nums"])
        paths = tuple(vocab.rows[n].path for n in names)
        if len(set(paths)) != len(paths):
            continue
        if (m["how"] or "").startswith("分别") and len(numbers) == len(paths):
            pos = m.start("nums")
            for path, number in zip(paths, numbers, strict=True):
                at = text.index(number, pos)
                out.append(_Claim(m[0], m.start(), (path,), Decimal(number), at, at + len(number)))
                pos = at + len(number)
        elif not (m["how"] or "").startswith("分别") and len(numbers) == 1:
            # "部分公开和不予公开共148件", "予以公开及部分公开的42件": the rows together
            out.append(_Claim(m[0], m.start(), paths, Decimal(numbers[0]), m.start("nums"), m.end("nums")))
        # else figures that do not pair with the rows: no claim, and no single one read in it
        taken.append((m.start(), m.end()))
    single = re.compile(rf"(?P<name>{name}){_MID}{_NUMBER}{_UNIT}?(?![\d.%％])")
    for m in single.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        after = text[m.end() : m.end() + 1]
        if after and after not in "，。；、,;）)（(":
            continue  # "予以公开3次", "予以公开5个工作日", "10件次": not a count of applications
        path = vocab.rows[m["name"]].path
        out.append(
            _Claim(m[0], m.start(), (path,), Decimal(m["n"]), m.start("n"), m.end("n"), m["unit"] or "")
        )
    return out


def _column_claims(text: str, vocab: Vocabulary, fmt: Format) -> list[_Claim]:
    """``行政复议351件，其中结果维持72件…``: columns of a strip table, under the row last named
    in the same sentence."""
    out: list[_Claim] = []
    for table_id, cols in vocab.columns.items():
        if not cols:
            continue
        table = fmt.table(table_id)
        assert table is not None
        row_names = {n: r.id for r in walk(table.rows) if r.id for n in _names(r)}
        if not row_names:
            continue
        rows_re = "|".join(re.escape(n) for n in sorted(row_names, key=len, reverse=True))
        cols_re = "|".join(re.escape(n) for n in sorted(cols, key=len, reverse=True))
        for sentence in _sentences(text):
            base, part = sentence
            current: str | None = None
            for m in re.finditer(
                rf"(?P<row>{rows_re})|(?P<col>{cols_re}){_NUMBER}(?P<unit>件)?(?![\d.%])", part
            ):
                if m["row"]:
                    current = row_names[m["row"]]
                elif current is not None:
                    path = f"{table_id}.{current}.{cols[m['col']]}"
                    begin = base + m.start()
                    claim = _Claim(
                        m[0], begin, (path,), Decimal(m["n"]), base + m.start("n"), base + m.end("n")
                    )
                    out.append(claim)
    return out


def _sentences(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        out.append((start, text[start : m.end()]))
        start = m.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def _cell(ev: Evaluated, path: str) -> tuple[Table | None, str, Node | None]:
    """The table, row id and column node a ``表.行.列`` path names."""
    table, row, col = path.split(".")
    node = ev.format.table(table)
    return node, row, node.column(col, row) if node is not None else None


def _cell_unit(ev: Evaluated, path: str) -> str:
    """The money unit of an amount cell ("万元"), as its figure is quoted; "" for counts."""
    _, _, column = _cell(ev, path)
    return column.unit if column is not None and column.kind == "amount" else ""


def _in_cell_unit(ev: Evaluated, claim: _Claim) -> Decimal | None:
    """The stated figure in the unit of the cell it is compared with (None: the unit written
    does not fit that cell)."""
    node, row, column = _cell(ev, claim.paths[0])
    amount = column is not None and column.kind == "amount"
    money = claim.unit in MONEY_UNITS
    if not claim.unit:
        return claim.stated
    if amount != money:
        return None
    if not money:  # a count: in the unit of its row or table (件 and 项 alike), else not this cell's
        row_node = node.row(row) if node is not None else None
        unit = row_node.unit if row_node is not None and row_node.unit else ""
        unit = unit or (node.unit if node is not None else "")
        same = {claim.unit, unit} <= {"件", "项"} or claim.unit == unit or not unit
        return claim.stated if same else None
    cell_unit = column.unit if column is not None and column.unit in MONEY_UNITS else claim.unit
    return claim.stated * MONEY_UNITS[claim.unit] / MONEY_UNITS[cell_unit]


def _decimals(number: str) -> int:
    return len(number.partition(".")[2])


def _share_ok(part: Decimal, bases: list[Decimal], stated: str) -> bool:
    tolerance = Decimal(1).scaleb(-_decimals(stated))  # the last digit written, either way
    return any(abs(part * 100 / base - Decimal(stated)) <= tolerance for base in bases)


def _bases(ev: Evaluated, table: str, total_col: str) -> list[Decimal]:
    """What a share of a row may be taken of: the table's grand total, this year's new
    applications, or new plus carried over (as reports do)."""
    t = ev.format.table(table)
    if t is None:
        return []
    out = []
    computed = [r for r in walk(t.rows) if r.computed and r.id]
    for row in [*computed, *(r for r in t.rows if not r.is_group)]:
        value = _value(ev, f"{table}.{row.id}.{total_col}")
        if value:
            out.append(value)
    if len(out) >= 2:
        out.append(sum(out[-2:], Decimal(0)))
    return out


# -- the 复议诉讼 table in words --------------------------------------------------------

_RECONSIDER, _LITIGATE = "行政复议", "行政诉讼"
_ALL_CONCLUDED = re.compile(r"(?:均|全部|都)(?:已经?|已)?(?:审结|结案|办结)")
_NOT_CORRECTED = re.compile(
    r"(?:无|没有|未)(?:一起|一件|一例)?被?(?:纠错|纠正|撤销|确认违法)|(?:均|全部)胜诉"
)
_NONE_HAPPENED = re.compile(r"(?:未|没有)(?:发生|收到|出现|产生)[^，。；]{0,24}")


def _strip_table(fmt: Format) -> Table | None:
    return next((t for t in fmt.tables if t.layout == "strip" and t.row(_RECONSIDER)), None)


def _qualitative(ev: Evaluated, text: str) -> list[tuple[str, str, Decimal]]:
    """(quoted, path, value) for each claim the 复议诉讼 figures contradict."""
    table = _strip_table(ev.format)
    if table is None or not ev.figures.has_table(table.id):
        return []
    out = []
    for _, sentence in _sentences(text):
        named = [r for r in (_RECONSIDER, _LITIGATE) if r in sentence]
        for m in _NONE_HAPPENED.finditer(sentence):
            for row in (r for r in (_RECONSIDER, _LITIGATE) if r in m[0]):
                out.append((m[0], f"{table.id}.{row}.总计", Decimal(0)))
        if _NONE_HAPPENED.search(sentence):
            continue
        for pattern, column in ((_ALL_CONCLUDED, "尚未审结"), (_NOT_CORRECTED, "结果纠正")):
            for m in pattern.finditer(sentence):
                before = sentence[: m.start()]
                rows = [r for r in named if r in before] or []
                clause = sentence[max((c.end() for c in _CLAUSE_BREAK.finditer(before)), default=0) : m.end()]
                if _QUALIFIER.search(clause) or re.search(r"\d+件中|其中\d+件|部分", clause):
                    continue
                for row in rows:
                    out.append(
                        (sentence[max(0, m.start() - 16) : m.end()], f"{table.id}.{row}.{column}", Decimal(0))
                    )
    return out


# "共计3437条，包括：人事信息12条，…，其他类信息1827条": a total and its parts in one sentence
_LIST_TOTAL = re.compile(
    r"(?P<total>\d+)(?P<unit>条|件|项|个)(?P<gap>[^。；\d]{0,4}|[，,][^。；]{0,20}[。；]|[。；])"
    r"(?:其中包括|其中|包括)[：:，,]?(?P<items>[^。；]+)"
)
_LIST_ITEM = re.compile(r"(?P<name>[^，,、：:；。\d]{2,16}?)(?:共计|共|为)?(?P<n>\d+)(?P<unit>条|件|项|个)")


def _list_sums(text: str) -> list[tuple[str, int, str, str]]:
    """A stated total and the parts listed under it (其中, 包括): a part larger than the total,
    or a whole list (its last item "其他…") that adds up to another figure."""
    out = []
    for m in _LIST_TOTAL.finditer(text):
        items = [i for i in _LIST_ITEM.finditer(m["items"]) if i["unit"] == m["unit"]]
        stated = int(m["total"])
        larger = [i for i in items if int(i["n"]) > stated]
        if larger:
            out.append((m[0][:60], stated, f"其中“{larger[0][0]}”大于总数", m["unit"]))
            continue
        if len(items) < 3 or not re.sub(r"^(?:以及|及|和)", "", items[-1]["name"]).startswith("其他"):
            continue
        total = sum(int(i["n"]) for i in items)
        if total != stated:
            out.append((m[0][:60], stated, f"列出的各项（含“其他”）相加为{total}{m['unit']}", m["unit"]))
    return out


def check_claims(
    ev: Evaluated, paragraphs: list[tuple[str, int]], covered: set[tuple[int, int]] | None = None
) -> list[Finding]:
    """Every figure, share and 复议诉讼 claim of the prose that the report's tables contradict.

    ``paragraphs``: (squeezed text, line); ``covered``: (line, position) of figures the
    maintainers' phrase table (``prose.yaml``) already checked."""
    vocab = vocabulary(ev.format)
    findings: list[Finding] = []
    covered = covered or set()
    for text, line in paragraphs:
        claims = _claims(text, vocab) + _column_claims(text, vocab, ev.format)
        shares: dict[str, Decimal] = {}
        decimals = 0
        for claim in claims:
            if (line, claim.start) in covered or qualified(text, claim.begin, ev.meta.year):
                continue
            values = [_value(ev, p) for p in claim.paths]
            if any(v is None for v in values):
                continue
            stated = _in_cell_unit(ev, claim)
            if stated is None:
                continue  # a money figure for a count, a count for an amount: not this cell's
            claim.stated = stated
            value = sum((v for v in values if v is not None), Decimal(0))
            if value != claim.stated:
                where = "＋".join(claim.paths)
                unit = _cell_unit(ev, claim.paths[0])
                findings.append(
                    Finding(
                        "prose",
                        f"正文写“{claim.quoted}”，但数据中 {where} 为 {fmt_number(value)}{unit}；"
                        f"请改正，或改用 {{xxgk:val}}`{claim.paths[0]}` 由数据生成",
                        line,
                    )
                )
                continue
            share = _SHARE.match(text[claim.end + (1 if text[claim.end : claim.end + 1] == "件" else 0) :])
            if share is None or len(claim.paths) != 1:
                continue
            table, _, rest = claim.paths[0].partition(".")
            bases = [b for b in _bases(ev, table, rest.rpartition(".")[2]) if b]
            if not bases:
                continue
            stated = share["pct"]
            shares[claim.paths[0]] = Decimal(stated)
            decimals = max(decimals, _decimals(stated))
            if not _share_ok(value, bases, stated):
                right = (value * 100 / bases[0]).quantize(Decimal(1).scaleb(-max(1, _decimals(stated))))
                findings.append(
                    Finding(
                        "prose",
                        f"正文写“{claim.quoted}，占{stated}%”，但按数据 {fmt_number(value)} ÷ "
                        f"{fmt_number(bases[0])} 应为 {right}%；请改正，或改用 {{xxgk:pct}} 由数据生成",
                        line,
                    )
                )
        findings += _share_sums(vocab, shares, decimals, line)
        for quoted, stated, parts, unit in _list_sums(text):
            findings.append(
                Finding(
                    "prose",
                    f"正文写“{quoted}…”，共{stated}{unit}，但{parts}；请核对总数和各项数字",
                    line,
                )
            )
        for quoted, path, expected in _qualitative(ev, text):
            value = _value(ev, path)
            if value is not None and value != expected:
                findings.append(
                    Finding(
                        "prose",
                        f"正文写“{quoted}”，但数据中 {path} 为 {fmt_number(value)}；请改正正文或数据",
                        line,
                    )
                )
    return findings


def _share_sums(vocab: Vocabulary, shares: dict[str, Decimal], decimals: int, line: int) -> list[Finding]:
    """Shares stated for every part of one group (all outcomes) add up to 100 %."""
    out = []
    for _, parts in vocab.groups:
        if len(parts) < 3 or not all(p in shares for p in parts):
            continue
        total = sum((shares[p] for p in parts), Decimal(0))
        if abs(total - 100) > Decimal(len(parts)) * Decimal(5).scaleb(-decimals - 1):
            names = "、".join(p.split(".")[1] for p in parts)
            out.append(
                Finding(
                    "shares",
                    f"正文给出{names}的占比，合起来应为100%，但相加为 {total}%；请核对各项占比，"
                    "或改用 {xxgk:pct} 由数据生成",
                    line,
                )
            )
    return out
