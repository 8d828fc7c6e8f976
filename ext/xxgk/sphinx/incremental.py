"""``env-updated``: which pages to re-write when other years' data changed.

Each page records what it reads (``XxgkDomain.reads``). After reading, the
index (body, year) → (docname, fingerprint) is rebuilt; pages that read a
report whose fingerprint changed (data reads) or whose page appeared, moved
or vanished (link reads) are returned, so Sphinx re-writes them without
re-reading them. A prose-only edit changes no fingerprint: only its own page
is re-written. The index is written here only (main process, before the
environment is pickled).

A large site's edit reads its few changed pages in the build's own process
(``read_few_here``) and keeps the loaded environment out of the garbage
collector's walks for the rest of the process.
"""

from __future__ import annotations

import gc
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


# A parallel read ships the whole pickled environment back from every batch (Sphinx's
# ``_read_parallel``): at 5,000 reports (35 MB) 4.3 s to read one changed page, which takes
# ~0.1 s to read here. Reading in this process wins while fewer pages are read than ~1 in 50.
_SERIAL_SHARE = 50
_FROZEN_FROM = 200  # pages in the environment


def read_few_here(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: a few changed pages of a large site are read in this process
    (``-j`` still writes in parallel); ``restore_parallel`` gives the jobs back after reading."""
    if len(env.all_docs) >= _FROZEN_FROM:
        # the environment just loaded lives as long as the build's process: the cyclic garbage
        # collector need not walk its millions of objects on every collection, nor once more when
        # the process ends (at 5,000 reports a data edit's build 19 s → 10 s; given back at
        # ``build-finished`` the last walk alone cost 4.5 s). Objects no longer referenced are still
        # freed; a process that builds again and again may call ``gc.unfreeze()`` between builds.
        gc.freeze()
    if app.parallel > 1 and len(docnames) * _SERIAL_SHARE < len(env.all_docs):
        app.xxgk_parallel = app.parallel  # type: ignore[attr-defined]
        app.parallel = 1


def restore_parallel(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated`` (first): the jobs ``read_few_here`` put aside, for writing."""
    jobs = app.__dict__.pop("xxgk_parallel", None)
    if jobs is not None:
        app.parallel = jobs
