extensions = ["myst_parser", "sphinx_design", "xxgk"]
language = "zh_CN"
html_search_language = "en"
exclude_patterns = ["_build"]
