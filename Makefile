# WealthMap build file. The two commands a new user needs: `make setup` (as root) and `make test`.
# `make test` runs the suite on two QGIS versions (the matrix): the host's QGIS (3.22 on Debian 12) and
# QGIS 3.44 from Debian 13 + trixie-backports in a chroot that `make setup` builds once under
# $(WEALTHMAP_CACHE) (outside the clone, reused by every clone); `make test-322` / `make test-344` run one.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
APT_PACKAGES = qgis python3-qgis qgis-providers python3-gdal python3-numpy python3-venv python3-pip python3-icu \
	xvfb xauth x11-utils imagemagick poppler-utils qttools5-dev-tools zip unzip sqlite3 fonts-nanum \
	postgresql postgresql-contrib osm2pgsql debootstrap $(PG_PACKAGES)
# the PostgreSQL server and PostGIS packages of this Debian release (detected: never a hard-coded version);
# empty before the first apt-get update, when `make apt` updates and detects again
PG_PACKAGES = $(shell sh scripts/debian_packages.sh postgresql 2>/dev/null)
export WEALTHMAP_CACHE ?= /var/cache/wealthmap
export QT_QPA_PLATFORM ?= offscreen
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help setup apt apt-install venv pydeps wheels services chroot i18n i18n-check lint test test-322 test-344 \
	test-fast demo qgis package sample-data bench screenshot clean

help:
	@echo "make setup    install everything (apt packages, .venv, pinned pip deps, test services); run as root"
	@echo "make test     lint + the whole test suite, headless, on QGIS 3.22 (host) and QGIS 3.44 (chroot)"
	@echo "make test-322 / make test-344   one leg of the matrix"
	@echo "make demo     run the three jobs headless on sample_data/ -> demo_output/"
	@echo "make qgis     start QGIS with a profile in which the plugin is installed and enabled"
	@echo "make package  build dist/wealthmap-<version>.zip for the QGIS plugin manager"
	@echo "make bench    run the benchmarks in bench/ (figures printed and saved as JSON)"

setup: apt venv pydeps wheels i18n services chroot

apt:
	@if [ -z "$(PG_PACKAGES)" ]; then apt-get update -q >/dev/null; fi
	@$(MAKE) --no-print-directory apt-install

apt-install:
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

# The QGIS 3.44 leg: a Debian 13 chroot with QGIS from trixie-backports and a venv with the pinned deps;
# built once (a few minutes, time printed), reused while the package list and requirements/*.txt stay the same.
chroot:
	@scripts/qgis_chroot.sh build

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

# Both legs run, even when the first fails; `make test` fails when either does.
test: lint i18n i18n-check
	@rc322=0; rc344=0; t0=$$(date +%s); \
	$(MAKE) --no-print-directory test-322 || rc322=$$?; t1=$$(date +%s); \
	$(MAKE) --no-print-directory test-344 || rc344=$$?; t2=$$(date +%s); \
	echo "== QGIS matrix: 3.22 (host) $$([ $$rc322 = 0 ] && echo passed || echo FAILED) in $$((t1 - t0)) s;" \
	     "3.44 (chroot) $$([ $$rc344 = 0 ] && echo passed || echo FAILED) in $$((t2 - t1)) s"; \
	[ $$rc322 = 0 ] && [ $$rc344 = 0 ]

test-322: i18n
	@rm -rf .qgis-settings  # pytest-qgis's QGIS profile for the tests: start each run from a clean one
	@echo "== QGIS $$($(PY) -c 'from qgis.core import Qgis; print(Qgis.version())' 2>/dev/null) (host)"
	@set +e; $(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; rc=0; fi; exit $$rc

# The chroot shares the host's network: its Nominatim tests use the host's local Nominatim, started here
# (and stopped after, when this target started it).
test-344: i18n
	@rm -rf .qgis-settings
	@set +e; started=; \
	if [ "$${WEALTHMAP_SKIP_NOMINATIM:-}" != 1 ] && ! curl -fsS -m 2 "http://127.0.0.1:$${NOM_HTTP_PORT:-8089}/status" >/dev/null 2>&1; then \
		bash scripts/setup_service_nominatim.sh start >/dev/null && started=1; fi; \
	scripts/qgis_chroot.sh test $(PYTEST_ARGS); rc=$$?; \
	if [ -n "$$started" ]; then bash scripts/setup_service_nominatim.sh stop >/dev/null; fi; \
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
# (the QGIS 3.44 chroot stays in $(WEALTHMAP_CACHE); delete that folder to rebuild it)
