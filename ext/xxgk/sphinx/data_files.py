"""The data files an HTML build publishes: ``_data/<report>.json|csv`` and ``_data/all.json|csv``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.names import DATA_URL_DIR
from ..core.tabular import csv_head, csv_rows, json_frame, json_rows
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


class JoinedFiles:
    """``all.json`` and ``all.csv`` written a report at a time (a province's data never held in
    memory at once), to temporary names renamed into place when complete."""

    def __init__(self, json_path: Path, csv_path: Path) -> None:
        self.paths = (json_path, csv_path)
        self.parts = tuple(path.with_name(path.name + ".part") for path in self.paths)
        self.json = self.parts[0].open("w", encoding="utf-8")
        self.csv = self.parts[1].open("w", encoding="utf-8")
        self.json.write(json_frame()[0])
        self.csv.write(csv_head())
        self.first = True

    def add(self, json_text: str, csv_text: str) -> None:
        """One report's files, as written next to its page (``to_json``, ``to_csv``)."""
        rows = json_rows(json_text)
        csv_part = csv_rows(csv_text)
        if rows:
            self.json.write(("" if self.first else ",\n") + rows)
            self.first = False
        self.csv.write(csv_part)

    def close(self) -> None:
        self.json.write(json_frame()[1])
        for handle in (self.json, self.csv):
            handle.close()
        for part, path in zip(self.parts, self.paths, strict=True):
            part.replace(path)


def write_all_data(app: Sphinx) -> None:
    """``_data/all.json`` and ``all.csv``: the per-report files (written with the pages) joined,
    reports in (body, year) order, one report at a time (memory stays that of one report);
    a report whose files are missing gets them written here."""
    from ..core.names import pdf_name

    domain = app.env.domains["xxgk"]
    target = Path(app.outdir) / DATA_URL_DIR
    if not domain.data_changed and (target / "all.json").is_file():
        return  # no report's figures changed since the files were written (a no-op build)
    target.mkdir(exist_ok=True)
    joined = JoinedFiles(target / "all.json", target / "all.csv")
    for _key, (docname, _) in sorted(domain.published.items()):
        if not is_public(app.config, docname):  # the guide's fictional examples are not the site's data
            continue
        name = pdf_name(docname)
        try:
            texts = (
                (target / f"{name}.json").read_text(encoding="utf-8"),
                (target / f"{name}.csv").read_text(encoding="utf-8"),
            )
            joined.add(*texts)
        except (OSError, ValueError):
            written = write_report_data(app, docname)
            if written is not None:
                joined.add(*written)
    joined.close()
