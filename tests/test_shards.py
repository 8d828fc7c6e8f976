"""A province's site in shards: the commands CI runs (`xxgk site plan|build|join`), run here on a
small generated province, and the joined site checked as a reader gets it."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from xxgk.core.shards import (
    ShardProblem,
    SiteIndex,
    SiteReport,
    plan,
    relative_url,
    scan_page,
    shard_folders,
)

from .conftest import ROOT, validate_ci_file

BIN = Path(sys.executable).parent

sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402 - bench/ is on the path only now


def xxgk(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SPHINXOPTS": "-nW --keep-going"}
    return subprocess.run(
        [str(BIN / "xxgk"), *args], cwd=project, capture_output=True, text=True, check=False, env=env
    )


# -- the pure core ------------------------------------------------------------------------------


def test_every_folder_under_the_rule_is_a_shard_named_by_its_last_part() -> None:
    docs = ["index", "reports/c01/zf/2024", "reports/c01/d00/2024", "reports/sheng/zf/2024", "guide/a"]
    assert shard_folders("reports/*", docs) == {"c01": "reports/c01", "sheng": "reports/sheng"}
    shards = plan(docs, shard_folders("reports/*", docs), "index")
    assert shards == {
        "c01": ["index", "reports/c01/d00/2024", "reports/c01/zf/2024"],
        "sheng": ["index", "reports/sheng/zf/2024"],
        "main": ["index", "guide/a"],  # what lies outside every shard folder is built too
    }


def test_shard_names_that_cannot_be_addresses_or_clash_are_refused() -> None:
    with pytest.raises(ShardProblem, match="分片名重复"):
        shard_folders(["a/*", "b/*"], ["a/x/1", "b/x/1"])
    with pytest.raises(ShardProblem, match="不能用作网址"):
        shard_folders("reports/*", ["reports/长沙 市/1"])


def test_a_page_is_indexed_from_its_directive_lines() -> None:
    page = """# 示例

```{xxgk:report}
:body: 示例县人民政府
:year: 2024
```

:::{xxgk:table} 表B
:::

上级见{xxgk:ref}`示例市人民政府2024年度报告 <@示例市人民政府/2024>`。
"""
    key, fmt, tables, named = scan_page(page)
    assert key == ("示例县人民政府", 2024) and fmt == "gb2021" and tables == ("申请",)
    assert named == {("示例市人民政府", 2024)}
    rst = ".. xxgk:report::\n   :year: 2019\n"
    assert scan_page(rst, default_body="某街道办事处")[:2] == (("某街道办事处", 2019), "gb2019")
    assert scan_page("# 没有报告\n")[0] is None


def test_a_body_split_over_two_shards_is_a_problem_and_links_cross_folders() -> None:
    index = SiteIndex()
    index.add(SiteReport("某局", 2023, "c01", "reports/c01/j/2023", "gb2021"))
    index.add(SiteReport("某局", 2024, "c02", "reports/c02/j/2024", "gb2021"))
    assert index.problems() == [
        "某局的报告分在2个分片中（c01、c02）；同一机关的各年度须在同一分片（同一文件夹）中，跨年度核对才能进行"
    ]
    assert SiteIndex.from_json(index.to_json()).reports == index.reports
    target = index.reports[("某局", 2024)]
    assert relative_url("reports/c01/x/2024", target, "xxgk-table-b") == (
        "../../../../c02/reports/c02/j/2024.html#xxgk-table-b"
    )


# -- the commands on a generated province -------------------------------------------------------


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("province")
    generate(60, root, variants=("xxgk",), small=True)
    project = root / "xxgk"
    shutil.copytree(ROOT / "_templates", project / "_templates")  # the site's header
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('templates_path = ["_templates"]\nproject = "示例省政府信息公开工作年度报告"\n')
    # a table of another shard linked, as a county's report would cite its city's
    page = project / "reports" / "c01" / "zf" / "2025.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text + "\n省政府的申请情况见{xxgk:ref}`申请@示例省人民政府（虚构）/2025`。\n", encoding="utf-8"
    )
    return project


@pytest.fixture(scope="module")
def built(province: Path) -> Path:
    """The shards built one by one, as the CI matrix does, then joined."""
    planned = xxgk(province, "site", "plan", "--json")
    assert planned.returncode == 0, planned.stderr
    shards = [row["shard"] for row in json.loads(planned.stdout)["shards"]]
    assert shards == ["c01", "c02", "sheng"]
    for shard in shards:
        result = xxgk(province, "site", "build", "--shard", shard)
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"{shard}：已构建" in result.stdout
    joined = xxgk(province, "site", "join")
    assert joined.returncode == 0, joined.stdout + joined.stderr
    return province / "_build" / "site"


def test_the_joined_site_has_every_shard_and_a_province_landing_page(built: Path) -> None:
    landing = BeautifulSoup((built / "index.html").read_text(encoding="utf-8"), "html.parser")
    regions = [(a["href"], a.get_text()) for a in landing.select("ul.xxgk-regions a")]
    assert regions == [
        ("c01/index.html", "示例1市人民政府（虚构）"),
        ("c02/index.html", "示例2市人民政府（虚构）"),
        ("sheng/index.html", "示例省人民政府（虚构）"),
    ]
    for href, _ in regions:
        assert (built / href).is_file()
    assert landing.select_one("form.xxgk-search")["action"] == "search.html"


def test_every_shard_page_leads_back_to_the_province(built: Path) -> None:
    pages = sorted((built / "c01").rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = {a.get_text(): a["href"] for a in soup.select("nav.xxgk-site-links a")}
        assert (page.parent / links["全省首页"]).resolve() == (built / "index.html").resolve(), page
        region = page if links["本地区报告"] == "#" else page.parent / links["本地区报告"]  # "#": this page
        assert region.resolve() == (built / "c01" / "index.html").resolve()


def test_the_province_aggregates_are_the_sums_of_every_reports_data(built: Path) -> None:
    """DuckDB's sums against the per-report data files summed here by hand."""
    expected: dict[int, Decimal] = {}
    reports = json.loads((built / "_data" / "index.json").read_text(encoding="utf-8"))["reports"]
    assert len(reports) == 60
    for report in reports:
        name = report["docname"].removeprefix("reports/").replace("/", "-")
        data = json.loads((built / report["shard"] / "_data" / f"{name}.json").read_text(encoding="utf-8"))
        (part,) = [part for part in data["tables"] if part["table"] == "申请"]
        assert "本年新收/总计" in part["computed"]  # the generated pages leave totals to xxgk
        (row,) = [row for row in part["rows"] if row[0] == "本年新收"]
        total = Decimal(row[1 + part["columns"].index("总计")])
        expected[data["year"]] = expected.get(data["year"], Decimal(0)) + total
    with (built / "_data" / "aggregates.csv").open(encoding="utf-8-sig") as handle:
        got = {int(row["年度"]): Decimal(row["收到申请（件）"]) for row in csv.DictReader(handle)}
    assert got == expected and len(got) == 7
    landing = (built / "index.html").read_text(encoding="utf-8")
    assert f"<td>{expected[2025]}</td>" in landing


def test_a_report_links_its_superiors_report_in_another_shard(built: Path) -> None:
    page = built / "c01" / "reports" / "c01" / "zf" / "2025.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = soup.select("a.xxgk-elsewhere")
    assert [a.get_text() for a in links] == [
        "示例省人民政府（虚构）2025年度报告",
        "2025年度“收到和处理政府信息公开申请情况”表",
    ]
    for link in links:
        path, _, anchor = link["href"].partition("#")
        target = (page.parent / path).resolve()
        assert target.is_file() and target.is_relative_to(built / "sheng")
        if anchor:  # the table's own anchor on that page
            assert BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").find(id=anchor)


def test_the_province_search_finds_bodies_and_the_shard_to_search(built: Path) -> None:
    bodies = json.loads((built / "_data" / "bodies.json").read_text(encoding="utf-8"))
    assert len(bodies) == 13 and all((built / b["url"]).is_file() for b in bodies)
    search = BeautifulSoup((built / "search.html").read_text(encoding="utf-8"), "html.parser")
    shards = [a["data-shard"] for a in search.select("a[data-shard]")]
    assert shards == ["c01", "c02", "sheng"] and all((built / s / "search.html").is_file() for s in shards)
    assert (built / "_static" / "xxgk-province.js").is_file() and (built / "_static" / "xxgk.css").is_file()


def test_an_edit_rebuilds_only_its_shard(province: Path, built: Path) -> None:
    assert xxgk(province, "site", "plan", "--json").stdout.count('"changed": true') == 0
    page = province / "reports" / "c02" / "zf" / "2025.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("  规章: [0, 0, 0]", "  规章: [1, 0, 1]", 1), encoding="utf-8")
    planned = json.loads(xxgk(province, "site", "plan", "--json").stdout)
    assert [row["shard"] for row in planned["shards"] if row["changed"]] == ["c02"]
    result = xxgk(province, "site", "build", "--join")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "c01：未改动，跳过" in result.stdout and "sheng：未改动，跳过" in result.stdout
    assert "c02：已构建" in result.stdout
    figures = (built / "c02" / "_data" / "c02-zf-2025.csv").read_text(encoding="utf-8")
    assert "\n规章,1,0,1\n" in figures


def test_figures_of_another_shard_cannot_be_read_and_say_why(province: Path, tmp_path: Path) -> None:
    page = province / "reports" / "c02" / "d00" / "2025.md"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(
            original + "\n省政府收到申请{xxgk:val}`申请.本年新收.总计@示例省人民政府（虚构）/2025`件。\n",
            encoding="utf-8",
        )
        result = xxgk(province, "site", "build", "--shard", "c02")
        assert result.returncode == 1
        assert re.search(
            r"reports/c02/d00/2025\.md:\d+: WARNING: "
            r"示例省人民政府（虚构）2025年度报告在本站的另一分片（sheng）中构建，"
            r"分片之间只能用 xxgk:ref 链接，不能读取其中的数字.*\[xxgk\.ref\]",
            (province / "_build" / "shards" / "c02" / "build.log").read_text(encoding="utf-8"),
        )
    finally:
        page.write_text(original, encoding="utf-8")


def test_a_link_to_a_report_another_shard_adds_later_lands_once_it_is_there(province: Path) -> None:
    """The linking shard is rebuilt when the report it names appears (its stamp holds the
    index entries it links), and its page is read again (the site index changed)."""
    page = province / "reports" / "c02" / "d00" / "2025.md"
    original = page.read_text(encoding="utf-8")
    new_body = province / "reports" / "sheng" / "new"
    try:
        page.write_text(
            original + "\n新设机关的报告见{xxgk:ref}`@示例省新设局（虚构）/2025`。\n", encoding="utf-8"
        )
        before = xxgk(province, "site", "build")
        assert before.returncode == 1 and "未找到示例省新设局（虚构）2025年度报告" in (
            province / "_build" / "shards" / "c02" / "build.log"
        ).read_text(encoding="utf-8")
        new_body.mkdir()
        source = (province / "reports" / "sheng" / "zf" / "2025.md").read_text(encoding="utf-8")
        head = source.split("## 一、")[0].replace("示例省人民政府（虚构）", "示例省新设局（虚构）")
        (new_body / "2025.md").write_text(
            head + "## 一、总体情况\n\n本局于2025年新设立。\n", encoding="utf-8"
        )
        after = xxgk(province, "site", "build", "--join")
        assert after.returncode == 0, after.stdout + after.stderr
        assert "c02：已构建" in after.stdout and "sheng：已构建" in after.stdout
        assert "c01：未改动，跳过" in after.stdout
        html = (province / "_build" / "site" / "c02" / "reports" / "c02" / "d00" / "2025.html").read_text(
            encoding="utf-8"
        )
        assert 'href="../../../../sheng/reports/sheng/new/2025.html"' in html
    finally:
        page.write_text(original, encoding="utf-8")
        for child in new_body.glob("*"):
            child.unlink()
        if new_body.exists():
            new_body.rmdir()
        assert xxgk(province, "site", "build").returncode == 0


def test_layouts_that_cannot_be_built_are_refused_with_the_reason(province: Path, tmp_path: Path) -> None:
    unknown = xxgk(province, "site", "build", "--shard", "c99")
    assert unknown.returncode == 2 and "没有分片 c99" in unknown.stderr
    moved = province / "reports" / "c02" / "moved"
    moved.mkdir()
    source = province / "reports" / "c01" / "zf" / "2025.md"
    (moved / "2026.md").write_text(
        source.read_text(encoding="utf-8").replace(":year: 2025", ":year: 2026"), encoding="utf-8"
    )
    try:
        result = xxgk(province, "site", "build")
        assert result.returncode == 1
        assert "示例1市人民政府（虚构）的报告分在2个分片中（c01、c02）" in result.stderr
    finally:
        (moved / "2026.md").unlink()
        moved.rmdir()
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "xxgk"]\n', encoding="utf-8")
    plain = xxgk(tmp_path, "site", "plan")
    assert plain.returncode == 2 and "conf.py 没有设置 xxgk_shards" in plain.stderr


# -- the CI files that run the same commands ----------------------------------------------------


def test_the_ci_templates_build_the_shards_as_a_matrix(province: Path, tmp_path: Path) -> None:
    github = xxgk(province, "site", "ci", "github").stdout
    gitlab = xxgk(province, "site", "ci", "gitlab").stdout
    workflow, pipeline = yaml.safe_load(github), yaml.safe_load(gitlab)
    shard_job = workflow["jobs"]["shard"]
    assert shard_job["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.plan.outputs.shards) }}"
    runs = "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])
    for command in ("xxgk site plan --json", 'xxgk site build --shard "$SHARD"', "xxgk site join"):
        assert command in runs
    assert "${{" not in runs  # untrusted values only through env:
    assert pipeline["shard"]["parallel"]["matrix"] == [{"SHARD": ["c01", "c02", "sheng"]}]
    assert '.venv/bin/xxgk site build --shard "$SHARD"' in pipeline["shard"]["script"]
    assert ".venv/bin/xxgk site join" in pipeline["join"]["script"]
    for text, schema in ((github, "vendor.github-workflows"), (gitlab, "vendor.gitlab-ci")):
        path = tmp_path / "ci.yml"
        path.write_text(text, encoding="utf-8")
        validate_ci_file(schema, path)
