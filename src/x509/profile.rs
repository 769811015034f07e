//! Named certificate profiles: which anchors a path may end at, and the rules on top of the
//! RFC 5280 path checks that one kind of signer's certificates must meet (`docs/x509.md`,
//! "Profiles").

use std::borrow::Cow;

use super::Purpose;
use crate::crypto::{Curve, Hash, SigAlg};

/// DER contents of the OIDs the profiles name.
pub(super) mod oid {
    /// id-ce-policyMappings, 2.5.29.33
    pub const POLICY_MAPPINGS: &[u8] = &[0x55, 0x1d, 0x21];
    /// id-ce-nameConstraints, 2.5.29.30
    pub const NAME_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x1e];
    /// id-ce-policyConstraints, 2.5.29.36
    pub const POLICY_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x24];
    /// id-ce-inhibitAnyPolicy, 2.5.29.54
    pub const INHIBIT_ANY_POLICY: &[u8] = &[0x55, 0x1d, 0x36];
    /// id-ce-freshestCRL, 2.5.29.46
    pub const FRESHEST_CRL: &[u8] = &[0x55, 0x1d, 0x2e];
}

/// Extended key usage of ISO 18013-5 Document Signer certificates, `id-mdl-kp-mdlDS`
/// (`shared/domain/presentations.md` §2.4).
pub const EKU_MDL_DS: &str = "1.0.18013.5.1.2";
/// Extended key usage of ISO 18013-5 VICAL signer certificates
/// (`shared/domain/presentations.md` §2.4, §4).
pub const EKU_VICAL_SIGNER: &str = "1.0.18013.5.1.8";
/// Extended key usage of ICAO CSCA master list signer certificates,
/// `id-icao-cscaMasterListSigningKey` (`shared/domain/presentations.md` §4).
pub const EKU_CSCA_MASTER_LIST_SIGNER: &str = "2.23.136.1.1.3";

/// Whether `x5c` may end with a copy of the trust anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum AnchorCopy {
    /// No chain element may be an anchor (HAIP 1.0 §6.1.1): `ERR_CERT_ANCHOR_IN_CHAIN`.
    Reject,
    /// The last element may be a byte-identical copy of an anchor of the profile's purpose; it
    /// is then set aside (it adds nothing: the anchor itself is used). Any other anchor in the
    /// chain is still rejected.
    IgnoreLast,
}

/// Which issuing certificates may stand between the end entity and the anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Intermediates {
    /// Any CA certificates (RFC 5280 rules and pathLenConstraint).
    Any,
    /// None: the anchor issues the end entity directly.
    None,
    /// Only self-issued CA certificates (subject = issuer): the link certificates a root
    /// issues to its own next key.
    LinksOnly,
}

/// The rules one kind of signer's certificate path must meet, on top of those `verify_path`
/// applies to every path; see `docs/x509.md`, "Profiles", for what each one checks and where
/// the rules come from.
///
/// Build one with a named constructor. [`Profile::for_purpose`] gives the rules
/// [`super::verify_path`] has always applied (those of HAIP 1.0 §6.1.1) for any purpose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub(super) name: &'static str,
    pub(super) purpose: Purpose,
    pub(super) anchor_copy: AnchorCopy,
    pub(super) intermediates: Intermediates,
    /// The end entity's extended key usage must list this OID (dotted).
    pub(super) eku: Option<Cow<'static, str>>,
    /// The end entity's extKeyUsage must be critical (checked with `eku`).
    pub(super) eku_critical: bool,
    /// The end entity must have keyUsage (with digitalSignature), marked critical.
    pub(super) leaf_key_usage_critical: bool,
    /// The end entity must have keyUsage (with digitalSignature), critical or not.
    pub(super) leaf_key_usage_required: bool,
    /// The end entity's keyUsage may have nonRepudiation (contentCommitment) in place of
    /// digitalSignature.
    pub(super) leaf_non_repudiation_signs: bool,
    /// The end entity must have authorityKeyIdentifier and subjectKeyIdentifier.
    pub(super) leaf_key_ids: bool,
    /// Extensions no certificate of the path (anchor included) may carry, critical or not.
    pub(super) forbidden: &'static [&'static [u8]],
    /// The anchor must be self-signed (its own signature verifies with its key).
    pub(super) anchor_self_signed: bool,
    /// The anchor must have the ISO 18013-5 IACA form (`shared/domain/presentations.md` §2.4):
    /// critical basicConstraints with pathLenConstraint 0, critical keyUsage keyCertSign +
    /// cRLSign, subjectKeyIdentifier.
    pub(super) anchor_iaca_form: bool,
    /// The signature algorithms accepted on the path (certificate signatures, and the keys
    /// they need).
    pub(super) algorithms: Cow<'static, [SigAlg]>,
    /// Intermediates do not count against pathLenConstraint (see
    /// [`Profile::allow_renamed_links`]).
    pub(super) links_exempt_from_path_len: bool,
}

impl Profile {
    /// Today's rules for `purpose`: HAIP 1.0 §6.1.1 (`shared/spec/openid4vc-haip-1.0.md`): the
    /// anchor is not in `x5c` and the end entity is not self-signed, with the RFC 5280 checks;
    /// no extended key usage is checked.
    fn haip(name: &'static str, purpose: Purpose) -> Profile {
        Profile {
            name,
            purpose,
            anchor_copy: AnchorCopy::Reject,
            intermediates: Intermediates::Any,
            eku: None,
            eku_critical: false,
            leaf_key_usage_critical: false,
            leaf_key_usage_required: false,
            leaf_non_repudiation_signs: false,
            leaf_key_ids: false,
            forbidden: &[],
            anchor_self_signed: false,
            anchor_iaca_form: false,
            algorithms: Cow::Borrowed(&super::signature::HAIP),
            links_exempt_from_path_len: false,
        }
    }

    /// The rules [`super::verify_path`] applies for `purpose`: the HAIP ones below for the
    /// three purposes that have them, and the same rules, named after the purpose
    /// (`"mdocIaca"`, `"icaoCsca"`), for [`Purpose::MdocIaca`] and [`Purpose::IcaoCsca`] (use
    /// [`Profile::mdoc_document_signer`] or [`Profile::icao_document_signer`] for their own
    /// profiles).
    pub fn for_purpose(purpose: Purpose) -> Profile {
        match purpose {
            Purpose::SdJwtVcIssuer => Profile::haip_sd_jwt_vc_issuer(),
            Purpose::TrustListSigner => Profile::trust_list_signer(),
            Purpose::StatusListIssuer => Profile::status_list_signer(),
            Purpose::MdocIaca | Purpose::IcaoCsca => Profile::haip(purpose.name(), purpose),
        }
    }

    /// SD-JWT VC issuers (`x5c` of the issuer-signed JWT), HAIP 1.0 §6.1.1 and
    /// `shared/domain/presentations.md` §1.6. Anchors: [`Purpose::SdJwtVcIssuer`].
    pub fn haip_sd_jwt_vc_issuer() -> Profile {
        Profile::haip("haipSdJwtVcIssuer", Purpose::SdJwtVcIssuer)
    }

    /// Signers of our JSON trust lists (`docs/trust-list.md`), with the HAIP rules. Anchors:
    /// [`Purpose::TrustListSigner`]. No extended key usage is checked by default (no OID is
    /// defined for these lists); [`Profile::require_eku`] makes one required.
    pub fn trust_list_signer() -> Profile {
        Profile::haip("trustListSigner", Purpose::TrustListSigner)
    }

    /// Signers of Token Status Lists, with the HAIP rules (HAIP 1.0: "The X.509 certificate
    /// of the trust anchor MUST NOT be included in the `x5c`" of the Status List Token).
    /// Anchors: [`Purpose::StatusListIssuer`]. The draft's `id-kp-oauthStatusSigning` has no
    /// OID assigned yet (`shared/spec/draft-ietf-oauth-status-list.md`, "X.509 Certificate
    /// Extended Key Usage Extension"), and the draft lets the credential's own issuer key sign
    /// its lists, so no extended key usage is checked by default; see [`Profile::require_eku`].
    pub fn status_list_signer() -> Profile {
        Profile::haip("statusListSigner", Purpose::StatusListIssuer)
    }

    /// ISO 18013-5 Annex B Document Signers under an IACA root (`shared/domain/presentations.md`
    /// §2.4). Anchors: [`Purpose::MdocIaca`]. The end entity (DS) is issued by the IACA
    /// directly; it has critical keyUsage with digitalSignature, critical extKeyUsage
    /// `1.0.18013.5.1.2`, authority and subject key identifiers. The IACA is self-signed, with
    /// critical basicConstraints pathLenConstraint 0, critical keyUsage keyCertSign + cRLSign
    /// and a subject key identifier. No certificate carries policyMappings, nameConstraints,
    /// policyConstraints, inhibitAnyPolicy or freshestCRL. `x5chain` may end with a copy of
    /// the IACA. The MSO's own validity (`validFrom`, `validUntil`) is the caller's check.
    pub fn mdoc_document_signer() -> Profile {
        Profile {
            anchor_copy: AnchorCopy::IgnoreLast,
            intermediates: Intermediates::None,
            eku: Some(Cow::Borrowed(EKU_MDL_DS)),
            eku_critical: true,
            leaf_key_usage_critical: true,
            leaf_key_usage_required: true,
            leaf_key_ids: true,
            forbidden: &[
                oid::POLICY_MAPPINGS,
                oid::NAME_CONSTRAINTS,
                oid::POLICY_CONSTRAINTS,
                oid::INHIBIT_ANY_POLICY,
                oid::FRESHEST_CRL,
            ],
            anchor_self_signed: true,
            anchor_iaca_form: true,
            ..Profile::haip("mdocDocumentSigner", Purpose::MdocIaca)
        }
    }

    /// ISO 18013-5 VICAL signers (`shared/domain/presentations.md` §4: "signer EKU
    /// `1.0.18013.5.1.8`"). Anchors: [`Purpose::TrustListSigner`]. The end entity has keyUsage
    /// with digitalSignature or nonRepudiation (the production AAMVA VICAL signer has only
    /// nonRepudiation), and extKeyUsage `1.0.18013.5.1.8`, so a leaf under the same root
    /// without that usage cannot sign a VICAL. `x5chain` may end with a copy of the root (the
    /// AAMVA VICAL carries `[signer, issuing CA, root]`, `shared/vectors/README.md`).
    pub fn vical_signer() -> Profile {
        Profile {
            anchor_copy: AnchorCopy::IgnoreLast,
            eku: Some(Cow::Borrowed(EKU_VICAL_SIGNER)),
            leaf_key_usage_required: true,
            leaf_non_repudiation_signs: true,
            ..Profile::haip("vicalSigner", Purpose::TrustListSigner)
        }
    }

    /// ICAO 9303 Document Signers under a CSCA (passive authentication of the chip,
    /// `shared/domain/cccd.md` §5). Anchors: [`Purpose::IcaoCsca`], which must be self-signed.
    /// The end entity (DSC) has keyUsage with digitalSignature. Between it and the anchor only
    /// link certificates may stand: self-issued CA certificates of the same CSCA under a new
    /// key. No extended key usage is checked. Check validity at the signing time, now, or both
    /// ([`super::ValidityAt`]). Signature algorithms: [`icao_algorithms`]`(false, false)`
    /// (change with [`Profile::with_algorithms`]).
    pub fn icao_document_signer() -> Profile {
        Profile {
            algorithms: Cow::Owned(icao_algorithms(false, false)),
            anchor_copy: AnchorCopy::IgnoreLast,
            intermediates: Intermediates::LinksOnly,
            leaf_key_usage_required: true,
            anchor_self_signed: true,
            ..Profile::haip("icaoDocumentSigner", Purpose::IcaoCsca)
        }
    }

    /// ICAO CSCA master list signers (`shared/domain/presentations.md` §4: signer EKU
    /// `id-icao-cscaMasterListSigningKey`, 2.23.136.1.1.3). Anchors: [`Purpose::IcaoCsca`]
    /// (self-signed), as for [`Profile::icao_document_signer`], plus that extended key usage:
    /// a Document Signer under the same CSCA cannot sign a master list.
    pub fn icao_master_list_signer() -> Profile {
        Profile {
            name: "icaoMasterListSigner",
            eku: Some(Cow::Borrowed(EKU_CSCA_MASTER_LIST_SIGNER)),
            ..Profile::icao_document_signer()
        }
    }

    /// The same profile, with an end entity that must list `oid` (dotted, e.g.
    /// `"1.3.6.1.5.5.7.3.36"`) in its extKeyUsage; `anyExtendedKeyUsage` does not stand in for
    /// it. Opt-in for the profiles that check none, e.g. when one root anchors several
    /// purposes and issues each signer its own usage.
    #[must_use]
    pub fn require_eku(mut self, oid: impl Into<Cow<'static, str>>) -> Profile {
        self.eku = Some(oid.into());
        self
    }

    /// The same profile, for ICAO link certificates that also rename the CSCA (a CSCA
    /// "CA 5" certified by its predecessor "CA 4", as in the Singapore entries of the German
    /// master list): any CA certificate may stand between the end entity and the anchor, and
    /// such link certificates do not count against the anchor's pathLenConstraint (CSCA roots
    /// carry 0; a link certificate is the same CSCA under a new key and name). The caller
    /// bounds the chain (one link).
    #[must_use]
    pub fn allow_renamed_links(mut self) -> Profile {
        self.intermediates = Intermediates::Any;
        self.links_exempt_from_path_len = true;
        self
    }

    /// The same profile with another signature-algorithm allow-list for the certificates of
    /// the path (the HAIP profiles accept ECDSA P-256/SHA-256 and P-384/SHA-384; the ICAO ones
    /// [`icao_algorithms`]`(false, false)`). A key no allowed algorithm can use, or a
    /// signature by an algorithm not in the list, is `ERR_CERT_ALGORITHM_UNSUPPORTED`.
    #[must_use]
    pub fn with_algorithms(mut self, algorithms: impl Into<Cow<'static, [SigAlg]>>) -> Profile {
        self.algorithms = algorithms.into();
        self
    }

    /// The signature algorithms accepted on the path.
    pub fn algorithms(&self) -> &[SigAlg] {
        &self.algorithms
    }

    /// The profile's name, camelCase (`"haipSdJwtVcIssuer"`, `"mdocDocumentSigner"`, …).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The purpose of the anchors the path must end at.
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// The extended key usage the end entity must list, if any (dotted OID).
    pub fn required_eku(&self) -> Option<&str> {
        self.eku.as_deref()
    }
}

/// When the certificates of a path must be valid (`notBefore <= t <= notAfter`, for the anchor
/// too). The core never reads the clock: the instants are Unix seconds given by the caller.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValidityAt {
    /// At one instant, usually now.
    Instant(i64),
    /// At both instants, e.g. now and the time the document was signed (an ICAO SOD, an
    /// mdoc MSO). The first is checked first.
    Both(i64, i64),
}

impl ValidityAt {
    /// The instants, in checking order.
    pub(super) fn instants(self) -> impl Iterator<Item = i64> {
        let (a, b) = match self {
            ValidityAt::Instant(t) => (t, None),
            ValidityAt::Both(t, u) => (t, Some(u)),
        };
        core::iter::once(a).chain(b)
    }
}

/// The signature algorithms of ICAO 9303 certificates and SODs (`shared/domain/cccd.md`
/// §5.6–§5.7; ICAO 9303 Part 12 allows ECDSA, RSA PKCS #1 v1.5 and RSASSA-PSS): ECDSA on
/// P-256, P-384, P-521, brainpoolP256r1, P384r1 and P512r1 (named, or explicit parameters
/// equal to one of them) with SHA-224, SHA-256, SHA-384 or SHA-512; RSA PKCS #1 v1.5 with
/// those hashes; RSASSA-PSS with those hashes, MGF1 on the same hash and a salt as long as the
/// hash. `sha1` adds SHA-1 to every family (older passports; the RSASSA-PSS salt then 20
/// bytes); `explicit_curves` adds ECDSA over explicit domain parameters that are no named curve
/// (`Curve::Explicit`: checked for form, not for primality).
pub fn icao_algorithms(sha1: bool, explicit_curves: bool) -> Vec<SigAlg> {
    let mut hashes = vec![Hash::Sha224, Hash::Sha256, Hash::Sha384, Hash::Sha512];
    if sha1 {
        hashes.insert(0, Hash::Sha1);
    }
    let mut curves = vec![
        Curve::P256,
        Curve::P384,
        Curve::P521,
        Curve::BrainpoolP256r1,
        Curve::BrainpoolP384r1,
        Curve::BrainpoolP512r1,
    ];
    if explicit_curves {
        curves.push(Curve::Explicit);
    }
    let mut out = Vec::new();
    for &hash in &hashes {
        out.extend(curves.iter().map(|&curve| SigAlg::Ecdsa { curve, hash }));
        out.push(SigAlg::RsaPkcs1v15 { hash });
        if let Ok(salt_len) = u16::try_from(hash.len()) {
            out.push(SigAlg::RsaPss { hash, salt_len });
        }
    }
    out
}
