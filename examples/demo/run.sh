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

echo
echo "== SD-JWT VC presentations (DEMO issuer, fixed clock 2026-11-27) =="
sd=examples/demo/sd-jwt
nonce=$(node -e "process.stdout.write(require('./$sd/expected.json').nonce)")
aud=$(node -e "process.stdout.write(require('./$sd/expected.json').audience)")
for f in presentation.valid.txt presentation.tampered-disclosure.rejects.txt presentation.wrong-nonce.rejects.txt; do
  echo "\$ cccd-verify verify $sd/$f --nonce $nonce --aud $aud --anchor $sd/anchor.pem --now 1795737600"
  node "$cli" verify "$sd/$f" --nonce "$nonce" --aud "$aud" --anchor "$sd/anchor.pem" --now 1795737600
  echo "(exit $?)"
  echo
done
echo "\$ cccd-verify verify $sd/presentation.with-status.valid.txt … --trust-list $sd/trust-list.jwt --trust-list-signer $sd/anchor.pem --status-list $sd/status-list.revoked.jwt"
node "$cli" verify "$sd/presentation.with-status.valid.txt" --nonce "$nonce" --aud "$aud" --trust-list "$sd/trust-list.jwt" --trust-list-signer "$sd/anchor.pem" --status-list "$sd/status-list.revoked.jwt" --now 1795737600
echo "(exit $?)"
echo "\$ … the same with $sd/status-list.valid.jwt"
node "$cli" verify "$sd/presentation.with-status.valid.txt" --nonce "$nonce" --aud "$aud" --trust-list "$sd/trust-list.jwt" --trust-list-signer "$sd/anchor.pem" --status-list "$sd/status-list.valid.jwt" --now 1795737600
echo "(exit $?)"

echo
echo "== ISO 18013-5 mdoc DeviceResponses (DEMO IACA, fixed clock 2026-11-27) =="
md=examples/demo/mdoc
echo "\$ cccd-verify verify $md/mdl.annex-c.valid.cbor --session-transcript $md/transcript.annex-c.cbor --anchor $md/iaca.pem --doc-type org.iso.18013.5.1.mDL --now 1795737600"
node "$cli" verify "$md/mdl.annex-c.valid.cbor" --session-transcript "$md/transcript.annex-c.cbor" --anchor "$md/iaca.pem" --doc-type org.iso.18013.5.1.mDL --now 1795737600
echo "(exit $?)"
echo
echo "\$ cccd-verify verify $md/mdl.tampered-element.rejects.cbor --session-transcript $md/transcript.annex-c.cbor --anchor $md/iaca.pem --now 1795737600 --json"
node "$cli" verify "$md/mdl.tampered-element.rejects.cbor" --session-transcript "$md/transcript.annex-c.cbor" --anchor "$md/iaca.pem" --now 1795737600 --json
echo "(exit $?)"
echo
echo "\$ cccd-verify verify $md/pid.oid4vp-dcapi.valid.cbor --session-transcript $md/transcript.oid4vp-dcapi.cbor --vical $md/vical.mdl-only.cbor --vical-signer $md/vical-root.pem --now 1795737600"
node "$cli" verify "$md/pid.oid4vp-dcapi.valid.cbor" --session-transcript "$md/transcript.oid4vp-dcapi.cbor" --vical "$md/vical.mdl-only.cbor" --vical-signer "$md/vical-root.pem" --now 1795737600
echo "(exit $?)"
# ---- ICAO 9303 chips (issue 9 item 7): DEMO chips of tools/demo-chip, fixed clock 2026-11-27 ----
echo
echo "== CCCD chip dumps (DEMO CSCA, brainpoolP512r1; fixed clock 2026-11-27) =="
ch=examples/demo/chip
csca="--csca $ch/pki/csca-1-brainpoolP512r1.pem"
challenge=$(node -e "process.stdout.write(require('./$ch/nguyen-van-an.valid.json').activeAuthentication.challenge)")
for f in nguyen-van-an.valid.json nguyen-van-an.dg13-tampered.rejects.json; do
  echo "\$ cccd-verify chip $ch/$f $csca --challenge $challenge --now 2026-11-27T00:00:00Z"
  node "$cli" chip "$ch/$f" $csca --challenge "$challenge" --now 2026-11-27T00:00:00Z
  echo "(exit $?)"
  echo
done
echo "\$ cccd-verify chip $ch/nguyen-van-an.valid --master-list $ch/masterlist.ml --master-list-signer $ch/pki/ml-root.pem --now 1795737600  (folder of EF files)"
node "$cli" chip "$ch/nguyen-van-an.valid" --master-list "$ch/masterlist.ml" --master-list-signer "$ch/pki/ml-root.pem" --now 1795737600
echo "(exit $?)"
# ---- end ICAO 9303 chips ----
