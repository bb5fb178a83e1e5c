# IB-Next: two commands for a newcomer: `make run` and `make test`.
# Each sets itself up from nothing: a Python 3.11 virtualenv and the npm emulators.

PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
# Checkov has a virtualenv of its own (requirements-checkov.txt says why).
CHECKOV_VENV := $(VENV)/checkov
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# The pinned packages are installed by uv (Astral's installer: the same pins, resolved the same
# way as pip, in seconds instead of half a minute per environment); pip only installs uv itself.
UV_VERSION := 0.13.9
UV := $(VENV)/bin/uv

.PHONY: run test suite token synth lint types checkov unit integration e2e bench bench-national setup clean

run: setup
	$(PY) -m local.run

# The installs run side by side, then the static checks beside the suite (on both cores: one
# platform per worker, each test file on one worker), the checks using the time the workers
# wait on the emulators; the suite shows its progress as it goes. Any of them failing fails
# the target. Under five minutes from a fresh clone.
test:
	$(MAKE) --no-print-directory -j3 setup $(CHECKOV_VENV)/.installed
	$(MAKE) --no-print-directory -j4 lint types checkov suite

suite: setup
	$(PY) -m pytest -n 2 --dist loadfile

# A local access token for ORG (roles: ROLES, default systeem), or with BSN a resident's
# token (role burger, DigiD level substantieel); prints only the token.
token: setup
	@$(PY) -m local.token $(if $(BSN),--bsn "$(BSN)",--org "$(ORG)" --roles "$(or $(ROLES),systeem)")

# A synthetic Netherlands as files: make synth SEED=1 HUISHOUDENS=1000 JONGEREN=100 UIT=.local/synth
synth: setup
	$(PY) -m synth --seed "$(or $(SEED),1)" --huishoudens "$(or $(HUISHOUDENS),1000)" \
	  --jongeren "$(or $(JONGEREN),100)" --uit "$(or $(UIT),.local/synth)"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: setup
	$(VENV)/bin/mypy .

# Checkov over every file in infra/, offline: --skip-download (no guidelines or policies from
# the vendor's platform, no API key) and CKV_SKIP_PACKAGE_UPDATE_CHECK (no version check
# against PyPI). Fails on a failed check and on a file it cannot parse (Checkov itself exits
# 0 then). Skips are inline in the Bicep, each with its reason (README, Deploying to Azure).
checkov: $(CHECKOV_VENV)/.installed
	@out=$$(CKV_SKIP_PACKAGE_UPDATE_CHECK=true $(CHECKOV_VENV)/bin/checkov --directory infra \
	    --framework bicep arm secrets --skip-download --compact --quiet 2>&1); status=$$?; \
	  echo "$$out"; \
	  if echo "$$out" | grep -q "Parsing errors"; then echo "checkov: a file in infra/ does not parse" >&2; exit 1; fi; \
	  exit $$status

unit: setup
	$(PY) -m pytest tests/unit shared functions local

integration: setup
	$(PY) -m pytest tests/integration

e2e: setup
	$(PY) -m pytest tests/e2e

bench: setup
	$(PY) -m bench.platform_memory
	$(PY) -m bench.intake
	$(PY) -m bench.api_latency
	$(PY) -m bench.realtime
	$(PY) -m bench.bvv
	$(PY) -m bench.ggk_xml
	$(PY) -m bench.ggk
	$(PY) -m bench.bronnen
	BENCH_SYNTH=.local/bench-synth $(PY) -m synth --seed 7 --huishoudens 200000 --uit .local/bench-synth
	BENCH_SYNTH=.local/bench-synth $(PY) -m bench.bulk_engines
	$(PY) -m bench.rechtmatigheid
	$(PY) -m bench.oib
	$(PY) -m bench.vsv
	$(PY) -m bench.inzage
	$(PY) -m bench.kwijtschelding
	$(PY) -m bench.iit
	$(PY) -m bench.vum

# National scale sources (>= 600,000 benefit recipients, > 20 million source records): long.
bench-national: setup
	$(PY) -m bench.national

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt | $(UV)
	$(UV) pip install --quiet --python $(PY) -r requirements-dev.txt
	touch $@

$(UV):
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)

$(CHECKOV_VENV)/.installed: requirements-checkov.txt | $(UV)
	test -x $(CHECKOV_VENV)/bin/python || $(UV) venv --quiet --python $(PYTHON) $(CHECKOV_VENV)
	$(UV) pip install --quiet --python $(CHECKOV_VENV)/bin/python -r requirements-checkov.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) node_modules .local .mypy_cache .ruff_cache .pytest_cache
