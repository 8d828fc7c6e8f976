extensions = ["myst_parser", "sphinx_design", "xxgk"]
language = "zh_CN"
html_search_language = "en"
exclude_patterns = ["_build"]
myst_disable_syntax = ["html_inline", "html_block"]  # as the project's conf.py
suppress_warnings = ["xxgk.fitness", "xxgk.year"]  # the hostile strings are the point here
latex_engine = "xelatex"
