//! The signer of a JWS named by its `x5c` header (RFC 7515 §4.1.6), validated as an X.509 path
//! to a caller-supplied trust anchor under a named profile. Shared by SD-JWT VC issuers,
//! status-list signers and trust-list signers.

use super::Jws;
use crate::error::Error;
use crate::x509::{verify_path_with, Budget, Profile, TrustAnchor, ValidityAt, VerifiedPath};

impl Jws<'_> {
    /// The path from the header's `x5c` chain (leaf first) to one of `anchors`, validated with
    /// `profile` at `now` under the default path budget. A malformed `x5c` is
    /// [`Error::JwsFormat`]; an absent or empty one is `unresolved` (the caller's "no key" error).
    pub(crate) fn x5c_signer(
        &self,
        anchors: &[TrustAnchor],
        profile: &Profile,
        now: i64,
        unresolved: Error,
    ) -> Result<VerifiedPath, Error> {
        let chain = self.x5c()?;
        if chain.is_empty() {
            return Err(unresolved);
        }
        let refs: Vec<&[u8]> = chain.iter().map(Vec::as_slice).collect();
        verify_path_with(
            &refs,
            anchors,
            profile,
            ValidityAt::Instant(now),
            Budget::default(),
        )
    }
}
