"""Sphinx's Chinese search (jieba), remembering how it split texts it has already seen and
not running the English stemmer over Chinese words.

Every report page carries the same official table labels ("本年新收政府信息公开申请数量",
"法人或其他组织"…); jieba segments each again on every page, which made the search index the
largest cost of a build. The words are the same, so the index is the same.
"""

from __future__ import annotations

from sphinx.search.zh import SearchChinese

_MAX_REMEMBERED = 20_000  # texts (memory stays bounded on any site)


class ChineseSearch(SearchChinese):
    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self._seen: dict[str, list[str]] = {}

    def stem(self, word: str) -> str:
        """As Sphinx's, whose English stemmer leaves a (lower-cased) word without ASCII
        characters unchanged (it only rewrites ASCII letters and apostrophes): such words skip it."""
        if word and min(word) > "\x7f":
            return word.lower()
        return super().stem(word)

    def split(self, input: str) -> list[str]:
        words = self._seen.get(input)
        if words is None:
            words = super().split(input)  # also records its Latin terms, once is enough
            if len(self._seen) < _MAX_REMEMBERED:
                self._seen[input] = words
        return list(words)
