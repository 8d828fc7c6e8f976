"""Chinese words segmented when a page is read, for the search index built when it is written.

Under ``-j`` Sphinx reads pages in worker processes but indexes them in the main process,
where jieba's segmentation of every text was the largest serial cost of a build. Each page's
texts are segmented when it is read (``doctree-read``, in the workers) and kept with the page;
when the page is written, ``search.ChineseSearch`` takes them instead of segmenting again.
Segmentation is the same function with the same dictionary, so the index is the same (a test
builds both ways). Texts that change after reading (figures filled in) are segmented as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.search.zh import SearchChinese

ENABLED = True  # tests turn this off to compare the index with Sphinx's own segmentation
_ATTRIBUTE = "xxgk_words"
SEPARATOR = "\x00"  # between the words of a text (a text holding it is not prepared)
_splitters: dict[str, SearchChinese] = {}  # per process, by dictionary option


def indexes_chinese(app: Sphinx) -> bool:
    """Whether this build writes a search index with ``search.ChineseSearch``."""
    from sphinx.search import languages

    builder = app.builder
    if not ENABLED or builder.format != "html" or not getattr(builder, "search", False):
        return False
    lang = app.config.html_search_language or app.config.language or "en"
    name = languages.get(lang) or languages.get(lang.partition("_")[0])
    return name == "xxgk.sphinx.search.ChineseSearch"


def _splitter(app: Sphinx) -> SearchChinese:
    """Sphinx's own Chinese splitter with the site's options (its user dictionary loaded)."""
    from sphinx.search.zh import SearchChinese

    options = dict(app.config.html_search_options or {})
    key = repr(sorted(options.items()))
    if key not in _splitters:
        _splitters[key] = SearchChinese(options)
    return _splitters[key]


def before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Load jieba's dictionary once, before worker processes are forked to read pages."""
    if docnames and indexes_chinese(app):
        import jieba

        _splitter(app)
        jieba.initialize()


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    if not indexes_chinese(app):
        return
    split = _splitter(app).split
    texts = {node.astext() for node in doctree.findall(nodes.Text)}
    texts |= {node.astext() for node in doctree.findall(nodes.title)}
    # one string per text (Sphinx keeps every doctree in memory between reading and writing)
    doctree[_ATTRIBUTE] = {
        text: SEPARATOR.join(words)
        for text in texts
        if text.strip() and SEPARATOR not in text and (words := split(text))
    }


class UseReadWords(SphinxPostTransform):
    """Hands the page's words to the index just before Sphinx indexes the page."""

    default_priority = 990  # after every transform that changes text
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        words = self.document.attributes.pop(_ATTRIBUTE, None)
        app = getattr(self.env, "_app", None) or self.env.app  # as resolve.py (``app`` is deprecated)
        indexer = getattr(app.builder, "indexer", None)
        lang = getattr(indexer, "lang", None)
        if lang is not None and hasattr(lang, "prepare"):
            lang.prepare(words or {})
