"""``env-updated``: which pages to re-write when other years' data changed.

Each page records what it reads (``XxgkDomain.reads``). After reading, the
index (body, year) → (docname, fingerprint) is rebuilt; pages that read a
report whose fingerprint changed (data reads) or whose page appeared, moved
or vanished (link reads) are returned, so Sphinx re-writes them without
re-reading them. A prose-only edit changes no fingerprint: only its own page
is re-written. The index is written here only (main process, before the
environment is pickled).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.years import Key

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import Read, XxgkDomain


def matches(key: Key, read: Read, own: Key | None) -> bool:
    """Does a page with identity ``own`` read report ``key`` through ``read``?"""
    _, body, year = read
    if body == "":
        if own is None or key[0] != own[0]:
            return False
    elif body != "*" and key[0] != body:
        return False
    if year == "*":
        return True
    if year == "<=":
        return own is not None and key[1] <= own[1]
    if year[0] in "+-":
        return own is not None and key[1] == own[1] + int(year)
    return key[1] == int(year)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain: XxgkDomain = env.domains["xxgk"]  # type: ignore[assignment]
    domain.reset_cache()
    current = domain.current_index()
    old = domain.published
    keys = current.keys() | old.keys()
    moved = {k for k in keys if current.get(k, ("",))[0] != old.get(k, ("",))[0]}
    changed = moved | {k for k in keys if current.get(k) != old.get(k)}
    domain.data["published"] = current
    domain.changed_bodies = {key[0] for key in changed}
    if not changed:
        return []
    rewrite = set()
    for docname, reads in domain.reads.items():
        own = domain.key_of(docname)
        for read in reads:
            pool = changed if read[0] == "data" else moved
            if any(matches(key, read, own) for key in pool):
                rewrite.add(docname)
                break
    return sorted(rewrite)
