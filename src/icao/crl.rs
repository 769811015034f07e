//! CSCA certificate revocation lists (RFC 5280 §5; ICAO 9303 Part 12 §7): whether a document
//! signer's certificate is revoked by a CRL of the CSCA that issued it.

use x509_parser::prelude::FromDer;
use x509_parser::revocation_list::CertificateRevocationList;

use super::certs::{self, CertInfo};
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
    let (rest, crl) =
        CertificateRevocationList::from_der(crl_der).map_err(|_| invalid("malformed"))?;
    if !rest.is_empty() || crl.signature_value.unused_bits != 0 {
        return Err(invalid("malformed"));
    }
    if crl.tbs_cert_list.issuer.as_raw() != dsc.issuer_der.as_slice() {
        return Ok(None);
    }
    let alg_der = certs::signature_algorithm_der(crl_der).ok_or(invalid("malformed"))?;
    let signed_by = |issuer: &CertInfo| {
        let Ok(key) = issuer.public_key() else {
            return false;
        };
        SigAlg::from_algorithm_identifier(alg_der, &key).is_ok_and(|alg| {
            crypto::verify(
                algorithms,
                alg,
                &key,
                crl.tbs_cert_list.as_ref(),
                crl.signature_value.data.as_ref(),
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
        .tbs_cert_list
        .revoked_certificates
        .iter()
        .find(|r| r.raw_serial() == dsc.serial.as_slice())
        .map(|r| r.revocation_date.timestamp()))
}
