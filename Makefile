# Complaint Desk: the two everyday commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATA_DIR ?=

.PHONY: run test lint format bench demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	@.ci/system-packages run
	$(BIN)/complaint-desk $(if $(DATA_DIR),--data-dir "$(DATA_DIR)")

# The suite runs on SQLite and, for the model tests, on a throwaway PostgreSQL
# server too (.ci/with-postgres starts one when PostgreSQL is installed, and
# says plainly when it cannot, so those tests are skipped).
test: $(VENV)/.installed-test
	@.ci/system-packages test
	QT_QPA_PLATFORM=offscreen .ci/with-postgres $(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy models letters

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python benchmarks/run_all.py

demo: $(VENV)/.installed
	$(BIN)/complaint-desk $(if $(DATA_DIR),--data-dir "$(DATA_DIR)") demo

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
