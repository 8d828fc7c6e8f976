"""The thin Sphinx layer: domain, directives, roles, nodes, post-transform, rendering, site."""
