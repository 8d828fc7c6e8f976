"""Reading a page's source (MyST or reStructuredText) into what it declares and uses, the same way for
the build (``sphinx/``) and the ``xxgk`` command (``cli/``)."""
