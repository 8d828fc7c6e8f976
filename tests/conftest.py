"""Shared fixtures: Sphinx's own testing fixtures, test projects under roots/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = Path(__file__).resolve().parent.parent


def validate_ci_file(schema: str, path: Path) -> None:
    """A CI file checked against check-jsonschema's vendored schema (offline)."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# sphinx.testing swaps alabaster for "basic" unless told; the bundled site is built as published
SITE = {"html_theme": "alabaster"}


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


def pytest_terminal_summary(terminalreporter, exitstatus: int, config) -> None:
    """After `make fuzz`: how many cases ran and how many gave a traceback or an unlocated message."""
    import os
    import sys

    fuzz = sys.modules.get("tests.test_fuzz")
    if fuzz is None or "XXGK_FUZZ_EXAMPLES" not in os.environ:
        return
    counts = fuzz.COUNTS
    failed = len(terminalreporter.stats.get("failed", []))
    terminalreporter.write_line(
        f"模糊测试：共 {counts['cases']} 个用例，Python 异常 {failed} 个，"
        f"未定位的提示 {counts['unlocated']} 个，丢失的数字 {counts['lost']} 个"
    )


# A test that needs a system tool the machine lacks fails with the command that installs it;
# XXGK_ALLOW_SKIP=1 (never set by CI) turns that into a skip for someone who knowingly goes without.
ALLOW_SKIP = os.environ.get("XXGK_ALLOW_SKIP") == "1"


def require(present: bool, what: str, command: str) -> None:
    if present:
        return
    message = f"缺少{what}：请运行 {command}（以 root 身份运行会自动安装）"
    if ALLOW_SKIP:
        pytest.skip(message)
    pytest.fail(message, pytrace=False)


# three faults on three lines: a misspelt row, a wrong prose figure, an unknown table
ANNOTATED_PAGE = """# 示例街道办事处2021年度报告（示例数据）

```{xxgk:report}
:body: 示例街道办事处（示例）
:year: 2021
```

```{xxgk:data}
申请:
  本年新收: {自然人: 8}
  予以公开: {自然人: 8}
  本年新受: {自然人: 1}
```

全年共收到政府信息公开申请9件。

```{xxgk:table} 不存在的表
```
"""


def xxgk(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The ``xxgk`` command as a user runs it, in ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "xxgk.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env} if env else None,
    )


def annotated_project(root: Path) -> Path:
    """A project holding ``ANNOTATED_PAGE`` as reports/street/2021.md."""
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "xxgk"]\n'
        'suppress_warnings = ["xxgk.fitness", "xxgk.late"]\n',
        encoding="utf-8",
    )
    (root / "reports" / "street").mkdir(parents=True)
    (root / "reports" / "street" / "2021.md").write_text(ANNOTATED_PAGE, encoding="utf-8")
    return root
