"""Findings → Sphinx warnings of type ``xxgk`` with a subtype and a location."""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

from ..core.model import Finding

logger = logging.getLogger("xxgk")


def warn(finding: Finding, docname: str, fallback_line: int | None = None) -> None:
    """Emit one finding as ``file:line: WARNING: … [xxgk.<subtype>]``."""
    line = finding.line if finding.line is not None else fallback_line
    location: Any = (docname, line) if line is not None else docname
    logger.warning(finding.message, type="xxgk", subtype=finding.subtype, location=location)
