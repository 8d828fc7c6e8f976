"""The data files an HTML build publishes: ``_data/<report>.json|csv`` and ``_data/all.json|csv``."""

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
    from ..core.tabular import rows, to_csv, to_json

    ev = app.env.domains["xxgk"].evaluated(docname, app.config.xxgk_default_body)
    if ev is None:
        return None
    target = Path(app.outdir) / DATA_URL_DIR
    target.mkdir(exist_ok=True)
    data = rows(ev)
    texts = to_json(data), to_csv(data)
    (target / f"{pdf_name(docname)}.json").write_text(texts[0], encoding="utf-8")
    (target / f"{pdf_name(docname)}.csv").write_text(texts[1], encoding="utf-8")
    return texts


def write_all_data(app: Sphinx) -> None:
    """``_data/all.json`` and ``all.csv``: the per-report files (written with the pages) joined,
    reports in (body, year) order; a report whose files are missing gets them written here."""
    from ..core.names import pdf_name
    from ..core.tabular import csv_rows, join_csv, join_json, json_rows

    domain = app.env.domains["xxgk"]
    target = Path(app.outdir) / DATA_URL_DIR
    if not domain.data_changed and (target / "all.json").is_file():
        return  # no report's figures changed since the files were written (a no-op build)
    target.mkdir(exist_ok=True)
    json_parts, csv_parts = [], []
    for _key, (docname, _) in sorted(domain.published.items()):
        name = pdf_name(docname)
        try:
            texts = (
                (target / f"{name}.json").read_text(encoding="utf-8"),
                (target / f"{name}.csv").read_text(encoding="utf-8"),
            )
            parts = json_rows(texts[0]), csv_rows(texts[1])
        except (OSError, ValueError):
            written = write_report_data(app, docname)
            if written is None:
                continue
            parts = json_rows(written[0]), csv_rows(written[1])
        if is_public(app.config, docname):  # the guide's fictional examples are not the site's data
            json_parts.append(parts[0])
            csv_parts.append(parts[1])
    (target / "all.json").write_text(join_json(json_parts), encoding="utf-8")
    (target / "all.csv").write_text(join_csv(csv_parts), encoding="utf-8")
