"""Findings where reviewers read them: on the lines of a pull or merge request.

- ``github``: GitHub Actions workflow commands (``::error file=…,line=…,title=…::…``), which
  the runner turns into annotations on those lines of the pull request's diff; with
  ``GITHUB_STEP_SUMMARY`` set, a Markdown table of the findings for the job summary.
- ``codeclimate``: GitLab's Code Quality report (a JSON list; GitLab shows each issue on the
  merge request's diff): ``description``, ``check_name``, ``fingerprint``, ``severity``,
  ``location.path``, ``location.lines.begin``.
- ``sarif``: SARIF 2.1.0, read by code-scanning tools (GitHub code scanning among them).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from ..core.subtypes import CATALOGUE, Subtype
from .project import Located

FORMATS = ("text", "json", "github", "codeclimate", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Located]) -> str:
    """One workflow command per finding: an error annotation on its file and line."""
    return "".join(
        f"::error file={_property(f.path)},line={f.line},title={_property('xxgk.' + f.subtype)}"
        f"::{_data(f.message)}\n"
        for f in findings
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def github_summary(findings: Sequence[Located], checked: int) -> str:
    """The job summary: how many pages, and each finding with its place (Markdown)."""
    if not findings:
        return f"### 年报检查\n\n共检查 {checked} 个页面，未发现问题。\n"
    rows = [f"| `{_cell(f.path)}:{f.line}` | `xxgk.{f.subtype}` | {_cell(f.message)} |" for f in findings]
    return (
        f"### 年报检查\n\n共检查 {checked} 个页面，发现 {len(findings)} 个问题：\n\n"
        "| 位置 | 类型 | 问题 |\n|---|---|---|\n" + "\n".join(rows) + "\n"
    )


def _fingerprint(f: Located) -> str:
    """Stable while the finding stands, whatever lines are added above it."""
    return hashlib.sha256(f"{f.path}\0{f.subtype}\0{f.message}".encode()).hexdigest()


def codeclimate(findings: Sequence[Located]) -> str:
    issues = [
        {
            "type": "issue",
            "check_name": f"xxgk.{f.subtype}",
            "description": f.message,
            "categories": ["Bug Risk"],
            "severity": "major",
            "fingerprint": _fingerprint(f),
            "location": {"path": f.path, "lines": {"begin": f.line}},
        }
        for f in findings
    ]
    return json.dumps(issues, ensure_ascii=False, indent=1) + "\n"


def _rule(subtype: str) -> dict[str, object]:
    entry = CATALOGUE.get(Subtype(subtype)) if subtype in Subtype.__members__.values() else None
    rule: dict[str, object] = {"id": f"xxgk.{subtype}"}
    if entry is not None:
        rule["shortDescription"] = {"text": entry.description}
        rule["help"] = {"text": entry.fix}
    return rule


def sarif(findings: Sequence[Located], version: str) -> str:
    subtypes = sorted({f.subtype for f in findings})
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "xxgk",
                        "version": version,
                        "informationUri": "https://github.com/",
                        "rules": [_rule(s) for s in subtypes],
                    }
                },
                "results": [
                    {
                        "ruleId": f"xxgk.{f.subtype}",
                        "ruleIndex": subtypes.index(f.subtype),
                        "level": "error",
                        "message": {"text": f.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": f.path},
                                    "region": {"startLine": f.line},
                                }
                            }
                        ],
                        "partialFingerprints": {"xxgk/v1": _fingerprint(f)},
                    }
                    for f in findings
                ],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=1) + "\n"
