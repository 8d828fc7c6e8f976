"""What the printed 公文 (PDF and Word) sets differently from the web page.

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
