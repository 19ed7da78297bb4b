VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

.PHONY: run test lint fuzz bench system-deps browser-deps clean compile

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[test,lint]'
	touch $(STAMP)

# Bytecode for the package, so every start need not recompile it (also where
# PYTHONDONTWRITEBYTECODE is set); compileall skips what is up to date.
compile: $(STAMP)
	@$(PY) -m compileall -q briefing

# Debian packages the tests read the PDF back with (pdftotext, pdffonts, qpdf)
# and the font family the PDF embeds; installed only when missing and root.
system-deps:
	@command -v pdftotext >/dev/null && command -v qpdf >/dev/null && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
	  || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq poppler-utils qpdf fonts-dejavu-core; } \
	  || echo "warning: install poppler-utils, qpdf and fonts-dejavu-core"

# The browser the `briefing serve` test drives headless; needed by `make test` only.
browser-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null \
	  || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq chromium chromium-driver; } \
	  || echo "warning: install chromium and chromium-driver"

run: compile system-deps
	$(VENV)/bin/briefing build

test: $(STAMP) system-deps browser-deps
	$(PY) -m pytest -q

# Long robustness runs (kill -9 at random moments, thousands of generated articles).
fuzz: $(STAMP) system-deps
	$(PY) -m pytest -q -m fuzz

# ruff (rules in pyproject.toml) and mypy over the package; CI runs this before the tests.
lint: $(STAMP)
	$(VENV)/bin/ruff check briefing tests bench tools setup.py
	$(VENV)/bin/ruff format --check briefing tests bench tools setup.py
	$(VENV)/bin/mypy

# The benchmark's peer (jinja2 + WeasyPrint) in its own environment, never the tool's;
# WeasyPrint needs Pango from Debian.
PEER := bench/.venv/.installed
$(PEER): bench/peer/requirements.txt
	@[ -f /usr/lib/x86_64-linux-gnu/libpango-1.0.so.0 ] || ldconfig -p | grep -q libpangoft2-1.0 \
	  || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0; } \
	  || echo "warning: install libpango-1.0-0 and libpangoft2-1.0-0 for the WeasyPrint peer"
	python3 -m venv bench/.venv
	bench/.venv/bin/pip install -q --upgrade pip
	bench/.venv/bin/pip install -q -r bench/peer/requirements.txt
	touch $(PEER)

bench: compile system-deps $(PEER)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) bench/.venv out/*.pdf out/.briefing-cache
