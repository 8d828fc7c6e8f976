"""Every Chinese message is written once: the build and ``xxgk check`` print the same text
because there is only one text to print."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ext" / "xxgk"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _messages(least: int = 8) -> dict[str, list[str]]:
    """Text pieces with at least ``least`` Chinese characters, docstrings left out, by where they are."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and len(CJK.findall(node.value)) >= least
            ):
                found[node.value.strip()].append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_each_chinese_message_is_written_once() -> None:
    repeated = {text: where for text, where in _messages().items() if len(where) > 1}
    assert not repeated


def test_the_messages_the_build_and_the_cli_used_to_copy_are_in_the_core() -> None:
    messages = _messages(least=1)
    for text in (
        "每页只能有一个 xxgk:report",
        "同一机构同一年度只能有一份报告",
        "本页缺少 xxgk:report",
        "无法链接",
    ):
        (where,) = [w for message, places in messages.items() if text in message for w in places]
        assert where.startswith("core/"), (text, where)
