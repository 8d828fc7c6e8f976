extensions = ["myst_parser", "sphinx_design", "xxgk"]
language = "zh_CN"
html_search_language = "en"
exclude_patterns = ["_build"]
suppress_warnings = ["xxgk.fitness"]  # these pages test other things than the six sections
