#!/usr/bin/env bash
# Runs the packaged CLI (wasm under Node) on every demo payload, then once with the MRZ.
set -u
cd "$(dirname "$0")/../.."
cli=npm/pkg/dist/cli.js
now=${DEMO_NOW:-2026-11-27}
grep -v '^#' examples/demo/payloads.txt | grep -v '^$' | while IFS= read -r payload; do
  echo "\$ cccd-verify parse --now $now \"${payload:0:40}…\""
  node "$cli" parse --now "$now" "$payload"
  echo "(exit $?)"
  echo
done
payload=$(grep -v '^#' examples/demo/payloads.txt | head -n1)
echo "\$ cccd-verify parse --lang vi --mrz \"\$(cat examples/demo/mrz-nguyen-van-an.txt)\" --json \"${payload:0:40}…\"  (excerpt)"
node "$cli" parse --now "$now" --lang vi --mrz "$(cat examples/demo/mrz-nguyen-van-an.txt)" --json "$payload" | head -n 40
echo "(exit ${PIPESTATUS[0]})"
