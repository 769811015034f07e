#!/usr/bin/env bash
# ECDSA verification speed in WebAssembly under Node (docs/benchmarks.md): builds tools/crypto-bench
# (a cdylib over the crate with every crypto family) for wasm32, binds it, runs run.mjs.
# `run.sh --check`: only every vector's outcome in wasm (32-bit limbs), as `make test` runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --target wasm32-unknown-unknown --manifest-path tools/crypto-bench/Cargo.toml --target-dir target
mkdir -p target/crypto-bench
wasm-bindgen --target experimental-nodejs-module --out-dir target/crypto-bench \
  target/wasm32-unknown-unknown/release/crypto_bench.wasm
node tools/crypto-bench/run.mjs "$@"
