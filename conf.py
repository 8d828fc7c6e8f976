"""Sphinx configuration of the xxgk report site."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import jieba

sys.path.insert(0, str(Path(__file__).parent / "ext"))  # works before `pip install -e .` too

project = "政府信息公开工作年度报告"
author = "xxgk"
copyright = "各发布机关"
language = "zh_CN"

extensions = ["myst_parser", "sphinx_design", "xxgk"]
myst_enable_extensions = ["colon_fence", "deflist"]
# Report text is content, not code: HTML typed into a page is shown as text, never run.
myst_disable_syntax = ["html_inline", "html_block"]

templates_path = ["_templates"]
# Only the landing page and the reports are pages; everything else in the
# repository (README, tests, caches) is not part of the site.
include_patterns = ["index.md", "reports/**", "guide/**"]
exclude_patterns = ["_build", ".venv", "guide/_snippets"]
root_doc = "index"
# Report pages are untrusted (anyone who opens a pull request writes them) and may only publish
# text, figures and tables; these pages are the maintainers' own and may use all of Sphinx.
xxgk_trusted_pages = ["index", "guide/**"]
# The guide's example reports are fictional: built and checked, but kept out of the public site
# (no body page, search result, data file or Word file is made of them).
xxgk_example_pages = ["guide/**"]

html_theme = "alabaster"
html_title = project
html_last_updated_fmt = None
# Sphinx would reload jieba's whole dictionary as a user dictionary on every
# build (~1 s); jieba's built-in dictionary gives the same index.
html_search_options = {"dict": ""}
jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict…" lines on every build
# the sidebar lists the current body's years only: pages stay the same size on a 1,000-report site
# (the landing and search pages have neither: no sidebar; nor have body pages, see site.py)
html_sidebars = {"**": ["xxgk-sidebar.html"], "index": [], "search": []}
# the pages' MyST sources are not published: citizens read the page, the PDF and the data
# (servers without a charset would show the raw text as mojibake); reviewers read git
html_copy_source = False
html_use_index = False  # no index entries on these pages: no empty 索引 page
epub_basename = "xxgk-reports"
html_show_sourcelink = False
html_theme_options = {
    "show_powered_by": False,
    "fixed_sidebar": False,
    "page_width": "1100px",
    "sidebar_width": "230px",
    # on a phone the theme shows the sidebar under the text: light, like the page, not a dark block
    "narrow_sidebar_bg": "#f2f2f2",
    "narrow_sidebar_fg": "#222",
    "narrow_sidebar_link": "#1f4e79",
}

# -- PDF (make pdf) -------------------------------------------------------------
# One 公文-style PDF per page under reports/; `xxgk book` binds them into one book.
# See ext/xxgk/sphinx/pdf.py.
from xxgk.sphinx import pdf as xxgk_pdf  # noqa: E402 - after sys.path is set up

globals().update(xxgk_pdf.latex_settings(Path(__file__).parent, project))
xxgk_pdf_dir = "_build/pdf"  # the HTML pages link the PDFs found here
xxgk_docx_dir = "_build/docx"  # and the Word files (make docx)
