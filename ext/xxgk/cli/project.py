"""A whole project of report pages, read and checked without Sphinx (``xxgk check``).

Pages are the files ``sphinx-build`` reads (``pages``), read with the parser of their
suffix (MyST ``myst_page``, reStructuredText ``rst_page``) into what they declare, and
checked by the same orchestration the build calls (``core.page_findings``), so a clean
``xxgk check`` means a clean ``make html``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.model import Finding, RawEntry, ReportMeta
from ..core.names import pdf_name, same_name, shared_body_pages
from ..core.page_checks import COPY_THRESHOLD, Paragraph, YearProse, year_prose
from ..core.page_findings import REPORT_DIRS, Declared, RoleUse, Settings, ViewUse, identify, page_findings
from ..core.parse import parse_data_block
from ..core.report import Evaluated, evaluate
from ..core.safety import TRUSTED_PAGES
from ..core.views import VIEWS
from ..core.years import Key
from ..reading.page_source import PageSource
from .pages import conf_values, find_pages, read_page

YEAR_SET = "\x00year"  # the body of a lookup that read the whole of a year (same_year)


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
    accepted: list[Located] = field(default_factory=list)  # findings xxgk-accept comments accepted


@dataclass
class Page:
    """One page as ``xxgk check`` read it."""

    source: PageSource
    declared: Declared
    meta: ReportMeta | None = None
    evaluated: Evaluated | None = None

    @property
    def key(self) -> Key | None:
        return (self.meta.body, self.meta.year) if self.meta else None

    @property
    def entries(self) -> list[RawEntry]:
        return self.declared.entries


def declare(source: PageSource) -> Declared:
    """What a page read without Sphinx declares, as ``page_findings`` takes it."""
    page = Declared(source.docname)
    page.reports = [(dict(d.options), d.line) for d in source.xxgk("report")]
    for block in source.xxgk("data"):
        parsed = parse_data_block(block.body, block.body_line)
        page.data_lines.append(block.line)
        page.data_findings += [
            f if f.line is not None else Finding(f.subtype, f.message, block.line) for f in parsed.findings
        ]
        page.entries += parsed.entries
    page.tables = [(d.argument, d.line) for d in source.xxgk("table")]
    page.views = sorted(
        (ViewUse(view, d.argument, dict(d.options), d.line) for view in VIEWS for d in source.xxgk(view)),
        key=lambda v: v.line,
    )
    page.roles = [RoleUse(r.name, r.target, r.line) for r in source.roles]
    page.paragraphs = [Paragraph(text, line) for text, line in source.paragraphs]
    page.headings = list(source.headings)
    page.accepts = list(source.accepts)
    page.uses = list(source.uses)
    page.read_findings = list(source.read_findings)
    return page


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
            page = self._read[docname] = self._project._read(
                read_page(path, self._project.root, docname, self._project.conf)
            )
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
    """All pages of a project, evaluated; a ``role_values.Library`` over (body, year).

    ``known`` gives the (body, year) of pages that need not be read to know it (from the
    ``xxgk check`` cache); every other page is read now, and any page when first used."""

    def __init__(
        self,
        root: Path,
        paths: Mapping[str, Path],
        default_body: str = "",
        conf: dict[str, Any] | None = None,
        known: dict[str, Key | None] | None = None,
        progress: bool = True,
    ) -> None:
        self.root = root
        self.default_body = default_body
        self.conf = conf or {}
        by_docname = dict(paths)
        self.pages: _Pages = _Pages(self, by_docname)
        self._lookups: dict[Key, str | None] | None = None  # recorded while a page is checked
        self._whole_index = False
        self._year_prose: dict[int, tuple[str, YearProse]] = {}
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
        self._same_name: dict[str, list[str]] | None = None
        self._body_pages: dict[str, list[str]] | None = None
        self.index: dict[Key, str] = {}
        for docname in sorted(self.keys):
            key = self.keys[docname]
            if key is not None:
                self.index.setdefault(key, docname)
        # each year's reports and their signature, once (every page of a year asks for them)
        by_year: dict[int, list[tuple[str, str]]] = {}
        for (body, y), doc in sorted(self.index.items()):
            by_year.setdefault(y, []).append((body, doc))
        self._by_year = by_year
        self._signatures = {y: "|".join(f"{b}={d}" for b, d in found) for y, found in by_year.items()}

    def owner(self, key: Key) -> str | None:
        """The page that holds the report of ``key`` (recorded as a dependency while checking)."""
        docname = self.index.get(key)
        if self._lookups is not None:
            self._lookups[key] = docname
        return docname

    def _read(self, source: PageSource) -> Page:
        declared = declare(source)
        meta, _ = identify(declared.reports, self.default_body)
        page = Page(source, declared, meta)
        if meta is not None:
            page.evaluated = evaluate(meta, declared.entries)
        return page

    @property
    def settings(self) -> Settings:
        return Settings(
            default_body=self.default_body,
            copy_threshold=float(self.conf.get("xxgk_copy_threshold", COPY_THRESHOLD)),
            deadlines=self.conf.get("xxgk_deadlines") or {},
            suppress=list(self.conf.get("suppress_warnings", [])),
            report_dirs=list(self.conf.get("xxgk_report_dirs", REPORT_DIRS)),
            trusted=list(self.conf.get("xxgk_trusted_pages", TRUSTED_PAGES)),
        )

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
            (t := ev.format.table(target)) is not None and t.id == table_id
            for target, _ in page.declared.tables
        )

    def years_of(self, body: str) -> list[int]:
        self._whole_index = True  # which years exist is read from the whole index
        return sorted(year for b, year in self.index if b == body)

    def bodies(self) -> list[str]:
        self._whole_index = True
        return sorted({body for body, _ in self.index})

    def same_year(self, year: int) -> list[tuple[str, str]]:
        """The year's reports; recorded as read (each page, and which pages the year has)."""
        found = list(self._by_year.get(year, ()))
        if self._lookups is not None:
            self._lookups[(YEAR_SET, year)] = self.year_signature(year)
            for body, doc in found:
                self._lookups[(body, year)] = doc
        return found

    def year_signature(self, year: int) -> str:
        """Which pages hold ``year``'s reports, as one string (a page added, moved or gone changes it)."""
        return self._signatures.get(year, "")

    def sharing_name(self, docname: str) -> list[str]:
        if self._same_name is None:
            self._same_name = same_name([doc for doc, key in self.keys.items() if key is not None])
        return [doc for doc in self._same_name.get(pdf_name(docname), []) if doc != docname]

    def year_prose(self, year: int) -> YearProse:
        reports = self.same_year(year)  # recorded as read, for the cache of findings
        signature = self.year_signature(year)
        cached = self._year_prose.get(year)
        if cached is None or cached[0] != signature:
            cached = (signature, year_prose((body, self.paragraphs(doc)) for body, doc in reports))
            self._year_prose[year] = cached
        return cached[1]

    def elsewhere(self, key: Key) -> None:
        """Never: the command reads every page of the project, whatever shard builds it."""
        return None

    def sharing_body_page(self, body: str) -> list[str]:
        if self._body_pages is None:
            newest: dict[str, tuple[int, str]] = {}
            for (b, year), doc in self.index.items():
                if b not in newest or year > newest[b][0]:
                    newest[b] = (year, doc)
            shared = shared_body_pages({b: doc for b, (_, doc) in newest.items()})
            self._body_pages = {b: bodies for bodies in shared.values() for b in bodies}
        return self._body_pages.get(body, [])

    def paragraphs(self, docname: str) -> list[Paragraph]:
        return self.pages[docname].declared.paragraphs

    # -- checks ------------------------------------------------------------------

    def check(self, only: Iterable[str] | None = None) -> list[Located]:
        """Every finding of the pages (all, or the docnames in ``only``), sorted."""
        wanted = sorted(set(only if only is not None else self.pages) & set(self.pages))
        results = self.check_pages(wanted)
        return sorted({found for docname in wanted for found in results[docname].found})

    def check_pages(self, docnames: Iterable[str]) -> dict[str, Checked]:
        """The findings of each page, with the reports it read (in this process; ``cache.run_check``
        shares a large run among forked workers)."""
        return self._checked(docnames)

    def _checked(self, docnames: Iterable[str]) -> dict[str, Checked]:
        out: dict[str, Checked] = {}
        settings = self.settings
        for docname in docnames:
            page = self.pages[docname]
            rel = page.source.path.relative_to(self.root).as_posix()
            self._lookups, self._whole_index = {}, False
            try:
                result = page_findings(page.declared, page.evaluated, self, settings)
                lookups, whole_index = dict(self._lookups), self._whole_index
            finally:
                self._lookups = None
            found = [Located(rel, f.line or 1, f.subtype, f.message) for f in result.findings]
            accepted = [Located(rel, f.line or 1, f.subtype, f.message) for f in result.accepted]
            out[docname] = Checked(sorted(set(found)), lookups, whole_index, sorted(set(accepted)))
        return out


def load(root: Path) -> Project:
    conf = conf_values(root)
    return Project(root, find_pages(root, conf), str(conf.get("xxgk_default_body", "")), conf)
