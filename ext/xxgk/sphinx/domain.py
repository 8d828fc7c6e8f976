"""The ``xxgk`` domain: per-page storage of report metadata and raw figures.

Only primitives are stored, keyed by docname; ``merge_domaindata`` copies just
the given docnames (parallel reads); nothing is computed here — pages are
evaluated late, in ``resolve``.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections import OrderedDict
from collections.abc import Iterable, Set
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

from ..core import VERSION
from ..core.model import RawEntry, ReportMeta
from ..core.names import pdf_name, same_name, shared_body_pages
from ..core.page_checks import Paragraph, YearProse, year_prose
from ..core.report import Evaluated, evaluate, parse_meta
from ..core.shards import SiteReport
from ..core.years import Key
from .collect import record_page
from .directives import (
    AggregateDirective,
    CompareDirective,
    DataDirective,
    ReportDirective,
    ReportsDirective,
    SignatureDirective,
    TableDirective,
    TrendDirective,
)
from .doc_directives import CatalogueDirective, FormatsDirective
from .roles import DeltaRole, PctRole, RefRole, ValRole

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.environment import BuildEnvironment

# (path, value as text or None for blank, line)
StoredEntry = tuple[tuple[str, ...], str | None, int]
# What a page reads from other reports: (kind, body selector, year selector)
#   kind: "data" (their figures) or "link" (only that they exist, and where)
#   body: "" own body, "*" every body, else a body name
#   year: "+1"/"-1" relative to own year, "2020", "*" every year, "<=" up to own year
Read = tuple[str, str, str]


def _code_version(*files: str) -> str:
    """This xxgk's version and the times of the modules that shape a file kept between builds."""
    package = Path(__file__).parents[1]
    return ":".join([VERSION, *(str((package / f).stat().st_mtime_ns) for f in files)])


def _write_whole(path: Path, data: bytes) -> None:
    """A file kept beside the doctrees, written whole or not at all (the writing processes of a
    parallel build share the folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f"{path.name}.{os.getpid()}")
    part.write_bytes(data)
    part.replace(path)


# a card kept from an earlier build is of this xxgk (its wording may change with the code)
CARD_VERSION = _code_version("core/views.py", "sphinx/views.py")
# a year's 内容雷同 index kept from an earlier build (``XxgkDomain.year_prose``)
YEAR_PROSE_VERSION = _code_version("core/page_checks.py")


class XxgkDomain(Domain):
    name = "xxgk"
    label = "政府信息公开工作年度报告"
    directives: ClassVar = {
        "report": ReportDirective,
        "data": DataDirective,
        "table": TableDirective,
        "compare": CompareDirective,
        "trend": TrendDirective,
        "aggregate": AggregateDirective,
        "reports": ReportsDirective,
        "signature": SignatureDirective,
        "catalogue": CatalogueDirective,
        "formats": FormatsDirective,
    }
    roles: ClassVar = {"val": ValRole(), "pct": PctRole(), "delta": DeltaRole(), "ref": RefRole()}
    initial_data: ClassVar[dict[str, Any]] = {
        "reports": {},  # docname -> {"options", "line", "key": [body, year] | None} (the first)
        # docname -> what the page declares, for page_findings: {"reports": [[options, line]],
        #   "data_lines", "data_findings": [[subtype, message, line]], "tables": [[target, line]],
        #   "views": [[view, argument, options, line]], "roles": [[name, text, line]]}
        "declared": {},
        "entries": {},  # docname -> [StoredEntry]
        "data_lines": {},  # docname -> line of the first data block
        "reads": {},  # docname -> sorted [Read]
        "shown": {},  # docname -> [xxgk:table targets as written], the anchors others may link to
        "headings": {},  # docname -> [(level, title, line)]
        "prose_digests": {},  # docname -> hash of its prose file (a year's prose index is kept by them)
        "fingerprints": {},  # docname -> hash of what other pages read from it
        "published": {},  # (body, year) -> (docname, fingerprint); written in env-updated only
    }
    data_version = 8
    # evaluated reports kept at once: a page reads its own year, the years around it and, for a
    # trend, its body's years; a province's reports are never all held in memory
    EVALUATED_KEPT = 256
    _PER_DOC = (
        "reports",
        "declared",
        "entries",
        "data_lines",
        "reads",
        "shown",
        "headings",
        "prose_digests",
        "fingerprints",
    )

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._evaluated: OrderedDict[str, Evaluated | None] = OrderedDict()
        # set by env-updated: the bodies whose reports' figures changed this build (None: unknown)
        self.changed_bodies: set[str] | None = None
        self._by_body: dict[str, list[int]] | None = None
        self._same_name: dict[str, list[str]] | None = None
        self._body_pages: dict[str, list[str]] | None = None
        # the reports other shards of the site build (``shard.load_site_index``), for links
        self.elsewhere: dict[Key, SiteReport] = {}
        self.site_index_digest = ""
        # a year's prose for 内容雷同 with its signature, kept while pages are written
        self.year_prose_cache: dict[int, tuple[str, YearProse]] = {}

    @property
    def data_changed(self) -> bool:
        """Did any report's figures change this build (True until env-updated says)?"""
        return self.changed_bodies is None or bool(self.changed_bodies)

    @property
    def reports(self) -> dict[str, dict[str, Any]]:
        return self.data["reports"]

    @property
    def entries(self) -> dict[str, list[StoredEntry]]:
        return self.data["entries"]

    @property
    def data_lines(self) -> dict[str, int]:
        return self.data["data_lines"]

    @property
    def reads(self) -> dict[str, list[Read]]:
        return self.data["reads"]

    @property
    def published(self) -> dict[Key, tuple[str, str]]:
        return self.data["published"]

    def declare(self, docname: str, kind: str, item: list[Any]) -> None:
        """Record one thing the page declares (``kind``: a key of the ``declared`` store)."""
        self.data["declared"].setdefault(docname, {}).setdefault(kind, []).append(item)

    def declared(self, docname: str) -> dict[str, list[Any]]:
        return self.data["declared"].get(docname, {})

    def same_name_pages(self, docname: str) -> list[str]:
        """Report pages (with an ``xxgk:report``) whose output name is ``docname``'s."""
        if self._same_name is None:
            self._same_name = same_name(sorted(self.reports))
        return self._same_name.get(pdf_name(docname), [])

    def sharing_body_page(self, body: str) -> list[str]:
        """The bodies (``body`` among them) whose body page would be one file."""
        if self._body_pages is None:
            newest = {b: self.docname_of((b, years[-1])) or "" for b, years in self._years().items()}
            shared = shared_body_pages(newest)
            self._body_pages = {b: bodies for bodies in shared.values() for b in bodies}
        return self._body_pages.get(body, [])

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        record_page(self, docname, document, list(env.config.xxgk_report_dirs))

    def _page_file(self, docname: str, kind: str = "xxgk-prose") -> Path:
        """Where a report's prose (``xxgk-prose``) or landing card (``xxgk-cards``) is kept: a file
        of its own beside the doctrees, not the pickled environment (which Sphinx loads whole on
        every build and ships back from every parallel read batch); read a page or a year at a time."""
        name = hashlib.sha256(docname.encode()).hexdigest()[:24]
        return Path(self.env.doctreedir) / kind / name[:2] / f"{name}.json"

    def card(self, docname: str) -> tuple[str, str] | None:
        """A report's line on the landing page (format, key figures) as last written, while its
        figures are unchanged: the landing page is rewritten on many builds, and evaluating
        every report of the site for it made an edit's build grow with the site."""
        try:
            stored = json.loads(self._page_file(docname, "xxgk-cards").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (stored.get("docname"), stored.get("fingerprint")) != (docname, self.fingerprint(docname)):
            return None
        if stored.get("version") != CARD_VERSION:
            return None
        return str(stored["format"]), str(stored["figures"])

    def set_card(self, docname: str, format_text: str, figures: str) -> None:
        payload = {"docname": docname, "fingerprint": self.fingerprint(docname), "version": CARD_VERSION}
        self._write_page_file(docname, "xxgk-cards", payload | {"format": format_text, "figures": figures})

    def _write_page_file(self, docname: str, kind: str, payload: dict[str, Any]) -> None:
        _write_whole(self._page_file(docname, kind), json.dumps(payload, ensure_ascii=False).encode())

    def prose(self, docname: str) -> list[tuple[str, int]]:
        """The page's body paragraphs (role output as ROLE_MARK) with their first lines."""
        if docname not in self.reports:
            return []
        try:
            stored = json.loads(self._page_file(docname).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []  # read by an older version: the page is read again (data_version)
        if stored.get("docname") != docname:
            return []
        return [(text, line) for text, line in stored["paragraphs"]]

    def set_prose(self, docname: str, paragraphs: list[tuple[str, int]]) -> None:
        text = json.dumps(paragraphs, ensure_ascii=False)
        self.data["prose_digests"][docname] = hashlib.sha256(text.encode()).hexdigest()[:16]
        self._write_page_file(docname, "xxgk-prose", {"docname": docname, "paragraphs": paragraphs})

    def year_prose(self, year: int) -> YearProse:
        """The 内容雷同 index of a year's reports (``page_checks.year_prose``): kept in memory while
        pages are written, and on disk beside the prose while none of the year's reports' prose
        changed — the build after a data edit hashes no year again (at 5,000 reports a year's
        index took a writing process ~1 s)."""
        reports = self.same_year(year)
        digests = self.data["prose_digests"]
        lines = "\n".join(f"{body}\t{doc}\t{digests.get(doc, '')}" for body, doc in reports)
        signature = hashlib.sha256(f"{YEAR_PROSE_VERSION}\n{lines}".encode()).hexdigest()
        cached = self.year_prose_cache.get(year)
        if cached is not None and cached[0] == signature:
            return cached[1]
        path = Path(self.env.doctreedir) / "xxgk-prose" / "years" / f"{year}.pickle"
        found: YearProse | None = None
        try:
            with path.open("rb") as stream:
                stored = pickle.load(stream)  # written by this build's own processes, as the environment
            if isinstance(stored, dict) and stored.get("signature") == signature:
                found = stored["prose"]
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, KeyError, TypeError):
            found = None
        if not isinstance(found, YearProse):
            texts = ((body, [Paragraph(t, line) for t, line in self.prose(doc)]) for body, doc in reports)
            found = year_prose(texts)
            kept = {"signature": signature, "prose": found}
            _write_whole(path, pickle.dumps(kept, pickle.HIGHEST_PROTOCOL))
        self.year_prose_cache[year] = (signature, found)
        return found

    def headings(self, docname: str) -> list[tuple[int, str, int]]:
        """(level, title, line) of the page's section titles."""
        return [(level, title, line) for level, title, line in self.data["headings"].get(docname, [])]

    def set_headings(self, docname: str, headings: list[tuple[int, str, int]]) -> None:
        self.data["headings"][docname] = headings

    def add_report(self, docname: str, options: dict[str, str], line: int, meta: ReportMeta | None) -> bool:
        """Record a page's report metadata; False if the page already has one."""
        self.declare(docname, "reports", [dict(sorted(options.items())), line])
        if docname in self.reports:
            return False
        key = [meta.body, meta.year] if meta else None
        self.reports[docname] = {"options": dict(sorted(options.items())), "line": line, "key": key}
        return True

    def add_read(self, docname: str, kind: str, body: str, year: str) -> None:
        reads = self.reads.setdefault(docname, [])
        if (kind, body, year) not in reads:
            reads.append((kind, body, year))
            reads.sort()

    def add_shown(self, docname: str, target: str) -> None:
        self.data["shown"].setdefault(docname, []).append(target)

    def shows(self, docname: str, table_id: str, ev: Evaluated) -> bool:
        """Does the page render official table ``table_id`` (so a link to it lands)?"""
        for target in self.data["shown"].get(docname, []):
            table = ev.format.table(target)
            if table is not None and table.id == table_id:
                return True
        return False

    def key_of(self, docname: str) -> Key | None:
        report = self.reports.get(docname)
        if not report or not report["key"]:
            return None
        body, year = report["key"]
        return body, year

    def fingerprint(self, docname: str) -> str:
        """Hash of everything other pages can read from this page (not its prose).

        Computed once when the page is read (``note_fingerprint``) and kept with its data.
        """
        stored = self.data["fingerprints"].get(docname)
        return stored if stored is not None else self._fingerprint(docname)

    def note_fingerprint(self, docname: str) -> None:
        self.data["fingerprints"][docname] = self._fingerprint(docname)

    def _fingerprint(self, docname: str) -> str:
        payload = {
            "docname": docname,
            "report": self.reports.get(docname),
            "entries": self.entries.get(docname, []),
            "shown": self.data["shown"].get(docname, []),
        }
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def current_index(self) -> dict[Key, tuple[str, str]]:
        """(body, year) -> (docname, fingerprint); the first docname wins a duplicate."""
        index: dict[Key, tuple[str, str]] = {}
        for docname in sorted(self.reports):
            key = self.key_of(docname)
            if key is not None and key not in index:
                index[key] = (docname, self.fingerprint(docname))
        return index

    def docname_of(self, key: Key) -> str | None:
        found = self.published.get(key)
        return found[0] if found else None

    def years_of(self, body: str) -> list[int]:
        return self._years().get(body, [])

    def bodies(self) -> list[str]:
        return sorted(self._years())

    def same_year(self, year: int) -> list[tuple[str, str]]:
        return sorted((body, found[0]) for (body, y), found in self.published.items() if y == year)

    def _years(self) -> dict[str, list[int]]:
        """body -> sorted years, from the index (rebuilt when env-updated resets the cache)."""
        if self._by_body is None:
            by_body: dict[str, list[int]] = {}
            for body, year in self.published:
                by_body.setdefault(body, []).append(year)
            self._by_body = {body: sorted(years) for body, years in by_body.items()}
        return self._by_body

    def evaluated(self, docname: str, default_body: str) -> Evaluated | None:
        """The page's report evaluated (the last ``EVALUATED_KEPT`` kept for this build); None
        without a valid report."""
        if docname in self._evaluated:
            self._evaluated.move_to_end(docname)
            return self._evaluated[docname]
        stored = self.reports.get(docname)
        meta = parse_meta(stored["options"], stored["line"], default_body)[0] if stored else None
        found = evaluate(meta, self.raw_entries(docname)) if meta else None
        self._evaluated[docname] = found
        if len(self._evaluated) > self.EVALUATED_KEPT:
            self._evaluated.popitem(last=False)
        return found

    def reset_cache(self) -> None:
        self._evaluated.clear()
        self.year_prose_cache.clear()
        self._by_body = None
        self._same_name = None
        self._body_pages = None

    def add_entries(self, docname: str, line: int, entries: Iterable[RawEntry]) -> None:
        self.data_lines.setdefault(docname, line)
        stored = self.entries.setdefault(docname, [])
        for e in entries:
            stored.append((e.path, None if e.value is None else str(e.value), e.line))

    def raw_entries(self, docname: str) -> list[RawEntry]:
        return [
            RawEntry(tuple(path), None if value is None else Decimal(value), line)
            for path, value, line in self.entries.get(docname, ())
        ]

    def clear_doc(self, docname: str) -> None:
        for store in self._PER_DOC:
            self.data[store].pop(docname, None)
        self._evaluated.pop(docname, None)
        self._page_file(docname).unlink(missing_ok=True)
        self._page_file(docname, "xxgk-cards").unlink(missing_ok=True)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self._PER_DOC:
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]
