"""The site's Chinese search gives the index Sphinx's own search would give, faster."""

from __future__ import annotations

from sphinx.search.zh import SearchChinese
from xxgk.sphinx.search import ChineseSearch

WORDS = [
    "申请", "政府信息公开", "结转下年度继续办理", "12月", "2024年", "第二十条第（一）项", "ＡＢＣ", "Ⅱ",
    "xxgk", "running", "cats", "Policies", "it's", "café", "naïve", "年度'", "'s", "", "ies", "PDF版",
]  # fmt: skip


def test_stems_equal_sphinx_s() -> None:
    ours, sphinx = ChineseSearch({"dict": ""}), SearchChinese({"dict": ""})
    for word in WORDS:
        assert ours.stem(word) == sphinx.stem(word), word


def test_a_text_is_segmented_once() -> None:
    ours = ChineseSearch({"dict": ""})
    first = ours.split("全年共收到政府信息公开申请12件")
    assert ours.split("全年共收到政府信息公开申请12件") == first
    assert ours._seen["全年共收到政府信息公开申请12件"] == first
    assert "12" in ours.latin_terms
