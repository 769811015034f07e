#!/usr/bin/env bash
# Every feature of Cargo.toml's [features] must build alone: `cargo check --no-default-features
# --features <one>` for the native target, the library only, plus no feature at all. The list is
# read from the manifest (`cargo metadata`), so a new feature is checked without editing this file.
# `cargo check` only (no codegen), in the usual target dir: the dependencies' metadata is shared,
# each feature set recompiles this crate alone. Errors fail; warnings (code a reduced build leaves
# unused) are only counted.
#   scripts/check-features.sh            every feature
#   scripts/check-features.sh verify mdoc   only these
set -uo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 0 ]; then
  features=("$@")
else
  mapfile -t features < <(cargo metadata --no-deps --format-version 1 --offline 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages.find(p=>p.name==="cccd-verify");
      for (const f of Object.keys(p.features).sort()) if (f !== "default") console.log(f);})')
  if [ ${#features[@]} -eq 0 ]; then echo "check-features: no features read from Cargo.toml" >&2; exit 1; fi
  features=("" "${features[@]}")
fi

failed=()
start=$SECONDS
for f in "${features[@]}"; do
  out=$(cargo check --lib --quiet --message-format short --no-default-features --features "$f" 2>&1)
  rc=$?
  warnings=$(grep -c ': warning: ' <<<"$out")
  if [ $rc -ne 0 ]; then
    failed+=("${f:-<none>}")
    echo "check-features: --features '${f}' does not build alone:" >&2
    grep -E ': error' <<<"$out" >&2
  elif [ "$warnings" -gt 0 ]; then
    echo "check-features: --features '${f}': builds ($warnings warnings)"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "check-features: FAILED alone: ${failed[*]}" >&2
  exit 1
fi
echo "check-features: ${#features[@]} feature sets build alone ($((SECONDS - start)) s)"
