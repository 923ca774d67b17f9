# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   ?= site

.PHONY: site serve test lint bench chromium npm axe lighthouse forms-tools clean

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
test: $(VENV)/.test-installed chromium axe forms-tools
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

## npm packages of the browser checks go into .venv/node/ (never fetched by a page).
NODE_DIR := $(VENV)/node
AXE_VERSION := 4.14.1
LIGHTHOUSE_VERSION := 12.8.2

# npm comes from Debian on a fresh machine, as Chromium does.
npm:
	@if command -v npm >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm) >/dev/null; \
	else echo "npm is missing: run 'sudo apt-get install nodejs npm'" >&2; exit 1; fi

## axe-core for the accessibility browser test (tests/test_browser_pages.py injects it).
axe: $(NODE_DIR)/.axe-$(AXE_VERSION)
$(NODE_DIR)/.axe-$(AXE_VERSION): | $(VENV)/.site-installed npm
	npm install --prefix $(NODE_DIR) --no-audit --no-fund --silent axe-core@$(AXE_VERSION)
	touch $@

## Lighthouse scores (mobile emulation) of home, topic and document pages in both languages.
lighthouse: $(VENV)/.test-installed chromium $(NODE_DIR)/.lighthouse-$(LIGHTHOUSE_VERSION)
	CHROME_PATH=/usr/bin/chromium $(BIN)/python -m build_scripts.lighthouse
$(NODE_DIR)/.lighthouse-$(LIGHTHOUSE_VERSION): | $(VENV)/.site-installed npm
	npm install --prefix $(NODE_DIR) --no-audit --no-fund --silent lighthouse@$(LIGHTHOUSE_VERSION)
	touch $@

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
## LARGE=20000 also times a push at that size, with its peak memory (long; not in make test).
bench: $(VENV)/.bench-installed chromium
	$(BIN)/python -m build_scripts.bench $(if $(N),--count $(N),) $(if $(LARGE),--large $(LARGE),) $(BENCH_ARGS)

clean:
	rm -rf $(SITE) $(VENV) .pytest_cache
