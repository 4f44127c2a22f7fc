# Postern: two commands for a new user, `make run` and `make test`.
SWIFT       ?= swift
PYTHON      ?= python3
VENV        := conformance/.venv
# Build and test dependencies from Debian. python3-venv for the conformance suite's virtualenv.
APT_PACKAGES := libssl-dev libcurl4-openssl-dev pkg-config python3 python3-venv
DATA_DIR    ?= ./postern-data

.PHONY: all deps build release run test swift-test conformance clean

all: build

# Installs what is missing when root; otherwise prints the exact command and stops.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing packages; run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product postern

# The embedded default: one data folder (./postern-data), no other service. Ctrl-C drains and stops it.
run: release
	POSTERN_DATA_DIR=$(DATA_DIR) .build/release/postern serve

test: swift-test conformance

swift-test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

$(VENV)/.installed: conformance/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r conformance/requirements.txt
	touch $@

conformance: deps $(VENV)/.installed
	$(SWIFT) build --product postern
	POSTERN_BIN=$$($(SWIFT) build --show-bin-path)/postern $(VENV)/bin/python -m pytest -q conformance

clean:
	rm -rf .build $(VENV)
