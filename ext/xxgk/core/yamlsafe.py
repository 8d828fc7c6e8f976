"""YAML for xxgk's own data files: the safe loader only, libyaml's when installed."""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_safe(text: str) -> Any:
    """``yaml.safe_load`` at libyaml's speed: plain data only, no tags, no Python objects."""
    loader = SafeLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
