"""Trend charts as SVG (HTML) and TikZ (LaTeX) from one geometry.

Why not matplotlib: its text layout needs a CJK font file at build time, its
PDF output embeds that font (tofu when the machine lacks one) and its PGF
backend runs LaTeX to measure text. Here labels stay text: the browser sets
them in the page's CJK font, XeLaTeX in the document's (ctex) fonts, so no
build machine can produce tofu, and identical data gives identical bytes.
Nothing here imports Sphinx.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from .wording import fmt_number

WIDTH, HEIGHT = 640.0, 320.0
LEFT, RIGHT, TOP, BOTTOM = 64.0, 24.0, 40.0, 64.0
MARK_LINE = 18.0  # the format-change labels sit on a line between the title and the plot
COLOURS = ("#1f4e79", "#c0504d", "#4f8a3c", "#7f5f9f", "#d08a1e", "#2a8a8a")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2")
FONTS = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"
TIKZ_DASHES = ("solid", "dashed", "dotted", "dash dot", "loosely dashed", "densely dotted")


Point = tuple[float, float]


@dataclass(frozen=True)
class Mark:
    """A format change before year ``index``: a vertical rule and its label."""

    index: int
    label: str


@dataclass(frozen=True)
class Series:
    """One line. ``breaks``: indexes of years whose figure is not strictly comparable
    with the year before (a format change); that step is drawn dotted, so that no
    reader takes it for a real change."""

    label: str
    values: tuple[Decimal | None, ...]
    breaks: frozenset[int] = frozenset()


def nice_step(top: float, ticks: int = 5) -> float:
    """A 1/2/5×10^k step giving about ``ticks`` intervals up to ``top``."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 5, 10):
        if raw <= mult * power:
            return float(mult * power)
    return float(10 * power)  # pragma: no cover


@dataclass(frozen=True)
class Geometry:
    years: tuple[int, ...]
    series: tuple[Series, ...]
    y_max: float
    step: float
    top: float = TOP  # the plot's top edge; lower when format-change labels need a line of their own

    def x(self, i: int) -> float:
        span = WIDTH - LEFT - RIGHT
        if len(self.years) == 1:
            return LEFT + span / 2
        return LEFT + span * i / (len(self.years) - 1)

    def y(self, value: float) -> float:
        return HEIGHT - BOTTOM - (HEIGHT - self.top - BOTTOM) * value / self.y_max

    def ticks(self) -> list[float]:
        count = round(self.y_max / self.step)
        return [self.step * k for k in range(count + 1)]

    def segments(self, s: Series) -> list[list[Point]]:
        """Polylines of known points; a blank or missing year, or a break before year i, ends a line."""
        runs: list[list[Point]] = [[]]
        for i, v in enumerate(s.values):
            if v is None or i in s.breaks:
                runs.append([])
            if v is not None:
                runs[-1].append((self.x(i), self.y(float(v))))
        return [r for r in runs if r]

    def bridges(self, s: Series) -> list[tuple[Point, Point]]:
        """The steps across the breaks (drawn dotted) where both years are known."""
        out = []
        for i in sorted(s.breaks):
            if 0 < i < len(s.values) and s.values[i - 1] is not None and s.values[i] is not None:
                a, b = s.values[i - 1], s.values[i]
                out.append(((self.x(i - 1), self.y(float(a))), (self.x(i), self.y(float(b)))))
        return out

    def mark_x(self, index: int) -> float:
        return (self.x(index - 1) + self.x(index)) / 2


def geometry(years: list[int], series: list[Series], marks: bool = False) -> Geometry:
    known = [float(v) for s in series for v in s.values if v is not None]
    top = max(known, default=0.0)
    step = nice_step(top)
    y_max = max(step, math.ceil(top / step) * step) if top > 0 else step
    return Geometry(tuple(years), tuple(series), y_max, step, TOP + MARK_LINE if marks else TOP)


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _tick_label(value: float) -> str:
    return fmt_number(Decimal(str(value)).normalize()) if value else "0"


def _legend_x(series: list[Series]) -> list[float]:
    """Left edge of each legend entry: a 30-unit key, then the label (about 13 units a character)."""
    out, x = [], LEFT
    for s in series:
        out.append(x)
        x += 30 + 13 * len(s.label) + 24
    return out


def svg(years: list[int], series: list[Series], title: str = "", marks: list[Mark] | None = None) -> str:
    """An accessible inline SVG line chart (text as text, deterministic)."""
    marks = marks or []
    g = geometry(years, series, bool(marks))
    small = len(years) > 10
    desc = "；".join(
        f"{s.label}："
        + "，".join(
            f"{y}年{fmt_number(v) if v is not None else '无数据'}"
            for y, v in zip(years, s.values, strict=True)
        )
        for s in series
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="xxgk-chart" '
        f'viewBox="0 0 {_fmt(WIDTH)} {_fmt(HEIGHT)}" role="img" aria-label="{escape(title or "趋势图")}">',
        f"<title>{escape(title or '趋势图')}</title>",
        f"<desc>{escape(desc)}</desc>",
        f'<g font-family="{FONTS}" font-size="12" fill="#333">',
    ]
    if title:
        out.append(
            # left-aligned: on a phone the chart scrolls and its start is what is seen first
            f'<text x="{_fmt(LEFT - 40)}" y="20" font-size="14">{escape(title)}</text>'
        )
    for tick in g.ticks():
        y = _fmt(g.y(tick))
        out.append(f'<line x1="{_fmt(LEFT)}" y1="{y}" x2="{_fmt(WIDTH - RIGHT)}" y2="{y}" stroke="#ddd"/>')
        out.append(f'<text x="{_fmt(LEFT - 6)}" y="{y}" text-anchor="end" dy="4">{_tick_label(tick)}</text>')
    base = _fmt(g.y(0))
    out.append(f'<line x1="{_fmt(LEFT)}" y1="{base}" x2="{_fmt(WIDTH - RIGHT)}" y2="{base}" stroke="#555"/>')
    for i, year in enumerate(years):
        size = ' font-size="11"' if small else ""
        out.append(
            f'<text x="{_fmt(g.x(i))}" y="{_fmt(HEIGHT - BOTTOM + 18)}" '
            f'text-anchor="middle"{size}>{year}年</text>'
        )
    for m in marks:
        x = _fmt(g.mark_x(m.index))
        out.append(
            f'<line class="xxgk-chart-mark" x1="{x}" y1="{_fmt(g.top - 6)}" x2="{x}" y2="{base}" '
            f'stroke="#8a6d3b" stroke-dasharray="4 3"/>'
        )
        out.append(
            f'<text x="{x}" y="{_fmt(g.top - 10)}" text-anchor="middle" font-size="11" '
            f'fill="#8a6d3b">{escape(m.label)}</text>'
        )
    legend = _legend_x(series)
    for n, s in enumerate(series):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for (x1, y1), (x2, y2) in g.bridges(s):
            out.append(
                f'<line x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}" '
                f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="1 4" stroke-linecap="round"/>'
            )
        for run in g.segments(s):
            points = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in run)
            out.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>'
            )
            for x, y in run:
                out.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="3" fill="{colour}"/>')
        lx = legend[n]
        ly = HEIGHT - 18
        out.append(
            f'<line x1="{_fmt(lx)}" y1="{_fmt(ly - 4)}" x2="{_fmt(lx + 24)}" y2="{_fmt(ly - 4)}" '
            f'stroke="{colour}" stroke-width="2"{dash_attr}/>'
        )
        out.append(f'<text x="{_fmt(lx + 30)}" y="{_fmt(ly)}">{escape(s.label)}</text>')
    out.append("</g></svg>")
    return "\n".join(out)


_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


def tex_escape(text: str) -> str:
    return "".join(_TEX_SPECIAL.get(ch, ch) for ch in text if ch >= " ")


def tikz(years: list[int], series: list[Series], title: str = "", marks: list[Mark] | None = None) -> str:
    """The same chart as a TikZ picture (labels typeset by XeLaTeX), 14 cm wide."""
    marks = marks or []
    g = geometry(years, series, bool(marks))
    scale = 14.0 / WIDTH

    def pt(x: float, y: float) -> str:
        return f"({x * scale:.3f},{(HEIGHT - y) * scale:.3f})"

    # sizes in points, not relative to the text (三号 in a 公文 would crowd the axis)
    out = [r"\begin{center}", r"\begin{tikzpicture}[font=\fontsize{9pt}{11pt}\selectfont]"]
    if title:
        out.append(rf"\node at {pt(WIDTH / 2, 20)} {{{tex_escape(title)}}};")
    for tick in g.ticks():
        y = g.y(tick)
        out.append(rf"\draw[black!15] {pt(LEFT, y)} -- {pt(WIDTH - RIGHT, y)};")
        out.append(rf"\node[anchor=east] at {pt(LEFT - 4, y)} {{{_tick_label(tick)}}};")
    out.append(rf"\draw[black!70] {pt(LEFT, g.y(0))} -- {pt(WIDTH - RIGHT, g.y(0))};")
    # year labels never touch: smaller past 10 years, slanted past 16
    size = r"\fontsize{7pt}{8pt}\selectfont " if len(years) > 10 else ""
    place = "anchor=north east, rotate=45" if len(years) > 16 else "anchor=north"
    for i, year in enumerate(years):
        out.append(rf"\node[{place}] at {pt(g.x(i), HEIGHT - BOTTOM + 4)} {{{size}{year}年}};")
    for m in marks:
        x = g.mark_x(m.index)
        out.append(rf"\draw[brown, dashed] {pt(x, g.top - 6)} -- {pt(x, g.y(0))};")
        label = tex_escape(m.label)
        out.append(rf"\node[anchor=south, brown] at {pt(x, g.top - 8)} {{\scriptsize {label}}};")
    legend = _legend_x(series)
    # the legend goes under whatever is lowest so far (slanted year labels reach further down)
    out.append(r"\coordinate (xxgkbelow) at ([yshift=-3mm]current bounding box.south);")
    for n, s in enumerate(series):
        colour = COLOURS[n % len(COLOURS)].lstrip("#")
        style = TIKZ_DASHES[n % len(TIKZ_DASHES)]
        out.append(rf"\definecolor{{xxgkc{n}}}{{HTML}}{{{colour.upper()}}}")
        for a, b in g.bridges(s):
            out.append(rf"\draw[xxgkc{n}, densely dotted] {pt(*a)} -- {pt(*b)};")
        for run in g.segments(s):
            path = " -- ".join(pt(x, y) for x, y in run)
            out.append(rf"\draw[xxgkc{n}, thick, {style}] {path};")
            for x, y in run:
                out.append(rf"\fill[xxgkc{n}] {pt(x, y)} circle (1.5pt);")
        # the legend: each key starts where the previous label ends, as typeset (never over it)
        first = f"({pt(legend[0], HEIGHT)[1:-1]} |- xxgkbelow)"  # x of the plot's left edge
        start = first if n == 0 else f"([xshift=4mm]xxgklegend{n - 1}.east)"
        out.append(rf"\draw[xxgkc{n}, thick, {style}] {start} -- ++(6mm,0) coordinate (xxgkkey{n});")
        out.append(
            rf"\node[anchor=west] (xxgklegend{n}) at ([xshift=1mm]xxgkkey{n}) {{{tex_escape(s.label)}}};"
        )
    out += [r"\end{tikzpicture}", r"\end{center}"]
    return "\n".join(out)
