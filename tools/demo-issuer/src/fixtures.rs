//! The fixture set of tests/data/sd-jwt/ and examples/demo/sd-jwt/: one valid presentation of
//! a synthetic card, and one presentation per rejection the verifier must make. DEMO ONLY.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::b64;
use crate::card::{claims, Card, Claim, Sd, ISS, VCT};
use crate::certs::{DAY, YEAR};
use crate::pki::{self, seed, signing_key, Chain, Pki};
use crate::sdjwt::{
    self, disclosure, issue, parse_credential, present, salt, Credential, IssueParams, Issued,
};
use crate::status::{self as sl, StatusRef};
use crate::trustlist as tl;

/// The demo card (cccd.md §1.5, synthetic): Căn cước, 11 fields, no CMND.
pub const DEMO_CARD: &str = "079301000789||Lê Thị Cúc|30112001|Nữ|12/3 Đường Số 5, Phường 7, Quận Gò Vấp, TP. Hồ Chí Minh|15082024||||";
/// A second synthetic card (cccd.md §1.5), only to splice a foreign disclosure.
pub const OTHER_CARD: &str = "036305000456||Trần Thị Bình|02092005|Nữ|Thôn Đông, Xã Hải Anh, Huyện Hải Hậu, Nam Định|10052021";
pub const NONCE: &str = "demo-nonce-20261127";
pub const AUD: &str = "origin:https://wallet-onboarding.demo.cccd-verify.invalid";
/// What the valid presentation discloses: name, birthdate, over-18, nationality.
pub const VALID_DISCLOSE: [&str; 5] = [
    "family_name",
    "given_name",
    "birthdate",
    "age_equal_or_over.18",
    "nationalities",
];
/// The notice every generated index carries.
pub const DEMO_NOTICE: &str = "DEMO MATERIAL ONLY: every file in this directory. Synthetic person; every key comes from a seed published in tools/demo-issuer/README.md, so anyone can sign with it. Nothing here identifies a real person or proves anything. Never trust the anchor outside tests and demos.";

/// The salt seed of a credential: the card's ID number and the issuance time, and the status
/// list entry if the credential has one (so that it shares no salt with the credential without).
pub fn salt_seed(card: &Card, iat: i64, status: Option<StatusRef<'_>>) -> String {
    match status {
        None => format!("{}@{iat}", card.id_number),
        Some(s) => format!("{}@{iat}#{}#{}", card.id_number, s.uri, s.idx),
    }
}

/// What varies between the fixtures' credentials.
struct Variant<'a> {
    iat: i64,
    iss: &'a str,
    typ: &'a str,
    chain: &'a Chain,
    include_anchor: bool,
    exp_disclosable: bool,
    status: Option<StatusRef<'a>>,
}

impl<'a> Variant<'a> {
    fn standard(now: i64, chain: &'a Chain) -> Self {
        Variant {
            iat: now,
            iss: ISS,
            typ: "dc+sd-jwt",
            chain,
            include_anchor: false,
            exp_disclosable: false,
            status: None,
        }
    }
}

fn issue_variant(card: &Card, v: &Variant<'_>) -> Issued {
    let exp = v.iat + YEAR;
    let mut cl = claims(card, v.iat, exp);
    if v.exp_disclosable {
        cl.push(Claim {
            name: "exp".into(),
            value: Sd::Plain(json!(exp)),
        });
    }
    let holder = signing_key(seed::HOLDER);
    let mut x5c: Vec<&[u8]> = vec![&v.chain.leaf, &v.chain.ca];
    if v.include_anchor {
        x5c.push(&v.chain.root);
    }
    issue(&IssueParams {
        claims: &cl,
        seed: &salt_seed(card, v.iat, v.status),
        iss: v.iss,
        vct: VCT,
        iat: v.iat,
        exp: (!v.exp_disclosable).then_some(exp),
        typ: v.typ,
        x5c,
        signer: &v.chain.leaf_key,
        holder: holder.verifying_key(),
        status: v.status.map(|s| s.claim()),
        decoys: 2,
    })
}

/// The standard credential for `card` at `now`, with a `status` claim if `status` is given
/// (what `demo-issuer credential` writes).
pub fn issue_card(card: &Card, now: i64, pki: &Pki, status: Option<StatusRef<'_>>) -> Issued {
    issue_variant(
        card,
        &Variant {
            status,
            ..Variant::standard(now, &pki.issuer)
        },
    )
}

fn reparse(issued: &Issued) -> Result<Credential, String> {
    parse_credential(&issued.serialize())
}

/// The processed claims a verifier must return for `chosen` paths of the standard credential.
fn expected_claims(
    card: &Card,
    now: i64,
    chosen: &BTreeSet<String>,
    status: Option<StatusRef<'_>>,
) -> Value {
    let holder = signing_key(seed::HOLDER);
    let mut out = Map::new();
    out.insert("iss".into(), json!(ISS));
    out.insert("vct".into(), json!(VCT));
    out.insert("iat".into(), json!(now));
    out.insert("exp".into(), json!(now + YEAR));
    out.insert(
        "cnf".into(),
        json!({ "jwk": sdjwt::jwk(holder.verifying_key()) }),
    );
    if let Some(s) = status {
        out.insert("status".into(), s.claim());
    }
    for c in claims(card, now, now + YEAR) {
        if !chosen.contains(&c.name) {
            continue;
        }
        let value = match c.value {
            Sd::Plain(v) => v,
            Sd::Object(members) => Value::Object(
                members
                    .into_iter()
                    .filter(|(k, _)| chosen.contains(&format!("{}.{k}", c.name)))
                    .collect(),
            ),
        };
        out.insert(c.name, value);
    }
    Value::Object(out)
}

/// The credential's entry in the demo status list.
pub const STATUS_IDX: u64 = 7;
/// The entries of other (fictitious) credentials in every demo list, all others VALID. Entry 4
/// shares byte 1 with entry 7 and holds 0x03 (application-specific): a reader that takes the
/// entries from the most significant bit lands on it for index 7 and reads neither VALID,
/// INVALID nor SUSPENDED.
pub const OTHER_ENTRIES: [(usize, u8); 4] = [
    (3, sl::INVALID),
    (4, 0x03),
    (12, sl::SUSPENDED),
    (63, sl::INVALID),
];

/// The demo list's values with entry [`STATUS_IDX`] set to `status`.
pub fn demo_list(status: u8) -> Vec<u8> {
    let mut values = vec![sl::VALID; sl::DEFAULT_ENTRIES];
    let entry7 = (usize::try_from(STATUS_IDX).unwrap_or(usize::MAX), status);
    for (i, v) in OTHER_ENTRIES.into_iter().chain([entry7]) {
        if let Some(slot) = values.get_mut(i) {
            *slot = v;
        }
    }
    values
}

/// The Status List Token fixtures, as (file, token, expected.json entry).
fn status_lists(now: i64, pki: &Pki) -> Result<Vec<(String, String, Value)>, String> {
    let signer = signing_key(seed::STATUS_LIST_SIGNER);
    let other_uri = "https://status.demo.cccd-verify.invalid/lists/2";
    // (name, uri, iat, exp, entry 7, expected, description)
    let cases: [(&str, &str, i64, i64, u8, &str, &str); 5] = [
        (
            "valid",
            sl::URI,
            now,
            now + DAY,
            sl::VALID,
            "valid",
            "Entry 7 is VALID (0x00). iat = now, exp = now + 1 day, ttl = 3600 (fresh under TtlPolicy::FromIssuedAt: iat + ttl >= now).",
        ),
        (
            "revoked",
            sl::URI,
            now,
            now + DAY,
            sl::INVALID,
            "invalid",
            "Entry 7 is INVALID (0x01): the credential is revoked. Otherwise as status-list.valid.jwt.",
        ),
        (
            "suspended",
            sl::URI,
            now,
            now + DAY,
            sl::SUSPENDED,
            "suspended",
            "Entry 7 is SUSPENDED (0x02). Otherwise as status-list.valid.jwt.",
        ),
        (
            "wrong-sub",
            other_uri,
            now,
            now + DAY,
            sl::VALID,
            "ERR_STATUS_LIST_SUBJECT_MISMATCH",
            "A genuine, fresh list of the same signer, but for another list (sub https://status.demo.cccd-verify.invalid/lists/2); its entry 7 is VALID. verify_with_anchors with the credential's uri rejects it (check_status would too). A caller that picks among several lists by sub skips it instead, and then has no statement (not checked).",
        ),
        (
            "expired",
            sl::URI,
            now - 2 * DAY,
            now - DAY,
            sl::VALID,
            "ERR_STATUS_LIST_EXPIRED",
            "An old copy of the right list: iat = now - 2 days, exp = now - 1 day (ttl 3600); its entry 7 is VALID. exp is checked before ttl, so the code is EXPIRED, not STALE.",
        ),
    ];
    let mut out = Vec::new();
    for (name, uri, iat, exp, entry7, expected, description) in cases {
        let values = demo_list(entry7);
        let token = sl::token(&sl::ListParams {
            uri,
            bits: sl::DEFAULT_BITS,
            values: &values,
            iat,
            exp: Some(exp),
            ttl: Some(sl::DEFAULT_TTL),
            x5c: vec![&pki.status_list_signer],
            signer: &signer,
        })?;
        let non_zero: Map<String, Value> = values
            .iter()
            .enumerate()
            .filter(|(_, &v)| v != sl::VALID)
            .map(|(i, &v)| (i.to_string(), json!(v)))
            .collect();
        let file = format!("status-list.{name}.jwt");
        let mut entry = json!({
            "file": file,
            "expected": expected,
            "description": description,
            "sub": uri,
            "iat": iat,
            "exp": exp,
            "ttl": sl::DEFAULT_TTL,
            "nonZeroEntries": non_zero,
        });
        if !expected.starts_with("ERR_") {
            if let Some(obj) = entry.as_object_mut() {
                obj.insert("value".into(), json!(entry7));
            }
        }
        out.push((file, token, entry));
    }
    Ok(out)
}

/// What varies between the demo trust lists (`demo-issuer trust-list` and the fixtures).
pub struct DemoList<'a> {
    /// `LoTESequenceNumber`.
    pub sequence: u64,
    /// `ListIssueDateTime` and `NextUpdate`, Unix seconds.
    pub issued: i64,
    pub next_update: i64,
    /// `AllowedVcts` of the PID issuer.
    pub vcts: &'a [&'a str],
    /// Whether the status-list signer's root is listed (a status-list issuer service).
    pub status_service: bool,
    /// Sign with the operator under "cccd-verify DEMO Untrusted Root" (seed 0xe4) instead of
    /// the demo operator.
    pub untrusted_signer: bool,
}

/// A demo trust list: the PID issuer anchored at the DEMO Root (the anchor the presentations'
/// `x5c` = [issuer, issuer CA] ends at) for `vcts`, and the status-list signer's root, the
/// DEMO Root too; signed by the trust-list operator, `x5c` = [operator certificate].
pub fn demo_trust_list(now: i64, pki: &Pki, l: &DemoList<'_>) -> String {
    let status = l.status_service.then_some(pki.issuer.root.as_slice());
    let payload = tl::lote(
        l.sequence,
        l.issued,
        l.next_update,
        tl::demo_entities(&pki.issuer.root, l.vcts, status),
    );
    if l.untrusted_signer {
        let cert = Pki::untrusted_trust_list_operator(now);
        tl::token(
            &payload,
            &[&cert],
            &signing_key(seed::UNTRUSTED_TRUST_LIST_OPERATOR),
        )
    } else {
        tl::token(
            &payload,
            &[&pki.trust_list_operator],
            &signing_key(seed::TRUST_LIST_OPERATOR),
        )
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `CN=…`, as `TrustAnchor::subject()` prints the demo certificates' names.
fn subject(cn: &str) -> String {
    format!("CN={cn}")
}

/// A vct the demo PID issuer is not allowed (the other-vct list allows only this one).
pub const OTHER_VCT: &str = "urn:cccd-verify:pid:vn:2";

/// One trust-list fixture.
struct ListCase {
    name: &'static str,
    list: DemoList<'static>,
    description: &'static str,
    /// (accepted = trust-list.jwt's state?, stale policy) pairs to evaluate.
    runs: &'static [(bool, &'static str)],
}

/// The trust-list fixtures, as (file, token), and the `trustLists` section of expected.json.
fn trust_lists(now: i64, pki: &Pki) -> Result<(Vec<(String, String)>, Value), String> {
    const PID_VCTS: &[&str] = &[VCT];
    const OTHER_VCTS: &[&str] = &[OTHER_VCT];
    let leeway = 60;
    let current = DemoList {
        sequence: 7,
        issued: now - DAY,
        next_update: now + 29 * DAY,
        vcts: PID_VCTS,
        status_service: true,
        untrusted_signer: false,
    };
    let cases = [
        ListCase {
            name: "trust-list.jwt",
            list: DemoList { ..current },
            description: "The current list: sequence 7, ListIssueDateTime = now - 1 day, NextUpdate = now + 29 days. Trusts the DEMO PID issuer (SdJwtVcIssuer service anchored at the DEMO Root, AllowedVcts [urn:cccd-verify:pid:vn:1]) and the status-list signer (StatusListIssuer service anchored at the DEMO Root). Signed by the DEMO Trust List Operator, x5c = [operator]. Its state (sequence 7 and the SHA-256 of these bytes) is trustLists.accepted; verifying it again with that state is accepted (idempotent).",
            runs: &[(false, "hard"), (true, "hard")],
        },
        ListCase {
            name: "trust-list.seq6.jwt",
            list: DemoList {
                sequence: 6,
                issued: now - 15 * DAY,
                next_update: now + 15 * DAY,
                ..current
            },
            description: "The previous list: sequence 6, ListIssueDateTime = now - 15 days, NextUpdate = now + 15 days (still fresh), same entities. Accepted on its own; after trust-list.jwt was accepted it is a rollback.",
            runs: &[(false, "hard"), (true, "hard")],
        },
        ListCase {
            name: "trust-list.seq7-other.jwt",
            list: DemoList {
                status_service: false,
                ..current
            },
            description: "Another list with sequence 7 and the same dates as trust-list.jwt, but other content: the status-list signer entity is missing (the PID issuer entry is unchanged). Accepted on its own; after trust-list.jwt was accepted it is equivocation (same sequence, other bytes).",
            runs: &[(false, "hard"), (true, "hard")],
        },
        ListCase {
            name: "trust-list.stale.jwt",
            list: DemoList {
                sequence: 5,
                issued: now - 31 * DAY,
                next_update: now - DAY,
                ..current
            },
            description: "An old list: sequence 5, ListIssueDateTime = now - 31 days, NextUpdate = now - 1 day; same entities as trust-list.jwt. Rejected as stale under StalePolicy::Hard; accepted and flagged stale under Warn (the credential verifies, trustList.stale = true). After trust-list.jwt was accepted it is a rollback: security failures are reported before staleness.",
            runs: &[(false, "hard"), (false, "warn"), (true, "hard")],
        },
        ListCase {
            name: "trust-list.other-vct.jwt",
            list: DemoList {
                sequence: 8,
                issued: now - DAY / 2,
                next_update: now - DAY / 2 + 30 * DAY,
                vcts: OTHER_VCTS,
                ..current
            },
            description: "A newer list (sequence 8, ListIssueDateTime = now - 12 hours, NextUpdate 30 days later) in which the DEMO PID issuer may issue only urn:cccd-verify:pid:vn:2: the list verifies (also after trust-list.jwt), but the credential's vct urn:cccd-verify:pid:vn:1 is not allowed (exact match, no wildcard).",
            runs: &[(false, "hard"), (true, "hard")],
        },
        ListCase {
            name: "trust-list.untrusted-signer.jwt",
            list: DemoList {
                untrusted_signer: true,
                ..current
            },
            description: "The payload of trust-list.jwt, byte for byte, signed by \"cccd-verify DEMO Trust List Operator (untrusted chain)\" (seed 0xe4, serial 104, same SAN URI), issued by \"cccd-verify DEMO Untrusted Root\", which is not pinned: x5c does not chain to the pinned signer anchor.",
            runs: &[(false, "hard")],
        },
    ];

    let root_fp = b64::encode_url(&Sha256::digest(&pki.issuer.root));
    let issuer_entry = |vcts: &[&str]| {
        json!({
            "name": tl::PID_ISSUER_NAME_VI,
            "purpose": "sdJwtVcIssuer",
            "anchors": [{ "subject": subject(pki::ROOT_CN), "fingerprint": root_fp }],
            "vcts": vcts,
        })
    };
    let status_entry = json!({
        "name": tl::STATUS_NAME_VI,
        "purpose": "statusListIssuer",
        "anchors": [{ "subject": subject(pki::ROOT_CN), "fingerprint": root_fp }],
        "vcts": [],
    });

    let mut files = Vec::new();
    let mut index = Vec::new();
    let mut accepted_state: Option<(u64, [u8; 32])> = None;
    for c in &cases {
        let l = &c.list;
        let jws = demo_trust_list(now, pki, l);
        // The rollback state covers the signed payload (docs/trust-list.md, "What the digest covers").
        let payload = jws
            .split('.')
            .nth(1)
            .and_then(b64::decode_url)
            .ok_or("trust list payload")?;
        let digest: [u8; 32] = Sha256::digest(&payload).into();
        if accepted_state.is_none() {
            // trust-list.jwt comes first: every "accepted" run uses its state.
            accepted_state = Some((l.sequence, digest));
        }
        let (acc_seq, acc_digest) = accepted_state.ok_or("no accepted state")?;
        let mut runs = Vec::new();
        for &(with_state, stale_policy) in c.runs {
            let stale = now > l.next_update;
            // verify_trust_list, rules in order: signer (4), rollback (7), staleness (9).
            let list_err: Option<(&str, Value)> = if l.untrusted_signer {
                Some((
                    "ERR_CERT_UNKNOWN_ISSUER",
                    json!({ "purpose": "trustListSigner", "anchors": 1 }),
                ))
            } else if with_state && l.sequence < acc_seq {
                Some((
                    "ERR_TRUST_LIST_ROLLBACK",
                    json!({ "sequence": l.sequence, "accepted": acc_seq }),
                ))
            } else if with_state && l.sequence == acc_seq && digest != acc_digest {
                Some((
                    "ERR_TRUST_LIST_EQUIVOCATION",
                    json!({ "sequence": l.sequence }),
                ))
            } else if stale && stale_policy == "hard" {
                Some((
                    "ERR_TRUST_LIST_STALE",
                    json!({ "nextUpdate": l.next_update }),
                ))
            } else {
                None
            };
            let (list_outcome, vc_outcome) = match list_err {
                Some((code, params)) => (
                    json!({ "expected": code, "params": params }),
                    json!({ "expected": code, "params": params, "failsAt": "verifyTrustList" }),
                ),
                None => {
                    let list_ok = json!({
                        "expected": "ok",
                        "sequence": l.sequence,
                        "issuedAt": l.issued,
                        "nextUpdate": l.next_update,
                        "stale": stale,
                        "ageSeconds": now - l.issued,
                        "accepted": { "sequence": l.sequence, "digest": b64::encode_url(&digest) },
                    });
                    let vc = if l.vcts.contains(&VCT) {
                        json!({
                            "expected": "ok",
                            "trustList": {
                                "sequence": l.sequence,
                                "stale": stale,
                                "nextUpdate": l.next_update,
                                "issuerName": tl::PID_ISSUER_NAME_VI,
                            },
                        })
                    } else {
                        json!({
                            "expected": "ERR_TRUST_LIST_VCT_NOT_ALLOWED",
                            "params": { "vct": VCT },
                            "failsAt": "verifySdJwtVcWithList",
                        })
                    };
                    (list_ok, vc)
                }
            };
            let accepted = if with_state {
                json!({
                    "file": "trust-list.jwt",
                    "sequence": acc_seq,
                    "digest": b64::encode_url(&acc_digest),
                    "digestHex": hex(&acc_digest),
                })
            } else {
                Value::Null
            };
            runs.push(json!({
                "accepted": accepted,
                "stale": stale_policy,
                "verifyTrustList": list_outcome,
                "verifySdJwtVcWithList": vc_outcome,
            }));
        }
        let mut entries = vec![issuer_entry(l.vcts)];
        if l.status_service {
            entries.push(status_entry.clone());
        }
        let signer = if l.untrusted_signer {
            json!({ "subject": pki::UNTRUSTED_TRUST_LIST_OPERATOR_CN, "issuer": pki::UNTRUSTED_ROOT_CN })
        } else {
            json!({ "subject": pki::TRUST_LIST_OPERATOR_CN, "issuer": pki::ROOT_CN })
        };
        index.push(json!({
            "file": c.name,
            "description": c.description,
            "sequence": l.sequence,
            "listIssueDateTime": tl::rfc3339(l.issued),
            "nextUpdate": tl::rfc3339(l.next_update),
            "signer": signer,
            "sha256": { "hex": hex(&digest), "base64url": b64::encode_url(&digest) },
            "entries": entries,
            "runs": runs,
        }));
        files.push((c.name.to_string(), jws));
    }
    let (acc_seq, acc_digest) = accepted_state.ok_or("no accepted state")?;
    let section = json!({
        "note": "Each list file is verified with verify_trust_list(jws, &ListPolicy { signers: [signerAnchors as Purpose::TrustListSigner], accepted, stale, now, leeway, budget: ListBudget::default() }) for each of its runs (accepted: null or the state given; stale: \"hard\" = StalePolicy::Hard, \"warn\" = StalePolicy::Warn). verifyTrustList is the outcome: \"ok\" with the TrustList::to_json members given (accepted.digest base64url), or the error's code() and params(). If the list is accepted, verify_sd_jwt_vc_with_list(presentation, &list, IssuerBinding::SanUriOrDns, &policy) follows, with the top-level policy (its anchors are not used: the list's SdJwtVcIssuer anchors replace them); verifySdJwtVcWithList is \"ok\" with TrustedVc::to_json().trustList, or the code that stops the procedure and failsAt, the step that fails (verifyTrustList or verifySdJwtVcWithList). entries is TrustList::to_json().entries (fingerprint = base64url SHA-256 of the DER).",
        "signerAnchors": [{ "file": "anchor.pem", "purpose": "trustListSigner", "subject": pki::ROOT_CN }],
        "signerAnchorNote": "There is no trust-list-signer-anchor.pem: the trust-list operator certificate is issued directly by the DEMO Root, so the pinned trust-list signer anchor is anchor.pem, held a third time, as a TrustAnchor for Purpose::TrustListSigner. The list can never name trust-list signers itself. A real deployment would pin a separate root.",
        "signer": {
            "subject": pki::TRUST_LIST_OPERATOR_CN,
            "issuer": pki::ROOT_CN,
            "sanUri": pki::TRUST_LIST_SAN,
            "keyUsage": ["digitalSignature"],
            "x5c": [pki::TRUST_LIST_OPERATOR_CN],
            "note": "An end entity (no basicConstraints; keyUsage digitalSignature only, critical), as verify_path requires of x5c[0]. x5c is the operator certificate alone (issued directly by the root; anchor excluded).",
        },
        "issuerAnchor": {
            "file": "anchor.pem",
            "subject": pki::ROOT_CN,
            "note": "The PID issuer's SdJwtVcIssuer service lists the DEMO Root: the presentations' x5c is [issuer, issuer CA], so the path ends at the root. Listing the issuer CA instead would make every presentation fail with ERR_CERT_ANCHOR_IN_CHAIN (HAIP: the anchor must not be in x5c, and the fixtures send the CA). The status-list signer's service lists the same root; verify_sd_jwt_vc_with_list passes only the SdJwtVcIssuer anchors, and list.anchors(Purpose::StatusListIssuer) (the DEMO Root) gives the statusLists outcomes unchanged.",
        },
        "policy": {
            "now": now,
            "leeway": leeway,
            "stale": "hard",
            "budget": "ListBudget::default()",
        },
        "presentation": "presentation.valid.txt",
        "issuerBinding": "SanUriOrDns",
        "accepted": {
            "file": "trust-list.jwt",
            "sequence": acc_seq,
            "digest": b64::encode_url(&acc_digest),
            "digestHex": hex(&acc_digest),
            "note": "TrustList::accepted() of trust-list.jwt: the rollback state passed as ListPolicy::accepted in the runs whose accepted is not null (digest: SHA-256 of the signed payload, the decoded JWS payload bytes; base64url as in the JS API and TrustList::to_json, hex for reading).",
        },
        "lists": index,
    });
    Ok((files, section))
}

struct Case {
    file: String,
    expected: &'static str,
    description: &'static str,
    presentation: String,
    claims: Option<Value>,
}

/// Every fixture file, as (name, bytes), in a fixed order.
pub fn fixtures(now: i64) -> Result<Vec<(String, Vec<u8>)>, String> {
    let pki = Pki::demo(now);
    let untrusted = Pki::untrusted(now);
    let card = Card::parse(DEMO_CARD)?;
    let other = Card::parse(OTHER_CARD)?;
    let holder = signing_key(seed::HOLDER);
    let std = Variant::standard(now, &pki.issuer);

    let issued = issue_variant(&card, &std);
    let cred = reparse(&issued)?;
    let chosen = cred.expand(&VALID_DISCLOSE)?;
    let valid = cred.select(&VALID_DISCLOSE)?;
    let pres = |discs: &[String]| present(&cred.jwt, discs, &holder, NONCE, AUD, now);
    let mut cases = Vec::new();
    let mut case = |name: &str,
                    expected: &'static str,
                    description: &'static str,
                    presentation: String,
                    claims: Option<Value>| {
        cases.push(Case {
            file: format!("presentation.{name}.txt"),
            expected,
            description,
            presentation,
            claims,
        });
    };

    case(
        "valid",
        "ok",
        "Discloses family_name, given_name, birthdate, age_equal_or_over.18 and nationalities; key binding with the expected nonce and audience, iat = now.",
        pres(&valid),
        Some(expected_claims(&card, now, &chosen, None)),
    );
    let age_only = ["age_equal_or_over.18"];
    case(
        "age-only.valid",
        "ok",
        "Discloses only age_equal_or_over.18 (the object disclosure and its \"18\" member): proof of age without name or birthdate.",
        pres(&cred.select(&age_only)?),
        Some(expected_claims(&card, now, &cred.expand(&age_only)?, None)),
    );
    // The same card's credential with a Token Status List reference, presented like the
    // valid one; the status lists below give its entry's status.
    let status_ref = StatusRef {
        idx: STATUS_IDX,
        uri: sl::URI,
    };
    let with_status = issue_variant(
        &card,
        &Variant {
            status: Some(status_ref),
            ..Variant::standard(now, &pki.issuer)
        },
    );
    let status_cred = reparse(&with_status)?;
    case(
        "with-status.valid",
        "ok",
        "Like presentation.valid.txt, from a credential that also carries the non-disclosable claim status = {status_list: {idx: 7, uri: https://status.demo.cccd-verify.invalid/lists/1}} (its own salts). Its revocation status is in the statusLists section.",
        present(
            &status_cred.jwt,
            &status_cred.select(&VALID_DISCLOSE)?,
            &holder,
            NONCE,
            AUD,
            now,
        ),
        Some(expected_claims(
            &card,
            now,
            &status_cred.expand(&VALID_DISCLOSE)?,
            Some(status_ref),
        )),
    );

    // The birthdate disclosure re-encoded with another value (same salt), key binding re-made
    // by the holder over the altered presentation: only the digest check can catch it.
    let birthdate = cred
        .items
        .iter()
        .find(|(p, _)| p == "birthdate")
        .map(|(_, d)| d.clone())
        .ok_or("no birthdate disclosure")?;
    let forged = disclosure(
        &salt(&salt_seed(&card, now, None), "birthdate"),
        "birthdate",
        &json!("1990-11-30"),
    );
    let tampered: Vec<String> = valid
        .iter()
        .map(|d| {
            if *d == birthdate {
                forged.clone()
            } else {
                d.clone()
            }
        })
        .collect();
    case(
        "tampered-disclosure.rejects",
        "ERR_SDJWT_UNREFERENCED_DISCLOSURE",
        "The birthdate disclosure's bytes changed (value 2001-11-30 -> 1990-11-30, same salt), KB-JWT re-signed over the altered presentation: its digest is in no _sd array.",
        pres(&tampered),
        None,
    );
    case(
        "wrong-nonce.rejects",
        "ERR_KB_NONCE_MISMATCH",
        "KB-JWT nonce is demo-nonce-20261126 (a previous session's), not the expected one: replay.",
        present(&cred.jwt, &valid, &holder, "demo-nonce-20261126", AUD, now),
        None,
    );
    case(
        "wrong-audience.rejects",
        "ERR_KB_AUDIENCE_MISMATCH",
        "KB-JWT aud is another origin (origin:https://attacker.demo.cccd-verify.invalid): a presentation made for another verifier.",
        present(
            &cred.jwt,
            &valid,
            &holder,
            NONCE,
            "origin:https://attacker.demo.cccd-verify.invalid",
            now,
        ),
        None,
    );
    case(
        "kb-stripped.rejects",
        "ERR_KB_MISSING",
        "The valid presentation without its KB-JWT (ends in '~'): key binding is required by policy, never inferred from the token.",
        sdjwt::sd_jwt(&cred.jwt, &valid),
        None,
    );
    let other_issued = issue_variant(&other, &Variant::standard(now, &pki.issuer));
    let spliced = reparse(&other_issued)?
        .select(&["personal_administrative_number"])?
        .into_iter()
        .next()
        .ok_or("no disclosure to splice")?;
    let mut with_spliced = valid.clone();
    with_spliced.push(spliced);
    case(
        "unreferenced-disclosure.rejects",
        "ERR_SDJWT_UNREFERENCED_DISCLOSURE",
        "A genuine disclosure spliced in from another person's credential (same issuer): no digest of this credential references it. KB-JWT covers it.",
        pres(&with_spliced),
        None,
    );
    let mut duplicated = valid.clone();
    duplicated.push(birthdate.clone());
    case(
        "duplicate-disclosure.rejects",
        "ERR_SDJWT_DUPLICATE_DIGEST",
        "The birthdate disclosure presented twice. KB-JWT covers both.",
        pres(&duplicated),
        None,
    );
    let sex = cred
        .select(&["sex"])?
        .into_iter()
        .next()
        .ok_or("no sex disclosure")?;
    let kb = sdjwt::kb_jwt(&holder, &sdjwt::sd_jwt(&cred.jwt, &valid), NONCE, AUD, now);
    let mut added = valid.clone();
    added.push(sex);
    case(
        "sd-hash-mismatch.rejects",
        "ERR_KB_SD_HASH_MISMATCH",
        "A genuine disclosure (sex) added after the holder signed the KB-JWT: sd_hash no longer matches.",
        format!("{}{kb}", sdjwt::sd_jwt(&cred.jwt, &added)),
        None,
    );
    case(
        "kb-stale.rejects",
        "ERR_KB_IAT",
        "KB-JWT iat is one hour before now (max_age 300 s).",
        present(&cred.jwt, &valid, &holder, NONCE, AUD, now - 3600),
        None,
    );
    case(
        "kb-wrong-key.rejects",
        "ERR_JWS_SIGNATURE_INVALID",
        "KB-JWT signed by a key other than cnf.jwk (seed 0xe9).",
        present(
            &cred.jwt,
            &valid,
            &signing_key(seed::OTHER_HOLDER),
            NONCE,
            AUD,
            now,
        ),
        None,
    );

    // The issuer JWT's payload edited (exp pushed 10 years out), signature kept.
    let mut jwt_parts = cred.jwt.split('.');
    let (Some(h), Some(_), Some(sig)) = (jwt_parts.next(), jwt_parts.next(), jwt_parts.next())
    else {
        return Err("issuer JWT is not a compact JWS".into());
    };
    let mut edited = cred.payload.clone();
    edited.insert("exp".into(), json!(now + 10 * YEAR));
    let edited_jwt = format!(
        "{h}.{}.{sig}",
        b64::encode_url(Value::Object(edited).to_string().as_bytes())
    );
    case(
        "tampered-issuer-jwt.rejects",
        "ERR_JWS_SIGNATURE_INVALID",
        "The issuer JWT's payload edited (exp + 10 years) with the original signature; KB-JWT re-signed over the edited presentation.",
        present(&edited_jwt, &valid, &holder, NONCE, AUD, now),
        None,
    );

    let variant_case = |v: &Variant<'_>| -> Result<String, String> {
        let c = reparse(&issue_variant(&card, v))?;
        let mut disclose: Vec<&str> = VALID_DISCLOSE.to_vec();
        if v.exp_disclosable {
            disclose.push("exp");
        }
        Ok(present(
            &c.jwt,
            &c.select(&disclose)?,
            &holder,
            NONCE,
            AUD,
            now,
        ))
    };
    case(
        "expired.rejects",
        "ERR_TOKEN_EXPIRED",
        "Credential issued 366 days before now with the profile's 1-year validity: exp is one day before now (leeway 60 s). KB-JWT is fresh.",
        variant_case(&Variant {
            iat: now - YEAR - DAY,
            ..Variant::standard(now, &pki.issuer)
        })?,
        None,
    );
    case(
        "untrusted-issuer.rejects",
        "ERR_CERT_UNKNOWN_ISSUER",
        "Same iss and SAN URI, but x5c chains to \"cccd-verify DEMO Untrusted Root\" (seeds 0xe1-0xe3), which is not an anchor.",
        variant_case(&Variant::standard(now, &untrusted))?,
        None,
    );
    case(
        "iss-mismatch.rejects",
        "ERR_ISSUER_BINDING_MISMATCH",
        "Signed by the trusted demo issuer, but iss is https://other-issuer.demo.cccd-verify.invalid, which is not in the certificate's SAN (IssuerBinding::SanUriOrDns).",
        variant_case(&Variant {
            iss: "https://other-issuer.demo.cccd-verify.invalid",
            ..Variant::standard(now, &pki.issuer)
        })?,
        None,
    );
    case(
        "anchor-in-x5c.rejects",
        "ERR_CERT_ANCHOR_IN_CHAIN",
        "x5c carries the root after the issuer CA; HAIP 1.0 §6.1.1 forbids the trust anchor in x5c.",
        variant_case(&Variant {
            include_anchor: true,
            ..Variant::standard(now, &pki.issuer)
        })?,
        None,
    );
    case(
        "legacy-typ.rejects",
        "ERR_SDJWT_TYP",
        "Issuer JWT typ is the pre-draft-06 vc+sd-jwt; the policy does not accept legacy typ.",
        variant_case(&Variant {
            typ: "vc+sd-jwt",
            ..Variant::standard(now, &pki.issuer)
        })?,
        None,
    );
    case(
        "non-disclosable-claim.rejects",
        "ERR_SDJWT_NON_DISCLOSABLE_CLAIM",
        "A misbehaving issuer made exp selectively disclosable (and disclosed): SD-JWT VC forbids it for iss, nbf, exp, cnf, vct, vct#integrity, status.",
        variant_case(&Variant {
            exp_disclosable: true,
            ..Variant::standard(now, &pki.issuer)
        })?,
        None,
    );

    let chain = &pki.issuer;
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "holder-key.demo.jwk".into(),
            crate::sdjwt::demo_private_jwk(
                &signing_key(seed::HOLDER),
                seed::HOLDER,
                "holder (wallet)",
            ),
        ),
        (
            "anchor.pem".into(),
            b64::pem("CERTIFICATE", &chain.root).into_bytes(),
        ),
        (
            "issuer-chain.pem".into(),
            format!(
                "{}{}",
                b64::pem("CERTIFICATE", &chain.leaf),
                b64::pem("CERTIFICATE", &chain.ca)
            )
            .into_bytes(),
        ),
        ("credential.txt".into(), issued.serialize().into_bytes()),
        (
            "credential.with-status.txt".into(),
            with_status.serialize().into_bytes(),
        ),
    ];
    let mut index = Vec::new();
    for c in cases {
        let mut entry = json!({
            "file": c.file,
            "expected": c.expected,
            "description": c.description,
        });
        if let (Some(claims), Some(obj)) = (c.claims, entry.as_object_mut()) {
            obj.insert("claims".into(), claims);
        }
        index.push(entry);
        files.push((c.file, c.presentation.into_bytes()));
    }
    let mut lists = Vec::new();
    for (file, token, entry) in status_lists(now, &pki)? {
        lists.push(entry);
        files.push((file, token.into_bytes()));
    }
    let (trust_list_files, trust_lists_section) = trust_lists(now, &pki)?;
    for (file, token) in trust_list_files {
        files.push((file, token.into_bytes()));
    }
    let expected = json!({
        "DEMO_ONLY": DEMO_NOTICE,
        "generator": format!("tools/demo-issuer: demo-issuer fixtures --now {now} --out DIR"),
        "now": now,
        "nonce": NONCE,
        "audience": AUD,
        "card": DEMO_CARD,
        "vct": VCT,
        "iss": ISS,
        "policy": {
            "algorithms": ["ES256"],
            "sdAlgs": ["sha-256"],
            "keyBinding": { "nonce": NONCE, "audience": AUD, "maxAge": 300 },
            "leeway": 60,
            "acceptLegacyTyp": false,
            "requiredClaims": ["iss", "vct"],
            "issuerBinding": "SanUriOrDns",
            "anchors": [{ "file": "anchor.pem", "purpose": "sdJwtVcIssuer", "subject": pki::ROOT_CN }],
        },
        "issuerChain": {
            "file": "issuer-chain.pem",
            "subjects": [pki::ISSUER_CN, pki::ISSUER_CA_CN],
            "note": "The x5c of every trusted presentation: end entity first, anchor excluded.",
        },
        "credential": {
            "file": "credential.txt",
            "note": "The issued SD-JWT VC with every disclosure and no KB-JWT (the holder's copy; input of demo-issuer present). Verifies without key binding (keyBinding: null); with the policy above it is ERR_KB_MISSING.",
            "disclosures": issued.disclosures.len(),
        },
        "presentations": index,
        "statusLists": {
            "note": "Revocation of presentation.with-status.valid.txt. For each list: verify the presentation (policy above), then StatusListToken::verify_with_anchors(list, statusLists.anchors, [ES256], now, expected_uri = the credential's status.status_list.uri, StatusBudget::default()), then check_status(claims.status, list). expected is the verdict of check_status (the registry name in lower case; value is the raw entry) or the code of the error that stops the procedure.",
            "uri": sl::URI,
            "idx": STATUS_IDX,
            "presentation": "presentation.with-status.valid.txt",
            "credential": {
                "file": "credential.with-status.txt",
                "note": "The issued credential with the status claim, every disclosure, no KB-JWT (input of demo-issuer present).",
                "disclosures": with_status.disclosures.len(),
            },
            "anchors": [{ "file": "anchor.pem", "purpose": "statusListIssuer", "subject": pki::ROOT_CN }],
            "anchorNote": "The same DEMO Root as policy.anchors, held as a second TrustAnchor for Purpose::StatusListIssuer (an anchor serves one purpose). A real deployment would use a separate root.",
            "signer": {
                "subject": pki::STATUS_LIST_SIGNER_CN,
                "issuer": pki::ROOT_CN,
                "sanUri": pki::STATUS_SAN,
                "keyUsage": ["digitalSignature"],
                "x5c": [pki::STATUS_LIST_SIGNER_CN],
                "note": "x5c is the signer certificate alone (issued directly by the root; anchor excluded).",
            },
            "policy": {
                "algorithms": ["ES256"],
                "now": now,
                "budget": "StatusBudget::default()",
                "ttl": "FromIssuedAt",
            },
            "bits": sl::DEFAULT_BITS,
            "entries": sl::DEFAULT_ENTRIES,
            "lists": lists,
        },
        "trustLists": trust_lists_section,
    });
    let mut text = serde_json::to_string_pretty(&expected).map_err(|e| e.to_string())?;
    text.push('\n');
    files.push(("expected.json".into(), text.into_bytes()));
    Ok(files)
}
