"""One shard of a province's site (``core.shards``), as ``xxgk site build`` runs it.

``-D xxgk_shard=<name>`` narrows the build to the shard's folder and the landing page (the
shard ``main``: everything outside the shard folders); ``-D xxgk_site_index=<file>`` gives the
site's index of reports, through which ``xxgk:ref`` links a report that another shard builds.
When the index changes, the pages that link other bodies' reports are read again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

from ..core.shards import MAIN, ShardProblem, SiteIndex, shard_folders

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def _docnames(srcdir: Path, rule: str | list[str]) -> list[str]:
    """Folder paths deep enough to match the rule (``reports/c01/x`` for ``reports/*``)."""
    patterns = [rule] if isinstance(rule, str) else list(rule)
    found = []
    for pattern in patterns:
        for folder in sorted(srcdir.glob(pattern.strip("/"))):
            if folder.is_dir():
                found.append(f"{folder.relative_to(srcdir).as_posix()}/_")
    return found


def restrict_to_shard(app: Sphinx, config: Config) -> None:
    """``config-inited``: only the shard's pages (and the landing page) are read."""
    name = config.xxgk_shard
    if not name:
        return
    if not config.xxgk_shards:
        raise ConfigError(f"指定了分片“{name}”（xxgk_shard），但 conf.py 没有设置 xxgk_shards")
    try:
        folders = shard_folders(config.xxgk_shards, _docnames(Path(app.srcdir), config.xxgk_shards))
    except ShardProblem as exc:
        raise ConfigError(str(exc)) from exc
    if name == MAIN:
        config.exclude_patterns = [*config.exclude_patterns, *(f"{folder}/**" for folder in folders.values())]
        return
    if name not in folders:
        raise ConfigError(f"没有分片“{name}”；按 xxgk_shards 的设置，分片有：{'、'.join(folders) or '无'}")
    # the landing page, whatever its suffix (source_suffix is completed after config-inited)
    config.include_patterns = [f"{config.root_doc}.*", f"{folders[name]}/**"]


def shard_landing(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: a shard's landing page lists the shard's reports (the project's own
    landing page, which links pages of every shard, is the province's: ``xxgk site join``)."""
    config = app.config
    if not config.xxgk_shard or docname != config.root_doc:
        return
    title = dict(config.xxgk_shard_titles).get(config.xxgk_shard, "")
    markdown = str(app.env.doc2path(docname)).endswith(".md")
    if config.xxgk_shard == MAIN:
        head = f"{config.project}：其他页面"
        listing = (
            "```{toctree}\n:glob:\n:maxdepth: 1\n\n*/index\n```\n",
            ".. toctree::\n   :glob:\n   :maxdepth: 1\n\n   */index\n",
        )
    else:
        head = f"{config.project}：{title or '本地区'}"
        listing = (
            "```{xxgk:reports}\n```\n\n```{toctree}\n:hidden:\n:glob:\n\n**\n```\n",
            ".. xxgk:reports::\n\n.. toctree::\n   :hidden:\n   :glob:\n\n   **\n",
        )
    if markdown:
        source[0] = f"# {head}\n\n{listing[0]}"
    else:
        source[0] = f"{head}\n{'=' * (2 * len(head))}\n\n{listing[1]}"


def load_site_index(app: Sphinx) -> None:
    """``builder-inited``: the other shards' reports, for links."""
    domain = app.env.domains["xxgk"]
    domain.elsewhere = {}
    domain.site_index_digest = ""
    path = app.config.xxgk_site_index
    if not path:
        return
    try:
        index = SiteIndex.from_json((Path(app.confdir) / path).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"无法读取站点报告索引 {path}（{exc}）；请用 xxgk site build 构建分片") from exc
    own = app.config.xxgk_shard
    domain.elsewhere = {key: report for key, report in index.reports.items() if report.shard != own}
    domain.site_index_digest = index.digest()


def pages_linking_elsewhere(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: when the site's index changed since the last build, the pages
    with an ``xxgk:ref`` to a named body are read again (their links may now land elsewhere)."""
    domain = env.domains["xxgk"]
    digest = getattr(domain, "site_index_digest", "")
    if domain.data.get("site_index") == digest:
        return []
    domain.data["site_index"] = digest
    return [
        docname
        for docname, declared in domain.data["declared"].items()
        if docname in env.all_docs
        and any(name == "ref" and "@" in text and "/" in text for name, text, _ in declared.get("roles", []))
    ]


def setup_shards(app: Sphinx) -> None:
    # folders built apart, each an independent Sphinx build (core.shards); "" = one build
    app.add_config_value("xxgk_shards", "", "env", types=(str, list, tuple))
    # set by `xxgk site build`: the shard this build makes, and the site's index of reports
    app.add_config_value("xxgk_shard", "", "env", types=(str,))
    app.add_config_value("xxgk_site_index", "", "env", types=(str,))
    # a shard's name for readers, e.g. {"c01": "长沙市"} (default: its government's name, or 本地区)
    app.add_config_value("xxgk_shard_titles", {}, "env", types=(dict,))
    app.connect("source-read", shard_landing, priority=100)
    app.connect("config-inited", restrict_to_shard, priority=100)
    app.connect("builder-inited", load_site_index)
    app.connect("env-get-outdated", pages_linking_elsewhere)
