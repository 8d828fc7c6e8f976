"""The pure core: formats, data model, arithmetic, checks, wording — no Sphinx or docutils import."""

VERSION = "0.1.0"
