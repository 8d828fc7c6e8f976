"""A whole project of report pages, read and checked without Sphinx (``xxgk check``).

Every finding comes from the same pure functions the Sphinx build calls
(``parse``, ``report``, ``checks``, ``refs``), located at the same file:line,
so a clean ``xxgk check`` means a clean ``make html``. Nothing here imports Sphinx.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import refs
from .checks import check_cross_year
from .concepts import trend_target
from .model import Finding, RawEntry, ReportMeta
from .parse import parse_data_block
from .prose import COPY_THRESHOLD, Paragraph, check_page
from .report import MISSING_REPORT, Evaluated, LookupProblem, evaluate, parse_meta, table_target
from .source import PageSource, docname_of, read_page
from .text import SpecError
from .years import Key, SelectorError, parse_year_ref

SKIP_DIRS = {"_build", ".venv", "venv", "node_modules", ".git", "tests", "bench", "ext", "_templates"}


@dataclass(frozen=True, order=True)
class Located:
    """A finding with its file: what ``xxgk check`` prints."""

    path: str
    line: int
    subtype: str
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}: 警告：{self.message} [xxgk.{self.subtype}]"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.path, "line": self.line, "type": f"xxgk.{self.subtype}", "message": self.message}


@dataclass
class Checked:
    """What checking one page found, and which reports it read: (body, year) → the page that
    held it, or None when there was none (its findings change when either does)."""

    found: list[Located]
    lookups: dict[Key, str | None]
    whole_index: bool = False  # it looked at every (body, year) of the project (trend :body:)


@dataclass
class Page:
    source: PageSource
    meta: ReportMeta | None = None
    entries: list[RawEntry] = field(default_factory=list)
    read_findings: list[Finding] = field(default_factory=list)
    evaluated: Evaluated | None = None

    @property
    def key(self) -> Key | None:
        return (self.meta.body, self.meta.year) if self.meta else None


def find_pages(root: Path) -> list[Path]:
    """Every Markdown page of a project, skipping build output, tooling, README and ``_*`` folders
    (snippets that pages include, templates)."""
    pages = []
    for path in sorted(root.rglob("*.md")):
        parts = path.relative_to(root).parts
        if any(p in SKIP_DIRS or p.startswith((".", "_")) for p in parts[:-1]) or path.name == "README.md":
            continue
        pages.append(path)
    return pages


class _Pages(Mapping[str, "Page"]):
    """The project's pages by docname, each read from disk when first asked for."""

    def __init__(self, project: Project, paths: dict[str, Path]) -> None:
        self._project = project
        self._paths = paths
        self._read: dict[str, Page] = {}

    def __getitem__(self, docname: str) -> Page:
        page = self._read.get(docname)
        if page is None:
            path = self._paths[docname]  # KeyError for a docname that is not a page
            page = self._read[docname] = self._project._read(read_page(path, self._project.root))
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __contains__(self, docname: object) -> bool:
        return docname in self._paths

    def read_count(self) -> int:
        return len(self._read)


class Project:
    """All pages of a project, evaluated; a ``refs.Library`` over (body, year).

    ``known`` gives the (body, year) of pages that need not be read to know it (from the
    ``xxgk check`` cache); every other page is read now, and any page when first used."""

    def __init__(
        self,
        root: Path,
        paths: Iterable[Path],
        default_body: str = "",
        conf: dict[str, Any] | None = None,
        known: dict[str, Key | None] | None = None,
        progress: bool = True,
    ) -> None:
        self.root = root
        self.default_body = default_body
        self.conf = conf or {}
        by_docname = {docname_of(path, root): path for path in paths}
        self.pages: _Pages = _Pages(self, by_docname)
        self._lookups: dict[Key, str | None] | None = None  # recorded while a page is checked
        self._whole_index = False
        known = known or {}
        unread = [docname for docname in by_docname if docname not in known]
        progress = progress and len(unread) > 50 and sys.stderr.isatty()
        keys: dict[str, Key | None] = {}
        for count, docname in enumerate(by_docname, start=1):
            keys[docname] = known[docname] if docname in known else self.pages[docname].key
            if progress and (count % 25 == 0 or count == len(by_docname)):
                print(f"\r正在读取报告 {count}/{len(by_docname)}", end="", file=sys.stderr, flush=True)
        if progress:
            print(file=sys.stderr)
        self.set_keys(keys)

    def set_keys(self, keys: dict[str, Key | None]) -> None:
        """The (body, year) of every page, and the index of which page holds each."""
        self.keys = dict(keys)
        self.index: dict[Key, str] = {}
        for docname in sorted(self.keys):
            key = self.keys[docname]
            if key is not None:
                self.index.setdefault(key, docname)

    def owner(self, key: Key) -> str | None:
        """The page that holds the report of ``key`` (recorded as a dependency while checking)."""
        docname = self.index.get(key)
        if self._lookups is not None:
            self._lookups[key] = docname
        return docname

    def _read(self, source: PageSource) -> Page:
        page = Page(source)
        reports = source.xxgk("report")
        if reports:
            first = reports[0]
            page.meta, findings = parse_meta(first.options, first.line, self.default_body)
            page.read_findings += findings
            for extra in reports[1:]:
                page.read_findings.append(
                    Finding(
                        "report",
                        f"每页只能有一个 xxgk:report（第{first.line}行已有），请删去重复的一个",
                        extra.line,
                    )
                )
        for block in source.xxgk("data"):
            parsed = parse_data_block(block.body, block.body_line)
            page.read_findings += [
                f if f.line is not None else Finding(f.subtype, f.message, block.line)
                for f in parsed.findings
            ]
            page.entries += parsed.entries
        if page.meta is not None:
            page.evaluated = evaluate(page.meta, page.entries)
        return page

    def report(self, key: Key) -> Evaluated | None:
        docname = self.owner(key)
        return self.pages[docname].evaluated if docname else None

    def shows(self, key: Key, table_id: str) -> bool:
        docname = self.owner(key)
        page = self.pages.get(docname) if docname else None
        if page is None or page.evaluated is None:
            return False
        ev = page.evaluated
        return any(
            (t := ev.format.table(d.argument)) is not None and t.id == table_id
            for d in page.source.xxgk("table")
        )

    # -- checks ------------------------------------------------------------------

    def check(self, only: Iterable[str] | None = None, jobs: int = 1) -> list[Located]:
        """Every finding of the pages (all, or the docnames in ``only``), sorted."""
        wanted = sorted(set(only if only is not None else self.pages) & set(self.pages))
        results = self.check_pages(wanted, jobs)
        return sorted({found for docname in wanted for found in results[docname].found})

    def check_pages(self, docnames: list[str], jobs: int = 1) -> dict[str, Checked]:
        """The findings of each page, with the reports it read. With ``jobs`` > 1 and many
        pages, forked workers share the pages read (only the findings come back)."""
        if jobs > 1 and len(docnames) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods():
            for docname in docnames:  # read in this process, so that workers need not
                self.pages[docname]
            global _CHECKING
            _CHECKING = self
            try:
                chunks = [docnames[i::jobs] for i in range(jobs)]
                with multiprocessing.get_context("fork").Pool(jobs) as pool:
                    parts = pool.map(_check_in_worker, chunks)
            finally:
                _CHECKING = None
            return {docname: checked for part in parts for docname, checked in part.items()}
        return self._checked(docnames)

    def _checked(self, docnames: Iterable[str]) -> dict[str, Checked]:
        out: dict[str, Checked] = {}
        for docname in docnames:
            page = self.pages[docname]
            rel = page.source.path.relative_to(self.root).as_posix()
            fallback = next((d.line for d in page.source.xxgk("data")), 1)
            allow = set(page.meta.allow) if page.meta else set()
            self._lookups, self._whole_index = {}, False
            try:
                findings = self._page_findings(page)
                lookups, whole_index = dict(self._lookups), self._whole_index
            finally:
                self._lookups = None
            found = []
            for finding in findings:
                if finding.subtype in allow or self._suppressed(finding.subtype):
                    continue
                line = finding.line if finding.line is not None else fallback
                found.append(Located(rel, line, finding.subtype, finding.message))
            out[docname] = Checked(sorted(set(found)), lookups, whole_index)
        return out

    def _suppressed(self, subtype: str) -> bool:
        suppress = self.conf.get("suppress_warnings", [])
        # as Sphinx's is_suppressed_warning (not imported: no Sphinx here)
        return bool({"xxgk", "xxgk.*", f"xxgk.{subtype}"} & set(suppress))

    def _page_findings(self, page: Page) -> list[Finding]:
        src = page.source
        findings = list(page.read_findings)
        ev, key = page.evaluated, page.key
        if not src.xxgk("report"):
            lines = [d.line for name in ("data", "table", "compare") for d in src.xxgk(name)]
            lines += [d.line for d in src.xxgk("trend") if not d.options.get("body", "").strip()]
            lines += [r.line for r in src.roles if refs.needs_own_report(r.name, r.target)]
            if lines:
                first = src.xxgk("data")[0].line if src.xxgk("data") else min(lines)
                findings.append(Finding("report", MISSING_REPORT, first))
        if ev is None or key is None:
            if not src.xxgk("report"):  # roles that read other bodies' reports still resolve
                findings += self._role_findings(page)
            return findings
        findings += ev.findings
        owner = self.owner(key)
        if owner is not None and owner != src.docname:
            line = src.xxgk("report")[0].line
            findings.append(
                Finding(
                    "report",
                    f"{key[0]}{key[1]}年度报告已在“{owner}”页中，同一机构同一年度只能有一份报告",
                    line,
                )
            )
        previous = self.report((key[0], key[1] - 1))
        if previous is not None and ev.figures.table_lines:
            findings += check_cross_year(
                ev.format, ev.figures, previous.format, previous.figures, (key[1], key[1] - 1)
            )
        for directive in src.xxgk("table"):
            found = table_target(ev, directive.argument, directive.line)
            if isinstance(found, Finding):
                findings.append(found)
        prev_doc = self.owner((key[0], key[1] - 1))
        # the copy check is the costly one: skipped when it is switched off
        copy_wanted = not (self._suppressed("copy") or "copy" in ev.meta.allow)
        findings += check_page(
            ev,
            [Paragraph(text, line) for text, line in src.paragraphs],
            src.headings,
            [d.argument for d in src.xxgk("table")],
            (key[1] - 1, [Paragraph(t, line) for t, line in self.pages[prev_doc].source.paragraphs])
            if prev_doc and copy_wanted
            else None,
            float(self.conf.get("xxgk_copy_threshold", COPY_THRESHOLD)),
            self.conf.get("xxgk_deadlines") or {},
        )
        findings += self._view_findings(page)
        return findings + self._role_findings(page)

    def _role_findings(self, page: Page) -> list[Finding]:
        ctx = refs.Context(page.evaluated, page.key, self)
        findings = []
        for role in page.source.roles:
            if role.name not in ("val", "pct", "delta", "ref"):
                continue
            if page.evaluated is None and refs.needs_own_report(role.name, role.target):
                continue  # the missing report is reported once, above
            try:
                if role.name == "ref":
                    ev, table, _ = refs.ref_target(ctx, refs.split_ref(role.target)[1])
                    if table is not None and not (
                        ev.figures.has_table(table.id) and self.shows((ev.meta.body, ev.meta.year), table.id)
                    ):
                        raise LookupProblem(f"{ev.meta.year}年度报告页中没有显示“{table.id}”表，无法链接")
                else:
                    refs.value_text(ctx, role.name, role.target)
            except (LookupProblem, SelectorError, SpecError) as exc:
                findings.append(Finding("ref", str(exc), role.line))
        return findings

    def _view_findings(self, page: Page) -> list[Finding]:
        """The checks ``xxgk:compare`` and ``xxgk:trend`` make before they draw anything."""
        ctx = refs.Context(page.evaluated, page.key, self)
        findings = []
        for directive in page.source.xxgk("compare"):
            try:
                refs.report_at(ctx, parse_year_ref(directive.options.get("year", "prev").lstrip("@")))
            except (LookupProblem, SelectorError) as exc:
                findings.append(Finding("ref", str(exc), directive.line))
        for directive in page.source.xxgk("trend"):
            body = directive.options.get("body", "").strip()
            self._whole_index = self._whole_index or bool(body)
            if body and not any(key[0] == body for key in self.index):
                message = f"找不到机构“{body}”的报告；:body: 应与报告 xxgk:report 的 :body: 一致"
                findings.append(Finding("ref", message, directive.line))
            for path in directive.argument.split():
                try:
                    trend_target(path, page.evaluated)
                except LookupProblem as exc:
                    findings.append(Finding("ref", str(exc), directive.line))
        return findings


PARALLEL_FROM = 200  # pages; below this a worker costs more than it saves
_CHECKING: Project | None = None  # the project forked workers check (set around the pool)


def _check_in_worker(docnames: list[str]) -> dict[str, Checked]:
    assert _CHECKING is not None
    return _CHECKING._checked(docnames)


def conf_values(root: Path) -> dict[str, Any]:
    """Literal ``xxgk_*`` and ``suppress_warnings`` settings of conf.py (read, never executed)."""
    import ast

    conf = root / "conf.py"
    values: dict[str, Any] = {}
    if not conf.is_file():
        return values
    for node in ast.parse(conf.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name.startswith("xxgk_") or name == "suppress_warnings":
                try:
                    values[name] = ast.literal_eval(node.value)
                except ValueError:
                    continue
    return values


def load(root: Path) -> Project:
    conf = conf_values(root)
    return Project(root, find_pages(root), str(conf.get("xxgk_default_body", "")), conf)
