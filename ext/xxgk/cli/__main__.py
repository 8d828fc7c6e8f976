"""``python -m xxgk.cli``: the ``xxgk`` command."""

import sys

from .commands import main

sys.exit(main())
