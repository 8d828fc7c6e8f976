"""LaTeX warnings that mean a defect in a PDF (``python -m xxgk.cli.texlog 目录``, run by
``make pdf``): an undefined reference, a character no font has, a line or table wider than
the page by more than a hair. The PDF is still written by LaTeX; this makes the build fail
and says where."""

from __future__ import annotations

import re
import sys
from pathlib import Path

DEFECTS = (
    (
        re.compile(r"LaTeX Warning: (?:Reference|Citation) `([^']*)' on page \d+ undefined"),
        "引用的目标不存在：{0}",
    ),
    (
        re.compile(r"Missing character: There is no (.) \(U\+([0-9A-F]+)\) in font ([^!]+)!"),
        "字体中没有字符“{0}”（U+{1}）",
    ),
    (re.compile(r"Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)"), "有一行或一个表格超出版心{0}pt"),
)
TOLERANCE_PT = 3.0  # overfull by less is invisible in print


def defects(log: str) -> list[tuple[int, str]]:
    """(line of the log, what is wrong) for each defect. TeX wraps its log at 79 characters,
    so a message is matched on the lines joined."""
    joined = re.sub(r"(?m)^(.{79})\n", r"\1", log)
    found = []
    for pattern, message in DEFECTS:
        for match in pattern.finditer(joined):
            if message.startswith("有一行") and float(match.group(1)) < TOLERANCE_PT:
                continue
            found.append((joined.count("\n", 0, match.start()) + 1, message.format(*match.groups())))
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    folders = [Path(a) for a in (argv if argv is not None else sys.argv[1:])]
    status = 0
    for folder in folders:
        for log in sorted(folder.glob("*.log")):
            for number, message in defects(log.read_text(encoding="utf-8", errors="replace")):
                print(f"{log}:{number}：{message}", file=sys.stderr)
                status = 1
    if status:
        print("PDF 有上述排版问题（LaTeX 日志），make pdf 失败", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
