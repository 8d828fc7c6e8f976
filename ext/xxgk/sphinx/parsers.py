"""The second wall for untrusted pages: docutils' own switches for raw output and file insertion.

The allow-list (``untrusted.on_source_read``) makes every forbidden construct inert before a
page is parsed; these parsers also turn off ``raw_enabled`` and ``file_insertion_enabled`` in
the settings of each untrusted page, so that the ``raw``, ``include`` and ``csv-table :file:``
directives of docutils and Sphinx refuse to work there even if a construct slipped past the
first wall. Trusted pages (the guide) keep them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from myst_parser.config.main import read_topmatter
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.parsers import RSTParser

from ..core.safety import ALLOWED_FRONT_MATTER, neutralize, trusted


def _guard(document: nodes.document) -> bool:
    """Turn docutils' switches off on an untrusted page; True if it is one."""
    env: Any = getattr(document.settings, "env", None)
    if env is not None and not trusted(env.docname, env.config.xxgk_trusted_pages):
        document.settings.raw_enabled = False
        document.settings.file_insertion_enabled = False
        return True
    return False


class GuardedMystParser(MystParser):
    def parse(self, inputstring: str, document: nodes.document) -> None:
        """Also: on an untrusted page, front matter that MyST itself reads with any key but
        ``orphan`` (which could turn on substitutions or raw HTML for the page) leaves the page
        inert, whatever the first wall saw."""
        if _guard(document):
            try:
                keys = set(read_topmatter(inputstring) or {})
            except Exception:
                keys = {"?"}
            if keys - ALLOWED_FRONT_MATTER:
                inputstring = neutralize(inputstring, "myst")
        super().parse(inputstring, document)


class GuardedRSTParser(RSTParser):
    def parse(self, inputstring: str | Any, document: nodes.document) -> None:
        _guard(document)
        super().parse(inputstring, document)
