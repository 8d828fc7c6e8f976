"""Command line: ``xxgk check`` — every build check without a Sphinx build.

Later subcommands (new, diff, export, import) extend this module.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="xxgk", description="政府信息公开工作年度报告工具")
    parser.add_argument("--version", action="version", version=f"xxgk {__version__}")
    parser.parse_args(argv)
    parser.print_help(sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
