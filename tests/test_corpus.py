"""The prose checks on real report text (``tests/corpus/claims.yaml``, ``make corpus``):
no false alarm on a correct paragraph, and at least 90 % of the labelled wrong claims found."""

from __future__ import annotations

import importlib.util

from .conftest import ROOT


def test_real_report_text_recall_and_false_alarms() -> None:
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    result = corpus.measure()
    assert result["false_alarms"] == []
    assert result["right"] >= 8 and result["wrong"] >= 9
    assert result["found"] >= 0.9 * result["wrong"], result["missed"]
