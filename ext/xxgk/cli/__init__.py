"""The ``xxgk`` command: reads pages without Sphinx and calls the same core."""
