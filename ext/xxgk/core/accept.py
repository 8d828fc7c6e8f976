"""Accepting one flagged paragraph, not the whole page (like ``# noqa`` in Python).

Staff who transcribe a published report cannot reword it. A MyST comment on the line right
above the paragraph accepts the named checks' findings for that paragraph only::

    % xxgk-accept: prose 原文如此：正文“受理申请2件”与表中3件不一致，照录已发布的报告

The comment is in the page's source, so reviewers see it in the pull request; the finding is
not a build warning any more but is still listed by ``xxgk check --all``. A comment that
accepts nothing (the finding is gone) is itself reported, so that no acceptance outlives its
reason. ``:allow:`` in ``xxgk:report`` stays for whole checks. Nothing here imports Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Finding

ACCEPT = re.compile(
    r"^\s*xxgk-accept\s*[:：]\s*(?P<subtypes>[a-z]+(?:\s*[,，、]\s*[a-z]+)*)(?P<reason>.*)$", re.S
)
MARK = "xxgk-accept"


@dataclass(frozen=True)
class Acceptance:
    """Findings of ``subtypes`` accepted on the paragraph that starts at ``line``."""

    line: int  # the paragraph's first line
    comment_line: int
    subtypes: tuple[str, ...]
    reason: str


def parse_comment(text: str, comment_line: int, paragraph_line: int) -> Acceptance | Finding | None:
    """The acceptance a comment states (None: an ordinary comment; a Finding: written wrong)."""
    if MARK not in text:
        return None
    match = ACCEPT.match(text)
    if match is None:
        return Finding(
            "accept",
            "无法读取这行 xxgk-accept：应写成“% xxgk-accept: prose 理由”"
            "（检查类别用英文名，多个用逗号分隔），并紧接在要接受的段落上一行",
            comment_line,
        )
    subtypes = tuple(s for s in re.split(r"[\s,，、]+", match["subtypes"]) if s)
    reason = match["reason"].strip(" ：:—-–\n")
    return Acceptance(paragraph_line, comment_line, subtypes, reason)


def split(
    findings: list[Finding], acceptances: list[Acceptance], known: set[str]
) -> tuple[list[Finding], list[Finding]]:
    """(findings still warned, findings accepted); an acceptance that accepts nothing, names an
    unknown check or gives no reason is a finding of its own (``accept``)."""
    kept, accepted = [], []
    used: set[tuple[int, str]] = set()
    by_line = {(a.line, s): a for a in acceptances for s in a.subtypes}
    for finding in findings:
        acceptance = by_line.get((finding.line or 0, finding.subtype))
        if acceptance is None:
            kept.append(finding)
            continue
        used.add((acceptance.line, finding.subtype))
        reason = acceptance.reason or "未写理由"
        accepted.append(Finding(finding.subtype, f"{finding.message}（已接受：{reason}）", finding.line))
    for a in acceptances:
        for subtype in a.subtypes:
            if subtype not in known:
                message = f"xxgk-accept 中的“{subtype}”不是检查类别；可用的类别见警告一览"
                kept.append(Finding("accept", message, a.comment_line))
            elif (a.line, subtype) not in used:
                kept.append(
                    Finding(
                        "accept",
                        f"下一段已没有 xxgk.{subtype} 提示，这行 xxgk-accept 不再需要，请删除",
                        a.comment_line,
                    )
                )
        if not a.reason:
            message = "xxgk-accept 须写明理由（如“原文如此，照录已发布的报告”）"
            kept.append(Finding("accept", message, a.comment_line))
    return kept, accepted
