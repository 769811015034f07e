//! CSCA certificate revocation lists (RFC 5280 §5; ICAO 9303 Part 12 §7): whether a document
//! signer's certificate is revoked by a CRL of the CSCA that issued it.

use super::certs::CertInfo;
use crate::crypto::{self, SigAlg, SigEncoding};
use crate::error::Error;

fn invalid(reason: &'static str) -> Error {
    Error::ChipCrlInvalid { reason }
}

/// Checks `dsc` against one CRL. The CRL counts only if it names the DSC's issuer; then its
/// signature must verify with the key of one of `issuers` (the CSCA certificates of that name:
/// a CSCA signs its CRLs with its current key, which may not be the one that signed an older
/// DSC) under `algorithms`. Returns the revocation date when the DSC's serial number is
/// listed. A CRL past its nextUpdate is still used: a listed serial stays revoked (freshness is
/// the caller's policy: pass the newest CRL).
pub(super) fn revoked_at(
    crl_der: &[u8],
    dsc: &CertInfo,
    issuers: &[CertInfo],
    algorithms: &[SigAlg],
) -> Result<Option<i64>, Error> {
    // Our own reader (`crate::x509::read_crl`), the structure of RFC 5280 §5.1.
    let crl = crate::x509::read_crl(crl_der).ok_or(invalid("malformed"))?;
    if crl.issuer != dsc.issuer_der.as_slice() {
        return Ok(None);
    }
    let signed_by = |issuer: &CertInfo| {
        let Ok(key) = issuer.public_key() else {
            return false;
        };
        SigAlg::from_algorithm_identifier(crl.signature_alg, &key).is_ok_and(|alg| {
            crypto::verify(
                algorithms,
                alg,
                &key,
                crl.tbs,
                crl.signature,
                SigEncoding::Der,
            )
            .is_ok()
        })
    };
    if !issuers
        .iter()
        .any(|i| i.subject_der == dsc.issuer_der && signed_by(i))
    {
        return Err(invalid("signature"));
    }
    Ok(crl
        .revoked
        .iter()
        .find(|(serial, _)| *serial == dsc.serial.as_slice())
        .map(|&(_, date)| date))
}
