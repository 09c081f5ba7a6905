# Two commands: `make site` builds the site, `make test` runs every test. Both set up what they need.
VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
# ACRO, the independent disclosure checker, needs pandas <= 2.3.3: it gets its own small venv (tests/test_acro.py).
ACRO_VENV ?= .venv-acro

.PHONY: site test serve bench readability lint chromium acro clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@ $(VENV)/.site-installed

site: $(VENV)/.site-installed
	$(BIN)/dmf build
	@echo
	@echo "The site is in site/. Preview it with live reload:  $(BIN)/dmf serve   (then open http://127.0.0.1:8000)"
	@echo "or open the built files without a server:          $(BIN)/python -m http.server -d site 8000"

serve: $(VENV)/.site-installed
	$(BIN)/dmf serve

# Debian's chromium drives the browser tests; install it when missing and we are allowed to.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests ..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "The browser tests need chromium at $(CHROMIUM): run 'sudo apt-get install chromium'."; exit 1; fi

# Rebuilt from scratch whenever its pins change, so nothing old lingers in it.
$(ACRO_VENV)/.installed: tests/acro/requirements.txt
	rm -rf $(ACRO_VENV)
	$(PYTHON) -m venv $(ACRO_VENV)
	$(ACRO_VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/acro/requirements.txt
	touch $@

acro: $(ACRO_VENV)/.installed

lint: $(VENV)/.test-installed
	$(BIN)/ruff check generator devtools tests
	$(BIN)/ruff format --check generator devtools tests

test: $(VENV)/.test-installed $(ACRO_VENV)/.installed chromium lint
	DMF_CHROMIUM=$(CHROMIUM) DMF_ACRO_PYTHON=$(abspath $(ACRO_VENV))/bin/python $(BIN)/pytest -n 2

# Build time, peak memory and page weight against their floors, in one table (devtools/bench.py says more).
# A quick run: DMF_BENCH_PAIRS=1 DMF_BENCH_ROWS=20000 DMF_BENCH_BIG_ROWS=0 make bench
bench: $(VENV)/.test-installed chromium
	DMF_CHROMIUM=$(CHROMIUM) $(BIN)/python -m devtools.bench

# Reading ease and descriptor lengths of the framework's prose (the content tests hold the same floors).
readability: $(VENV)/.test-installed
	$(BIN)/python -m devtools.readability framework

clean:
	rm -rf site .bench .pytest_cache $(ACRO_VENV)
