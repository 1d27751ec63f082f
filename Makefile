# Two commands set up everything on a fresh machine with Python 3.11 and make:
#   make report   -> .venv, pinned install, kernel, HTML reports of the bundled sample under reports/
#   make test     -> same environment, the whole test suite
# Only a changed requirements.lock reinstalls the pinned set; a changed pyproject.toml
# re-installs just the package (editable, no dependencies).

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
VPY    := $(VENV)/bin/python
STAMP_DEPS := $(VENV)/.deps-installed
STAMP_PKG  := $(VENV)/.pkg-installed
KERNEL := tifalab
CORPUS ?= data/samples
REPORTS ?= reports
PARAMS ?= notebooks/params/sample.yaml

.PHONY: all report test lint bench clean-venv clean

all: report

$(VPY):
	$(PYTHON) -m venv $(VENV)

$(STAMP_DEPS): requirements.lock | $(VPY)
	$(VPY) -m pip install --disable-pip-version-check -q --upgrade "pip>=24"
	$(VPY) -m pip install --disable-pip-version-check -q -r requirements.lock
	touch $@

$(STAMP_PKG): $(STAMP_DEPS) pyproject.toml
	$(VPY) -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	$(VPY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (tifalab)" >/dev/null
	touch $@

venv: $(STAMP_PKG)

report: $(STAMP_PKG)
	$(VENV)/bin/tifalab report --corpus $(CORPUS) --notebooks all --params $(PARAMS) --out $(REPORTS)

test: $(STAMP_PKG)
	$(VPY) -m pytest -q

lint: $(STAMP_PKG)
	$(VENV)/bin/ruff check src tests benchmarks scripts

clean:
	rm -rf $(REPORTS) data/processed build *.egg-info src/*.egg-info

clean-venv:
	rm -rf $(VENV)
