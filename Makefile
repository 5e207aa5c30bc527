# WealthMap build file. The two commands a new user needs: `make setup` (as root) and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
APT_PACKAGES := qgis python3-qgis qgis-providers python3-gdal python3-numpy python3-venv python3-pip python3-icu \
	xvfb xauth x11-utils imagemagick poppler-utils qttools5-dev-tools zip unzip sqlite3 fonts-nanum \
	postgresql postgresql-15-postgis-3 postgresql-contrib osm2pgsql
export QT_QPA_PLATFORM ?= offscreen
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help setup apt venv pydeps wheels services i18n i18n-check lint test test-fast demo qgis package sample-data bench screenshot clean

help:
	@echo "make setup    install everything (apt packages, .venv, pinned pip deps, test services); run as root"
	@echo "make test     lint + the whole test suite, headless"
	@echo "make demo     run the three jobs headless on sample_data/ -> demo_output/"
	@echo "make qgis     start QGIS with a profile in which the plugin is installed and enabled"
	@echo "make package  build dist/wealthmap-<version>.zip for the QGIS plugin manager"
	@echo "make bench    run the benchmarks in bench/ (figures printed and saved as JSON)"

setup: apt venv pydeps wheels i18n services

apt:
	@if dpkg-query -W -f='$${Status}\n' $(APT_PACKAGES) 2>/dev/null | grep -vq "install ok installed" \
	   || [ $$(dpkg-query -W -f='$${Status}\n' $(APT_PACKAGES) 2>/dev/null | wc -l) -ne $(words $(APT_PACKAGES)) ]; then \
		echo "Installing Debian packages (needs root)"; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(APT_PACKAGES); \
	else echo "Debian packages already installed"; fi

venv:
	@test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	@scripts/write_constraints.sh $(VENV)/constraints.txt

pydeps: venv
	$(PIP) install -q -c $(VENV)/constraints.txt -r requirements/runtime.txt -r requirements/dev.txt -r requirements/distributed.txt
	@$(PY) -c "import numpy, sklearn, onnxruntime, osgeo.gdal, qgis.core; print('numpy', numpy.__version__, '| scikit-learn', sklearn.__version__, '| onnxruntime', onnxruntime.__version__, '| GDAL', osgeo.gdal.__version__)"

# Wheels for the in-QGIS installer's offline mode (and its test): .whl/<python abi>/
wheels: venv
	@$(PY) scripts/download_wheels.py

# Test services (a local Nominatim, ...): every scripts/setup_service_*.sh is run; each is idempotent.
services:
	@for s in scripts/setup_service_*.sh; do [ -e "$$s" ] || continue; echo "== $$s"; bash "$$s" install || exit 1; done

i18n: i18n/wealthmap_ko.qm

i18n/wealthmap_ko.ts: $(wildcard i18n/ko/*.tsv) scripts/i18n.py
	/usr/bin/python3 scripts/i18n.py build

i18n/wealthmap_ko.qm: i18n/wealthmap_ko.ts
	lrelease -silent i18n/wealthmap_ko.ts -qm i18n/wealthmap_ko.qm

i18n-check:
	/usr/bin/python3 scripts/i18n.py check

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/flake8 .

test: lint i18n i18n-check
	@rm -rf .qgis-settings  # pytest-qgis's QGIS profile for the tests: start each run from a clean one
	@set +e; $(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; rc=0; fi; exit $$rc

test-fast: i18n
	$(PY) -m pytest -x -q -m "not slow" $(PYTEST_ARGS)

demo: i18n
	$(PY) scripts/demo.py --out demo_output

qgis: i18n
	@$(PY) scripts/qgis_profile.py --profiles .qgis-profile
	PYTHONPATH=$$(ls -d $(CURDIR)/$(VENV)/lib/python3*/site-packages) QT_QPA_PLATFORM= \
		qgis --profiles-path $(CURDIR)/.qgis-profile --profile wealthmap $(QGIS_ARGS)

package: i18n
	$(PY) scripts/package.py --out dist

sample-data:
	$(PY) scripts/make_sample_data.py

bench: i18n
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

screenshot: i18n
	$(PY) scripts/screenshot.py --out docs/screenshots

clean:
	rm -rf build dist demo_output .pytest_cache .qgis-profile .qgis-settings i18n/*.qm
