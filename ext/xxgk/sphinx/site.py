"""The published site around the reports: per-page navigation context and one page per body.

``html-page-context`` gives every report page its body's years (for the
sidebar: a page lists its own body's years, never the whole site, so pages
stay the same size however many reports the site holds) and the link to its
source; ``html-collect-pages`` adds ``bodies/<slug>.html`` listing a body's
years with their key figures.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.names import body_slug
from ..core.views import key_figures
from .public import is_public

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

    from .domain import XxgkDomain


# builders that write no extra pages (singlehtml: one page; epub: a book's own contents)
BUILDERS_WITHOUT_BODY_PAGES = ("singlehtml", "epub")


def _domain(app: Sphinx) -> XxgkDomain:
    return app.env.domains["xxgk"]  # type: ignore[return-value]


def examples_out_of_search(app: Sphinx, env: Any) -> None:
    """The guide's example reports are not in the site's search (Sphinx's ``nosearch``): a
    citizen searching for a figure finds the real reports only. The guide's chapters stay."""
    for docname, _ in _domain(app).published.values():
        if not is_public(app.config, docname):
            env.metadata.setdefault(docname, {})["nosearch"] = ""


def _shard_links(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """In a shard of a province's site (``xxgk site build``): the province's landing page and the
    guide (built in the shard ``main``) are one folder above the shard's own root."""
    from ..core.shards import MAIN

    shard = app.config.xxgk_shard
    context["xxgk_site_root"] = ""
    context["xxgk_guide_url"] = context["pathto"]("guide/index")
    if not shard:
        return
    root = "../" * (pagename.count("/") + 1)
    context["xxgk_site_root"] = root
    if shard != MAIN:
        has_guide = any(Path(app.srcdir, "guide").glob("index.*"))
        context["xxgk_guide_url"] = f"{root}{MAIN}/guide/index.html" if has_guide else ""


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    _guide_chapters(app, pagename, context)
    _shard_links(app, pagename, context)
    if context.get("xxgk_body_page"):
        context["sidebars"] = []  # a body page lists its years itself: no empty sidebar column
    domain = _domain(app)
    key = domain.key_of(pagename)
    if key is None or domain.docname_of(key) != pagename:
        return
    from .data_files import write_report_data  # a published report (html-page-context: HTML builders only)

    if app.builder.name != "epub" and is_public(app.config, pagename):  # no e-book or example data
        write_report_data(app, pagename)
    body = key[0]
    years = []
    for year in sorted(domain.years_of(body), reverse=True):
        docname = domain.docname_of((body, year))
        if docname:
            years.append({"year": year, "url": context["pathto"](docname), "current": docname == pagename})
    page = f"bodies/{body_slug(pagename)}"
    context["xxgk_body"] = {
        "name": body,
        "url": context["pathto"](page) if has_body_page(app.builder, pagename) else "",
        "years": years,
    }


GUIDE = "guide/index"


def _guide_chapters(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """The guide's pages: its chapter list (for the sidebar) and the previous and next chapter."""
    chapters = [GUIDE, *app.env.toctree_includes.get(GUIDE, [])]
    if pagename not in chapters:
        return
    pathto = context["pathto"]

    def entry(doc: str) -> dict[str, Any]:
        title = app.env.titles[doc].astext() if doc in app.env.titles else doc
        return {"title": title, "url": pathto(doc), "current": doc == pagename}

    at = chapters.index(pagename)
    context["xxgk_guide"] = {
        "chapters": [entry(doc) for doc in chapters],
        "prev": entry(chapters[at - 1]) if at > 0 else None,
        "next": entry(chapters[at + 1]) if at + 1 < len(chapters) else None,
    }


def has_body_page(builder: Any, docname: str) -> bool:
    """Whether this build writes a body page for the body of report ``docname``."""
    return builder.name not in BUILDERS_WITHOUT_BODY_PAGES and is_public(builder.config, docname)


def collect_body_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``bodies/<slug>.html`` for every body: its years, newest first, with key figures."""
    from sphinx.util.osutil import relative_uri

    if app.builder.name in BUILDERS_WITHOUT_BODY_PAGES:
        return
    domain = _domain(app)
    for body in domain.bodies():
        years = [(y, domain.docname_of((body, y))) for y in sorted(domain.years_of(body), reverse=True)]
        years = [(y, d) for y, d in years if d]
        if not years or not is_public(app.config, years[0][1]):
            continue
        slug = body_slug(years[0][1])
        unchanged = domain.changed_bodies is not None and body not in domain.changed_bodies
        page = f"bodies/{slug}"
        if unchanged and Path(app.builder.get_outfilename(page)).is_file():  # type: ignore[attr-defined]
            continue  # none of this body's reports changed: the page written last time is current
        items = []
        for year, docname in years:
            ev = domain.evaluated(docname, app.config.xxgk_default_body)
            figures = key_figures(ev) if ev is not None else ""
            href = relative_uri(app.builder.get_target_uri(page), app.builder.get_target_uri(docname))
            items.append(
                f'<li><a href="{escape(href)}">{year}年度报告</a>'
                + (f"：{escape(figures)}" if figures else "")
                + "</li>"
            )
        html = (
            f"<section><h1>{escape(body)}</h1>\n<p>本机关各年度政府信息公开工作年度报告（新年度在前）：</p>\n"
            f'<ul class="xxgk-years">{"".join(items)}</ul></section>'
        )
        yield page, {"title": body, "body": html, "xxgk_body_page": True}, "page.html"
