//! A pinned-anchors store: certificates the integrator trusts by configuration, each for one
//! purpose. Enough on its own for simple setups (one issuer, one status-list signer), and the
//! place to keep the trust-list signers that [`super::verify_trust_list`] needs.

use crate::error::Error;
use crate::x509::{Purpose, TrustAnchor};

/// Trust anchors pinned by configuration. There is no default trust: the store starts empty.
///
/// ```
/// use cccd_verify::trust::PinnedAnchors;
/// use cccd_verify::x509::Purpose;
///
/// let pins = PinnedAnchors::new();
/// assert!(pins.anchors(Purpose::TrustListSigner).is_empty());
/// ```
#[derive(Clone, Debug, Default)]
pub struct PinnedAnchors {
    anchors: Vec<TrustAnchor>,
}

impl PinnedAnchors {
    /// An empty store.
    pub fn new() -> PinnedAnchors {
        PinnedAnchors::default()
    }

    /// Pins a DER certificate for `purpose` ([`TrustAnchor::from_der`] checks it) and returns
    /// its SHA-256 fingerprint. Pinning the same certificate for the same purpose twice keeps
    /// one copy; the same certificate may be pinned for several purposes.
    pub fn pin_der(&mut self, der: &[u8], purpose: Purpose) -> Result<[u8; 32], Error> {
        let anchor = TrustAnchor::from_der(der, purpose)?;
        let fingerprint = anchor.fingerprint();
        self.pin(anchor);
        Ok(fingerprint)
    }

    /// Pins an anchor (once per certificate and purpose).
    pub fn pin(&mut self, anchor: TrustAnchor) {
        let known = self
            .anchors
            .iter()
            .any(|a| a.fingerprint() == anchor.fingerprint() && a.purpose() == anchor.purpose());
        if !known {
            self.anchors.push(anchor);
        }
    }

    /// Removes every pin of the certificate with this fingerprint, for `purpose`; returns
    /// whether one was removed.
    pub fn unpin(&mut self, fingerprint: [u8; 32], purpose: Purpose) -> bool {
        let before = self.anchors.len();
        self.anchors
            .retain(|a| !(a.fingerprint() == fingerprint && a.purpose() == purpose));
        self.anchors.len() != before
    }

    /// The anchors pinned for `purpose`, in pinning order.
    pub fn anchors(&self, purpose: Purpose) -> Vec<TrustAnchor> {
        self.anchors
            .iter()
            .filter(|a| a.purpose() == purpose)
            .cloned()
            .collect()
    }

    /// Every pinned anchor, all purposes, in pinning order.
    pub fn all(&self) -> &[TrustAnchor] {
        &self.anchors
    }

    /// Number of pins (certificate and purpose pairs).
    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    /// Whether nothing is pinned.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }
}
