PY ?= python

.PHONY: test sample notebooks bench docs

test:
	pytest

sample:
	$(PY) tools/build_sample.py

notebooks:
	GOVREPORTS_PROGRESS=0 $(PY) tools/run_notebooks.py

bench:
	$(PY) benchmarks/run.py

docs:
	NO_MKDOCS_2_WARNING=1 mkdocs build --strict -d /tmp/govreports-site
