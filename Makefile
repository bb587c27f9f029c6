# Clew: `make demo` and `make test` set everything up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# the web app's front-end libraries: pinned in package-lock.json, installed with `npm ci`, served by Clew
VENDOR := src/clew/web/static/vendor
VENDOR_STAMP := $(VENDOR)/.installed
VENDOR_FILES := node_modules/htmx.org/dist/htmx.min.js node_modules/cytoscape/dist/cytoscape.min.js \
	node_modules/uplot/dist/uPlot.iife.min.js node_modules/uplot/dist/uPlot.min.css \
	node_modules/d3-array/dist/d3-array.min.js node_modules/d3-geo/dist/d3-geo.min.js \
	node_modules/topojson-client/dist/topojson-client.min.js node_modules/world-atlas/countries-110m.json

.PHONY: demo test bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Clew needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(VENDOR_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	mkdir -p $(VENDOR)
	cp $(VENDOR_FILES) $(VENDOR)/
	touch $@

demo: $(STAMP) $(VENDOR_STAMP)
	$(BIN)/clew demo

test: $(STAMP) $(VENDOR_STAMP)
	$(BIN)/python -m pytest -n 2 -q

bench: $(STAMP) $(VENDOR_STAMP)
	$(BIN)/python bench/ingest.py --ads 1000000
	$(BIN)/python bench/extract.py --ads 100000
	$(BIN)/python bench/extract_adversarial.py
	$(BIN)/python bench/web.py --ads 1000000
	$(BIN)/python bench/score.py --ads 20000
	$(BIN)/python bench/link.py --ads 100000
	$(BIN)/python bench/search.py --ads 1000000
	$(BIN)/python bench/server_load.py --ads 100000 --clients 20

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

clean:
	rm -rf $(VENV) demo .pytest_cache .hypothesis
