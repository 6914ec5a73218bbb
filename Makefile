# Entry points (see README.md). Every target installs what it needs first, so each works on a
# fresh Debian machine.
PRESET ?= release
BUILD := build/$(PRESET)

.PHONY: deps build run test portability bench format check-format check-generated clean

# tests/integration uses npm install --no-save, not npm ci: npm 11 leaves the other platforms'
# optional packages of msgpackr-extract out of the lockfile, then npm ci finds them missing.
# install --no-save keeps the locked versions and leaves the file alone.
deps:
	scripts/install-deps
	npm ci --prefix tests/diff --no-audit --no-fund --loglevel=error
	npm ci --prefix tests/gadgets --no-audit --no-fund --loglevel=error
	npm install --prefix tests/integration --ignore-scripts --no-save --no-audit --no-fund --loglevel=error

build: deps
	cmake --preset $(PRESET) >/dev/null
	cmake --build --preset $(PRESET)

run: build
	$(BUILD)/src/nightjar selftest
	$(BUILD)/src/nightjar-server

test: build
	ctest --preset $(PRESET)

portability: build
	scripts/portability-check

bench: build
	$(BUILD)/bench/nightjar_bench

format:
	git ls-files '*.h' '*.cc' | xargs clang-format -i

check-format:
	git ls-files '*.h' '*.cc' | xargs clang-format --dry-run --Werror

check-generated:
	scripts/check-generated

clean:
	rm -rf build
