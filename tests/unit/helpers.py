"""Build evaluated reports from data-block text, as a page would."""

from __future__ import annotations

from xxgk.core.parse import parse_data_block
from xxgk.core.report import Evaluated, evaluate, parse_meta


def report(data: str, year: int = 2021, fmt: str = "", first_line: int = 1) -> Evaluated:
    block = parse_data_block(data, first_line)
    assert block.findings == (), block.findings
    options = {"body": "示例街道办事处", "year": str(year)}
    if fmt:
        options["format"] = fmt
    meta, findings = parse_meta(options, 1)
    assert meta is not None and not findings
    return evaluate(meta, block.entries)
