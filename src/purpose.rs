//! What a trust anchor is trusted for. Always compiled (errors name purposes), while the X.509
//! code that uses it is part of the `verify` feature.

use crate::error::Lang;

/// What a trust anchor is trusted for. An anchor is only ever used for its own purpose
/// (isomdl's `TrustPurpose`); a chain that is valid only up to an anchor of another purpose
/// fails with `Error::AnchorPurposeMismatch`.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// Issuers of SD-JWT VC credentials (`x5c` in the issuer JWT header).
    SdJwtVcIssuer,
    /// Signers of trust lists (VICAL, ETSI LoTE, …; `shared/domain/presentations.md` §4).
    TrustListSigner,
    /// ISO 18013-5 IACA roots: anchors of mdoc Document Signer certificates
    /// (`shared/domain/presentations.md` §2.4).
    MdocIaca,
    /// Issuers of Token Status Lists (revocation).
    StatusListIssuer,
    /// ICAO 9303 Country Signing CAs (CSCA): anchors of chip Document Signer and master list
    /// signer certificates (`shared/domain/cccd.md` §5).
    IcaoCsca,
}

impl Purpose {
    /// The camelCase name used in JSON (`params.expected`, `params.found`).
    pub fn name(self) -> &'static str {
        match self {
            Purpose::SdJwtVcIssuer => "sdJwtVcIssuer",
            Purpose::TrustListSigner => "trustListSigner",
            Purpose::MdocIaca => "mdocIaca",
            Purpose::StatusListIssuer => "statusListIssuer",
            Purpose::IcaoCsca => "icaoCsca",
        }
    }

    pub(crate) fn label(self, lang: Lang) -> &'static str {
        match self {
            Purpose::SdJwtVcIssuer => lang.pick(
                "SD-JWT VC credential issuers",
                "bên cấp chứng chỉ SD-JWT VC",
            ),
            Purpose::TrustListSigner => lang.pick("trust list signers", "bên ký danh sách tin cậy"),
            Purpose::MdocIaca => lang.pick("mdoc issuers (IACA)", "bên cấp mdoc (IACA)"),
            Purpose::StatusListIssuer => lang.pick(
                "status list issuers",
                "bên cấp danh sách trạng thái thu hồi",
            ),
            Purpose::IcaoCsca => lang.pick(
                "chip document signers (ICAO CSCA)",
                "bên ký dữ liệu chip (CSCA theo ICAO)",
            ),
        }
    }
}
