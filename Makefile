# zhaoshang — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ZS := $(BIN)/zhaoshang
APT_PACKAGES := chromium fonts-noto-cjk poppler-utils libpango-1.0-0 libpangoft2-1.0-0 gettext redis-server
ECHARTS := src/zhaoshang/static/vendor/echarts/echarts.min.js
HOST ?= 127.0.0.1
PORT ?= 8000
# make test runs the test files in this many processes (pytest-xdist), by default one per core.
PYTEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

.DEFAULT_GOAL := help
# What `make typecheck` checks (more may follow): the pure lib/, every services.py, the API (wherever its
# routers and schemas live), and the audit plumbing (soft delete, recycle bin, history). Found by name so
# that a module moving between apps stays covered.
TYPED := $(shell find src/zhaoshang -path '*/migrations' -prune -o \( -path '*/lib/*' -o -path '*/api/*' \
	-o -name services.py -o -name api.py -o -name schemas.py -o -name softdelete.py -o -name trash.py \
	-o -name history.py \) -name '*.py' -print | sort)

.PHONY: help install install-prod run test ci lint fmt typecheck messages messages-check bench assets system-deps demo migrate clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The optional Spark extra (pyspark + the Connect client) that `make test` runs the Spark tests with.
$(VENV)/.spark: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,spark]'
	touch $@

$(ECHARTS): package.json
	npm install --no-audit --no-fund --silent
	mkdir -p $(dir $(ECHARTS))
	cp node_modules/echarts/dist/echarts.min.js node_modules/echarts/LICENSE $(dir $(ECHARTS))

assets: $(ECHARTS) ## Copy front-end packages (ECharts from npm) into the static files

MO := src/zhaoshang/locale/zh_Hans/LC_MESSAGES/django.mo
$(MO): src/zhaoshang/locale/zh_Hans/LC_MESSAGES/django.po
	cd src/zhaoshang && ../../$(ZS) compilemessages --locale zh_Hans

migrate: $(VENV)/.installed $(MO)
	$(ZS) migrate --noinput

demo: migrate ## Load the reference data, the deterministic demo (演示数据) and a synthetic enterprise universe
	$(ZS) demo
	@test -f var/universe/manifest.json || $(ZS) universe generate --rows 200000 --out var/universe --seed 20220804

install: $(VENV)/.installed assets demo ## Create .venv, install, migrate, load reference data and the demo

install-prod: assets ## Production install into ZHAOSHANG_HOME (default /opt/zhaoshang): no test tools, no demo (docs/部署.md)
	bash scripts/install-prod.sh

run: install ## Install everything, then serve http://127.0.0.1:8000 with the background-jobs worker (Ctrl-C stops both)
	@echo "登录：http://$(HOST):$(PORT)/  用户名 admin  密码 zhaoshang-demo（演示账号）"
	@$(ZS) worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(ZS) runserver $(HOST):$(PORT)

system-deps: ## Install the Debian packages the tests need (chromium, CJK fonts, poppler, gettext, Redis, a JRE for Spark)
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@# Spark's local mode needs a Java runtime (17+); Debian's headless JRE only where none is installed.
	@if ! command -v java >/dev/null 2>&1; then \
		echo "Installing Debian package: default-jre-headless (for Spark)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless; \
	fi

test: $(VENV)/.installed $(VENV)/.spark assets system-deps lint typecheck messages-check ## Lint and run the whole test suite (SQLite, or DATABASE_URL)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

lint: $(VENV)/.installed ## ruff check and format check
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(VENV)/.installed ## mypy (django-stubs) over lib/, the services, the API and the audit plumbing
	$(BIN)/mypy $(TYPED)

messages: $(VENV)/.installed system-deps ## Update the zh_Hans message catalogue (makemessages, fill, compilemessages)
	$(BIN)/python scripts/messages.py update

messages-check: $(VENV)/.installed system-deps ## Fail when makemessages would change the committed catalogue
	$(BIN)/python scripts/messages.py check

fmt: $(VENV)/.installed ## Format the code
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

bench: $(VENV)/.installed $(VENV)/.spark ## Run the benchmarks under bench/ and print their figures
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean: ## Remove the virtualenv, node_modules and var/ (the local database)
	rm -rf $(VENV) node_modules var src/zhaoshang/static/vendor
