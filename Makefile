# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   ?= site

.PHONY: site serve test lint bench chromium forms-tools clean

# The virtual environment is rebuilt whenever pyproject.toml changes.
$(VENV)/.site-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## Build the whole bilingual portal into site/ (a failed build keeps the previous site).
site: $(VENV)/.site-installed
	$(BIN)/portal build --out $(SITE)

## Preview with live reload on http://127.0.0.1:8000/
serve: $(VENV)/.site-installed
	$(BIN)/portal serve

## Run every test: lint, unit, golden, real build, browser.
test: $(VENV)/.test-installed chromium forms-tools
	$(BIN)/ruff check build_scripts tests
	$(BIN)/ruff format --check build_scripts tests
	$(BIN)/python -m pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check build_scripts tests
	$(BIN)/ruff format --check build_scripts tests

## Debian's Chromium drives the browser tests; Playwright never downloads a browser.
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-core) >/dev/null; \
	else echo "Chromium is missing: run 'sudo apt-get install chromium fonts-noto-core'" >&2; exit 1; fi

## The readers' tools (PDF, OCR, LibreOffice) and the layout gauntlet's (pandoc), from Debian.
FORMS_PACKAGES := poppler-utils tesseract-ocr tesseract-ocr-vie pandoc libreoffice-writer-nogui fonts-noto-core
forms-tools:
	@if command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null \
	  && command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie \
	  && command -v pandoc >/dev/null && command -v soffice >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(FORMS_PACKAGES)) >/dev/null; \
	else echo "Readers' tools are missing: run 'sudo apt-get install $(FORMS_PACKAGES)'" >&2; exit 1; fi

$(VENV)/.bench-installed: $(VENV)/.test-installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

## Benchmark a synthetic corpus of N directives (default 2000); prints the figures (README: Performance).
bench: $(VENV)/.bench-installed chromium
	$(BIN)/python -m build_scripts.bench $(if $(N),--count $(N),) $(BENCH_ARGS)

clean:
	rm -rf $(SITE) $(VENV) .pytest_cache
