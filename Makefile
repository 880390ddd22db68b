# LTV Studio. `make run` opens the program on the bundled sample; `make test` runs every test;
# `make bench` prints the benchmark table; `make bundle` builds the standalone application in
# `dist/LTV Studio/`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python

.PHONY: run test bench lint bundle clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-base: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,dev]'
	touch $@ $(VENV)/.installed-base

run: $(VENV)/.installed-base
	$(PY) main.py $(FILE)

test: $(VENV)/.installed-test
	$(PY) -m pytest

$(VENV)/.installed-bench: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,dev,bench]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed-base

bench: $(VENV)/.installed-bench
	$(PY) bench/run.py

$(VENV)/.installed-bundle: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[bundle]'
	touch $@ $(VENV)/.installed-base

# PyInstaller, one folder (packaging/ltv-studio.spec); build/pyinstaller keeps its cache
bundle: $(VENV)/.installed-bundle
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/ltv-studio.spec
	@echo "Built dist/LTV Studio/ ($$(du -sh 'dist/LTV Studio' | cut -f1)): start 'dist/LTV Studio/LTV Studio'" \
		"(on Linux, ./install.sh in that folder adds it to the applications menu; README \"Install\")"

lint: $(VENV)/.installed-test
	$(PY) -m ruff check .

clean:
	rm -rf $(VENV) build dist *.egg-info
