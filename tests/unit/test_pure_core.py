"""The pure core imports nothing from Sphinx or docutils (the CLI reuses it).

Every module of the package is core unless it is named here as part of the thin
Sphinx layer, so a new module is checked without anyone adding it to a list.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ext" / "xxgk"
SPHINX_LAYER = {
    "__init__.py",
    "collect.py",
    "directives.py",
    "domain.py",
    "grid_nodes.py",
    "html.py",
    "incremental.py",
    "nodes.py",
    "reference.py",
    "resolve.py",
    "roles.py",
    "search.py",
    "search_words.py",
    "site.py",
    "sphinx_log.py",
    "views.py",
}
CORE = sorted(
    path.relative_to(PACKAGE).as_posix()
    for path in PACKAGE.rglob("*.py")
    if path.relative_to(PACKAGE).as_posix() not in SPHINX_LAYER
)


def imports(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.split(".")[0])
    return imported


def test_the_core_is_most_of_the_package() -> None:
    assert {"carry.py", "checks.py", "formats/__init__.py", "project.py", "prose.py"} <= set(CORE)
    assert all((PACKAGE / module).is_file() for module in SPHINX_LAYER)


@pytest.mark.parametrize("module", CORE)
def test_core_module_has_no_sphinx_import(module: str) -> None:
    assert not imports(module) & {"sphinx", "docutils", "myst_parser"}
