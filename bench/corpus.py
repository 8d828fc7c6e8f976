"""Recall and false alarms of the prose checks on real report text (tests/corpus/claims.yaml).

    python bench/corpus.py        (make corpus)

A paragraph labelled wrong is found when a finding names each wrong cell (a share: the
cell's percentage); a paragraph labelled right is a false alarm when any finding is raised.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "ext"))

from xxgk.core.page_checks import Paragraph, check_figures  # noqa: E402
from xxgk.core.parse import parse_data_block  # noqa: E402
from xxgk.core.report import Evaluated, evaluate, parse_meta  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "claims.yaml"


def evaluated(data: str, year: int) -> Evaluated:
    block = parse_data_block(data, 1)
    meta, problems = parse_meta({"body": "语料机关", "year": str(year)}, 1)
    assert meta is not None and not problems and not block.findings, (problems, block.findings)
    return evaluate(meta, block.entries)


def found(messages: list[str], cell: str) -> bool:
    if "." not in cell:  # a total the prose states and its own parts contradict ("共计3437条")
        return any(cell in m for m in messages)
    if cell.endswith("%"):
        return any(cell[:-1] in m or "%" in m for m in messages if "÷" in m or "占比" in m)
    return any(cell in m for m in messages)


def measure(corpus: Path = CORPUS) -> dict[str, object]:
    sources = yaml.safe_load(corpus.read_text(encoding="utf-8"))["sources"]
    wrong_total = wrong_found = right_total = 0
    false_alarms: list[tuple[str, list[str]]] = []
    missed: list[tuple[str, str]] = []
    by_check: Counter[str] = Counter()
    real_wrong = real_found = 0
    for source in sources:
        for para in source["paragraphs"]:
            ev = evaluated(para.get("data") or source["data"], source["year"])
            findings = check_figures(ev, [Paragraph(para["text"], 1)])
            messages = [f.message for f in findings]
            by_check.update(f.subtype for f in findings)
            if not para["wrong"]:
                right_total += 1
                if findings:
                    false_alarms.append((para["text"], messages))
                continue
            for cell in para["wrong"]:
                wrong_total += 1
                real = "mutated" not in para
                real_wrong += real
                if found(messages, cell):
                    wrong_found += 1
                    real_found += real
                else:
                    missed.append((cell, para["text"]))
    return {
        "wrong": wrong_total,
        "found": wrong_found,
        "real_wrong": real_wrong,
        "real_found": real_found,
        "right": right_total,
        "false_alarms": false_alarms,
        "missed": missed,
        "by_check": dict(by_check),
    }


def main() -> int:
    r = measure()
    wrong, found_, right = int(r["wrong"]), int(r["found"]), int(r["right"])  # type: ignore[call-overload]
    alarms = r["false_alarms"]
    assert isinstance(alarms, list)
    print(f"语料：{CORPUS.relative_to(ROOT)}")
    print(
        f"错误的说法 {wrong} 处，查出 {found_} 处，召回率 {found_ / wrong:.0%}" if wrong else "没有错误的说法"
    )
    print(f"  其中原文本身的错误 {r['real_wrong']} 处，查出 {r['real_found']} 处")
    print(f"正确的段落 {right} 段，误报 {len(alarms)} 段")
    for cell, text in r["missed"]:  # type: ignore[attr-defined]
        print(f"  漏报：{cell}：{text[:60]}…")
    for text, messages in alarms:
        print(f"  误报：{text[:60]}…：{messages[0]}")
    print(f"各检查的提示数：{r['by_check']}")
    return 0 if not alarms else 1


if __name__ == "__main__":
    raise SystemExit(main())
