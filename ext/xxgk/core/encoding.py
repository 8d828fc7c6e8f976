"""A page's bytes as text: UTF-8, or a located finding that says how to convert it.

Government offices' Windows tools save GBK (or UTF-16) by default; such a page must not stop
the build with a traceback, nor be read with guessed characters. Nothing here imports Sphinx.
"""

from __future__ import annotations

import codecs

from .model import Finding

ENCODING = "utf-8-sig"  # a UTF-8 byte-order mark (Notepad) is accepted and dropped


def _guess(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data[:200].count(b"\x00") > 20:
        return "UTF-16"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return ""
    return "GBK"


def decode_page(data: bytes) -> tuple[str, Finding | None]:
    """The page's text, and a finding when its bytes are not UTF-8 (then decoded with U+FFFD)."""
    try:
        return data.decode(ENCODING), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = _guess(data)
        source = guess or "GBK"
        message = (
            f"本页不是 UTF-8 编码（第{line}行有无法按 UTF-8 读取的字节"
            + (f"，看起来是 {guess} 编码" if guess else "")
            + f"）；请用编辑器另存为 UTF-8，或运行 iconv -f {source} -t UTF-8 原文件 > 新文件"
        )
        return data.decode(ENCODING, errors="replace"), Finding("encoding", message, line)
