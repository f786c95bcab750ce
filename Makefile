# ImmuQC — `make run` (set up + demo app on SQLite), `make test` (set up + every test), `make dist` (release).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Without a .env, `make run` is the development demo; with one, the .env decides (seed-demo refuses production).
DEV_ENV := $(if $(wildcard .env),,ENV_NAME=$${ENV_NAME:-development})
FLASK := $(DEV_ENV) $(BIN)/flask --app webapp
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
RELEASE := immuqc-$(VERSION)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: setup run test lint i18n pwa dist deploy-check smoke clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.lock
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

# The release artefact: the app, migrations, compiled translations, the built phone app and deploy/ in one tarball,
# so a server needs Python and requirements.lock only (no Node, no test tools). The files git knows or would add
# plus the built pwa/dist. See docs/DEPLOYMENT.md.
dist: setup
	rm -rf build/$(RELEASE) && mkdir -p build/$(RELEASE) dist
	git ls-files -z --cached --others --exclude-standard webapp migrations deploy docs wsgi.py gunicorn.conf.py requirements.lock pyproject.toml \
	  README.md .env.example instance/README.md | xargs -0 cp --parents -t build/$(RELEASE)
	cp -r --parents pwa/dist build/$(RELEASE)/
	git rev-parse HEAD > build/$(RELEASE)/REVISION
	tar -C build -czf dist/$(RELEASE).tar.gz $(RELEASE)
	@echo "dist/$(RELEASE).tar.gz"

# nginx -t and systemd-analyze verify on deploy/ (CI installs nginx).
deploy-check:
	bash scripts/deploy_check.sh

# From the release artefact to a nurse syncing, on a private PostgreSQL and Redis (scripts/deploy_smoke.sh).
smoke: dist
	bash scripts/deploy_smoke.sh dist/$(RELEASE).tar.gz

clean:
	rm -rf $(VENV) pwa/node_modules pwa/dist build dist
