"""Shared concepts across format revisions (``formats/concepts.yaml``).

A concept names "the same" figure in every format that has it — 收到申请数 is
``指标.收到申请数.统计数`` in the 2014 statistics table and ``申请.本年新收.总计``
in the 2019 and 2021 templates — with the caveat where two are not strictly
comparable. Trends over a concept draw one line across the revisions.
Nothing here imports Sphinx.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

from .entries import BREAKDOWN_KEYS
from .formats import FORMAT_IDS, Format, load_format, normalize_key
from .report import Evaluated, LookupProblem, lookup
from .yamlsafe import load_safe


@dataclass(frozen=True)
class Caveat:
    before: str  # regime (format id of a base format)
    after: str
    comparable: bool
    text: str


@dataclass(frozen=True)
class Concept:
    id: str
    label: str
    unit: str
    aliases: tuple[str, ...]
    cells: dict[str, tuple[str, ...]]  # regime → figure paths, in order of preference
    caveats: tuple[Caveat, ...]

    def names(self) -> list[str]:
        return [normalize_key(n) for n in (self.id, self.label, *self.aliases)]

    def paths(self, fmt: Format) -> tuple[str, ...]:
        return self.cells.get(fmt.id) or self.cells.get(fmt.regime, ())

    def caveat(self, before: str, after: str) -> Caveat | None:
        for c in self.caveats:
            if (c.before, c.after) == (before, after):
                return c
        return None


@cache
def load_concepts() -> tuple[Concept, ...]:
    text = resources.files("xxgk.core.formats").joinpath("concepts.yaml").read_text(encoding="utf-8")
    raw = load_safe(text)
    out = []
    for item in raw["concepts"]:
        cells = {str(k): tuple(v) for k, v in item["cells"].items()}
        unknown = set(cells) - set(FORMAT_IDS)
        if unknown:
            raise ValueError(f"concept {item['id']}: unknown formats {sorted(unknown)}")
        caveats = tuple(
            Caveat(str(c["from"]), str(c["to"]), bool(c["comparable"]), str(c["text"]))
            for c in item.get("caveats", ())
        )
        out.append(
            Concept(
                id=str(item["id"]),
                label=str(item["label"]),
                unit=str(item.get("unit", "")),
                aliases=tuple(item.get("aliases", ())),
                cells=cells,
                caveats=caveats,
            )
        )
    return tuple(out)


@cache
def _concept_index() -> dict[str, Concept]:
    return {name: concept for concept in reversed(load_concepts()) for name in concept.names()}


def find_concept(name: str) -> Concept | None:
    return _concept_index().get(normalize_key(name))


def only_breakdown(path: str, ev: Evaluated) -> str | None:
    """``分类.*.类别`` names the report's only breakdown: the path with its name, None without one."""
    head, star, rest = path.partition(".*.")
    if not star or head not in BREAKDOWN_KEYS:
        return path
    if len(ev.figures.breakdowns) != 1:
        return None
    return f"{head}.{next(iter(ev.figures.breakdowns))}.{rest}"


def concept_path(concept: Concept, ev: Evaluated) -> str | None:
    """The path of the concept's figure in one report: the first of its format's that is stated."""
    for path in concept.paths(ev.format):
        if _path_value(path, ev) is not None:
            return path
    return None


def concept_value(concept: Concept, ev: Evaluated) -> Decimal | None:
    path = concept_path(concept, ev)
    return None if path is None else _path_value(path, ev)


def _path_value(path: str, ev: Evaluated) -> Decimal | None:
    """The figure at ``path``; None when this report does not hold it."""
    found = only_breakdown(path, ev)
    if found is None:
        return None
    try:
        return lookup(ev, found)
    except LookupProblem:
        return None


@dataclass(frozen=True)
class Boundary:
    """A format change between two consecutive years of a series."""

    index: int  # position of the first year under the new regime
    year: int
    before: Format
    after: Format

    def comparable(self, concept: Concept) -> bool:
        caveat = concept.caveat(self.before.id, self.after.id)
        return caveat is None or caveat.comparable

    def note(self, concepts: list[Concept]) -> str:
        """What changed, and for each concept what the change means for its figure."""
        parts = [f"{self.year}年度起由{self.before.short}改为{self.after.short}（{self.after.basis}）。"]
        for concept in concepts:
            caveat = concept.caveat(self.before.id, self.after.id)
            if caveat is None:
                parts.append(f"“{concept.label}”前后统计口径相同。")
            else:
                parts.append(f"“{concept.label}”：{caveat.text}" if len(concepts) > 1 else caveat.text)
        return "".join(parts)


def boundaries(years: list[int], formats: list[Format | None]) -> list[Boundary]:
    """Where the regime changes between consecutive known years (a variant is its base's regime)."""
    out = []
    last: Format | None = None
    for i, (year, fmt) in enumerate(zip(years, formats, strict=True)):
        if fmt is None:
            continue
        if last is not None and last.regime != fmt.regime:
            out.append(Boundary(i, year, load_format(last.regime), load_format(fmt.regime)))
        last = fmt
    return out


def trend_target(path: str, ev: Evaluated | None) -> Concept | None:
    """What a ``xxgk:trend`` argument names: a concept, or a path (None) checked on ``ev``.

    Raises ``LookupProblem`` with the message for the author when it names nothing.
    """
    if "." in path:
        if ev is not None:
            lookup(ev, path)
        return None
    concept = find_concept(path)
    if concept is None:
        known = "、".join(c.id for c in load_concepts())
        raise LookupProblem(f"“{path}”既不是“表.行.列”，也不是跨格式指标；可用的指标有：{known}")
    return concept
