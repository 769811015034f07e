//! The result of [`super::verify_chip`], serialisable as JSON (camelCase) for the JS API and
//! the CLI.

use serde::{Serialize, Serializer};

use crate::wire::{ts_union, wire_struct};
use serde_json::{Map, Value};

use super::dg::{Dg1, Dg13, Dg14, Face};
use super::{certs, CscaStore};
use crate::error::Error;
use crate::jose::b64;
use crate::x509::TrustAnchor;

/// What passive authentication established.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// The SOD signature and every data group read verify, and the document signer chains to
    /// a configured CSCA: the chip data is authentic (issued by that CSCA's state).
    Authentic,
    /// The SOD signature and every data group read verify, but the document signer does not
    /// chain to a configured CSCA (none configured, or the path fails: see `issuer.error`).
    /// The data is intact as signed by the embedded certificate, whoever made it; **not**
    /// proof of a genuine card.
    IntactIssuerNotVerified,
}

/// Active Authentication: whether the chip itself, not a copy of its data, answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AaStatus {
    /// The DG15 key signed the relying party's own challenge: a genuine chip answered now.
    Verified,
    /// The signature verifies over the dump's challenge, but no challenge of the relying
    /// party was given to compare: it may be replayed from an earlier read.
    ChallengeNotChecked,
    /// The dump has no Active Authentication answer.
    NotPerformed,
}

/// Chip Authentication (DG14): it needs the live chip (a key agreement over NFC), so it is
/// reported, never verified from a dump.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CaStatus {
    /// DG14 announces chip authentication; whether the reader ran it cannot be checked here.
    NotVerifiedNeedsLiveChip,
    /// No DG14, or no chip authentication in it.
    NotAvailable,
}

/// Where the CSCAs came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TrustSource {
    /// Certificates pinned by the integrator.
    Pinned,
    /// A verified CSCA master list.
    MasterList,
}

/// Status of one data group the SOD lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DataGroupStatus {
    /// Read, and its hash matches.
    Valid,
    /// Listed in the SOD but not handed over: nothing about its content is known.
    NotRead,
}

wire_struct! {
    /// One data group the SOD lists.
    #[ts = "ChipDataGroup"]
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct DataGroupCheck {
        /// 1–16.
        pub number: u8,
        /// Valid or not read.
        pub status: DataGroupStatus,
    }
}

wire_struct! {
    /// Facts of EF.SOD.
    #[ts = "ChipSod"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct SodFacts {
        /// LDSSecurityObject version (0 or 1).
        pub version: u8,
        /// LDS version of a v1 object (`"0108"`).
        pub lds_version: Option<String>,
        /// Unicode version of a v1 object.
        pub unicode_version: Option<String>,
        /// Hash of the data-group hashes.
        pub hash_algorithm: &'static str,
        /// The signer's digest algorithm (message-digest attribute).
        pub digest_algorithm: &'static str,
        /// The SOD signature algorithm (`ecdsa-brainpoolP256r1-sha256`, `rsa-pss-sha256-salt32`).
        pub signature_algorithm: String,
        /// The signing-time attribute, Unix seconds, if present.
        pub signing_time: Option<i64>,
    }
}

fn ser_b64<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&b64::encode_std(bytes))
}

wire_struct! {
    /// The document signer certificate.
    #[ts = "ChipDocumentSigner"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct DocumentSigner {
        /// Subject, readable.
        pub subject: String,
        /// Issuer, readable.
        pub issuer: String,
        /// Serial number, hex.
        pub serial_number: String,
        /// notBefore, Unix seconds.
        pub not_before: i64,
        /// notAfter, Unix seconds.
        pub not_after: i64,
        /// SHA-256 of the DER certificate, hex (what Vietnamese integrators send to C06 for an
        /// online check, `cccd.md` §5.7).
        pub fingerprint: String,
        /// The DER certificate (base64 in JSON).
        #[serde(serialize_with = "ser_b64")]
        pub certificate: Vec<u8> as "string",
    }
}

wire_struct! {
    /// The CSCA a document signer chained to.
    #[ts = "ChipCsca"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct CscaJson {
        /// Subject, readable.
        pub subject: String,
        /// SHA-256 of its DER certificate, hex.
        pub fingerprint: String,
    }
}

wire_struct! {
    /// Why the issuer was not verified: an error code of the table (`ERR_CERT_*`) with its
    /// params. The message is rendered from them (in JS, `verifyChip` gives a `CccdVerifyError`
    /// in the caller's language); no message text is linked into the wasm modules.
    #[ts = "ChipIssuerError"]
    #[derive(Clone, Debug, PartialEq)]
    pub struct IssuerError {
        /// The code.
        pub code: &'static str,
        /// The code's params.
        pub params: Map<String, Value>,
    }
}

wire_struct! {
    /// The document signer's path to a CSCA.
    #[ts = "ChipIssuer"]
    #[derive(Clone, Debug, PartialEq)]
    pub struct IssuerCheck {
        /// Whether the path verified.
        pub verified: bool,
        /// Where the CSCAs came from; `None` when none were configured.
        pub source: Option<TrustSource>,
        /// The CSCA the path ends at.
        pub csca: Option<CscaJson>,
        /// Whether the path went through a link certificate.
        pub via_link_certificate: bool,
        /// Why not, when CSCAs were configured and no path verified.
        pub error: Option<IssuerError>,
    }
}

impl IssuerCheck {
    pub(super) fn unverified(source: Option<TrustSource>, error: Option<Error>) -> IssuerCheck {
        IssuerCheck {
            verified: false,
            source,
            csca: None,
            via_link_certificate: false,
            error: error.map(|e| IssuerError {
                code: e.code(),
                params: e.params(),
            }),
        }
    }

    pub(super) fn verified(
        store: &CscaStore,
        anchors: &[TrustAnchor],
        index: usize,
        link: bool,
    ) -> IssuerCheck {
        IssuerCheck {
            verified: true,
            source: store.source,
            csca: anchors.get(index).map(|a| CscaJson {
                subject: a.subject().to_owned(),
                fingerprint: certs::hex(&a.fingerprint()),
            }),
            via_link_certificate: link,
            error: None,
        }
    }
}

wire_struct! {
    /// DG2's face in JSON: the image base64.
    #[ts = "ChipFace"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct FaceJson {
        /// `image/jpeg` or `image/jp2`.
        pub mime: &'static str,
        /// Width in pixels.
        pub width: u16,
        /// Height in pixels.
        pub height: u16,
        /// The image, base64.
        pub image: String,
    }
}

fn ser_face<S: Serializer>(face: &Option<Face>, s: S) -> Result<S::Ok, S::Error> {
    face.as_ref()
        .map(|f| FaceJson {
            mime: f.mime,
            width: f.width,
            height: f.height,
            image: b64::encode_std(&f.image),
        })
        .serialize(s)
}

wire_struct! {
    /// The result of [`super::verify_chip`].
    #[ts = "ChipVerification"]
    #[derive(Clone, Debug, PartialEq)]
    pub struct ChipVerification {
        /// Passive authentication: authentic (trusted CSCA) or intact only.
        pub verdict: Verdict,
        /// Active Authentication.
        pub active_authentication: AaStatus,
        /// Chip Authentication (reported only).
        pub chip_authentication: CaStatus,
        /// EF.SOD facts.
        pub sod: SodFacts,
        /// The document signer.
        pub document_signer: DocumentSigner,
        /// The document signer's path to a CSCA.
        pub issuer: IssuerCheck,
        /// Every data group the SOD lists, and whether it was read.
        pub data_groups: Vec<DataGroupCheck>,
        /// DG1.
        pub mrz: Option<Dg1>,
        /// DG13, Vietnamese personal data.
        pub dg13: Option<Dg13>,
        /// DG2's first face image.
        #[serde(serialize_with = "ser_face")]
        pub face: Option<Face> as "ChipFace | null",
        /// DG14's security infos.
        pub dg14: Option<Dg14>,
        /// DG15's key, described (`rsa-1024`, `ec-brainpoolP256r1`).
        pub aa_key: Option<String>,
        /// The cross-checks with the QR code and the printed MRZ, when either was given.
        pub consistency: Option<super::cross::Consistency>,
    }
}

impl ChipVerification {
    /// The result as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

ts_union!(
    /// What passive authentication established.
    Verdict = "ChipVerdict" [Verdict::Authentic, Verdict::IntactIssuerNotVerified]
);
ts_union!(
    /// Active Authentication.
    AaStatus = "ChipAaStatus" [AaStatus::Verified, AaStatus::ChallengeNotChecked, AaStatus::NotPerformed]
);
ts_union!(
    /// Chip Authentication (reported only).
    CaStatus = "ChipCaStatus" [CaStatus::NotVerifiedNeedsLiveChip, CaStatus::NotAvailable]
);
ts_union!(
    /// Where the CSCAs came from.
    TrustSource = "ChipTrustSource" [TrustSource::Pinned, TrustSource::MasterList]
);
ts_union!(
    /// A data group the SOD lists: read and valid, or not read.
    DataGroupStatus = "ChipDataGroupStatus" [DataGroupStatus::Valid, DataGroupStatus::NotRead]
);

/// The TypeScript declarations of the chip result (in `js/types.d.ts` through
/// `crate::wire::declarations`).
#[doc(hidden)]
pub fn declarations() -> Vec<String> {
    use crate::wire::TsType;
    vec![
        <Verdict as TsType>::declaration(),
        <AaStatus as TsType>::declaration(),
        <CaStatus as TsType>::declaration(),
        <TrustSource as TsType>::declaration(),
        <DataGroupStatus as TsType>::declaration(),
        <DataGroupCheck as TsType>::declaration(),
        <SodFacts as TsType>::declaration(),
        <DocumentSigner as TsType>::declaration(),
        <CscaJson as TsType>::declaration(),
        <IssuerError as TsType>::declaration(),
        <IssuerCheck as TsType>::declaration(),
        <FaceJson as TsType>::declaration(),
        <super::dg::Dg1 as TsType>::declaration(),
        <super::dg::Dg13Date as TsType>::declaration(),
        <super::dg::Dg13Finding as TsType>::declaration(),
        <super::dg::Dg13 as TsType>::declaration(),
        <super::dg::Dg14 as TsType>::declaration(),
        <super::cross::CrossFinding as TsType>::declaration(),
        <super::cross::Consistency as TsType>::declaration(),
        <ChipVerification as TsType>::declaration(),
    ]
}
