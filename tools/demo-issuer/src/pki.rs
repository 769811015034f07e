//! The demo PKI: every key is 32 repetitions of a published seed byte, every certificate is
//! built by `tests/support/certs.rs` (deterministic DER, RFC 6979 signatures). DEMO ONLY.

use p256::ecdsa::SigningKey;

use crate::card::ISS;
use crate::certs::{CertBuilder, Key, YEAR};

/// Seed bytes of the demo keys (private scalar = the byte repeated 32 times). Published on
/// purpose: anyone can sign with them, so nothing they sign proves anything.
pub mod seed {
    /// "cccd-verify DEMO Root": the SD-JWT VC issuer trust anchor.
    pub const ROOT: u8 = 0xd1;
    /// "cccd-verify DEMO PID Issuer CA".
    pub const ISSUER_CA: u8 = 0xd2;
    /// "cccd-verify DEMO PID Issuer": signs the credentials.
    pub const ISSUER: u8 = 0xd3;
    /// "cccd-verify DEMO Trust List Operator": signs the trust lists (`x5c` = this certificate
    /// alone; pinned anchor: the root, held for `Purpose::TrustListSigner`).
    pub const TRUST_LIST_OPERATOR: u8 = 0xd4;
    /// "cccd-verify DEMO Status List Signer".
    pub const STATUS_LIST_SIGNER: u8 = 0xd5;
    /// The demo holder (wallet) key, in `cnf.jwk`; signs KB-JWTs.
    pub const HOLDER: u8 = 0xd9;
    /// A second chain, under a root nobody trusts (the untrusted-issuer fixture).
    pub const UNTRUSTED_ROOT: u8 = 0xe1;
    pub const UNTRUSTED_CA: u8 = 0xe2;
    pub const UNTRUSTED_ISSUER: u8 = 0xe3;
    /// A trust-list operator under the untrusted root (the untrusted-signer trust list).
    pub const UNTRUSTED_TRUST_LIST_OPERATOR: u8 = 0xe4;
    /// A key that is not the holder's (the KB-JWT-signed-by-another-key fixture).
    pub const OTHER_HOLDER: u8 = 0xe9;
}

pub const ROOT_CN: &str = "cccd-verify DEMO Root";
pub const ISSUER_CA_CN: &str = "cccd-verify DEMO PID Issuer CA";
pub const ISSUER_CN: &str = "cccd-verify DEMO PID Issuer";
pub const TRUST_LIST_OPERATOR_CN: &str = "cccd-verify DEMO Trust List Operator";
pub const STATUS_LIST_SIGNER_CN: &str = "cccd-verify DEMO Status List Signer";
pub const UNTRUSTED_ROOT_CN: &str = "cccd-verify DEMO Untrusted Root";
pub const UNTRUSTED_CA_CN: &str = "cccd-verify DEMO Untrusted Issuer CA";
pub const UNTRUSTED_ISSUER_CN: &str = "cccd-verify DEMO PID Issuer (untrusted chain)";
pub const UNTRUSTED_TRUST_LIST_OPERATOR_CN: &str =
    "cccd-verify DEMO Trust List Operator (untrusted chain)";
pub const TRUST_LIST_SAN: &str = "https://trust-list.demo.cccd-verify.invalid";
pub const STATUS_SAN: &str = "https://status.demo.cccd-verify.invalid";

/// The P-256 signing key of a seed.
pub fn signing_key(seed: u8) -> SigningKey {
    // [seed; 32] is a valid scalar for every seed used here (non-zero, below the group order).
    match SigningKey::from_slice(&[seed; 32]) {
        Ok(k) => k,
        Err(_) => unreachable!("seed {seed:#04x} is not a valid P-256 scalar"),
    }
}

/// One issuing chain: the anchor (not sent), the CA and the end entity (sent as `x5c`).
pub struct Chain {
    pub root: Vec<u8>,
    pub ca: Vec<u8>,
    pub leaf: Vec<u8>,
    pub leaf_key: SigningKey,
}

/// The demo PKI, valid from `now` − 2 years; CAs until `now` + 10 years, end entities until
/// `now` + 5 years.
pub struct Pki {
    pub issuer: Chain,
    pub trust_list_operator: Vec<u8>,
    pub status_list_signer: Vec<u8>,
}

fn chain(now: i64, seeds: [u8; 3], names: [&str; 3], serials: [u64; 3]) -> Chain {
    let [root_seed, ca_seed, leaf_seed] = seeds;
    let [root_cn, ca_cn, leaf_cn] = names;
    let (root_key, ca_key, leaf_key) = (
        Key::p256(root_seed),
        Key::p256(ca_seed),
        Key::p256(leaf_seed),
    );
    let root = CertBuilder::ca(root_cn, &root_key)
        .serial(serials[0])
        .validity(now - 2 * YEAR, now + 10 * YEAR)
        .build();
    let ca = CertBuilder::ca(ca_cn, &ca_key)
        .issued_by(root_cn, &root_key)
        .serial(serials[1])
        .path_len(0)
        .validity(now - 2 * YEAR, now + 10 * YEAR)
        .build();
    let leaf = CertBuilder::leaf(leaf_cn, &leaf_key)
        .issued_by(ca_cn, &ca_key)
        .serial(serials[2])
        .san_uri(ISS)
        .validity(now - 2 * YEAR, now + 5 * YEAR)
        .build();
    Chain {
        root,
        ca,
        leaf,
        leaf_key: signing_key(leaf_seed),
    }
}

impl Pki {
    pub fn demo(now: i64) -> Pki {
        let issuer = chain(
            now,
            [seed::ROOT, seed::ISSUER_CA, seed::ISSUER],
            [ROOT_CN, ISSUER_CA_CN, ISSUER_CN],
            [1, 2, 3],
        );
        let root_key = Key::p256(seed::ROOT);
        let leaf_under_root = |cn: &str, s: u8, serial: u64, san: &str| {
            let key = Key::p256(s);
            CertBuilder::leaf(cn, &key)
                .issued_by(ROOT_CN, &root_key)
                .serial(serial)
                .san_uri(san)
                .validity(now - 2 * YEAR, now + 5 * YEAR)
                .build()
        };
        Pki {
            trust_list_operator: leaf_under_root(
                TRUST_LIST_OPERATOR_CN,
                seed::TRUST_LIST_OPERATOR,
                4,
                TRUST_LIST_SAN,
            ),
            status_list_signer: leaf_under_root(
                STATUS_LIST_SIGNER_CN,
                seed::STATUS_LIST_SIGNER,
                5,
                STATUS_SAN,
            ),
            issuer,
        }
    }

    /// Same shape and SAN URI as the demo issuer, under "cccd-verify DEMO Untrusted Root".
    pub fn untrusted(now: i64) -> Chain {
        chain(
            now,
            [
                seed::UNTRUSTED_ROOT,
                seed::UNTRUSTED_CA,
                seed::UNTRUSTED_ISSUER,
            ],
            [UNTRUSTED_ROOT_CN, UNTRUSTED_CA_CN, UNTRUSTED_ISSUER_CN],
            [101, 102, 103],
        )
    }

    /// A trust-list operator certificate under "cccd-verify DEMO Untrusted Root" (seed 0xe4,
    /// serial 104, same SAN URI as the real operator): it does not chain to the pinned signer
    /// root.
    pub fn untrusted_trust_list_operator(now: i64) -> Vec<u8> {
        let root_key = Key::p256(seed::UNTRUSTED_ROOT);
        CertBuilder::leaf(
            UNTRUSTED_TRUST_LIST_OPERATOR_CN,
            &Key::p256(seed::UNTRUSTED_TRUST_LIST_OPERATOR),
        )
        .issued_by(UNTRUSTED_ROOT_CN, &root_key)
        .serial(104)
        .san_uri(TRUST_LIST_SAN)
        .validity(now - 2 * YEAR, now + 5 * YEAR)
        .build()
    }
}
