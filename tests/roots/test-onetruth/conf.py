# Every case of issue 16: `xxgk check` must find exactly what the build warns.
extensions = ["myst_parser", "sphinx_design", "xxgk"]
language = "zh_CN"
html_search_language = "en"
include_patterns = ["index.md", "reports/**"]  # drafts/ and CONTRIBUTING.md are not pages
exclude_patterns = ["_build"]
