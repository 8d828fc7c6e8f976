"""``sphinx-build -b docx``: each report as a Word (.docx) 公文 for sign-off (``make docx``).

Written from the resolved doctree, as the other builders write theirs, so the figures in
prose and tables are the computed ones; one file per report page, named as its PDF is
(``core.names.pdf_name``). The layout is ``docx_writer``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.builders import Builder
from sphinx.locale import __
from sphinx.util import logging

from ..core.names import pdf_name
from .docx_writer import DocxTranslator, write_report
from .public import is_public

logger = logging.getLogger(__name__)


class DocxBuilder(Builder):
    name = "docx"
    format = "docx"
    epilog = __("Word 文件在 %(outdir)s 中。")
    supported_image_types: ClassVar[list[str]] = []
    default_translator_class = DocxTranslator

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> Iterable[str]:
        return self._reports()

    def _reports(self) -> list[str]:
        domain: Any = self.env.domains["xxgk"]
        return sorted(
            d for d in self.env.found_docs if is_public(self.config, d) and domain.key_of(d) is not None
        )

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return f"{pdf_name(docname)}.docx"

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        super().write_documents(set(docnames) & set(self._reports()))

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        domain: Any = self.env.domains["xxgk"]
        key = domain.key_of(docname)
        title = self.env.titles[docname].astext() if docname in self.env.titles else ""
        doc = write_report(doctree, key[0] if key else "", title)
        target = Path(self.outdir) / self.get_target_uri(docname)
        target.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(target))

    def finish(self) -> None:
        pass
