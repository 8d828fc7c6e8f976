"""The data files an HTML build publishes: ``_data/<report>.json|csv`` and ``_data/index.json|csv``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.names import DATA_URL_DIR
from .public import is_public

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def write_report_data(app: Sphinx, docname: str) -> tuple[str, str] | None:
    """``_data/<report>.json`` and ``.csv`` for one published report (written with its page, so
    in the worker processes under ``-j``); returns their texts."""
    from ..core.names import pdf_name
    from ..core.report_data import report_csv, report_json

    ev = app.env.domains["xxgk"].evaluated(docname, app.config.xxgk_default_body)
    if ev is None:
        return None
    target = Path(app.outdir) / DATA_URL_DIR
    target.mkdir(exist_ok=True)
    texts = report_json(ev), report_csv(ev)
    (target / f"{pdf_name(docname)}.json").write_text(texts[0], encoding="utf-8")
    (target / f"{pdf_name(docname)}.csv").write_text(texts[1], encoding="utf-8")
    return texts


INDEX_FIELDS = ("body", "year", "format", "page", "json", "csv")
INDEX_NAMES = {"body": "机构", "year": "年度", "format": "格式", "page": "页面", "json": "JSON", "csv": "CSV"}


def index_rows(app: Sphinx) -> list[dict[str, object]]:
    """One row per published report: who, which year, and where its page and data files are
    (relative to the site's root)."""
    from ..core.formats import format_for_year
    from ..core.names import pdf_name

    domain = app.env.domains["xxgk"]
    out: list[dict[str, object]] = []
    for (body, year), (docname, _) in sorted(domain.published.items()):
        if not is_public(app.config, docname):  # the guide's fictional examples are not the site's data
            continue
        fmt = domain.reports.get(docname, {}).get("options", {}).get("format", "")
        if not fmt:
            fitting = format_for_year(year)
            fmt = fitting.id if fitting else ""
        name = pdf_name(docname)
        if not (Path(app.outdir) / DATA_URL_DIR / f"{name}.csv").is_file():
            write_report_data(app, docname)  # a builder that writes no report page (singlehtml)
        out.append(
            {
                "body": body,
                "year": year,
                "format": fmt,
                "page": app.builder.get_target_uri(docname),
                "json": f"{DATA_URL_DIR}/{name}.json",
                "csv": f"{DATA_URL_DIR}/{name}.csv",
            }
        )
    return out


def _write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.write_text(text, encoding="utf-8")


def write_data_index(app: Sphinx) -> None:
    """``_data/index.json`` and ``index.csv``: the site's reports and their data files.

    The figures themselves stay in the per-report files, written with their pages: a data edit
    rewrites that report's files only, and no file holds the whole site (a province's joined
    data is made from these by ``xxgk site join``, with DuckDB). Rewritten only when it changes.
    """
    import csv
    import io
    import json

    target = Path(app.outdir) / DATA_URL_DIR
    target.mkdir(exist_ok=True)
    rows = index_rows(app)
    text = json.dumps({"version": 1, "reports": rows}, ensure_ascii=False, indent=0)
    _write_if_changed(target / "index.json", text + "\n")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([INDEX_NAMES[key] for key in INDEX_FIELDS])
    for row in rows:
        writer.writerow([row[key] for key in INDEX_FIELDS])
    _write_if_changed(target / "index.csv", "\ufeff" + buffer.getvalue())
    for stale in ("all.json", "all.csv"):  # written by earlier versions
        (target / stale).unlink(missing_ok=True)
