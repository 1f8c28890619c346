# Two commands matter: `make serve` and `make test`. Both set everything up first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
SITE_DIR ?= site
export PYTHONDONTWRITEBYTECODE := 1
# Material prints an end-of-life banner on every build; it is known (ARCHITECTURE.md, "Material's future").
export NO_MKDOCS_2_WARNING := 1

.PHONY: install chromium java build serve test bench bench-lighthouse schemas clean

install: $(PY_STAMP) $(NODE_STAMP)

# The venv is (re)built whenever the declared or pinned dependencies change.
$(PY_STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

# Pyodide is pinned exactly in package.json / package-lock.json; `npm ci` installs only what the lock says.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Browser tests drive Debian's Chromium; install it when we can (root on Debian), otherwise say how.
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
	      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; \
	  else \
	    echo "Chromium is missing. Install it with: sudo apt-get install -y chromium (Debian/Ubuntu)"; exit 1; \
	  fi; \
	fi

# The Nu HTML Checker (npm vnu-jar, run by tests/test_html_validity.py) needs a Java runtime.
java:
	@if ! command -v java >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's Java runtime for the HTML validity test..."; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless >/dev/null \
	      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless >/dev/null; }; \
	  else \
	    echo "Java is missing. Install it with: sudo apt-get install -y default-jre-headless (Debian/Ubuntu)"; exit 1; \
	  fi; \
	fi

# Builds into a temporary folder next to $(SITE_DIR) and swaps it in only on success (sitegen/build.py).
build: install
	$(PY) -m sitegen.build --site-dir $(SITE_DIR)

serve: install build
	$(PY) -m mkdocs serve -a 127.0.0.1:8000 --livereload

test: install chromium java
	$(PY) -m pytest

bench: install chromium
	$(PY) bench/bench_calculator.py
	$(PY) bench/bench_browser.py

# Lighthouse's performance score of the home and calculator pages, mobile and desktop (about 5 minutes).
bench-lighthouse: install chromium
	$(PY) bench/bench_lighthouse.py

# Regenerate the committed JSON Schemas for content/*.yml after changing a content model.
schemas: install
	$(PY) -m sitegen.schemas

# Archive the current calculator model version after changing content/calculator.yml (content/model-versions/).
.PHONY: model-version
model-version: install
	$(PY) -m sitegen.model_versions

# Add newly published pages and ids to content/anchors.lock (it never drops one; see CONTRIBUTING.md).
.PHONY: anchors
anchors: install
	$(PY) -m sitegen.anchors

clean:
	rm -rf $(SITE_DIR) .pytest_cache .hypothesis

# ---- check-sources: for a machine with web access; not part of `make test` ----------------------
# Requests every address in content/sources.yml and lists the ones that moved or vanished (exit 1).
.PHONY: check-sources
check-sources: install
	$(PY) -m sitegen.check_sources
