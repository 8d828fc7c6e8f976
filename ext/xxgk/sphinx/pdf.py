"""PDF settings for ``conf.py``: one 公文-style PDF per report.

``conf.py`` calls these helpers (it never has them written into its config by the
extension): every page under ``reports/`` becomes its own ``howto`` document named by
``pdf_name``. The book of all reports is bound from these PDFs by ``xxgk book``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.names import REPORTS, name_problem, pdf_name

LATEX_DIR = Path(__file__).parent / "latex"

# Debian packages the PDF build needs (measured in ../shared/tooling.md: 236 MB, ~52 s)
TEX_PACKAGES = (
    "texlive-xetex",
    "texlive-lang-chinese",
    "texlive-fonts-recommended",
    "texlive-latex-extra",
    "latexmk",
    "fonts-freefont-otf",
    "fonts-noto-cjk",
    "poppler-utils",
    "fontconfig",
)


def report_documents(srcdir: str | Path, author: str = "") -> list[tuple[str, str, str, str, str]]:
    """``latex_documents`` entries: one ``howto`` document per page under ``reports/``.

    Only file names are listed — conf.py never reads a page (a page that is not UTF-8 must not
    stop every build): the titles are filled in from the pages' headings once they are read
    (``titles_from_pages``). A page whose path cannot name a file gets no PDF (and an
    ``xxgk.name`` finding in the build)."""
    root = Path(srcdir)
    docs = []
    for path in sorted((root / REPORTS).rglob("*")):
        if path.suffix not in (".md", ".rst") or not path.is_file():
            continue
        docname = path.relative_to(root).with_suffix("").as_posix()
        if name_problem(docname) is None:
            docs.append((docname, f"{pdf_name(docname)}.tex", "", author, "howto"))
    return docs


def titles_from_pages(app: Any, env: Any) -> list[str]:
    """``env-updated``: each report PDF's title is its page's first heading (``latex_documents``
    does not make Sphinx re-read pages when it changes)."""
    documents = getattr(app.config, "latex_documents", None) or []
    filled = []
    for entry in documents:
        docname, target, title, *rest = entry
        if not title and docname in env.titles:
            # Sphinx puts the title into \title{} as LaTeX: a heading is text (an untrusted
            # page's heading could otherwise \input any file into the PDF)
            title = _title(env.titles[docname].astext(), env.domains["xxgk"].key_of(docname))
        filled.append((docname, target, title, *rest))
    app.config.latex_documents = filled
    return []


def _title(text: str, key: tuple[str, int] | None) -> str:
    """A report's title as LaTeX text, broken after the issuing body (as a 公文 title is)."""
    from ..core.chart import tex_escape

    body = key[0] if key else ""
    if body and text.startswith(body) and len(text) > len(body):
        return tex_escape(body) + r"\texorpdfstring{\\}{}" + tex_escape(text[len(body) :])
    return tex_escape(text)


_COMMON: dict[str, str] = {
    "papersize": "a4paper",
    "babel": "",
    "fncychap": "",
    "printindex": "",
    "makeindex": "",
    # Latin letters and digits in a Times-like serif that sits with 仿宋 (FreeSerif, from
    # fonts-freefont-otf), as 公文 set them
    "fontpkg": r"\setmainfont{FreeSerif}"
    "\n" + r"\setsansfont{FandolHei-Regular.otf}" + "\n" + r"\setmonofont{FreeMono}",
    "sphinxsetup": "InnerLinkColor={rgb}{0,0,0}, OuterLinkColor={rgb}{0,0,0}, TableRowColorOdd={rgb}{1,1,1}",
}


def report_elements() -> dict[str, str]:
    """``latex_elements`` for the per-report PDFs (公文 body layout)."""
    return {
        **_COMMON,
        "classoptions": ",fontset=fandol,oneside",
        # 版心 156 × 225 mm; all four margins given (Sphinx passes its own hmargin/vmargin)
        "geometry": r"\usepackage[a4paper,top=37mm,bottom=35mm,left=28mm,right=26mm,"
        r"headheight=0pt,headsep=0pt,footskip=12mm]{geometry}",
        "preamble": r"\usepackage{xxgkgongwen}",
        "maketitle": r"\xxgkmaketitle",
        "tableofcontents": "",
    }


def latex_settings(srcdir: str | Path, title: str = "", author: str = "") -> dict[str, Any]:
    """Every LaTeX setting of the site, for ``globals().update(...)`` in ``conf.py``: one 公文 PDF
    per report (the book of all reports is made from them by ``xxgk book``)."""
    return {
        "latex_engine": "xelatex",
        "latex_use_xindy": False,
        "latex_table_style": ["standard", "nocolorrows"],
        "latex_docclass": {"howto": "ctexart"},
        "latex_additional_files": [str(LATEX_DIR / "xxgkgongwen.sty")],
        "latex_documents": report_documents(srcdir, author),
        "latex_elements": report_elements(),
    }
