"""Official report formats, loaded from the data files next to this module.

One YAML file per format: the two national templates (``gb2019.yaml``,
``gb2021.yaml``), the 2014 statistics table (``legacy2014.yaml``) and its local
variants (files that ``extends`` a base and patch it), the free-form reports
of the years before any template (``free.yaml``), plus the generic
``breakdown.yaml`` and the cross-format ``concepts.yaml``. Nothing here
imports Sphinx.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any, Literal

from ..yamlsafe import load_safe

Kind = Literal["count", "signed", "amount"]
KINDS: tuple[str, ...] = ("count", "signed", "amount")

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])")
_PAREN = re.compile(r"（[^）]*）|\([^)]*\)")


@lru_cache(maxsize=65536)
def normalize_key(text: str) -> str:
    """Canonical form of a key as typed: NFKC, no spaces, no quotes."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s“”\"'‘’]", "", text)


def _label_aliases(label: str) -> list[str]:
    """Keys a label is also known by: without its numbering and notes in brackets."""
    out = [label]
    bare = _NUMBERING.sub("", label)
    out.append(bare)
    out.append(_PAREN.sub("", bare))
    return out


def label_keys(text: str) -> frozenset[str]:
    """The keys a label as printed matches: as written, without its numbering, without notes in
    brackets (how a label in a spreadsheet or a Word table is compared with a format's names)."""
    text = unicodedata.normalize("NFKC", text).replace("(", "（").replace(")", "）")
    text = re.sub(r"\s+", "", text)
    return frozenset(normalize_key(n) for n in _label_aliases(text) if n)


@dataclass(frozen=True)
class Node:
    """A row or column of a table, or a group of them (``children``)."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    children: tuple[Node, ...] = ()
    computed: bool = False
    kind: Kind = "count"
    unit: str = ""
    level: int = 0  # indentation in an indicator list (0 = 一、, 1 = （一）, 2 = 1., 3 = 其中)
    heading: bool = False  # a heading line of an indicator list: no figure
    status: str = ""  # legacy rows: "confirmed" (seen in a source) or "reconstructed"

    @property
    def is_group(self) -> bool:
        return bool(self.children)

    def leaves(self) -> list[Node]:
        if not self.children:
            return [self]
        return [leaf for child in self.children for leaf in child.leaves()]

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)

    def names(self) -> list[str]:
        return [*self.explicit_names(), *self.label_names()]

    def explicit_names(self) -> list[str]:
        """The id and the aliases the format file gives: unique within a table."""
        names = [self.id, *self.aliases] if self.id else []
        return [normalize_key(n) for n in names if n]

    def label_names(self) -> list[str]:
        """Names derived from the label; dropped where two rows share them (（二）被依法纠错数)."""
        return [normalize_key(n) for n in _label_aliases(self.label) if n] if self.id else []


@dataclass(frozen=True)
class Computed:
    """Cells of ``cell`` along ``axis`` that are the sum of ``terms``.

    ``axis == "row"``: in every row, column ``cell`` = Σ columns ``terms``.
    ``axis == "column"``: in every column, row ``cell`` = Σ rows ``terms``.
    """

    id: str
    axis: Literal["row", "column"]
    cell: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    """One term of a rule: ``sign × name``, from this year's or the previous year's report."""

    name: str
    sign: int = 1
    prev: bool = False


@dataclass(frozen=True)
class Identity:
    """A rule ``lhs op rhs`` between sums of rows (axis column) or columns (axis row).

    Cross-year rules (``Format.cross_year``) name their ``table`` and may use
    terms of the previous year's report (``prev.名称``); they apply only when
    the previous report uses one of ``prev_formats``.
    """

    id: str
    subtype: str
    axis: Literal["row", "column"]
    lhs: tuple[Term, ...]
    op: Literal["=", "<=", ">="]
    rhs: tuple[Term, ...]
    note: str = ""
    only: tuple[str, ...] = ()
    rule: str = ""
    table: str = ""
    prev_formats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    caption: str
    columns: tuple[Node, ...]
    rows: tuple[Node, ...]


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    layout: Literal["grid", "blocks", "strip", "indicator"]
    rows: tuple[Node, ...]
    columns: tuple[Node, ...]
    aliases: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    computed: tuple[Computed, ...] = ()
    identities: tuple[Identity, ...] = ()
    corner: str = ""
    label_header: str = ""
    width: int = 0
    unit: str = ""
    anchor: str = ""
    omitted: Literal["zero", "blank"] = "zero"  # what a cell left out of the data means
    _row_index: dict[str, Node] = field(default_factory=dict, compare=False, repr=False)
    _col_index: dict[str, Node] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for tree, index in ((self.rows, self._row_index), (self.columns, self._col_index)):
            for node in walk(tree):
                for name in node.explicit_names():
                    other = index.setdefault(name, node)
                    if other.id != node.id:
                        raise ValueError(
                            f"table {self.id}: key {name!r} names both {other.id!r} and {node.id!r}"
                        )
            derived: dict[str, set[str]] = {}
            for node in walk(tree):
                for name in node.label_names():
                    derived.setdefault(name, set()).add(node.id)
            by_id = {node.id: node for node in walk(tree)}
            for name, ids in derived.items():
                if len(ids) == 1 and name not in index:
                    index[name] = by_id[next(iter(ids))]

    def names(self) -> list[str]:
        return list(self._names)

    @cached_property
    def _names(self) -> tuple[str, ...]:
        return tuple(normalize_key(n) for n in (self.id, *self.aliases, self.title))

    def leaf_rows(self) -> list[Node]:
        return list(self._leaf_rows)

    def leaf_columns(self, row: str | None = None) -> list[Node]:
        if self.layout == "blocks" and row is not None and row in self._block_columns:
            return list(self._block_columns[row])
        return list(self._leaf_columns)

    # -- derived once per table (formats are immutable; these run for every cell) --

    @cached_property
    def _leaf_rows(self) -> tuple[Node, ...]:
        return tuple(leaf for node in self.rows for leaf in node.leaves() if not leaf.heading)

    @cached_property
    def _leaf_columns(self) -> tuple[Node, ...]:
        return tuple(leaf for node in self.columns for leaf in node.leaves())

    @cached_property
    def _block_columns(self) -> dict[str, tuple[Node, ...]]:
        return {r.id: tuple(block.columns) for block in self.blocks for r in block.rows}

    @cached_property
    def _expansions(self) -> dict[tuple[str, str], list[str]]:
        return {}

    @cached_property
    def _column_sets(self) -> dict[str, frozenset[str]]:
        return {}

    @cached_property
    def _leaf_cells(self) -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
        return {}

    def column_ids(self, row: str) -> frozenset[str]:
        """The ids of the columns a leaf row has (all, or its block's)."""
        cache = self._column_sets
        if row not in cache:
            cache[row] = frozenset(c.id for c in self.leaf_columns(row))
        return cache[row]

    def leaf_cells(self, row: str, col: str) -> tuple[tuple[str, str], ...]:
        """The (row, column) leaf cells that a row and column id (either may be a group)
        stand for, in order; KeyError for an unknown id."""
        key = (row, col)
        if key not in self._leaf_cells:
            self._leaf_cells[key] = tuple(
                (r, c)
                for r in self.expand("row", row)
                for c in self.expand("column", col)
                if c in self.column_ids(r)
            )
        return self._leaf_cells[key]

    def row(self, name: str) -> Node | None:
        return self._row_index.get(normalize_key(name))

    def column(self, name: str, row: str | None = None) -> Node | None:
        if self.layout == "blocks" and row is not None:
            key = normalize_key(name)
            for col in self.leaf_columns(row):
                if key in col.names():
                    return col
            return None
        return self._col_index.get(normalize_key(name))

    def cells(self) -> list[tuple[str, str]]:
        """Every (row id, column id) cell of the table, in official order."""
        return [(r.id, c.id) for r in self.leaf_rows() for c in self.leaf_columns(r.id)]

    def expand(self, axis: Literal["row", "column"], name: str) -> list[str]:
        """Leaf ids that a row/column id (possibly a group) stands for."""
        key = (axis, name)
        if key not in self._expansions:
            node = self.row(name) if axis == "row" else self.column(name)
            if node is None:
                raise KeyError(name)
            self._expansions[key] = [leaf.id for leaf in node.leaves()]
        return self._expansions[key]


@dataclass(frozen=True)
class Format:
    id: str
    name: str
    basis: str
    first_year: int
    last_year: int | None
    sections: tuple[str, ...]
    tables: tuple[Table, ...]
    cross_year: tuple[Identity, ...] = ()
    tables_required: bool = True  # the official tables must be shown (fitness)
    base: str = ""  # a local variant: the format it extends (trends treat them as one regime)
    short: str = ""  # a short name for trend tables: 统计表（2014）
    suggested_sections: tuple[str, ...] = ()  # headings `xxgk new` writes where no section is required

    @property
    def regime(self) -> str:
        """The format family: a variant counts as its base."""
        return self.base or self.id

    @property
    def span(self) -> str:
        if self.last_year is None:
            return f"{self.first_year}年度及以后"
        return f"{self.first_year}—{self.last_year}年度"

    def table(self, name: str) -> Table | None:
        return self._table_index.get(normalize_key(name))

    @cached_property
    def _table_index(self) -> dict[str, Table]:
        index: dict[str, Table] = {}
        for table in self.tables:
            for name in table.names():
                index.setdefault(name, table)
        return index

    def applies_to(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        """Pickled by id: a cached or worker-made report refers to the one loaded format."""
        return (load_format, (self.id,))


@dataclass(frozen=True)
class BreakdownFormat:
    name: str
    label_header: str
    value_header: str
    share_header: str
    total_label: str
    total_aliases: tuple[str, ...]
    share_decimals: int


def walk(tree: Iterable[Node]) -> list[Node]:
    """Every node of a tree, parents before their children."""
    out: list[Node] = []
    for node in tree:
        out.append(node)
        out.extend(walk(node.children))
    return out


def table_labels(table: Table) -> dict[str, str]:
    """Row and column id → the label the official table prints (a block's own columns too)."""
    labels = {n.id: n.label for n in walk((*table.rows, *table.columns))}
    for block in table.blocks:
        labels.update({n.id: n.label for n in (*block.rows, *block.columns)})
    return labels


def _node(raw: dict[str, Any], default_kind: Kind, default_unit: str, default_status: str = "") -> Node:
    kind = raw.get("kind", default_kind)
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    status = str(raw.get("status", default_status))
    if status not in ("", "confirmed", "reconstructed"):
        raise ValueError(f"unknown status {status!r}")
    return Node(
        id=str(raw.get("id", "")),
        label=str(raw.get("label") or raw.get("id", "")),
        aliases=tuple(str(a) for a in raw.get("aliases", ())),
        children=tuple(_node(c, kind, default_unit, status) for c in raw.get("children", ())),
        computed=bool(raw.get("computed", False)),
        kind=kind,
        unit=str(raw.get("unit", default_unit)),
        level=int(raw.get("level", 0)),
        heading=bool(raw.get("heading", False)),
        status=status,
    )


def _terms(text: str) -> tuple[Term, ...]:
    terms: list[Term] = []
    for match in re.finditer(r"([+-]?)\s*([^+\-\s]+)", text):
        sign = -1 if match.group(1) == "-" else 1
        name = match.group(2)
        prev = name.startswith("prev.")
        terms.append(Term(name.removeprefix("prev."), sign, prev))
    if not terms:
        raise ValueError(f"empty side in rule {text!r}")
    return tuple(terms)


def _rule(text: str) -> tuple[tuple[Term, ...], str, tuple[Term, ...]]:
    for op in ("<=", ">=", "="):
        if op in text:
            left, right = text.split(op, 1)
            return _terms(left), op, _terms(right)
    raise ValueError(f"identity rule without =, <= or >=: {text!r}")


def _identity(raw: dict[str, Any]) -> Identity:
    lhs, op, rhs = _rule(raw["rule"])
    return Identity(
        id=raw["id"],
        subtype=raw["subtype"],
        axis=raw["axis"],
        lhs=lhs,
        op=op,  # type: ignore[arg-type]
        rhs=rhs,
        note=raw.get("note", ""),
        only=tuple(raw.get("rows", ())),
        rule=raw["rule"],
        table=raw.get("table", ""),
        prev_formats=tuple(raw.get("prev_formats", ())),
    )


def _table(raw: dict[str, Any]) -> Table:
    unit = str(raw.get("unit", ""))
    blocks = tuple(
        Block(
            caption=str(b["caption"]),
            columns=tuple(_node(c, "count", unit) for c in b["columns"]),
            rows=tuple(_node(r, "count", unit) for r in b["rows"]),
        )
        for b in raw.get("blocks", ())
    )
    if blocks:
        rows = tuple(r for b in blocks for r in b.rows)
        seen: dict[str, Node] = {}
        for b in blocks:
            for c in b.columns:
                seen.setdefault(c.id, c)
        columns = tuple(seen.values())
    else:
        status = str(raw.get("status", ""))
        rows = tuple(_node(r, "count", unit, status) for r in raw["rows"])
        columns = tuple(_node(c, "count", unit) for c in raw["columns"])
    return Table(
        id=raw["id"],
        title=raw["title"],
        layout=raw["layout"],
        rows=rows,
        columns=columns,
        aliases=tuple(raw.get("aliases", ())),
        blocks=blocks,
        computed=tuple(
            Computed(id=c["id"], axis=c["axis"], cell=c["cell"], terms=tuple(c["sum"]))
            for c in raw.get("computed", ())
        ),
        identities=tuple(_identity(i) for i in raw.get("identities", ())),
        anchor=raw.get("anchor", ""),
        corner=raw.get("corner", ""),
        label_header=raw.get("label_header", ""),
        width=int(raw.get("width", 0)),
        unit=unit,
        omitted=raw.get("omitted", "zero"),
    )


def _read(name: str) -> dict[str, Any]:
    text = resources.files(__name__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = load_safe(text)
    if not isinstance(data, dict):
        raise ValueError(f"format file {name}.yaml is not a mapping")
    return data


# Every format file, oldest regime first; a variant follows its base.
FORMAT_IDS: tuple[str, ...] = ("free", "legacy2014", "legacy2014-district", "gb2019", "gb2021")


def _extend(base: dict[str, Any], variant: dict[str, Any]) -> dict[str, Any]:
    """A variant file applied to its base: top-level keys replace, ``patch_tables``
    patches tables by id (``columns``/``computed`` replace; ``insert_rows`` adds rows
    after a named row; ``identities`` are appended)."""
    out = {**base, **{k: v for k, v in variant.items() if k not in ("extends", "patch_tables")}}
    out["base"] = base["id"]
    patches = variant.get("patch_tables", {}) or {}
    tables = []
    for table in base["tables"]:
        patch = patches.get(table["id"])
        if patch is None:
            tables.append(table)
            continue
        table = {**table, **{k: v for k, v in patch.items() if k not in ("insert_rows", "identities")}}
        rows = list(table["rows"])
        for insert in patch.get("insert_rows", ()):
            ids = [r.get("id") for r in rows]
            if insert["after"] not in ids:
                raise ValueError(f"{variant['id']}: no row {insert['after']!r} to insert after")
            at = ids.index(insert["after"]) + 1
            rows[at:at] = insert["rows"]
        table["rows"] = rows
        table["identities"] = [*table.get("identities", ()), *patch.get("identities", ())]
        tables.append(table)
    unknown = set(patches) - {t["id"] for t in base["tables"]}
    if unknown:
        raise ValueError(f"{variant['id']}: patch_tables names unknown tables {sorted(unknown)}")
    out["tables"] = tables
    return out


def _raw_format(format_id: str) -> dict[str, Any]:
    raw = _read(format_id)
    if "extends" in raw:
        return _extend(_raw_format(str(raw["extends"])), raw)
    return raw


@cache
def load_format(format_id: str) -> Format:
    """The format ``format_id``; KeyError when there is none."""
    if format_id not in FORMAT_IDS:
        raise KeyError(format_id)
    raw = _raw_format(format_id)
    return Format(
        id=raw["id"],
        name=raw["name"],
        basis=raw["basis"],
        first_year=int(raw["first_year"]),
        last_year=raw.get("last_year"),
        sections=tuple(raw.get("sections", ())),
        tables=tuple(_table(t) for t in raw["tables"]),
        cross_year=tuple(_identity(i) for i in raw.get("cross_year", ())),
        tables_required=bool(raw.get("tables_required", True)),
        base=str(raw.get("base", "")),
        short=str(raw.get("short", raw["id"])),
        suggested_sections=tuple(raw.get("suggested_sections", ())),
    )


@cache
def load_breakdown() -> BreakdownFormat:
    raw = _read("breakdown")
    return BreakdownFormat(
        name=raw["name"],
        label_header=raw["label_header"],
        value_header=raw["value_header"],
        share_header=raw["share_header"],
        total_label=raw["total_label"],
        total_aliases=tuple(raw["total_aliases"]),
        share_decimals=int(raw["share_decimals"]),
    )


def format_for_year(year: int) -> Format | None:
    """The format a report of ``year`` uses unless it says otherwise (None before 2008).

    Of the base formats that may be used that year, the newest regime: 2008–2013
    free-form, 2014–2018 the statistics table, then the national templates.
    Local variants are never a default: a report names them with ``:format:``.
    """
    fitting = [f for f in map(load_format, FORMAT_IDS) if not f.base and f.applies_to(year)]
    return max(fitting, key=lambda f: f.first_year, default=None)
