# The two commands: `make demo` (build + run the CLI on the bundled synthetic payloads) and
# `make test` (every test). Both install what is missing first (scripts/setup.sh).
SHELL := /bin/bash
.DEFAULT_GOAL := help
WASM := target/wasm32-unknown-unknown/release/cccd_verify.wasm
export PATH := $(HOME)/.cargo/bin:$(PATH)

FRAMEGEN := tools/framegen/target/release/framegen
.PHONY: framegen test-checkout test-onboarding test-framegen help setup setup-test wasm package demo test test-rust test-js test-node test-browser test-package lint fuzz size clean bench-qr bench-verify frames

help:
	@echo "make demo   build the wasm package and run the CLI on the demo payloads"
	@echo "make test   run every test (Rust, Node, headless Chromium, packaging, types, fuzz corpus)"
	@echo "make fuzz   run the cargo-fuzz targets for a while (nightly; FUZZ_SECONDS=60)"
	@echo "make bench-qr  our QR decoder vs jsQR and zxing-wasm (zxing photo set x4 rotations + synthetic CCCD frames)"
	@echo "make bench-verify  SD-JWT VC + KB-JWT (x5c chain of 2) verifications/s: ours vs @sd-jwt/sd-jwt-vc and jose"

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

wasm: setup
	cargo build --lib --release --target wasm32-unknown-unknown

package: wasm
	node npm/build.mjs $(WASM)

demo: package
	@examples/demo/run.sh

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings

test-rust:
	cargo test

test-node:
	node --test tests/js/node.test.mjs

test-browser:
	node tests/js/browser.mjs

test-package:
	node tests/js/package.mjs

framegen:
	cd tools/framegen && cargo build --release --quiet

test-checkout: framegen
	node tests/js/checkout.mjs

test-onboarding:
	node tests/js/onboarding.mjs

test-framegen:
	cd tools/framegen && cargo test --release --quiet

test: setup-test lint test-rust package test-node test-browser test-package test-checkout test-onboarding test-framegen
	@echo "make test: all suites passed"

FUZZ_SECONDS ?= 60
fuzz:
	rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
	cd fuzz && for t in qr_payload mrz qr_image image_file x509_chain status_list sd_jwt; do cargo +nightly fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS) || exit 1; done

FRAMES := target/bench-frames
FRAME_SEED ?= 20261127
frames: framegen
	@if [ ! -f $(FRAMES)/manifest.json ] || [ "$$(cat $(FRAMES)/.seed 2>/dev/null)" != "$(FRAME_SEED)" ]; then \
	  rm -rf $(FRAMES) && $(FRAMEGEN) frames --seed $(FRAME_SEED) --count 120 --tier mixed --out $(FRAMES) && echo $(FRAME_SEED) > $(FRAMES)/.seed; fi

bench-qr: package frames
	cd bench && { [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json node_modules/.bench-lock || { npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.bench-lock; }; }
	node bench/qr.mjs --frames $(FRAMES)

BENCH_SECONDS ?= 3
bench-verify: package
	cd bench && { [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json node_modules/.bench-lock || { npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.bench-lock; }; }
	node bench/verify.mjs --seconds $(BENCH_SECONDS)

size: package
	@ls -l npm/pkg/dist/wasm/cccd_verify_bg.wasm; gzip -9 -c npm/pkg/dist/wasm/cccd_verify_bg.wasm | wc -c

clean:
	rm -rf target npm/pkg node_modules
