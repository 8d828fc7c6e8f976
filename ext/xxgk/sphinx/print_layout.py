"""Text set as Chinese text is: what the printed 公文 (PDF and Word) sets differently from the
web page, and line breaks of the source that are no spaces in Chinese.

Run-in headings of the body text — a paragraph that opens with "（一）主动公开情况。" in bold —
are set in 楷体, not bold, as the "（一）" heading level of a 公文 is (GB/T 9704 practice).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

RUN_IN = re.compile(r"^\s*（[一二三四五六七八九十]+）")
KAI = "xxgk-kai"


class RunInHeadings(SphinxPostTransform):
    default_priority = 900
    formats = ("latex", "docx")

    def run(self, **kwargs: object) -> None:
        for para in list(self.document.findall(nodes.paragraph)):
            first = next(
                (c for c in para.children if not (isinstance(c, nodes.Text) and not c.strip())), None
            )
            if isinstance(first, nodes.strong) and RUN_IN.match(first.astext()):
                heading = nodes.inline("", "", *first.children, classes=[KAI])
                para.replace(first, heading)


_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’"
_SOFT_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")


class CjkLineBreaks(SphinxPostTransform):
    """A line break inside a paragraph of the source, between Chinese characters, is no space:
    browsers and the text builder show the newline as one ("录入， 全部")."""

    default_priority = 900

    def run(self, **kwargs: object) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, (nodes.literal, nodes.literal_block, nodes.raw)):
                continue
            value = str(text)
            if value.startswith(" ") and _after_cjk_lead_in(parent, text):
                # "**（一）主动公开情况。** 2024年": CommonMark needs the space to close the bold;
                # Chinese text has none after "。"
                value = value.lstrip(" ")
                index = next(i for i, child in enumerate(parent.children) if child is text)
                text = nodes.Text(value)
                text.parent = parent
                parent.children[index] = text
            if "\n" not in value:
                continue
            # by identity: text nodes equal as strings ("\n") are different nodes
            index = next(i for i, child in enumerate(parent.children) if child is text)
            before = parent[index - 1].astext()[-1:] if index > 0 else ""  # the neighbours decide
            after = parent[index + 1].astext()[:1] if index + 1 < len(parent) else ""
            joined = _SOFT_BREAK.sub("", before + value + after)
            joined = joined[len(before) : len(joined) - len(after)]
            if not joined:
                del parent.children[index]
            elif joined != value:
                new = nodes.Text(joined)
                new.parent = parent
                parent.children[index] = new


def _after_cjk_lead_in(parent: nodes.Element, text: nodes.Text) -> bool:
    """Whether ``text`` follows emphasis that ends in Chinese punctuation."""
    index = next(i for i, child in enumerate(parent.children) if child is text)
    before = parent[index - 1] if index > 0 else None
    return isinstance(before, (nodes.strong, nodes.emphasis)) and before.astext()[-1:] in "。：；，、！？）"


_LONG_WORD = re.compile(r"[!-~]{30,}")  # a run of Latin letters, digits and signs without a space


class BreakableLongWords(SphinxPostTransform):
    """PDF: a very long word of Latin letters (a URL, an e-mail address) may break anywhere
    rather than run past the margin — one such word in a page would otherwise stop ``make pdf``
    (an overfull line is a defect ``texlog`` reports)."""

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, (nodes.literal_block, nodes.raw)):
                continue
            value = str(text)
            if not _LONG_WORD.search(value):
                continue
            parts: list[nodes.Node] = []
            last = 0
            for match in _LONG_WORD.finditer(value):
                parts.append(nodes.Text(value[last : match.start()]))
                word = match.group(0)
                for start in range(0, len(word), 12):
                    if start:
                        parts.append(nodes.raw("", r"\allowbreak{}", format="latex"))
                    parts.append(nodes.Text(word[start : start + 12]))
                last = match.end()
            parts.append(nodes.Text(value[last:]))
            index = next(i for i, child in enumerate(parent.children) if child is text)
            parent[index : index + 1] = [p for p in parts if not (isinstance(p, nodes.Text) and not str(p))]
