"""The ``xxgk`` command, run as a subprocess on temporary git repositories."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from .conftest import ROOT, xxgk

ROOTS = Path(__file__).parent / "roots"
# ../shared/seed/000_7fa8235522526066.txt as scraped (traditional, pinyin, mojibake), kept as a fixture
SEED = Path(__file__).parent / "fixtures" / "seed_2019_linxiang_changan.txt"
# ../shared/real_reports/huaian_szf_2024.txt: the published PDF's text (pypdf layout mode)
HUAIAN_PDF_TEXT = Path(__file__).parent / "fixtures" / "huaian_szf_2024.txt"


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=测试", "-c", "user.email=test@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A user repository: the 2021–2023 example root under git."""
    target = tmp_path / "repo"
    shutil.copytree(ROOTS / "test-years", target)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "2021–2023", cwd=target)
    return target


def build_warnings(srcdir: Path, outdir: Path) -> set[tuple[str, int, str, str]]:
    app = SphinxTestApp("html", srcdir=srcdir, builddir=outdir)
    try:
        app.build()
    finally:
        app.cleanup()
    out = set()
    for line in strip_colors(app.warning.getvalue()).splitlines():
        match = re.match(r"^(.+?):(\d+): WARNING: (.*) \[xxgk\.(\w+)\]$", line.replace(str(srcdir) + "/", ""))
        if match:
            out.add((match[1], int(match[2]), match[4], match[3]))
    return out


def check_findings(root: Path) -> tuple[int, set[tuple[str, int, str, str]]]:
    result = xxgk("check", "--format", "json", cwd=root)
    found = {
        (f["file"], f["line"], f["type"].removeprefix("xxgk."), f["message"])
        for f in json.loads(result.stdout)
    }
    return result.returncode, found


ALL_ROOTS = sorted(path.name.removeprefix("test-") for path in ROOTS.glob("test-*"))


@pytest.mark.parametrize("root", ALL_ROOTS)
def test_check_reports_exactly_what_the_build_warns(root: str, tmp_path: Path) -> None:
    srcdir = tmp_path / root
    shutil.copytree(ROOTS / f"test-{root}", srcdir)
    status, found = check_findings(srcdir)
    assert found == build_warnings(srcdir, tmp_path / "build")
    assert status == (1 if found else 0)


@pytest.mark.parametrize("root", ["badinput", "balance", "years"])
def test_parallel_check_finds_what_the_serial_check_finds(root: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from xxgk.cli import cache, project
    from xxgk.cli.cache import run_check

    monkeypatch.setattr(cache, "PARALLEL_FROM", 1)  # these projects are small
    serial = project.load(ROOTS / f"test-{root}").check()
    assert serial or root == "years"  # badinput and balance have findings to compare
    # pages read and checked by forked workers (a first run, nothing cached)
    run = run_check(ROOTS / f"test-{root}", jobs=2, use_cache=False)
    assert sorted({f for c in run.results.values() for f in c.found}) == serial
    assert run.project.pages.read_count() == 0


def test_check_on_the_bundled_site_is_clean() -> None:
    result = xxgk("check", "--no-cache", cwd=ROOT)  # nothing written into the repository
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert re.search(r"共检查 \d+ 个页面，未发现问题。", result.stderr)


def test_a_second_check_says_what_it_reused(tmp_path: Path) -> None:
    shutil.copytree(ROOTS / "test-balance", tmp_path / "balance")
    first = xxgk("check", cwd=tmp_path / "balance")
    second = xxgk("check", cwd=tmp_path / "balance")
    assert first.stdout == second.stdout and first.returncode == second.returncode == 1
    assert "沿用" not in first.stderr
    assert re.search(r"发现 \d+ 个问题。其中 \d+ 个页面及其引用的报告自上次检查后未改动", second.stderr)


@pytest.mark.parametrize("setting", ["xxgk", "xxgk.*", "xxgk.balance"])
def test_check_honours_suppress_warnings_as_sphinx_does(tmp_path: Path, setting: str) -> None:
    from xxgk.cli.project import load

    shutil.copytree(ROOTS / "test-balance", tmp_path / "balance")
    conf = tmp_path / "balance" / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + f"\nsuppress_warnings = [{setting!r}]\n", encoding="utf-8"
    )
    assert not [f for f in load(tmp_path / "balance").check() if f.subtype == "balance"]


def test_check_text_output_is_located_and_chinese() -> None:
    result = xxgk("check", "--no-cache", "index.md", cwd=ROOTS / "test-balance")
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert any(line.startswith("index.md:12: 警告：“申请”表“自然人”列不满足B-1") for line in lines)
    assert all(line.endswith("[xxgk.balance]") for line in lines)
    assert "共检查 1 个页面，发现 2 个问题。" in result.stderr


def test_new_report_carries_over_last_year(repo: Path) -> None:
    result = xxgk("new", "2024", "--body", "示例街道办事处", cwd=repo)
    assert result.returncode == 0, result.stderr
    page = (repo / "street" / "2024.md").read_text(encoding="utf-8")
    # 2023's 结转下年度继续办理 was {自然人: 2}
    assert "  上年结转: [2, 0, 0, 0, 0, 0]" in page
    # the 现行有效件数 base is last year's (11 行政规范性文件)
    assert "  行政规范性文件: [0, 0, 11]" in page
    for heading in ("## 一、总体情况", "## 二、", "## 三、", "## 四、", "## 五、", "## 六、"):
        assert heading in page
    assert ":year: 2024" in page and ":format: gb2021" in page
    again = xxgk("new", "2024", "--body", "示例街道办事处", cwd=repo)
    assert again.returncode == 1 and "不会" in again.stderr
    assert (repo / "street" / "2024.md").read_text(encoding="utf-8") == page


def test_a_bodys_first_report_needs_a_place_and_starts_from_zero(repo: Path) -> None:
    body = "示例镇人民政府（虚构示例）"
    nowhere = xxgk("new", "2024", "--body", body, cwd=repo)
    assert nowhere.returncode == 2
    assert "没有找到示例镇人民政府（虚构示例）2023年度报告" in nowhere.stderr and "--output" in nowhere.stderr
    created = xxgk("new", "2024", "--body", body, "--output", "town/2024.md", cwd=repo)
    assert created.returncode == 0, created.stderr
    page = (repo / "town" / "2024.md").read_text(encoding="utf-8")
    assert ":body: 示例镇人民政府（虚构示例）" in page and "  上年结转: [0, 0, 0, 0, 0, 0]" in page


def test_new_report_builds_clean_once_figures_are_filled_in(repo: Path, tmp_path: Path) -> None:
    assert xxgk("new", "2024", "--body", "示例街道办事处", cwd=repo).returncode == 0
    page = repo / "street" / "2024.md"
    text = page.read_text(encoding="utf-8")
    # the staff type the year's figures; 上年结转 is left as generated
    text = text.replace("  本年新收: [0, 0, 0, 0, 0, 0]", "  本年新收: [6, 1, 0, 0, 0, 0]")
    text = text.replace("  予以公开: [0, 0, 0, 0, 0, 0]", "  予以公开: [5, 1, 0, 0, 0, 0]")
    text = text.replace("  结转下年: [0, 0, 0, 0, 0, 0]", "  结转下年: [3, 0, 0, 0, 0, 0]")
    text = text.replace("  行政规范性文件: [0, 0, 11]", "  行政规范性文件: [2, 1, 12]")
    text = text.replace(":published:", ":published: 2025-01-20")
    page.write_text(text, encoding="utf-8")
    status, found = check_findings(repo)
    assert (status, found) == (0, set())
    assert build_warnings(repo, tmp_path / "build") == set()


def test_carry_follows_a_corrected_last_year_and_changes_nothing_else(repo: Path) -> None:
    last_year, page = repo / "street" / "2022.md", repo / "street" / "2023.md"
    last_year.write_text(
        last_year.read_text(encoding="utf-8").replace("结转下年: {自然人: 3}", "结转下年: {自然人: 4}"),
        encoding="utf-8",
    )
    # the staff's own comment in the data block must survive
    before = page.read_text(encoding="utf-8").replace("申请:\n", "申请:  # 2024年1月核对\n", 1)
    page.write_text(before, encoding="utf-8")
    assert "[xxgk.carry]" in xxgk("check", "--no-cache", cwd=repo).stdout

    preview = xxgk("carry", "--dry-run", cwd=repo)
    assert preview.returncode == 1, preview.stderr  # figures to update: a CI gate fails
    assert "street/2023.md:18: 申请.上年结转.自然人：3 → 4" in preview.stdout
    assert page.read_text(encoding="utf-8") == before  # --dry-run writes nothing

    done = xxgk("carry", cwd=repo)
    assert done.returncode == 0 and "已更新 1 个页面的 1 个数字" in done.stderr
    assert xxgk("carry", "--dry-run", cwd=repo).returncode == 0  # nothing left to update
    after = page.read_text(encoding="utf-8")
    assert after == before.replace("  上年结转: {自然人: 3}", "  上年结转: {自然人: 4}")
    assert "[xxgk.carry]" not in xxgk("check", "--no-cache", cwd=repo).stdout
    again = xxgk("carry", cwd=repo)
    assert "没有需要更新的" in again.stderr and page.read_text(encoding="utf-8") == after
    assert not list(repo.rglob("*.tmp"))


def test_carry_keeps_windows_line_ends(repo: Path) -> None:
    last_year, page = repo / "street" / "2022.md", repo / "street" / "2023.md"
    last_year.write_text(
        last_year.read_text(encoding="utf-8").replace("结转下年: {自然人: 3}", "结转下年: {自然人: 4}"),
        encoding="utf-8",
    )
    before = page.read_bytes().replace(b"\n", b"\r\n")  # saved by a Windows editor
    page.write_bytes(before)
    assert xxgk("carry", cwd=repo).returncode == 0
    old, new = "上年结转: {自然人: 3}".encode(), "上年结转: {自然人: 4}".encode()
    assert page.read_bytes() == before.replace(old, new)


def test_diff_prints_exactly_the_changed_cell(repo: Path) -> None:
    page = repo / "street" / "2022.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("  行政许可: 25\n", "  行政许可: 26\n"), encoding="utf-8"
    )
    git("commit", "-q", "-am", "行政许可", cwd=repo)
    result = xxgk("diff", "HEAD~1", cwd=repo)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| 示例")]
    assert rows == ["| 示例街道办事处 | 2022 | 主动公开 | 行政许可 | 本年处理决定数量 | 25 | 26 |"]


def test_diff_reports_identity_changes_and_ignores_renames(repo: Path) -> None:
    git("mv", "street", "jiedao", cwd=repo)
    git("commit", "-q", "-m", "改目录名", cwd=repo)
    assert "没有数字变化。" in xxgk("diff", "HEAD~1", cwd=repo).stdout
    page = repo / "jiedao" / "2022.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("结转下年: {自然人: 3}", "结转下年: {自然人: 4}"),
        encoding="utf-8",
    )
    result = xxgk("diff", "HEAD", cwd=repo)  # against the working tree
    assert "| 示例街道办事处 | 2022 | 申请 | 四、结转下年度继续办理 | 自然人 | 3 | 4 |" in result.stdout
    assert "新出现 `xxgk.carry`（示例街道办事处2023年度）" in result.stdout
    assert "新出现 `xxgk.balance`（示例街道办事处2022年度）" in result.stdout


def test_diff_lists_changed_cells_in_the_official_tables_order(repo: Path) -> None:
    page = repo / "street" / "2022.md"
    text = page.read_text(encoding="utf-8").replace("予以公开: {自然人: 7,", "予以公开: {自然人: 8,")
    text = text.replace("重复申请: {自然人: 2}", "重复申请: {自然人: 3}")
    page.write_text(text.replace("本年新收: {自然人: 11,", "本年新收: {自然人: 12,"), encoding="utf-8")
    result = xxgk("diff", "HEAD", cwd=repo)
    rows = [line.split(" | ")[3] for line in result.stdout.splitlines() if line.startswith("| 示例")]
    # a numbered item is named with its group: "2.重复申请" alone does not say where it is
    assert rows == ["一、本年新收政府信息公开申请数量", "（一）予以公开", "（五）不予处理 2.重复申请"]


def test_export_long_form_json_and_csv() -> None:
    data = json.loads(xxgk("export", cwd=ROOT).stdout)
    assert data["fields"][:4] == ["body", "year", "format", "table"]
    rows = data["rows"]

    def cell(body: str, year: int, table: str, row: str, column: str) -> dict[str, str]:
        wanted = (body, year, table, row, column)
        return next(r for r in rows if (r["body"], r["year"], r["table"], r["row"], r["column"]) == wanted)

    total = cell(
        "淮安市人民政府", 2024, "申请", "本年新收", "总计"
    )  # typed from the published table, then checked
    assert (total["value"], total["origin"], total["row_label"]) == (
        "3119",
        "stated",
        "一、本年新收政府信息公开申请数量",
    )
    computed = cell("示例区人民政府（虚构示例）", 2023, "申请", "本年新收", "总计")
    assert (computed["value"], computed["origin"]) == ("60", "computed")
    keys = [(r["body"], r["year"]) for r in rows]
    assert keys == sorted(keys)
    text = xxgk("export", "--format", "csv", cwd=ROOT).stdout
    assert text == xxgk("export", "--format", "csv", cwd=ROOT).stdout  # stable
    parsed = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(parsed) == len(rows)
    shares = [r for r in parsed if r["表"] == "分类" and r["机构"].startswith("临湘市")]
    assert len(shares) == 13 and sum(int(r["数值"]) for r in shares) == 55


def test_import_seed_gives_a_page_that_builds(tmp_path: Path) -> None:
    project = tmp_path / "site"
    shutil.copytree(ROOTS / "test-balance", project)
    conf = project / "conf.py"  # every check on: the seed's missing sections and tables are defects too
    conf.write_text(conf.read_text(encoding="utf-8").replace("suppress_warnings", "# "), encoding="utf-8")
    (project / "index.md").write_text("# 导入\n\n```{toctree}\nseed\n```\n", encoding="utf-8")
    result = xxgk("import", str(SEED), "-o", str(project / "seed.md"), cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "seed.md").read_text(encoding="utf-8")
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùü]+\)", page)  # no pinyin annotation
    assert not re.search(r"^#+ 。", page, re.M) and "ㄒ唬" not in page  # no mojibake heading
    assert "### （一）把握重点，巩固成果" in page and "4、加大信息采集" in page
    for traditional in "報國開與條們為設務處":
        assert traditional not in page
    block = page[page.index("分类:") : page.index("```", page.index("分类:"))]
    counts = [int(n) for n in re.findall(r": (\d+)$", block, re.M)]
    assert len(counts) == 13 and sum(counts) == 55
    assert "需人工处理" in result.stderr  # the lost heading words are listed, not guessed
    # it builds, and the checks report the seed's own defects (its wording is kept)
    warnings = build_warnings(project, tmp_path / "build")
    located = {(line, subtype) for _, line, subtype, _ in warnings}
    assert located == {(3, "fitness"), (30, "fitness"), (32, "year"), (36, "year"), (48, "prose")}
    messages = " ".join(message for *_, message in warnings)
    # no gb2019 table, four of the six sections missing, a preamble promising sections it lacks
    for table in ("主动公开", "申请", "复议诉讼"):
        assert f"{{xxgk:table}} {table}" in messages
    assert "缺少“一、总体情况”" in messages and "导语说全文包括“概述”" in messages
    assert "提到2018年，而本报告为2019年度" in messages and "提到2016年" in messages
    assert "“为您服务”8条，占总体百分比为14.8%”，但按数据 8 ÷ 55 应为 14.5%" in messages
    assert check_findings(project)[1] == warnings
    again = xxgk("import", str(SEED), "-o", str(project / "seed.md"), cwd=project)
    assert again.returncode == 1 and "不会覆盖" in again.stderr


def test_import_a_published_pdfs_text_gives_its_tables_as_data(tmp_path: Path) -> None:
    """The Huai'an 2024 report as extracted from its PDF: paragraphs joined over lines and
    pages, the three national tables read into data equal to the hand-entered page."""
    from xxgk.cli.project import load

    project = tmp_path / "site"
    shutil.copytree(ROOTS / "test-balance", project)
    conf = project / "conf.py"  # every check on
    conf.write_text(conf.read_text(encoding="utf-8").replace("suppress_warnings", "# "), encoding="utf-8")
    (project / "index.md").write_text("# 导入\n\n```{toctree}\nhuaian\n```\n", encoding="utf-8")
    result = xxgk("import", str(HUAIAN_PDF_TEXT), "-o", str(project / "huaian.md"), cwd=project)
    assert result.returncode == 0, result.stderr
    assert "识别出“申请”表175个数字" in result.stderr and "删除页码6处" in result.stderr
    page = (project / "huaian.md").read_text(encoding="utf-8")
    assert page.startswith("# 淮安市人民政府2024年政府信息公开工作年度报告\n")  # title from two lines
    assert "**（一）主动公开情况。** 2024年，市政府网站主动公开各类政府信息5500余条，全年新增公开" in page
    assert "-3-" not in page and "\f" not in page and "商 业 企" not in page
    for heading, table in (
        ("二、主动公开", "主动公开"),
        ("三、收到和处理", "申请"),
        ("四、政府信息公开行政复议", "复议诉讼"),
    ):
        assert re.search(f"## {heading}.*\n\n```{{xxgk:table}} {table}\n", page), table
    imported = load(project).report(("淮安市人民政府", 2024))
    published = load(ROOT).report(("淮安市人民政府", 2024))
    assert imported is not None and published is not None
    values = {key: cell.value for key, cell in published.figures.cells.items()}
    assert {key: cell.value for key, cell in imported.figures.cells.items()} == values
    # the published report's own sums and identities all hold, and its prose agrees with its tables
    assert build_warnings(project, tmp_path / "build") == set()


def test_every_command_has_chinese_help_with_examples() -> None:
    for command in ("check", "new", "carry", "diff", "export", "import"):
        result = xxgk(command, "--help", cwd=ROOT)
        assert result.returncode == 0 and "示例：" in result.stdout


def test_ci_workflow_runs_only_targets_that_exist() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "reports.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, re.M))
    for run in runs:
        for line in re.findall(r"\bmake ([\w ]+)", run):
            for target in line.split():
                assert target in targets, run
        for command in re.findall(r"xxgk (\w+)", run):
            assert xxgk(command, "--help", cwd=ROOT).returncode == 0, run
    assert any("xxgk diff" in run for run in runs)
    assert {"make test", "make pdf docx"} <= set(runs)
    assert any("xxgk check --format github" in run for run in runs)  # findings on the diff's lines


def test_huaian_with_hand_typed_prose_figures_has_no_warning(tmp_path: Path) -> None:
    """The published report, figures typed by hand as offices do: zero false alarms."""
    from xxgk.cli.project import load
    from xxgk.core import role_values

    project = tmp_path / "huaian"
    (project / "reports").mkdir(parents=True)
    (project / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "xxgk"]\nlanguage = "zh_CN"\n'
        'html_search_language = "en"\nexclude_patterns = ["_build"]\n',
        encoding="utf-8",
    )
    source = (ROOT / "reports" / "huaian-szf" / "2024.md").read_text(encoding="utf-8")
    (project / "reports" / "2024.md").write_text(source, encoding="utf-8")
    (project / "index.md").write_text("# 年报\n\n```{toctree}\nreports/2024\n```\n", encoding="utf-8")
    page = load(project).pages["reports/2024"]
    ctx = role_values.Context(page.evaluated, page.key, load(project))
    typed = re.sub(
        r"\{xxgk:(val|pct|delta)\}`([^`]+)`", lambda m: role_values.value_text(ctx, m[1], m[2])[0], source
    )
    assert not re.search(r"\{xxgk:(val|pct|delta)\}", typed)
    assert "全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件" in typed
    (project / "reports" / "2024.md").write_text(typed, encoding="utf-8")
    status, found = check_findings(project)
    assert (status, found) == (0, set())
    assert build_warnings(project, tmp_path / "build") == set()


def test_writing_commands_never_lose_a_file(repo: Path) -> None:
    target = repo / "street" / "2023.md"
    before = target.read_bytes()
    result = xxgk("new", "2023", "--body", "示例街道办事处", "--output", str(target), cwd=repo)
    assert result.returncode == 1 and "--force" in result.stderr
    assert target.read_bytes() == before
    forced = xxgk("new", "2023", "--body", "示例街道办事处", "--output", str(target), "--force", cwd=repo)
    assert forced.returncode == 0 and target.read_bytes() != before
    assert not list(repo.rglob("*.tmp"))  # written through a temporary file, then renamed


def test_checks_and_builds_never_touch_the_sources(repo: Path, tmp_path: Path) -> None:
    snapshot = {p: p.read_bytes() for p in repo.rglob("*.md")}
    xxgk("check", cwd=repo)
    xxgk("export", cwd=repo)
    build_warnings(repo, tmp_path / "build")
    assert {p: p.read_bytes() for p in repo.rglob("*.md")} == snapshot


LEGACY_FOLDER = Path(__file__).parent / "fixtures" / "legacy_history"  # labelled 示例, hand-made


def test_import_a_folder_of_legacy_reports_gives_one_page_per_year(tmp_path: Path) -> None:
    project = tmp_path / "site"
    shutil.copytree(ROOTS / "test-balance", project)
    result = xxgk("import", str(LEGACY_FOLDER), "--out", str(project / "history"), cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "history").iterdir()) == [
        "2011.md",
        "2013.md",
        "2016.md",
        "2017.md",
    ]
    summary = result.stderr[result.stderr.index("各年度导入情况") :].splitlines()[1:]
    assert [line.split("年度")[0].strip() for line in summary] == ["2011", "2013", "2016", "2017"]  # sorted
    assert "识别数字16项" in summary[2] and "格式：free" in summary[1]
    assert (
        "2011年度不适用2014年统计表格式" in result.stderr
    )  # a table in the wrong year is listed, not guessed
    (project / "index.md").write_text(
        "# 历史\n\n```{toctree}\n:glob:\n\nhistory/*\n```\n\n"
        "```{xxgk:trend} 收到申请数\n:body: 示例镇人民政府（虚构示例）\n:chart: no\n```\n",
        encoding="utf-8",
    )
    warnings = build_warnings(project, tmp_path / "build")
    assert {(file, subtype) for file, _, subtype, _ in warnings} <= {("history/2011.md", "fitness")}
    html = (tmp_path / "build" / "html" / "index.html").read_text(encoding="utf-8")
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", html)
    assert cells[:8] == ["2", "自由格式", "4", "自由格式", "7", "统计表（2014） ※1", "9", "统计表（2014）"]


# -- the same pages as the build, and exit codes CI can use ------------------------------------

ONETRUTH = ROOTS / "test-onetruth"


def test_check_refuses_a_file_the_build_does_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text("# 不在项目中\n", encoding="utf-8")
    for path, reason in (
        (str(outside), "不是本项目网站的页面"),  # outside the project
        ("drafts/2025.md", "不是本项目网站的页面"),  # excluded by conf.py's include_patterns
        ("CONTRIBUTING.md", "不是本项目网站的页面"),
        ("drafts", "中没有本项目网站的页面"),
        ("reports/street/2099.md", "找不到"),
    ):
        result = xxgk("check", "--no-cache", path, cwd=ONETRUTH)
        assert result.returncode == 2, (path, result.stderr)
        assert reason in result.stderr and result.stdout == ""


def test_check_reads_the_pages_the_build_reads() -> None:
    from xxgk.cli.pages import find_pages

    assert sorted(find_pages(ONETRUTH)) == [
        "index",
        "reports/notes",
        "reports/street/2022",
        "reports/street/2023",
        "reports/town/2022",  # .rst
    ]
    result = xxgk("check", "--no-cache", "--format", "json", "reports/town/2022.rst", cwd=ONETRUTH)
    found = {(f["line"], f["type"]) for f in json.loads(result.stdout)}
    assert result.returncode == 1
    assert (12, "xxgk.balance") in found and (18, "xxgk.ref") in found  # figures of an .rst page


def test_the_cases_of_one_truth_are_findings_of_both() -> None:
    """The differential test above compares the two; this says what they must both find."""
    status, found = check_findings(ONETRUTH)
    assert status == 1
    where = {(path, line, subtype) for path, line, subtype, _ in found}
    assert ("reports/notes.md", 1, "report") in where  # a page in reports/ without xxgk:report
    views = {line for path, line, subtype in where if path == "reports/street/2023.md" and subtype == "ref"}
    assert {33, 36, 40, 44} <= views  # compare of an unknown table, :year: 二〇二三, unknown aggregate, trend
    empty = sorted(
        line for path, line, subtype in where if path == "reports/street/2023.md" and subtype == "fitness"
    )
    assert empty == [17, 54, 58]  # 一、五、六 hold only the skeleton's comments
    assert not any(path.startswith(("drafts/", "CONTRIBUTING")) for path, _, _ in where)


def test_check_exit_codes_are_the_documented_ones(tmp_path: Path) -> None:
    assert xxgk("check", "--no-cache", cwd=ROOTS / "test-years").returncode == 0
    assert xxgk("check", "--no-cache", cwd=ROOTS / "test-balance").returncode == 1
    assert xxgk("check", "--no-such-option", cwd=ROOTS / "test-balance").returncode == 2
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## 退出码") :].split("\n\n")[2]
    assert "| `xxgk check` | 没有发现问题 | 发现问题 | 用法错误" in table
    assert "| `xxgk carry --dry-run` |" in table


def test_one_paragraph_accepted_in_the_source_and_still_listed(tmp_path: Path) -> None:
    """``% xxgk-accept: prose 理由`` above a transcribed paragraph: no warning in the build or
    the check, but ``xxgk check --all`` still lists it; acceptances that accept nothing, name no
    check, give no reason or cannot be read are warnings of their own."""
    srcdir = tmp_path / "accept"
    shutil.copytree(ROOTS / "test-accept", srcdir)
    warned = build_warnings(srcdir, tmp_path / "build")
    assert not [w for w in warned if w[1] == 18]  # the accepted paragraph
    assert ("index.md", 20, "prose") in {w[:3] for w in warned}  # the same kind, not accepted
    assert sorted(line for _, line, subtype, _ in warned if subtype == "accept") == [22, 25, 25, 28, 31]
    plain = xxgk("check", "--no-cache", cwd=srcdir)
    listed = xxgk("check", "--no-cache", "--all", cwd=srcdir)
    assert "index.md:18:" not in plain.stdout
    assert "（已接受）index.md:18:" in listed.stdout and "原文如此：照录已发布的报告" in listed.stdout
    assert plain.returncode == listed.returncode == 1
    assert "另有 1 处提示已由 xxgk-accept 逐段接受" in listed.stderr
