#!/usr/bin/env bash
# Installs what the build and the tests need, skipping whatever is already there.
#   scripts/setup.sh build   Rust wasm target + wasm-bindgen CLI (pinned to Cargo.lock) + Node dev packages
#   scripts/setup.sh test    the above + Debian chromium/chromedriver + openssl
# Nothing here downloads from GitHub: every tool comes from rustup, crates.io, Debian or npm.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}
say() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
wb_ver=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ -z "$wb_ver" ]; then echo "setup: wasm-bindgen not found in Cargo.lock" >&2; exit 1; fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wb_ver"; then
  say "installing wasm-bindgen-cli $wb_ver (from crates.io source, ~3 min)"
  # Not --locked: the CLI's own lockfile pins a webpki-roots release the registry index may lack.
  # A debug build without debuginfo compiles twice as fast and is fast enough for our module.
  CARGO_PROFILE_DEV_DEBUG=0 cargo install --debug --force wasm-bindgen-cli --version "$wb_ver"
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js and npm from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nodejs npm >/dev/null
fi

# Node dev packages (binaryen's wasm-opt for the build; playwright-core, typescript, vite for the
# tests): reinstalled only when the lockfile changes.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.setup-lock; then
  say "installing Node dev packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.setup-lock
fi

if [ "$what" = test ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian chromium + chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  # tools/demo-chip's tests check every signature it makes with an independent implementation.
  if ! command -v openssl >/dev/null; then
    say "installing Debian openssl (tools/demo-chip's independent checks)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq openssl >/dev/null
  fi
fi
