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

templates_path = ["_templates"]
# Only the landing page and the reports are pages; everything else in the
# repository (README, tests, caches) is not part of the site.
include_patterns = ["index.md", "reports/**", "guide/**"]
exclude_patterns = ["_build", ".venv"]
root_doc = "index"

html_theme = "alabaster"
html_title = project
html_last_updated_fmt = None
# Sphinx would reload jieba's whole dictionary as a user dictionary on every
# build (~1 s); jieba's built-in dictionary gives the same index.
html_search_options = {"dict": ""}
jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict…" lines on every build
html_sidebars = {"**": ["searchbox.html"]}
html_show_sourcelink = True
