"""Every finding about one page, from what the page declares: the one orchestration.

The Sphinx build (``sphinx/resolve.py``) and ``xxgk check`` (``cli/project.py``) each read a
page their own way into a ``Declared`` — its ``xxgk:report`` options, parsed data, tables,
views, roles, prose and headings — and give it, with a ``Project`` that looks up the other
reports, to ``page_findings``. Neither layer adds, drops or rewords a finding, so a clean
``xxgk check`` means a clean build. Nothing here imports Sphinx.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from . import role_values
from .accept import parse_comment, split
from .identities import check_cross_year
from .model import Finding, RawEntry, ReportMeta
from .names import body_slug, name_problem, pdf_name
from .page_checks import (
    COPY_THRESHOLD,
    Paragraph,
    YearProse,
    check_copy_across,
    check_page,
    check_sections_filled,
    check_wrong_body,
)
from .report import MISSING_REPORT, Evaluated, LookupProblem, parse_meta, table_target
from .safety import TRUSTED_PAGES, Use, check_uses, trusted
from .subtypes import Subtype
from .views import Reports, validate
from .wording import SpecError
from .years import Key, SelectorError

if TYPE_CHECKING:
    from .shards import SiteReport

REPORT_DIRS = ("reports",)  # folders whose every page must be a report (conf.py: xxgk_report_dirs)


@dataclass(frozen=True)
class ViewUse:
    """An ``xxgk:compare`` / ``trend`` / ``aggregate`` / ``reports`` directive on the page."""

    view: str
    argument: str
    options: Mapping[str, str]
    line: int


@dataclass(frozen=True)
class RoleUse:
    """An ``xxgk:val`` / ``pct`` / ``delta`` / ``ref`` role (``target`` as written, title included)."""

    name: str
    target: str
    line: int


@dataclass
class Declared:
    """What one page declares, as read by the build or by ``xxgk check``."""

    docname: str
    reports: list[tuple[dict[str, str], int]] = field(default_factory=list)  # every xxgk:report
    data_lines: list[int] = field(default_factory=list)  # each xxgk:data block's opening line
    data_findings: list[Finding] = field(default_factory=list)  # from parsing the data blocks
    entries: list[RawEntry] = field(default_factory=list)
    tables: list[tuple[str, int]] = field(default_factory=list)  # xxgk:table targets
    views: list[ViewUse] = field(default_factory=list)
    roles: list[RoleUse] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    headings: list[tuple[int, str, int]] = field(default_factory=list)  # (level, text, line)
    accepts: list[tuple[str, int]] = field(default_factory=list)  # xxgk-accept comments (core.accept)
    uses: list[Use] = field(default_factory=list)  # every construct (core.safety)
    read_findings: list[Finding] = field(default_factory=list)  # bytes that are not UTF-8


class Project(Reports, Protocol):
    """The other pages of the project, as each layer holds them."""

    def shows(self, key: Key, table_id: str) -> bool:
        """Does the page holding ``key``'s report show official table ``table_id``?"""
        ...

    def paragraphs(self, docname: str) -> list[Paragraph]: ...

    def sharing_name(self, docname: str) -> list[str]:
        """The other report pages whose output files would have this page's name."""
        ...

    def sharing_body_page(self, body: str) -> list[str]:
        """The bodies (``body`` among them) whose ``bodies/<name>.html`` would be one file."""
        ...

    def year_prose(self, year: int) -> YearProse:
        """The year's reports' prose for 内容雷同 (``page_checks.year_prose`` of ``same_year``),
        built once a year and kept while the project's pages do not change."""
        ...

    def elsewhere(self, key: Key) -> SiteReport | None:
        """The report, when another shard of the site builds it (``core.shards``)."""
        ...


@dataclass(frozen=True)
class Settings:
    """The conf.py values the checks depend on."""

    default_body: str = ""
    copy_threshold: float = COPY_THRESHOLD
    deadlines: Mapping[str, str] = field(default_factory=dict)
    suppress: Sequence[str] = ()
    report_dirs: Sequence[str] = REPORT_DIRS
    trusted: Sequence[str] = TRUSTED_PAGES  # docname patterns of pages not held to the allow-list

    def suppressed(self, subtype: str) -> bool:
        """As Sphinx's ``suppress_warnings`` matches warnings of type ``xxgk``."""
        for entry in self.suppress:
            target, _, sub = entry.partition(".")
            if target == "xxgk" and (not sub or sub in ("*", subtype)):
                return True
        return False


@dataclass
class Result:
    findings: list[Finding]  # every one located (line set), allowed and suppressed ones removed
    notes: list[str]  # quiet information (a year without last year's report, …)
    accepted: list[Finding] = field(default_factory=list)  # accepted paragraph by paragraph


def identify(
    reports: Sequence[tuple[Mapping[str, str], int]], default_body: str
) -> tuple[ReportMeta | None, list[Finding]]:
    """The page's report identity from its ``xxgk:report`` directives (one is allowed)."""
    if not reports:
        return None, []
    (options, line), *extra = reports
    meta, findings = parse_meta(options, line, default_body)
    for _, other in extra:
        findings.append(
            Finding("report", f"每页只能有一个 xxgk:report（第{line}行已有），请删去重复的一个", other)
        )
    return meta, findings


def _needs_own_report(view: ViewUse) -> bool:
    return view.view == "compare" or (view.view == "trend" and not (view.options.get("body") or "").strip())


def in_report_dir(docname: str, report_dirs: Sequence[str]) -> str | None:
    """The report folder ``docname`` lies in, if any."""
    return next((d.strip("/") for d in report_dirs if docname.startswith(f"{d.strip('/')}/")), None)


def _missing_report(page: Declared, settings: Settings) -> list[Finding]:
    lines = page.data_lines + [line for _, line in page.tables]
    lines += [v.line for v in page.views if _needs_own_report(v)]
    lines += [r.line for r in page.roles if role_values.needs_own_report(r.name, r.target)]
    if lines:
        return [Finding("report", MISSING_REPORT, page.data_lines[0] if page.data_lines else min(lines))]
    folder = in_report_dir(page.docname, settings.report_dirs)
    if folder is not None:
        message = (
            f"本页在报告目录“{folder}/”中，但没有 xxgk:report；报告页须在页首写 xxgk:report"
            "（填写 :body: 和 :year:），不是报告的页面请移出该目录"
        )
        return [Finding("report", message, 1)]
    return []


def _role_findings(
    page: Declared, ev: Evaluated | None, key: Key | None, project: Project, notes: list[str]
) -> list[Finding]:
    ctx = role_values.Context(ev, key, project)
    findings = []
    for role in page.roles:
        if role.name not in ("val", "pct", "delta", "ref"):
            continue
        if ev is None and role_values.needs_own_report(role.name, role.target):
            continue  # the missing or unusable report is reported once
        try:
            if role.name == "ref":
                target = role_values.split_ref(role.target)[1]
                if role_values.elsewhere_target(ctx, target, project.elsewhere) is None:
                    role_values.link_target(ctx, target, project)
            else:
                _, note = role_values.value_text(ctx, role.name, role.target)
                if note:
                    notes.append(note)
        except (LookupProblem, SelectorError, SpecError) as exc:
            other_shard = role_values.elsewhere_problem(ctx, role.target, project.elsewhere)
            findings.append(Finding("ref", other_shard or str(exc), role.line))
    return findings


def _view_findings(page: Declared, ev: Evaluated | None, key: Key | None, project: Project) -> list[Finding]:
    findings = []
    for view in page.views:
        if ev is None and _needs_own_report(view):
            continue  # the missing or unusable report is reported once
        try:
            validate(view.view, view.argument, view.options, project, ev, key)
        except (LookupProblem, SelectorError) as exc:
            findings.append(Finding("ref", str(exc), view.line))
    return findings


def _own_findings(
    page: Declared, ev: Evaluated, key: Key, project: Project, settings: Settings, notes: list[str]
) -> list[Finding]:
    findings = list(ev.findings)
    owner = project.owner(key)
    if owner is not None and owner != page.docname:
        findings.append(
            Finding(
                "report",
                f"{key[0]}{key[1]}年度报告已在“{owner}”页中，同一机构同一年度只能有一份报告",
                page.reports[0][1],
            )
        )
    last_year = (key[0], key[1] - 1)
    if ev.figures.table_lines:
        previous = project.report(last_year)
        if previous is None:
            notes.append(f"未找到{key[0]}{key[1] - 1}年度报告，跨年度核对（上年结转等）已跳过")
        else:
            findings += check_cross_year(
                ev.format, ev.figures, previous.format, previous.figures, (key[1], key[1] - 1)
            )
    for target, line in page.tables:
        found = table_target(ev, target, line)
        if isinstance(found, Finding):
            findings.append(found)
    # the copy check is the costly one: skipped when it is switched off
    copy_wanted = not (settings.suppressed("copy") or "copy" in ev.meta.allow)
    prev_doc = project.owner(last_year) if copy_wanted else None
    findings += check_page(
        ev,
        page.paragraphs,
        page.headings,
        [target for target, _ in page.tables],
        (key[1] - 1, project.paragraphs(prev_doc)) if prev_doc else None,
        settings.copy_threshold,
        dict(settings.deadlines),
    )
    if copy_wanted:  # 内容雷同: the same year's reports of the other bodies
        year_reports = project.year_prose(key[1])
        findings += check_copy_across(page.paragraphs, key[0], year_reports, key[1], settings.copy_threshold)
    findings += check_wrong_body(key[0], page.paragraphs)
    content = [p.line for p in page.paragraphs if p.text.strip()]
    content += [line for _, line in page.tables] + [v.line for v in page.views]
    findings += check_sections_filled(ev, page.headings, content)
    return findings


def _name_findings(page: Declared, key: Key | None, project: Project) -> list[Finding]:
    line = page.reports[0][1]
    problem = name_problem(page.docname)
    findings = [Finding("name", problem, line)] if problem else []
    others = project.sharing_name(page.docname)
    if others:
        message = (
            f"本页与“{'”“'.join(others)}”的网站和 PDF 文件名都是“{pdf_name(page.docname)}”，"
            "输出会互相覆盖；请改动其中一个的目录名或文件名"
        )
        findings.append(Finding("name", message, line))
    if key is not None and project.owner(key) == page.docname:
        bodies = [b for b in project.sharing_body_page(key[0]) if b != key[0]]
        if bodies:
            message = (
                f"本机构的网站页面（bodies/{body_slug(page.docname)}.html）与“{'”“'.join(bodies)}”的同名，"
                "会互相覆盖；不同机构的报告请放在不同的目录中"
            )
            findings.append(Finding("name", message, line))
    return findings


def page_findings(page: Declared, ev: Evaluated | None, project: Project, settings: Settings) -> Result:
    """Every finding about ``page`` (whose report, evaluated, is ``ev``), located and filtered."""
    meta, findings = identify(page.reports, settings.default_body)
    findings = list(page.read_findings) + findings + list(page.data_findings)
    if not trusted(page.docname, settings.trusted):
        refused = check_uses(page.uses, page.docname).findings
        if refused:  # the build parses nothing of such a page (safety.neutralize): only these count
            return Result(
                sorted(set(page.read_findings) | set(refused), key=lambda f: (f.line or 0, f.message)), []
            )
    if page.reports:
        findings += _name_findings(page, (meta.body, meta.year) if meta is not None else None, project)
    notes: list[str] = []
    key = (meta.body, meta.year) if meta is not None else None
    if not page.reports:
        findings += _missing_report(page, settings)
    if ev is not None and key is not None:
        findings += _own_findings(page, ev, key, project, settings, notes)
    else:
        ev = None
    findings += _view_findings(page, ev, key, project)
    findings += _role_findings(page, ev, key, project, notes)
    fallback = (page.data_lines[0] if page.data_lines else None) or (
        page.reports[0][1] if page.reports else 1
    )
    allow = set(meta.allow) if meta is not None else set()
    located = {
        Finding(f.subtype, f.message, f.line if f.line is not None else fallback)
        for f in findings
        if f.subtype not in allow and not settings.suppressed(f.subtype)
    }
    kept, accepted = _accepted(page, sorted(located, key=_order), allow, settings)
    return Result(sorted(set(kept), key=_order), notes, accepted)


def _order(f: Finding) -> tuple[int, str, str]:
    return (f.line or 0, f.subtype, f.message)


def _accepted(
    page: Declared, findings: list[Finding], allow: set[str], settings: Settings
) -> tuple[list[Finding], list[Finding]]:
    """The findings the page's ``xxgk-accept`` comments accept, apart (``core.accept``)."""
    acceptances, problems = [], []
    for text, line in page.accepts:
        parsed = parse_comment(text, max(line - 1, 1), line)
        if isinstance(parsed, Finding):
            problems.append(parsed)
        elif parsed is not None and line == 0:
            problems.append(Finding("accept", "xxgk-accept 须紧接在要接受的正文段落上一行", None))
        elif parsed is not None:
            # a check the page allows or the site suppresses needs no acceptance: not "unused"
            subtypes = tuple(s for s in parsed.subtypes if s not in allow and not settings.suppressed(s))
            if subtypes:
                acceptances.append(replace(parsed, subtypes=subtypes))
    kept, accepted = split(findings, acceptances, {s.value for s in Subtype})
    fallback = page.reports[0][1] if page.reports else 1
    kept += [Finding(p.subtype, p.message, p.line or fallback) for p in problems]
    kept = [f for f in kept if f.subtype != "accept" or not settings.suppressed("accept")]
    return kept, accepted
