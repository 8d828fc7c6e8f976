"""What the commands share: the project root, the pages asked for, writing a file safely."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .project import Project


def exists_message(path: Path) -> str:
    return f"{path} 已存在，不会覆盖（确需覆盖请加 --force）。"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_new(path: Path, text: str | bytes, force: bool) -> bool:
    """Write a file atomically: a temporary file in the target folder, renamed over the target
    (removed again on any failure, Ctrl-C included); never replace a file without --force.
    The new file gets the replaced file's mode, else the mode the umask gives."""
    if path.exists() and not force:
        print(exists_message(path), file=sys.stderr)
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as out:
                out.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as tmp:
                tmp.write(text)
        os.chmod(name, mode)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return True


def find_root(start: Path) -> Path:
    """The project root: the nearest directory holding conf.py (else the start)."""
    for path in (start, *start.parents):
        if (path / "conf.py").is_file():
            return path
    return start


def _default_body(root: Path) -> str:
    """``xxgk_default_body`` from conf.py (read, never executed)."""
    from .pages import conf_values

    return str(conf_values(root).get("xxgk_default_body", ""))


def _project(root: Path) -> Project:
    from .project import load

    return load(root)


def _root_and_pages(args: argparse.Namespace) -> tuple[Path, set[str] | None] | None:
    """The project root and the pages under the given files or folders (None: all of them);
    None, after saying why, when a given path is not a page the build reads."""
    from .pages import NotAPage, find_pages, select

    root = find_root(Path(args.root or Path.cwd()).resolve())
    if not args.paths:
        return root, None
    try:
        return root, select(find_pages(root), list(args.paths))
    except NotAPage as exc:
        print(str(exc), file=sys.stderr)
        return None


def write_or_show(output: str | None, text: str, force: bool, done: str) -> bool:
    """A new page: written to ``output`` (never over a file without --force), saying ``done``;
    printed when no output is given. False when the file was not written."""
    if not output:
        sys.stdout.write(text)
        return True
    if not write_new(Path(output), text, force):
        return False
    print(done, file=sys.stderr)
    return True
