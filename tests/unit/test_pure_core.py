"""The layers of the package, as the README's map draws them.

- ``xxgk.core`` is pure: each of its modules imports in a fresh interpreter in which
  Sphinx, docutils and the MyST/sphinx-design packages cannot be imported at all
  (a real import, so an import hidden in a function called at import time is caught too);
- imports point down: ``sphinx/`` and ``cli/`` use ``reading/`` (one reading of a page for
  both) and ``core/``; ``reading/`` uses ``core/``; ``core/`` uses none of them; ``sphinx/`` and
  ``cli/`` do not use each other, and no module imports itself back through a circle;
- ``xxgk/__init__.py`` holds ``setup()`` (and the version) only.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ext" / "xxgk"
BLOCKED = ("sphinx", "docutils", "myst_parser", "sphinx_design", "markdown_it", "mdit_py_plugins")


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = sorted(_module(path) for path in PACKAGE.rglob("*.py") if path.name != "__main__.py")
CORE = [m for m in MODULES if m.startswith("xxgk.core")]

_BLOCKER = f"""
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {BLOCKED!r}:
            raise ImportError("blocked: " + name)
        return None
sys.meta_path.insert(0, Block())
sys.path.insert(0, {str(PACKAGE.parent)!r})
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
leaked = sorted({{m.split(".")[0] for m in sys.modules}} & set({BLOCKED!r}))
assert not leaked, leaked
"""


def test_the_core_holds_the_rules() -> None:
    for name in ("formats", "model", "parse", "entries", "identities", "page_checks", "page_findings"):
        assert f"xxgk.core.{name}" in CORE


def test_every_core_module_imports_with_sphinx_and_docutils_blocked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _BLOCKER, *CORE], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_blocker_would_catch_a_sphinx_import() -> None:
    """The check above can fail: a Sphinx-layer module does not import with Sphinx blocked."""
    result = subprocess.run(
        [sys.executable, "-c", _BLOCKER, "xxgk.sphinx.directives"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "ImportError: blocked: " in result.stderr


def _imports(module: str) -> set[str]:
    """The xxgk modules ``module`` imports when it runs (at any depth of the file; imports under
    ``if TYPE_CHECKING:`` are annotations only and never run)."""
    path = PACKAGE.parent / (module.replace(".", "/") + ".py")
    if not path.is_file():
        path = PACKAGE.parent / module.replace(".", "/") / "__init__.py"
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for guard in [
        n for n in ast.walk(tree) if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test)
    ]:
        guard.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            candidates = [target] + ([f"{target}.{a.name}" for a in node.names] if target else [])
        elif isinstance(node, ast.Import):
            candidates = [a.name for a in node.names]
        else:
            continue
        found |= {c for c in candidates if c in MODULES and c != module}
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def _layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else "package"


@pytest.mark.parametrize("module", MODULES)
def test_imports_point_down(module: str) -> None:
    allowed = {
        "core": {"core"},
        "reading": {"reading", "core"},  # a page's source → what it declares and uses (both layers)
        "sphinx": {"sphinx", "reading", "core"},
        "cli": {"cli", "reading", "core"},
    }
    layer = _layer(module)
    if layer not in allowed:
        return
    wrong = {m for m in GRAPH[module] if _layer(m) not in allowed[layer] and m != "xxgk"}
    assert not wrong, f"{module} imports {sorted(wrong)}"


def test_no_import_circles() -> None:
    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        todo = [m for m in GRAPH[start] if not m.endswith("__init__")]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            todo += GRAPH.get(current, set())
        return seen

    circles = sorted(m for m in MODULES if m != "xxgk" and m in reach(m))
    assert not circles


def test_every_module_imports_on_its_own() -> None:
    """A fresh ``import xxgk.sphinx.views`` (any module) works: no circle hidden by import order."""
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)"
    for module in MODULES:
        result = subprocess.run(
            [sys.executable, "-c", script, module],
            capture_output=True,
            text=True,
            check=False,
            cwd=PACKAGE.parent,
        )
        assert result.returncode == 0, (module, result.stderr[-1500:])


def test_the_package_init_holds_setup_only() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    others = [
        ast.unparse(n)
        for n in tree.body
        if not isinstance(n, (ast.FunctionDef, ast.If, ast.ImportFrom, ast.Import))
        and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))  # the docstring
    ]
    assert functions == ["setup"]
    assert others == []  # no constants, classes or file writing: those live in the layers
