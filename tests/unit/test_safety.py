"""Nothing in the package evaluates text as code; YAML is always loaded safely."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ext" / "xxgk"


def test_the_one_yaml_loader_is_a_safe_one() -> None:
    import yaml
    from xxgk.core.yamlsafe import SafeLoader, load_safe

    assert issubclass(SafeLoader, yaml.constructor.SafeConstructor)
    assert not issubclass(SafeLoader, yaml.constructor.FullConstructor)
    with pytest.raises(yaml.YAMLError):
        load_safe("!!python/object/apply:os.system ['true']")


def test_no_eval_exec_or_unsafe_yaml() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                if isinstance(node.func, ast.Name):  # re.compile is fine; the builtin is not
                    assert name not in {"eval", "exec", "compile", "__import__"}, (path.name, node.lineno)
                if isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", "") == "yaml":
                    assert name not in {"load", "load_all", "unsafe_load", "full_load", "full_load_all"}, (
                        path.name,
                        node.lineno,
                    )
