# xxgk — two commands on a fresh machine:
#   make html   build the site into _build/html (creates .venv on first run)
#   make test   run the test suite
#   make pdf    one PDF per report + the site book into _build/pdf (installs TeX when root)
#   make docx   one Word (.docx) 公文 per report into _build/docx, for sign-off
#   make serve  live preview at http://127.0.0.1:8000, rebuilt on every save
#   make check  every check of the build, without building (xxgk check)
#   make fuzz   nightly-style: >= 10,000 random and mutated inputs, prints the counts
#   make corpus recall and false alarms of the prose checks on real report text (tests/corpus)
#   make bench  xxgk vs plain MyST on 100 and 1,000 generated reports (about 20 minutes)
#   make province  a province's site in shards (conf.py xxgk_shards) into _build/site
#   make bench-province  a generated province built in shards at 5,000-20,000 reports
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP  := $(VENV)/.installed-test
SERVE_STAMP := $(VENV)/.installed-serve
SPHINXOPTS ?= -nW --keep-going
APT := DEBIAN_FRONTEND=noninteractive apt-get
# reproducible output: dates that tools embed come from the last commit, not the clock
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export FORCE_SOURCE_DATE = 1

.PHONY: html test lint clean venv pdf tex serve check fuzz browser bench office docx corpus province province-venv bench-province

# The virtual environment. A .venv left half-made by an earlier failure (no pip in it) is made
# again; Debian's python3 has no venv/ensurepip without python3-venv, which root installs here
# and anyone else is told how to install.
$(VENV)/.ready:
	@if ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
	  rm -rf $(VENV); \
	  if ! $(PYTHON) -m venv $(VENV) >/dev/null 2>&1 || ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
	    rm -rf $(VENV); \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	      echo "正在安装 python3-venv（创建虚拟环境所需）…"; \
	      $(APT) update -qq && $(APT) install -y -qq --no-install-recommends python3-venv >/dev/null && \
	      $(PYTHON) -m venv $(VENV); \
	    else \
	      echo "无法创建虚拟环境：系统缺少 python3-venv。请让管理员运行："; \
	      echo "  sudo apt-get install -y python3-venv"; \
	      exit 1; \
	    fi; \
	  fi; \
	fi
	@touch $@

# building the site needs only the package; the test tools come with `make test`, the preview
# tools with the first `make serve`
$(STAMP): pyproject.toml $(VENV)/.ready
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(TEST_STAMP)

$(SERVE_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[serve]"
	touch $(SERVE_STAMP)

venv: $(STAMP)

# a province's site in shards (conf.py: xxgk_shards): each changed shard built apart, then joined
# into _build/site (landing page, search, aggregates by DuckDB)
PROVINCE_STAMP := $(VENV)/.installed-province
$(PROVINCE_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[province]"
	touch $(PROVINCE_STAMP)

province-venv: $(PROVINCE_STAMP)

province: $(PROVINCE_STAMP)
	$(BIN)/xxgk site build --join

# a province's repository (conf.py sets xxgk_shards) is built in shards into _build/site instead
html: $(STAMP)
	@if $(BIN)/python -c "from pathlib import Path; from xxgk.cli.pages import conf_values; \
	    raise SystemExit(0 if conf_values(Path('.')).get('xxgk_shards') else 1)"; then \
	  echo "conf.py 设置了 xxgk_shards：分片构建（make province），网站在 _build/site"; \
	  $(MAKE) --no-print-directory province; \
	else \
	  $(BIN)/sphinx-build -b html $(SPHINXOPTS) . _build/html; \
	fi

serve: $(SERVE_STAMP)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port 8000 --watch ext . _build/serve

check: $(STAMP)
	@$(BIN)/xxgk check; code=$$?; if [ $$code -ne 0 ]; then echo "xxgk check 退出码：$$code（1：发现问题；2：用法错误）" >&2; fi; exit $$code

fuzz: $(TEST_STAMP)
	XXGK_FUZZ_EXAMPLES=$${XXGK_FUZZ_EXAMPLES:-2500} $(BIN)/python -m pytest tests/test_fuzz.py -q -p no:cacheprovider

corpus: $(STAMP)
	$(BIN)/python bench/corpus.py

# compiled modules, as a user's machine keeps them (PYTHONDONTWRITEBYTECODE would make
# every timed build compile xxgk again, which the installed baseline packages never do)
bench: $(TEST_STAMP)
	$(BIN)/python -m compileall -q ext
	$(BIN)/python bench/run.py --sizes $${BENCH_SIZES:-100 1000} --runs $${BENCH_RUNS:-3}

# a generated province built in shards at 5,000, 10,000 and 20,000 reports (about an hour)
bench-province: $(TEST_STAMP)
	$(BIN)/python -m compileall -q ext
	$(BIN)/python bench/province.py --sizes $${PROVINCE_SIZES:-5000 10000 20000}

# every test runs: TeX, poppler, Chromium, CJK fonts and Java are installed first (as root), or
# the target stops with the command an administrator must run. XXGK_ALLOW_SKIP=1 lets the tests
# that need them skip instead (for someone who knowingly goes without; CI never sets it).
test: $(TEST_STAMP)
	@if [ "$${XXGK_ALLOW_SKIP:-}" != 1 ]; then $(MAKE) --no-print-directory tex browser office; fi
	$(BIN)/python -m pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check ext tests conf.py
	$(BIN)/ruff format --check ext tests conf.py

TEX_PACKAGES := $(shell test -x $(BIN)/python && $(BIN)/python -c "from xxgk.sphinx.pdf import TEX_PACKAGES; print(*TEX_PACKAGES)" 2>/dev/null || echo texlive-xetex texlive-lang-chinese texlive-fonts-recommended texlive-latex-extra latexmk fonts-freefont-otf fonts-noto-cjk poppler-utils fontconfig)

# TeX for the PDFs: installed with apt-get when running as root, else the exact command is printed
tex:
	@if command -v xelatex >/dev/null && command -v latexmk >/dev/null && kpsewhich FandolFang-Regular.otf >/dev/null && fc-list | grep -q FreeMono; then \
	  echo "TeX 已安装"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "正在安装 TeX（约 240 MB，首次约需 1 分钟）…"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(TEX_PACKAGES) >/dev/null; \
	else \
	  echo "生成 PDF 需要 TeX，请让管理员运行："; \
	  echo "  sudo apt-get install -y --no-install-recommends $(TEX_PACKAGES)"; \
	  exit 1; \
	fi

# Chromium, CJK fonts and Java for the browser, accessibility and HTML-validity tests (root: apt-get)
browser:
	@if command -v chromium >/dev/null && command -v java >/dev/null && fc-list | grep -q "Noto Sans CJK" \
	    && find /usr/lib /lib -name libatomic.so.1 2>/dev/null | grep -q .; then \
	  echo "浏览器测试所需软件已安装"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk fontconfig libatomic1 default-jre-headless >/dev/null; \
	else \
	  echo "浏览器测试需要：sudo apt-get install -y --no-install-recommends chromium fonts-noto-cjk fontconfig libatomic1 default-jre-headless"; \
	  exit 1; \
	fi

# LibreOffice (no GUI) to open the Word and Excel files as Word/WPS would: the tests recalculate
# the workbook's formulas and turn the .docx into PNG pages to look at (root: apt-get)
OFFICE_PACKAGES := libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk poppler-utils
office:
	@if command -v soffice >/dev/null && [ -e /usr/lib/libreoffice/program/libsclo.so ] && [ -e /usr/lib/libreoffice/program/libswlo.so ]; then \
	  echo "LibreOffice 已安装"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "正在安装 LibreOffice（无界面版，用于核对 Word/Excel 文件）…"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(OFFICE_PACKAGES) >/dev/null; \
	else \
	  echo "核对 Word/Excel 文件需要 LibreOffice，请让管理员运行："; \
	  echo "  sudo apt-get install -y --no-install-recommends $(OFFICE_PACKAGES)"; \
	  exit 1; \
	fi

# one 公文 PDF per report; LaTeX warnings that mean a defect (undefined references, missing
# characters, tables wider than the page) fail the target; then the book: a cover and 目录
# in the same style, and the reports' own PDFs
pdf: $(STAMP) tex
	rm -rf _build/latex-reports _build/pdf
	$(BIN)/sphinx-build -M latexpdf . _build/latex-reports -t xxgk_reports $(SPHINXOPTS)
	$(BIN)/python -m xxgk.cli.texlog _build/latex-reports/latex
	mkdir -p _build/pdf
	cp _build/latex-reports/latex/*.pdf _build/pdf/
	$(BIN)/xxgk book --pdf-dir _build/pdf -o _build/pdf/book.pdf
	$(BIN)/sphinx-build -E -b html $(SPHINXOPTS) . _build/html
	@echo "PDF 已生成：" && ls _build/pdf

# each report as a Word (.docx) 公文 for sign-off, linked from its page ("下载Word版")
docx: $(STAMP)
	rm -rf _build/docx
	$(BIN)/sphinx-build -b docx -d _build/.doctrees-docx $(SPHINXOPTS) . _build/docx
	$(BIN)/sphinx-build -E -b html $(SPHINXOPTS) . _build/html
	@echo "Word 文件已生成：" && ls _build/docx

clean:
	rm -rf _build
