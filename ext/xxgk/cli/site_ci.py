"""``xxgk site ci github|gitlab``: the CI file that builds a province's shards as a matrix.

GitHub Actions reads the matrix from ``xxgk site plan --json`` when it runs; GitLab's
``parallel:matrix`` is static, so the GitLab file lists the shards found when it is written.
"""

from __future__ import annotations

import json
from pathlib import Path

CI = Path(__file__).parent / "ci"


def template(service: str, shards: list[str] | None = None) -> str:
    text = (CI / f"{service}.yml").read_text(encoding="utf-8")
    if service == "gitlab":
        text = text.replace("__SHARDS__", json.dumps(shards or [], ensure_ascii=False))
    return text
