"""What ``xxgk check`` found last time, so that the next run only reads what changed.

For each page the cache keeps the digest of its file, its (body, year), its findings and
the reports it read while being checked ((body, year) → the page holding it, or none). A
page's findings are reused when its file, the files of the pages it read (and which pages
hold those years), conf.py's xxgk settings and the xxgk code itself are all as they were —
and, for a page that looked at every (body, year) of the project (a trend naming a body),
the whole index too; otherwise the page is read and checked again. Pages whose findings
are reused are not read at all.

A run that must read many pages (the first one) shares them among forked workers
(``_Workers``): only each page's (body, year) and the findings cross between processes.

The cache is JSON (never pickle: a file in a cloned repository must not run code), under
``_build/`` so that ``make clean`` removes it. Nothing here imports Sphinx.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core import VERSION as __version__
from ..core.years import Key
from .pages import conf_values, find_pages
from .project import YEAR_SET, Checked, Located, Project

CACHE_PATH = Path("_build") / "xxgk-check-cache.json"
_VERSION = 2  # 2: accepted findings kept


def _digest(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def code_stamp() -> str:
    """Changes whenever xxgk's code or format files do (sizes and modification times)."""
    package = Path(__file__).parent.parent  # the whole xxgk package
    parts = [__version__]
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".yaml"}:
            stat = path.stat()
            parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return _digest("\n".join(parts).encode())


def _key(raw: Any) -> Key | None:
    return (str(raw[0]), int(raw[1])) if raw else None


@dataclass
class CheckRun:
    """One ``xxgk check``: the project (pages read only where needed) and the findings."""

    project: Project
    results: dict[str, Checked]
    rechecked: list[str]  # pages checked this time (the others' findings came from the cache)


PARALLEL_FROM = 200  # pages to read; below this a worker costs more than it saves


def run_check(root: Path, only: set[str] | None = None, jobs: int = 1, use_cache: bool = True) -> CheckRun:
    """Check the project's pages (all, or ``only``), reusing what the cache still vouches for."""
    conf = conf_values(root)
    paths = find_pages(root, conf)
    digests = {docname: _digest(path.read_bytes()) for docname, path in paths.items()}
    stamp = _digest(json.dumps([code_stamp(), repr(sorted(conf.items()))], ensure_ascii=False).encode())
    cached = _load(root / CACHE_PATH, stamp) if use_cache else {}
    unchanged = {doc: entry for doc, entry in cached.items() if digests.get(doc) == entry["digest"]}
    known = {doc: _key(entry["key"]) for doc, entry in unchanged.items()}
    default_body = str(conf.get("xxgk_default_body", ""))
    workers = _start_workers(root, paths, default_body, conf, known, jobs)
    if workers is not None:
        known.update(workers.keys())
    project = Project(root, paths, default_body, conf, known=known)
    results, stale = _reused(project, unchanged, digests, sorted(only if only is not None else digests))
    results.update(workers.check(project.keys, stale) if workers is not None else project.check_pages(stale))
    if use_cache and stale:
        _remember(root, stamp, cached, project, results, stale, digests)
    return CheckRun(project, results, stale)


def _start_workers(
    root: Path,
    paths: dict[str, Path],
    default_body: str,
    conf: dict[str, Any],
    known: dict[str, Key | None],
    jobs: int,
) -> _Workers | None:
    """Forked workers when many pages must be read (the first run), else None."""
    unread = sorted(doc for doc in paths if doc not in known)
    if jobs <= 1 or len(unread) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return None
    shares = [unread[i * len(unread) // jobs : (i + 1) * len(unread) // jobs] for i in range(jobs)]
    return _Workers(root, paths, default_body, conf, known, shares)


def _index_digest(project: Project) -> str:
    pairs = sorted([list(k), d] for k, d in project.index.items())
    return _digest(json.dumps(pairs, ensure_ascii=False).encode())


def _reused(
    project: Project, unchanged: dict[str, dict[str, Any]], digests: dict[str, str], wanted: list[str]
) -> tuple[dict[str, Checked], list[str]]:
    """The cached findings still valid, and the pages that must be checked again."""
    index = _index_digest(project)
    results: dict[str, Checked] = {}
    stale = []
    for docname in wanted:
        entry = unchanged.get(docname)
        if entry is not None and entry["index"] in (None, index) and _lookups_hold(entry, project, digests):
            found = [Located(*f) for f in entry["found"]]
            results[docname] = Checked(found, {}, accepted=[Located(*f) for f in entry.get("accepted", [])])
        else:
            stale.append(docname)
    return results, stale


def _remember(
    root: Path,
    stamp: str,
    cached: dict[str, dict[str, Any]],
    project: Project,
    results: dict[str, Checked],
    stale: list[str],
    digests: dict[str, str],
) -> None:
    index = _index_digest(project)
    for docname in stale:
        checked = results[docname]
        cached[docname] = {
            "digest": digests[docname],
            "key": list(project.keys[docname]) if project.keys[docname] else None,
            "index": index if checked.whole_index else None,
            "lookups": [
                [list(key), doc, digests.get(doc) if doc else None] for key, doc in checked.lookups.items()
            ],
            "found": [[f.path, f.line, f.subtype, f.message] for f in checked.found],
            "accepted": [[f.path, f.line, f.subtype, f.message] for f in checked.accepted],
        }
    for docname in [doc for doc in cached if doc not in digests]:
        del cached[docname]
    _save(root / CACHE_PATH, stamp, cached)


class _Workers:
    """Forked processes for a run that must read many pages: each reads its share (contiguous,
    so a body's years stay together), reports their (body, year), is told every page's, then
    checks the pages it is given — reading any other page it needs. Only the (body, year) of
    each page and the findings cross between processes."""

    def __init__(
        self,
        root: Path,
        paths: dict[str, Path],
        default_body: str,
        conf: dict[str, Any],
        known: dict[str, Key | None],
        shares: list[list[str]],
    ) -> None:
        context = multiprocessing.get_context("fork")
        self.shares = shares
        self.connections = []
        self.processes = []
        for share in shares:
            here, there = context.Pipe()
            process = context.Process(
                target=_work, args=(there, root, paths, default_body, conf, known, share), daemon=True
            )
            process.start()
            there.close()
            self.connections.append(here)
            self.processes.append(process)

    def _receive(self, connection: Any) -> Any:
        message = connection.recv()
        if isinstance(message, BaseException):
            self.close()
            raise message
        return message

    def keys(self) -> dict[str, Key | None]:
        keys: dict[str, Key | None] = {}
        for connection in self.connections:
            keys.update(self._receive(connection))
        return keys

    def check(self, keys: dict[str, Key | None], docnames: list[str]) -> dict[str, Checked]:
        """Each page is checked by the worker that read it (others in turn)."""
        owner = {doc: i for i, share in enumerate(self.shares) for doc in share}
        work: list[list[str]] = [[] for _ in self.shares]
        for n, doc in enumerate(docnames):
            work[owner.get(doc, n % len(work))].append(doc)
        for connection, part in zip(self.connections, work, strict=True):
            connection.send((keys, part))
        results: dict[str, Checked] = {}
        for connection in self.connections:
            results.update(self._receive(connection))
        self.close()
        return results

    def close(self) -> None:
        for connection in self.connections:
            connection.close()
        for process in self.processes:
            process.join(timeout=10)


def _work(
    connection: Any,
    root: Path,
    paths: dict[str, Path],
    default_body: str,
    conf: dict[str, Any],
    known: dict[str, Key | None],
    share: list[str],
) -> None:
    try:
        mine = set(share)
        docnames = list(paths)
        placeholder = {doc: None for doc in docnames if doc not in mine and doc not in known}
        project = Project(root, paths, default_body, conf, known={**known, **placeholder}, progress=False)
        connection.send({doc: project.keys[doc] for doc in share})
        keys, part = connection.recv()
        project.set_keys(keys)
        connection.send(project.check_pages(part))
    except BaseException as exc:  # reported to the parent, which raises it
        connection.send(exc)
    finally:
        connection.close()


def _lookups_hold(entry: dict[str, Any], project: Project, digests: dict[str, str]) -> bool:
    """Every report the page read is still held by the same, unchanged page (or still absent)."""
    for key, docname, digest in entry["lookups"]:
        if key[0] == YEAR_SET:  # the page read which reports a year has (same_year)
            if project.year_signature(key[1]) != docname:
                return False
            continue
        if project.index.get((key[0], key[1])) != docname:
            return False
        if docname is not None and digests.get(docname) != digest:
            return False
    return True


def _load(path: Path, stamp: str) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _VERSION or data.get("stamp") != stamp:
        return {}
    pages = data.get("pages")
    if not isinstance(pages, dict):
        return {}
    return {doc: entry for doc, entry in pages.items() if _well_formed(entry)}


def _is_key(raw: Any) -> bool:
    return isinstance(raw, list) and len(raw) == 2 and isinstance(raw[0], str) and isinstance(raw[1], int)


def _well_formed(entry: Any) -> bool:
    """A cache entry as ``run_check`` writes them (anything else is ignored, never trusted)."""
    try:
        return (
            isinstance(entry["digest"], str)
            and isinstance(entry["index"], (str, type(None)))
            and (
                entry["key"] is None
                or (isinstance(entry["key"][0], str) and isinstance(entry["key"][1], int))
            )
            and all(_is_key(k) and isinstance(d, (str, type(None))) for k, d, _ in entry["lookups"])
            and all(
                isinstance(p, str) and isinstance(n, int) and isinstance(t, str) and isinstance(m, str)
                for p, n, t, m in entry["found"]
            )
        )
    except (KeyError, TypeError, ValueError, IndexError):
        return False


def _save(path: Path, stamp: str, pages: dict[str, dict[str, Any]]) -> None:
    """Written atomically; a cache that cannot be written is simply not kept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"version": _VERSION, "stamp": stamp, "pages": pages}, ensure_ascii=False),
            encoding="utf-8",
        )
        os.replace(tmp, path)
    except OSError:
        pass
