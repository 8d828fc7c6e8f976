"""Which reports make the public site: all but the examples (the guide's fictional bodies)."""

from __future__ import annotations

import fnmatch
from typing import Any


def is_public(config: Any, docname: str) -> bool:
    """A report of the public site, not one of the examples (``xxgk_example_pages``: the
    guide's fictional reports). Examples are built and checked like any report, but no body
    page, search result, data file or Word file of the site is made of them."""
    return not any(fnmatch.fnmatchcase(docname, pattern) for pattern in config.xxgk_example_pages)
