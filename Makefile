# sims: `make` lists the targets. `make demo` and `make test` do all set-up themselves.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
RUN := $(PY) runner.py
INSTALLED := $(VENV)/.installed

.PHONY: help demo test lint server server-stop server-status migrate rollback migrate-status \
	schema-dump install server-binaries bench erd graphviz-binaries \
	cluster cluster-stop cluster-status test-cluster bench-cluster cluster-binaries

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { $(call apt-install,python3-venv,$(PYTHON) -m venv); }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(INSTALLED) ## create the virtualenv and install the Python dependencies

# $(call apt-install,PACKAGE,WHAT): install a Debian package as root or through sudo.
define apt-install
	if [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(1); \
	elif command -v sudo >/dev/null 2>&1; then \
		sudo apt-get update && sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y $(1); \
	else \
		echo "$(2) not found: install Debian's package $(1)" >&2; exit 1; \
	fi
endef

server-binaries: ## install Debian's mariadb-server when no mariadbd/mysqld is found (root or sudo)
	@command -v mariadbd >/dev/null 2>&1 || command -v mysqld >/dev/null 2>&1 \
		|| [ -x /usr/sbin/mariadbd ] || [ -x /usr/sbin/mysqld ] \
		|| { $(call apt-install,mariadb-server,mariadbd or mysqld); }

graphviz-binaries: ## install Debian's graphviz (the `dot` program) when missing (root or sudo)
	@command -v dot >/dev/null 2>&1 || { $(call apt-install,graphviz,Graphviz dot); }

GALERA_PROVIDER := /usr/lib/galera/libgalera_smm.so

# mariabackup copies a node's data to a joining node (state transfer); socat carries it.
cluster-binaries: server-binaries ## install Debian's galera-4, mariadb-backup and socat when missing (root or sudo)
	@{ [ -e $(GALERA_PROVIDER) ] && command -v mariabackup && command -v socat; } >/dev/null 2>&1 \
		|| { $(call apt-install,galera-4 mariadb-backup socat,Galera provider or mariabackup); }

DEMO_SCALE ?= 0.01
DEMO_OUT ?= out

demo: install server-binaries graphviz-binaries ## all set-up, then: migrate, seed, three saved queries, charts, ER diagram
	$(RUN) server start
	$(RUN) db migrate
	$(RUN) generate --scale $(DEMO_SCALE) --seed 1 --history-end today --keep-existing
	$(RUN) query top_sellers --param limit=10
	$(RUN) query low_stock --param limit=10
	$(RUN) query supplier_performance
	$(RUN) charts --out $(DEMO_OUT)/charts
	$(RUN) erd --out $(DEMO_OUT)/eer --dictionary $(DEMO_OUT)/eer/dictionary.md
	@echo
	@echo "sims is ready: the embedded server runs (.sims/server), database sims holds scale $(DEMO_SCALE) data."
	@echo "  charts:        $(DEMO_OUT)/charts/*.png"
	@echo "  ER diagram:    $(DEMO_OUT)/eer/erd.svg, erd.md; data dictionary $(DEMO_OUT)/eer/dictionary.md"
	@echo "  saved queries: $(RUN) query --list; validation: $(RUN) check"
	@echo "  more:          make help; stop the server with make server-stop"

test: install server-binaries graphviz-binaries lint ## lint, then run the test suite on throwaway databases
	$(PY) -m pytest

lint: install ## sqlfluff over sql/ and bench/sql/ (on every core), ruff over the Python, destructive-change lint over revisions
	$(VENV)/bin/sqlfluff lint --processes 0 sql/ bench/sql/
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m sims.lint_migrations

server: install server-binaries ## start the embedded server under .sims/ (reused if running)
	$(RUN) server start

server-stop: install ## stop the embedded server
	$(RUN) server stop

server-status: install ## is the embedded server running, and where
	$(RUN) server status

migrate: install ## migrate DATABASE_URL (or the embedded `sims` database) to head
	$(RUN) db migrate

rollback: install ## roll back one revision
	$(RUN) db rollback

migrate-status: install ## list revisions, applied or pending
	$(RUN) db status

.PHONY: migrate-sql
# FROM: the revision the target database is at (default: an empty database); TO: default head.
migrate-sql: install ## write out/migrate.sql, the migration for the mariadb/mysql client (FROM=, TO=)
	$(RUN) db migrate-sql $(if $(FROM),--from $(FROM)) $(if $(TO),--to $(TO))

SCALE ?= 0.1
SEED ?= 1
LOCALE ?= en_US
HISTORY_END ?=

.PHONY: seed
seed: install server-binaries ## migrate, then load generated data (SCALE=1: ~1M sales lines; SEED, LOCALE, HISTORY_END, REPLACE=1)
	$(RUN) db migrate
	$(RUN) generate --scale $(SCALE) --seed $(SEED) --locale $(LOCALE) \
		$(if $(HISTORY_END),--history-end $(HISTORY_END)) $(if $(REPLACE),--replace)

schema-dump: install ## write sql/schema.sql from the migrated database
	$(RUN) db schema-dump

bench: install server-binaries ## run the benchmarks; results go to docs/benchmarks.md
	$(PY) -m bench

erd: install server-binaries graphviz-binaries ## ER diagram (docs/eer/) and data dictionary (docs/dictionary.md) from the database
	$(RUN) erd

cluster: install cluster-binaries ## start a 3-node Galera cluster under .sims/cluster/, print a DATABASE_URL per node
	$(RUN) cluster start

cluster-stop: install ## stop the Galera cluster's nodes
	$(RUN) cluster stop

cluster-status: install ## each Galera node: running or not, its state and DATABASE_URL
	$(RUN) cluster status

test-cluster: install cluster-binaries ## the suite's logic tests and fault tests on the Galera cluster (starts it when stopped)
	$(PY) -m pytest -m cluster -n 0 -p no:cacheprovider tests/cluster

bench-cluster: install cluster-binaries ## sales throughput on the Galera cluster against one node, into docs/benchmarks.md
	$(PY) -m bench cluster_sales

.PHONY: mongo-export mongo-check
mongo-export: install server-binaries ## export the MySQL data into the MongoDB mirror (MONGODB_URI, else embedded)
	$(RUN) mongo export

mongo-check: install server-binaries ## compare the MongoDB mirror with MySQL (counts, keys, sums); non-zero on a mismatch
	$(RUN) mongo check
