"""``xxgk check`` keeps what it found: the next run reads and checks only the pages that
changed and the pages that read them, and finds exactly what a run without the cache finds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from xxgk.cli.cache import _VERSION, CACHE_PATH, run_check

ROOTS = Path(__file__).parent.parent / "roots"
PAGES = 8  # in test-years


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "years"
    shutil.copytree(ROOTS / "test-years", root)
    return root


def findings(root: Path, use_cache: bool = True) -> tuple[list[str], set[str]]:
    run = run_check(root, use_cache=use_cache)
    found = {f.text() for checked in run.results.values() for f in checked.found}
    return run.rechecked, found


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_second_run_reads_nothing(project: Path) -> None:
    first, found = findings(project)
    assert len(first) == PAGES  # every page
    again, found_again = findings(project)
    assert again == [] and found_again == found
    assert run_check(project).project.pages.read_count() == 0


def test_an_edit_rechecks_the_page_and_the_pages_that_read_it(project: Path) -> None:
    findings(project)
    edit(project / "street" / "2021.md", "结转下年: {自然人: 2}", "结转下年: {自然人: 5}")
    rechecked, found = findings(project)
    # 2022 reads 2021 as last year; 2023 prints a 2021 figure ({xxgk:val}`…@2021`)
    assert rechecked == ["street/2021", "street/2022", "street/2023"]
    assert found == findings(project, use_cache=False)[1]
    assert any("[xxgk.carry]" in line for line in found)  # 2022's 上年结转 no longer matches


def test_a_changed_year_rechecks_the_pages_that_read_either_year(project: Path) -> None:
    findings(project)
    edit(project / "street" / "2022.md", ":year: 2022", ":year: 2020")
    rechecked, found = findings(project)
    # and town/2022, which compared its prose with the same year's other reports (内容雷同)
    assert set(rechecked) == {"street/2021", "street/2022", "street/2023", "town/2022"}
    assert found == findings(project, use_cache=False)[1]


def test_conf_changes_recheck_everything(project: Path) -> None:
    findings(project)
    conf = project / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nxxgk_copy_threshold = 0.9\n", encoding="utf-8")
    assert len(findings(project)[0]) == PAGES


@pytest.mark.parametrize(
    "content",
    ["not json", "[]", '{"version": 1, "stamp": "x", "pages": []}', '{"version": 1, "pages": {"a": 1}}'],
)
def test_a_damaged_cache_is_ignored(project: Path, content: str) -> None:
    _, expected = findings(project, use_cache=False)
    (project / CACHE_PATH).parent.mkdir(parents=True, exist_ok=True)
    (project / CACHE_PATH).write_text(content, encoding="utf-8")
    rechecked, found = findings(project)
    assert len(rechecked) == PAGES
    assert found == expected
    assert json.loads((project / CACHE_PATH).read_text(encoding="utf-8"))["version"] == _VERSION


def test_a_tampered_entry_is_ignored_not_trusted(project: Path) -> None:
    findings(project)
    cache = json.loads((project / CACHE_PATH).read_text(encoding="utf-8"))
    cache["pages"]["street/2022"]["found"] = [["x", "not a line", 3, None]]
    (project / CACHE_PATH).write_text(json.dumps(cache), encoding="utf-8")
    assert findings(project)[0] == ["street/2022"]
