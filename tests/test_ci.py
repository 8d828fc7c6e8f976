"""The reviewer's pull request: findings on the lines they concern (GitHub, GitLab, SARIF), and
the CI files that produce them, checked statically against the published schemas."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, annotated_project, validate_ci_file, xxgk

WORKFLOW = ROOT / ".github" / "workflows" / "reports.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return annotated_project(tmp_path_factory.mktemp("annotated"))


def check(root: Path, fmt: str, **env: str) -> subprocess.CompletedProcess[str]:
    return xxgk("check", "--no-cache", "--format", fmt, cwd=root, env=env)


def reference(root: Path) -> list[dict[str, object]]:
    return sorted(json.loads(check(root, "json").stdout), key=lambda f: (f["line"], f["type"], f["message"]))


def test_the_page_has_three_faults_on_three_lines(project: Path) -> None:
    found = reference(project)
    assert [(f["line"], f["type"]) for f in found] == [
        (12, "xxgk.key"),
        (15, "xxgk.prose"),
        (17, "xxgk.key"),
    ]


_COMMAND = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    return (
        text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def test_github_annotations_are_on_the_right_file_and_line(project: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = check(project, "github", GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 1
    annotations = []
    for line in result.stdout.splitlines():
        match = _COMMAND.match(line)
        assert match, line  # every line is a workflow command
        props = dict(item.split("=", 1) for item in match["props"].split(","))
        annotations.append(
            {
                "file": _unescape(props["file"]),
                "line": int(props["line"]),
                "type": _unescape(props["title"]),
                "message": _unescape(match["message"]),
                "level": match["level"],
            }
        )
    expected = reference(project)
    assert len(annotations) == 3
    for got, want in zip(
        sorted(annotations, key=lambda f: (f["line"], f["type"], f["message"])), expected, strict=True
    ):
        assert {k: got[k] for k in ("file", "line", "type", "message")} == want
        assert got["level"] == "error"  # each fails the strict build
    text = summary.read_text(encoding="utf-8")
    assert "发现 3 个问题" in text and "`reports/street/2021.md:12`" in text


def test_workflow_command_escaping() -> None:
    from xxgk.cli.annotations import github
    from xxgk.cli.project import Located

    line = github([Located("a,b:c.md", 3, "prose", "100%\n第二行")])
    assert line == "::error file=a%2Cb%3Ac.md,line=3,title=xxgk.prose::100%25%0A第二行\n"


def test_codeclimate_report_has_gitlabs_fields(project: Path) -> None:
    issues = json.loads(check(project, "codeclimate").stdout)
    expected = reference(project)
    assert len(issues) == len(expected) == 3
    fingerprints = set()
    for issue, want in zip(
        sorted(issues, key=lambda i: (i["location"]["lines"]["begin"], i["check_name"], i["description"])),
        expected,
        strict=True,
    ):
        # the fields GitLab's Code Quality report requires, with their types and allowed values
        assert isinstance(issue["description"], str) and issue["description"] == want["message"]
        assert issue["check_name"] == want["type"]
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == want["file"]
        assert issue["location"]["lines"]["begin"] == want["line"]
        fingerprints.add(issue["fingerprint"])
    assert len(fingerprints) == 3


def test_sarif_log_has_the_required_fields(project: Path) -> None:
    log = json.loads(check(project, "sarif").stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "xxgk"
    rules = [rule["id"] for rule in driver["rules"]]
    expected = reference(project)
    assert len(run["results"]) == 3
    for result in run["results"]:
        assert result["level"] in ("none", "note", "warning", "error")
        assert rules[result["ruleIndex"]] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        got = {
            "file": location["artifactLocation"]["uri"],
            "line": location["region"]["startLine"],
            "type": result["ruleId"],
            "message": result["message"]["text"],
        }
        assert got in expected


# -- the CI files -----------------------------------------------------------------------------------


def test_the_github_workflow_is_valid() -> None:
    validate_ci_file("vendor.github-workflows", WORKFLOW)


def test_the_gitlab_file_is_valid() -> None:
    validate_ci_file("vendor.gitlab-ci", GITLAB)


def test_the_workflow_is_hardened() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {}  # nothing by default
    assert "concurrency" in workflow
    for name, job in workflow["jobs"].items():
        assert job.get("timeout-minutes"), name
        for step in job["steps"]:
            if "uses" in step:  # actions pinned by commit, not by a movable tag
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            if "run" in step:  # untrusted values only through env:, never expanded into a script
                assert "${{" not in step["run"], (name, step["run"])
        writes = {scope for scope, access in job.get("permissions", {}).items() if access == "write"}
        if writes:
            assert name == "comment" and writes == {"pull-requests"}
            assert "pull_request" in job["if"]
            assert not any("run" in step for step in job["steps"])  # runs no code of the pull request
    checkout = workflow["jobs"]["build"]["steps"][0]
    assert checkout["with"]["persist-credentials"] is False
    steps = {step.get("id"): step for step in workflow["jobs"]["build"]["steps"]}
    # a failing check or test does not stop the site, the PDF and the diff: the job fails at the end
    assert steps["check"]["continue-on-error"] and steps["test"]["continue-on-error"]
    assert "--format github" in steps["check"]["run"]


def test_gitlab_reports_code_quality_and_publishes_the_site() -> None:
    config = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    stages = config["stages"]
    jobs = {name: job for name, job in config.items() if isinstance(job, dict) and "script" in job}
    assert {"check", "test", "site", "pages", "diff"} <= set(jobs)
    for name, job in jobs.items():
        assert job["stage"] in stages, name
    assert jobs["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("--format codeclimate" in line for line in jobs["check"]["script"])
    assert jobs["check"]["artifacts"]["when"] == "always"
    assert "public/" in jobs["pages"]["artifacts"]["paths"]
    assert "merge_request_event" in jobs["diff"]["rules"][0]["if"]
