"""A province's site in shards: which pages each shard builds, and the site's index of reports.

A province publishes ~10,000 reports a year; one Sphinx process cannot hold seven years of
them. conf.py names the folders that are built apart (``xxgk_shards = "reports/*"``: every
folder under ``reports/`` is a shard, e.g. one per 市). Each shard is an independent Sphinx
build (its own environment, memory and output folder ``<site>/<shard>/``); a body's years
must lie in one shard (the cross-year checks read them together). Pages outside every shard
(besides the landing page, which every shard has) form the shard ``main``.

The **site index** lists every report of every shard — body, year, shard, page, format and the
official tables its page shows — read from the pages' ``xxgk:report`` and ``xxgk:table``
lines without parsing them whole (70,000 pages in seconds). A shard's build links a report
of another shard through it (``xxgk:ref``); figures are read only within a shard.

Nothing here imports Sphinx.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .formats import format_for_year, load_format
from .years import Key

MAIN = "main"  # the pages outside every shard folder
INDEX_VERSION = 1


class ShardProblem(ValueError):
    """A shard layout that cannot be built (message in Chinese, for the user)."""


@dataclass(frozen=True)
class SiteReport:
    """One report of the site, as other shards may link it."""

    body: str
    year: int
    shard: str
    docname: str
    format: str
    tables: tuple[str, ...] = ()  # ids of the official tables its page shows

    @property
    def url(self) -> str:
        """The page's address from the site's root."""
        return f"{self.shard}/{self.docname}.html"


def shard_folders(rule: str | Iterable[str], docnames: Iterable[str]) -> dict[str, str]:
    """Shard name → folder, for every folder that matches the rule and holds a page.

    ``rule`` is a folder pattern (``"reports/*"``) or several; a shard is named by its folder's
    last part (``reports/c01`` → ``c01``). Two folders with one last part are a ``ShardProblem``.
    """
    patterns = [rule] if isinstance(rule, str) else list(rule)
    folders: dict[str, str] = {}
    for docname in docnames:
        parts = docname.split("/")
        for pattern in patterns:
            depth = pattern.strip("/").count("/") + 1
            if len(parts) > depth and fnmatch.fnmatchcase("/".join(parts[:depth]), pattern.strip("/")):
                folder = "/".join(parts[:depth])
                name = parts[depth - 1]
                if name == MAIN or not re.fullmatch(r"[\w.-]+", name):
                    raise ShardProblem(
                        f"分片文件夹名“{folder}”不能用作网址（只能用字母、数字、-、_、.，且不能是 {MAIN}）"
                    )
                if folders.get(name, folder) != folder:
                    raise ShardProblem(
                        f"分片名重复：“{folders[name]}”和“{folder}”都叫 {name}，请给文件夹改名"
                    )
                folders[name] = folder
                break
    return dict(sorted(folders.items()))


def shard_of(docname: str, folders: Mapping[str, str]) -> str:
    for name, folder in folders.items():
        if docname.startswith(folder + "/"):
            return name
    return MAIN


def plan(docnames: Iterable[str], folders: dict[str, str], root_doc: str) -> dict[str, list[str]]:
    """Shard → its pages (the landing page in every shard; ``main`` only when it has more);
    ``folders`` as ``shard_folders`` finds them."""
    names = sorted(docnames)
    shards: dict[str, list[str]] = {name: [] for name in folders}
    for docname in names:
        if docname == root_doc:
            continue
        shards.setdefault(shard_of(docname, folders), []).append(docname)
    for pages in shards.values():
        if root_doc in names:
            pages.insert(0, root_doc)
    return shards


# ``xxgk:report`` and ``xxgk:table`` as a page writes them (MyST fences of ``` ~~~ :::, or reST)
_DIRECTIVE = re.compile(
    r"^\s*(?:(?:`{3,}|~{3,}|:{3,})\s*\{xxgk:(report|table)\}|\.\.\s+xxgk:(report|table)::)(.*)$"
)
_OPTION = re.compile(r"^\s*:?(body|year|format)\s*:\s*(.*?)\s*$")


_NAMED = re.compile(r"@([^\s<>`@/:：]+)/(\d{4})")


def scan_page(
    text: str, default_body: str = ""
) -> tuple[Key | None, str, tuple[str, ...], frozenset[tuple[str, int]]]:
    """(body, year), format and shown tables of a page, from its directive lines alone, and
    the reports it names (``@机构/2024``: what it may link in another shard).

    The shard that builds the page reads it properly; this only tells other shards where it is.
    A page whose ``xxgk:report`` is not written plainly is absent (links to it are then
    reported where they are written).
    """
    options: dict[str, str] = {}
    tables: list[str] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        match = _DIRECTIVE.match(line)
        if not match:
            continue
        kind = match.group(1) or match.group(2)
        if kind == "table":
            argument = match.group(3).strip()
            if argument:
                tables.append(argument.split()[0])
            continue
        if options:
            continue  # the first report block is the page's
        for option_line in lines[i + 1 : i + 12]:
            found = _OPTION.match(option_line)
            if found:
                options.setdefault(found.group(1), found.group(2).strip().strip("\"'"))
            elif option_line.strip() in ("", "---") or option_line.lstrip().startswith(":"):
                continue
            else:
                break
    named = frozenset((body, int(year)) for body, year in _NAMED.findall(text))
    body = options.get("body") or default_body
    try:
        year = int(options.get("year", ""))
    except ValueError:
        return None, "", (), named
    if not body:
        return None, "", (), named
    fmt = options.get("format", "")
    if not fmt:
        fitting = format_for_year(year)
        fmt = fitting.id if fitting else ""
    shown: list[str] = []
    try:
        table_format = load_format(fmt) if fmt else None
    except (KeyError, ValueError, OSError):
        table_format = None
    for name in tables:
        table = table_format.table(name) if table_format else None
        if table is not None and table.id not in shown:
            shown.append(table.id)
    return (body, year), fmt, tuple(shown), named


@dataclass
class SiteIndex:
    """Every report of the site: (body, year) → ``SiteReport``; the first page wins a duplicate
    (the shard that builds both reports it)."""

    reports: dict[Key, SiteReport] = field(default_factory=dict)
    spread: dict[str, list[str]] = field(default_factory=dict)  # body → its shards, when more than one

    def add(self, report: SiteReport) -> None:
        key = (report.body, report.year)
        self.reports.setdefault(key, report)
        shards = self.spread.setdefault(report.body, [])
        if report.shard not in shards:
            shards.append(report.shard)

    def problems(self) -> list[str]:
        """Bodies whose years lie in more than one shard: their carry-overs could not be checked."""
        return [
            f"{body}的报告分在{len(shards)}个分片中（{'、'.join(sorted(shards))}）；同一机关的各年度须在同一"
            "分片（同一文件夹）中，跨年度核对才能进行"
            for body, shards in sorted(self.spread.items())
            if len(shards) > 1
        ]

    def to_json(self) -> str:
        rows = [asdict(r) for _, r in sorted(self.reports.items())]
        return json.dumps({"version": INDEX_VERSION, "reports": rows}, ensure_ascii=False, indent=0) + "\n"

    @classmethod
    def from_json(cls, text: str) -> SiteIndex:
        data = json.loads(text)
        if data.get("version") != INDEX_VERSION:
            raise ShardProblem("站点报告索引的版本不符，请重新运行 xxgk site build")
        index = cls()
        for row in data["reports"]:
            index.add(SiteReport(**{**row, "tables": tuple(row["tables"])}))
        return index

    def digest(self) -> str:
        return hashlib.sha256(self.to_json().encode()).hexdigest()[:16]


def relative_url(from_docname: str, target: SiteReport, anchor: str | None = None) -> str:
    """The address of ``target`` from a page of another shard (both under the site's root)."""
    up = "../" * (from_docname.count("/") + 1)
    return up + target.url + (f"#{anchor}" if anchor else "")


def files_stamp(entries: Iterable[tuple[str, int, int]], *extra: str) -> str:
    """A hash of (path, size, mtime) of a shard's files and anything else it depends on."""
    digest = hashlib.sha256()
    for path, size, mtime in sorted(entries):
        digest.update(f"{path}\0{size}\0{mtime}\n".encode())
    for item in extra:
        digest.update(item.encode() + b"\n")
    return digest.hexdigest()[:20]


def stat_entries(root: Path, relative: Iterable[str]) -> list[tuple[str, int, int]]:
    out = []
    for name in relative:
        try:
            stat = (root / name).stat()
        except OSError:
            continue
        out.append((name, stat.st_size, stat.st_mtime_ns))
    return out
