"""Data-block text → raw entries with line numbers, and number parsing.

The body of ``xxgk:data`` is a small YAML mapping::

    申请:
      本年新收: {自然人: 8, 商业企业: 1}
    分类:
      主动公开信息: {机构设置: 1, 人事信息: 1}

Only the safe loader is used; duplicate keys are errors, aliases/anchors are
refused, and numbers are parsed from the text as written (never by YAML), so
``1.0`` stays distinct from ``1`` and ``０１２`` does not become octal.
Nothing here imports Sphinx.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

import yaml

from .formats import normalize_key
from .model import Finding, RawBlock, RawEntry
from .safety import unsafe_text
from .yamlsafe import SafeLoader

BLANKS = frozenset({"", "~", "null", "/", "-", "—", "——", "－", "／", "无数据"})
_CN_NUMERALS = re.compile(r"^[零〇一二两三四五六七八九十百千万亿]+$")
_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")
MAX_DIGITS = 15
POSITION = "#"  # marks a column given by position: "#2/7" = 2nd of 7 values


_NOT_LINE_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})


class NumberError(ValueError):
    """A value that is not a number; the message says what would be right."""


MONEY_UNITS: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_MONEY = re.compile(r"^(?P<n>-?[\d.,]+)(?P<unit>元|万元|亿元)$")


def parse_figure(text: str) -> tuple[Decimal | None, str]:
    """A figure as typed → (Decimal or None for a blank, the money unit written with it or "").

    An amount may be written with its unit, as staff copy it ("251000元", "25.1万元"): the
    unit is kept, for the cell to convert or refuse (``entries``); any other unit is refused."""
    norm = unicodedata.normalize("NFKC", text.strip()).replace(" ", "")
    money = _MONEY.match(norm)
    if money:
        return parse_number(money["n"]), money["unit"]
    return parse_number(text), ""


def parse_number(text: str) -> Decimal | None:
    """A figure as typed → Decimal, or None for an explicit blank.

    Full-width digits (１２) are read as digits; thousands separators are
    accepted only when correctly grouped (3,119). Chinese numerals, units and
    anything else are refused with a message.
    """
    raw = text.strip()
    norm = unicodedata.normalize("NFKC", raw).replace(" ", "")
    if raw in BLANKS or norm in BLANKS:
        return None
    if _CN_NUMERALS.match(norm):
        raise NumberError(f"“{raw}”是中文数字，请改用阿拉伯数字（如 12）")
    if _GROUPED.match(norm):
        norm = norm.replace(",", "")
    if not _PLAIN.match(norm):
        unit = re.match(r"^(-?[\d.,]+)(\D+)$", norm)
        if unit:
            raise NumberError(f"“{raw}”带有单位或其他文字，请只写数字 {unit.group(1)}（单位由表格格式给出）")
        raise NumberError(f"“{raw}”不是数字，请填写阿拉伯数字；未统计的单元格可写 ~")
    if len(norm.replace("-", "").replace(".", "")) > MAX_DIGITS:
        raise NumberError(f"“{raw}”位数过多（超过{MAX_DIGITS}位），请核对")
    try:
        return Decimal(norm)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the regexes
        raise NumberError(f"“{raw}”不是数字") from exc


_SafeLoader = SafeLoader  # libyaml's safe loader when PyYAML has it (much faster)


def _refuse_aliases(text: str) -> None:
    """Anchors and aliases are refused before composing: no billion laughs, no hidden sharing."""
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                None, None, "数据中不能使用YAML锚点或别名（&名称、*名称），请直接写出数字", event.start_mark
            )


def _yaml_error_message(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc)
    hints = {
        "mapping values are not allowed here": "此处不能出现冒号，键值应写成“名称: 数字”，冒号后加空格",
        "could not find expected ':'": "缺少冒号，应写成“名称: 数字”",
        "expected ',' or '}'": "花括号 {…} 内写法有误：可能缺少右括号“}”，或两项之间缺少逗号",
        "expected ',' or ']'": "方括号 […] 内写法有误：可能缺少右括号“]”，或两项之间缺少逗号",
        "found duplicate anchor": "数据中不能使用YAML锚点（&名称）",
        "found undefined alias": "数据中不能使用YAML别名（*名称）",
        "found character '\\t' that cannot start any token": "不能用制表符缩进，请用空格",
        "expected <block end>, but found '<block mapping start>'": "缩进不一致，同一层的名称应对齐",
    }
    for key, hint in hints.items():
        if key in problem:
            return hint
    return f"YAML格式错误：{problem}"


def parse_data_block(text: str, first_line: int) -> RawBlock:
    """Parse the body of one data block whose first line is ``first_line`` (1-based)."""
    findings: list[Finding] = []
    entries: list[RawEntry] = []
    # YAML also breaks lines at NEL/LS/PS; files and editors count "\n" only, so must we
    text = text.translate(_NOT_LINE_BREAKS)
    try:
        _refuse_aliases(text)
        root = yaml.compose(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        findings.append(Finding("yaml", f"数据块无法解析：{_yaml_error_message(exc)}", line))
        return RawBlock(first_line, (), tuple(findings))
    if root is None:
        findings.append(Finding("yaml", "数据块为空：请按“表名: {行: {列: 数字}}”填写本年数据", first_line))
        return RawBlock(first_line, (), tuple(findings))

    def line_of(node: yaml.Node) -> int:
        return first_line + node.start_mark.line

    def walk(node: yaml.Node, path: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or not key_node.value.strip():
                    findings.append(Finding("yaml", "名称必须是文字", line_of(key_node)))
                    continue
                key = key_node.value.strip()
                hidden = unsafe_text(key)
                if hidden:  # written with a YAML escape: not in the page's text, but in every output
                    findings.append(
                        Finding(
                            "unsafe", f"名称中含有不可见或不允许的字符（{hidden}），请删除", line_of(key_node)
                        )
                    )
                    continue
                norm = normalize_key(key)
                if norm in seen:
                    findings.append(
                        Finding(
                            "duplicate",
                            f"“{'.'.join((*path, key))}”重复出现（第{seen[norm]}行已填写），"
                            "同一名称只能写一次",
                            line_of(key_node),
                        )
                    )
                    continue
                seen[norm] = line_of(key_node)
                walk(value_node, (*path, key))
        elif isinstance(node, yaml.ScalarNode):
            where = "“" + ".".join(p for p in path if not p.startswith(POSITION)) + "”"
            if not path:
                findings.append(
                    Finding("yaml", "数据块应是“表名: {行: {列: 数字}}”的层级结构", line_of(node))
                )
                return
            try:
                value, unit = parse_figure(node.value)
            except NumberError as exc:
                findings.append(Finding("value", f"{where}的值{exc}", line_of(node)))
                return
            start, end = node.start_mark, node.end_mark
            span = (start.column, end.column) if start.line == end.line else None
            entries.append(RawEntry(path, value, line_of(node), span, unit))
        elif (
            isinstance(node, yaml.SequenceNode)
            and len(path) >= 2
            and all(isinstance(item, yaml.ScalarNode) for item in node.value)
        ):
            # A row written in official column order: 本年新收: [8, 1, 0, 0, 0, 0, 9]
            count = len(node.value)
            for index, item in enumerate(node.value, start=1):
                walk(item, (*path, f"{POSITION}{index}/{count}"))
        else:
            where = "“" + ".".join(path) + "”" if path else "数据块"
            findings.append(
                Finding(
                    "yaml",
                    f"{where}的写法不对：应写成“名称: 数字”，或一行按列顺序写成 [数字, 数字, …]",
                    line_of(node),
                )
            )

    walk(root, ())
    return RawBlock(first_line, tuple(entries), tuple(findings))
