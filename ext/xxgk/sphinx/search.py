"""Sphinx's Chinese search (jieba), faster and giving the same index.

- It remembers how it split texts it has already seen: every report page carries the same
  official table labels ("本年新收政府信息公开申请数量", "法人或其他组织"…), which jieba
  segmented again on every page.
- It takes the words of a page segmented when the page was read (``search_words``): Sphinx
  builds the index in the main process, while pages are read by the worker processes under
  ``-j``, so the segmentation runs in parallel.
- It does not run the English stemmer over words without ASCII characters (no effect on them).
- Its browser side works: Sphinx 9.0's Chinese search writes ``window.Stemmer = ChineseStemmer``
  into ``language_data.js``, a class that does not exist (the file defines ``EnglishStemmer``,
  the stemmer Chinese search uses for Latin words), so every search stopped at "正在搜索中…"
  (sphinx-doc/sphinx#14229, fixed upstream by #14416). The stemmer is named for what it is.
"""

from __future__ import annotations

from sphinx.search.zh import SearchChinese

_MAX_REMEMBERED = 2_000  # texts: the labels come first (page one); memory stays bounded


# A query is split as the index was: a run of Chinese text becomes the longest words the index
# holds, left to right ("淮安市人民政府" → 淮安市 人民政府), so a whole body name finds its
# reports (the browser has no jieba; the index's own words are the dictionary); a single
# character it does not hold is dropped ("依申请公开" → 申请 公开).
JS_SPLITTER = r"""
function splitQuery(query) {
  const index = (typeof Search !== "undefined" && Search._index) || {};
  const known = (word) =>
    (index.terms && word in index.terms) || (index.titleterms && word in index.titleterms);
  const out = [];
  for (const part of query.split(/[^\p{Letter}\p{Number}_]+/gu)) {
    if (!part) continue;
    if (!/\p{Script=Han}/u.test(part) || known(part)) { out.push(part); continue; }
    let start = 0;
    while (start < part.length) {
      let end = Math.min(part.length, start + 12);
      while (end > start + 1 && !known(part.slice(start, end))) end -= 1;
      const word = part.slice(start, end);
      // a single character the index does not hold ("依" of 依申请公开) would make every
      // search with it find nothing (all words must match): it is left out, as stop words are
      if (end > start + 1 || known(word)) out.push(word);
      start = end;
    }
  }
  return out;
}
"""


class ChineseSearch(SearchChinese):
    # names the JavaScript stemmer class (``{language_name}Stemmer``); the file is the English one
    language_name = "English"
    js_splitter_code = JS_SPLITTER

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self._seen: dict[str, list[str]] = {}
        self._prepared: dict[str, str] = {}  # text → its words joined by NUL
        self.prepared_hits = 0  # texts whose read-time words were used (for tests and bench)

    def prepare(self, words: dict[str, str]) -> None:
        """The words of the page about to be indexed, segmented when it was read."""
        self._prepared = words

    def stem(self, word: str) -> str:
        """As Sphinx's, whose English stemmer leaves a (lower-cased) word without ASCII
        characters unchanged (it only rewrites ASCII letters and apostrophes): such words skip it."""
        if word and min(word) > "\x7f":
            return word.lower()
        return super().stem(word)

    def split(self, input: str) -> list[str]:
        prepared = self._prepared.get(input)
        if prepared is not None:
            self.prepared_hits += 1
            self.latin_terms.update(term.strip() for term in self.latin1_letters.findall(input))
            return prepared.split("\x00")
        words = self._seen.get(input)
        if words is None:
            words = super().split(input)  # also records its Latin terms, once is enough
            if len(self._seen) < _MAX_REMEMBERED:
                self._seen[input] = words
        return list(words)
