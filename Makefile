# The two commands a new user needs are `make run` and `make test`; see README.md.
PYTHON ?= python3
VENV := .venv
PORT ?= 8000
SEARCH_PORT ?= 9200
export PORT SEARCH_PORT

.PHONY: run test test-search-cluster serve serve-cluster serve-cluster-stop search-engine search-engine-stop search-cluster search-cluster-stop z3950 z3950-stop venv lint clean

run: $(VENV)/.installed-dev  ## Start the site on http://127.0.0.1:$(PORT) (SQLite + OpenSearch when Java is present)
	@scripts/run.sh

test: $(VENV)/.installed-dev  ## Start PostgreSQL and OpenSearch, then ruff, migrations check and pytest
	@scripts/test.sh $(PYTEST_ARGS)

serve: $(VENV)/.installed-dev  ## Production server: gunicorn with library_cms.settings.production
	@scripts/serve.sh

serve-cluster: $(VENV)/.installed-dev  ## Two gunicorn instances behind HAProxy on CLUSTER_PORT (8841)
	@scripts/serve-cluster.sh start

serve-cluster-stop:  ## Stop the instances and the balancer of serve-cluster
	@scripts/serve-cluster.sh stop

search-engine:  ## Build (once) and start the embedded OpenSearch node on SEARCH_PORT
	@scripts/search-engine.sh start

search-engine-stop:  ## Stop the embedded OpenSearch node
	@scripts/search-engine.sh stop

search-cluster:  ## Start a three-node OpenSearch cluster on SEARCH_CLUSTER_PORTS (9201,9202,9203)
	@scripts/search-cluster.sh start

search-cluster-stop:  ## Stop the nodes of search-cluster
	@scripts/search-cluster.sh stop

test-search-cluster: $(VENV)/.installed-dev  ## Fault tests of a three-node search cluster through gunicorn
	@scripts/test-search-cluster.sh $(PYTEST_ARGS)

z3950:  ## Start the Z39.50 gateway (simple2zoom) on Z3950_PORT (2100) in front of /sru on PORT
	@scripts/z3950.sh start

z3950-stop:  ## Stop the Z39.50 gateway
	@scripts/z3950.sh stop

venv: $(VENV)/.installed-dev

# Reinstall only when a requirements file changed.
$(VENV)/.installed-dev: requirements.txt requirements-dev.txt
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) var/static
