"""Which paragraphs of a signed-off Word draft differ from the page's (``xxgk import 审签稿.docx
--into 页面``).

The page's prose holds roles where figures go (read as ``ROLE_MARK``); the Word draft holds
the figures the build printed there. A draft paragraph is unchanged when it is the page's
paragraph with some text in place of each role. Every other draft paragraph is a change: an
edit of the page paragraph it is most like, or a new paragraph; a page paragraph no draft
paragraph matches or edits was deleted. Nothing is written back: the figures in the draft's
prose are frozen text, the page's come from the data (see ``cli/word_import.py``). Nothing
here imports Sphinx.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from .page_checks import ROLE_MARK, Paragraph

_SPACE = re.compile(r"\s+")
_EDITED = 0.5  # at least this similar to a page paragraph: an edit of it, not a new paragraph


@dataclass(frozen=True)
class ProseChange:
    kind: Literal["changed", "added", "removed"]
    line: int | None  # the page line of the paragraph changed or removed; added: the one before
    old: str = ""  # the page's text (roles as ROLE_MARK)
    new: str = ""  # the draft's text


def _plain(text: str) -> str:
    return _SPACE.sub("", text)


# what a role prints: a figure or a share ("3119", "12.5%"), a change on last year ("增加3件，
# 增长37.5%", "持平", "增加5件（上年为0）", as core.years words it) or a link's title (no digits)
_ROLE_TEXT = (
    r"(?:持平|(?:增加|减少)[\d.,]+[^\d，。；]{0,3}(?:，(?:增长|下降)[\d.]+%|（上年为0）)?"
    r"|-?[\d.,]+%?|[^，。；：、（）“”\d]{1,20}?)"
)


def _pattern(text: str) -> re.Pattern[str]:
    """The page paragraph with each role standing for what a role prints."""
    parts = [re.escape(part) for part in _plain(text).split(ROLE_MARK)]
    return re.compile(_ROLE_TEXT.join(parts))


def compare(page: list[Paragraph], draft: list[str]) -> list[ProseChange]:
    """The changes from the page's paragraphs to the draft's, in the draft's order."""
    patterns = [_pattern(p.text) for p in page]
    matched: set[int] = set()
    unmatched: list[tuple[int, str]] = []  # (position in the draft, text)
    start = 0
    for position, text in enumerate(draft):
        plain = _plain(text)
        if not plain:
            continue
        hit = next(
            (
                i
                for i in [*range(start, len(page)), *range(start)]
                if i not in matched and patterns[i].fullmatch(plain)
            ),
            None,
        )
        if hit is None:
            unmatched.append((position, text))
        else:
            matched.add(hit)
            start = hit + 1
    out: list[ProseChange] = []
    edited: set[int] = set()
    for position, text in unmatched:
        plain = _plain(text)
        best, ratio = None, 0.0
        for i, paragraph in enumerate(page):
            if i in matched or i in edited:
                continue
            score = difflib.SequenceMatcher(
                None, _plain(paragraph.text).replace(ROLE_MARK, ""), plain
            ).ratio()
            if score > ratio:
                best, ratio = i, score
        if best is not None and ratio >= _EDITED:
            edited.add(best)
            out.append(ProseChange("changed", page[best].line, page[best].text, text))
        else:
            before = _before(position, draft, page, matched)
            out.append(ProseChange("added", before, "", text))
    for i, paragraph in enumerate(page):
        if i not in matched and i not in edited and _plain(paragraph.text):
            out.append(ProseChange("removed", paragraph.line, paragraph.text, ""))
    return out


def _before(position: int, draft: list[str], page: list[Paragraph], matched: set[int]) -> int | None:
    """The page line of the last matched paragraph before a draft position (where an added
    paragraph would go)."""
    for text in reversed(draft[:position]):
        plain = _plain(text)
        for i in matched:
            if _pattern(page[i].text).fullmatch(plain):
                return page[i].line
    return None
