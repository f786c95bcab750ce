# ImmuQC — `make run` (set up + demo app on SQLite), `make test` (set up + every test).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app webapp
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: setup run test lint i18n pwa clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	$(BIN)/pybabel -q compile -d webapp/translations
	@if [ -f pwa/package.json ]; then $(MAKE) --no-print-directory pwa; fi

pwa:
	cd pwa && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent

run: setup
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	@echo ""
	@echo "ImmuQC 免疫质控: http://$(HOST):$(PORT)/"
	@echo "demo accounts (password Demo-2026!): demo-nurse demo-nurse2 demo-nurse-b demo-school demo-county demo-admin"
	$(FLASK) run --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check webapp tests benches scripts wsgi.py gunicorn.conf.py

test: setup lint
	@if [ -f pwa/package.json ]; then cd pwa && npm test --silent; fi
	$(BIN)/python -m pytest -q

i18n: setup
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -o webapp/translations/messages.pot --no-location --sort-output --omit-header .
	$(BIN)/pybabel -q update -i webapp/translations/messages.pot -d webapp/translations --no-fuzzy-matching
	$(BIN)/pybabel -q compile -d webapp/translations

clean:
	rm -rf $(VENV) pwa/node_modules pwa/dist
