"""Pages and folders of a project that are symbolic links (what they point to is not read).

Sphinx follows links when it looks for pages, so a report page, or a whole report folder,
added as a link to ``/etc/passwd`` or to a folder elsewhere would be read and published, its
source copied to ``_sources``. Such links are left out of the build (``exclude_patterns``)
and out of ``xxgk check``, and both report them as ``xxgk.unsafe``. The maintainers' own
(trusted) pages are not concerned.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..core.safety import trusted


def linked_sources(
    root: Path, suffixes: Sequence[str], exclude: Sequence[str] = (), trusted_pages: Sequence[str] = ()
) -> list[tuple[str, bool]]:
    """(path relative to ``root``, is a folder) of each link that would bring pages into the
    build: a linked file with a page suffix, or a linked folder; not inside excluded folders."""
    from sphinx.util.matching import Matcher

    excluded = Matcher(list(exclude))
    found: list[tuple[str, bool]] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        rel_folder = Path(folder).relative_to(root).as_posix()
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        keep = []
        for name in sorted(dirs):
            rel = rel_folder + name
            if name.startswith(".") or excluded(rel):
                continue
            if os.path.islink(os.path.join(folder, name)):
                if not trusted(f"{rel}/page", trusted_pages):
                    found.append((rel, True))
                continue
            keep.append(name)
        dirs[:] = keep
        for name in sorted(files):
            rel = rel_folder + name
            stem, suffix = os.path.splitext(rel)
            linked = suffix in suffixes and os.path.islink(os.path.join(folder, name))
            if linked and not excluded(rel) and not trusted(stem, trusted_pages):
                found.append((rel, False))
    return found


def exclude_patterns(found: Sequence[tuple[str, bool]]) -> list[str]:
    """``exclude_patterns`` entries that keep the links out of the build."""
    return [pattern for rel, folder in found for pattern in ((rel, f"{rel}/**") if folder else (rel,))]
