"""xxgk — government information disclosure annual reports as code.

Sphinx entry point: ``extensions = ["myst_parser", "sphinx_design", "xxgk"]``.

Layers (imports point down only): ``core/`` is pure (no Sphinx, no docutils);
``sphinx/`` is the thin Sphinx layer; ``cli/`` is the ``xxgk`` command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .core import VERSION as __version__  # noqa: F401 - the package version, re-exported

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> Any:
    from .sphinx.extension import setup as setup_extension

    return setup_extension(app)
