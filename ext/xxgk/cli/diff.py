"""What changed between two versions of a project (``xxgk diff``), keyed by (body, year).

Files may be renamed or moved: reports are matched by their identity, not their
path. Nothing here imports Sphinx.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.formats import Node
from ..core.report import Evaluated
from ..core.tabular import rows
from ..core.years import Key
from .project import Project


@dataclass
class Changes:
    figures: list[tuple[str, int, str, str, str, str, str, str]] = field(default_factory=list)
    added: list[Key] = field(default_factory=list)
    removed: list[Key] = field(default_factory=list)
    new_findings: list[tuple[str, int, str, str]] = field(default_factory=list)
    fixed_findings: list[tuple[str, int, str, str]] = field(default_factory=list)


def _row_labels(ev: Evaluated) -> dict[tuple[str, str], str]:
    """Row labels as a reviewer reads them: a numbered item with its group
    ("（四）无法提供 1.本机关不掌握相关政府信息"), since "3.其他" alone could be any group's."""
    out: dict[tuple[str, str], str] = {}

    def visit(table: str, nodes: Iterable[Node], parent: str) -> None:
        for node in nodes:
            numbered = node.label[:1].isdigit() and parent
            out[(table, node.id)] = f"{parent} {node.label}" if numbered else node.label
            visit(table, node.children, node.label)

    for table in ev.format.tables:
        visit(table.id, table.rows, "")
    return out


def _cells(project: Project) -> dict[Key, dict[tuple[str, str, str], tuple[str, str, str]]]:
    out: dict[Key, dict[tuple[str, str, str], tuple[str, str, str]]] = {}
    for key, docname in project.index.items():
        ev = project.pages[docname].evaluated
        if ev is None:
            continue
        labels = _row_labels(ev)
        out[key] = {
            (str(r["table"]), str(r["row"]), str(r["column"])): (
                str(r["value"]),
                labels.get((str(r["table"]), str(r["row"])), str(r["row_label"])),
                str(r["origin"]),
            )
            for r in rows(ev)
        }
    return out


def _findings(project: Project) -> set[tuple[str, int, str, str]]:
    by_path = {page.source.path.relative_to(project.root).as_posix(): page for page in project.pages.values()}
    out = set()
    for found in project.check():
        page = by_path.get(found.path)
        if page is not None and page.key is not None:
            out.add((page.key[0], page.key[1], found.subtype, found.message))
    return out


def compare_projects(old: Project, new: Project) -> Changes:
    changes = Changes()
    before, after = _cells(old), _cells(new)
    changes.added = sorted(after.keys() - before.keys())
    changes.removed = sorted(before.keys() - after.keys())
    for key in sorted(before.keys() & after.keys()):
        # official table order (rows as the format lists them), then cells only the old version had
        cells = [*after[key], *(cell for cell in before[key] if cell not in after[key])]
        for cell in cells:
            old_value, label, old_origin = before[key].get(cell, ("", "", ""))
            new_value, new_label, new_origin = after[key].get(cell, ("", label, ""))
            if old_value == new_value or "computed" in (old_origin, new_origin):
                continue  # totals follow from the cells that changed
            table, row, column = cell
            changes.figures.append(
                (key[0], key[1], table, new_label or label or row, column, old_value, new_value, row)
            )
    old_findings, new_findings = _findings(old), _findings(new)
    changes.new_findings = sorted(new_findings - old_findings)
    changes.fixed_findings = sorted(old_findings - new_findings)
    return changes


def to_markdown(changes: Changes, rev: str, rev2: str) -> str:
    lines = [f"## 年报数字变化（{rev} → {rev2}）", ""]
    if changes.added:
        lines.append("新增报告：" + "、".join(f"{b}{y}年度" for b, y in changes.added))
    if changes.removed:
        lines.append("删除报告：" + "、".join(f"{b}{y}年度" for b, y in changes.removed))
    if changes.figures:
        lines += [""] if lines[-1] else []
        lines += ["| 机构 | 年度 | 表 | 行 | 列 | 原值 | 新值 |", "|---|---|---|---|---|---:|---:|"]
        for body, year, table, label, column, old, new, _ in changes.figures:
            lines.append(f"| {body} | {year} | {table} | {label} | {column} | {old or '—'} | {new or '—'} |")
    elif not (changes.added or changes.removed):
        lines.append("没有数字变化。")
    if changes.new_findings or changes.fixed_findings:
        lines += ["", "### 核对结果变化", ""]
        lines += [f"- 新出现 `xxgk.{s}`（{b}{y}年度）：{m}" for b, y, s, m in changes.new_findings]
        lines += [f"- 已消除 `xxgk.{s}`（{b}{y}年度）：{m}" for b, y, s, m in changes.fixed_findings]
    return "\n".join(lines) + "\n"
