"""The pure core imports nothing from Sphinx or docutils (the CLI reuses it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ext" / "xxgk"
CORE = [
    "formats/__init__.py",
    "model.py",
    "parse.py",
    "figures.py",
    "compute.py",
    "checks.py",
    "text.py",
    "layout.py",
    "report.py",
    "warnings.py",
    "grid_html.py",
    "yamlsafe.py",
    "check_cache.py",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_has_no_sphinx_import(module: str) -> None:
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.split(".")[0])
    assert not imported & {"sphinx", "docutils", "myst_parser"}
