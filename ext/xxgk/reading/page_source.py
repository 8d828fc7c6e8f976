"""What a page declares and uses, whatever its markup (MyST or reStructuredText)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.model import Finding
from ..core.safety import Use


@dataclass(frozen=True)
class Directive:
    name: str
    argument: str
    options: dict[str, str]
    body: str
    line: int  # the opening fence
    body_line: int  # first line of the body (after options)


@dataclass(frozen=True)
class Role:
    name: str
    target: str
    line: int


@dataclass
class PageSource:
    path: Path
    docname: str
    directives: list[Directive] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    headings: list[tuple[int, str, int]] = field(default_factory=list)  # (level, text, line)
    paragraphs: list[tuple[str, int]] = field(default_factory=list)  # (text, first line)
    accepts: list[tuple[str, int]] = field(default_factory=list)  # xxgk-accept comments (core.accept)
    uses: list[Use] = field(default_factory=list)  # every construct, for the allow-list (core.safety)
    read_findings: list[Finding] = field(default_factory=list)  # bytes that are not UTF-8

    def xxgk(self, name: str) -> list[Directive]:
        return [d for d in self.directives if d.name == f"xxgk:{name}"]


def docname_of(path: Path, root: Path) -> str:
    """A page's docname, as Sphinx names it: its path under ``root`` without suffix."""
    return path.relative_to(root).with_suffix("").as_posix()
