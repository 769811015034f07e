//! Hash functions by name, their OIDs, and HMAC (RFC 2104) for RFC 6979.

use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha1 => Sha1::digest(data).to_vec(),
            Hash::Sha256 => Sha256::digest(data).to_vec(),
            Hash::Sha384 => Sha384::digest(data).to_vec(),
            Hash::Sha512 => Sha512::digest(data).to_vec(),
        }
    }

    pub fn len(self) -> usize {
        match self {
            Hash::Sha1 => 20,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    fn block(self) -> usize {
        match self {
            Hash::Sha1 | Hash::Sha256 => 64,
            Hash::Sha384 | Hash::Sha512 => 128,
        }
    }

    /// The hash OID (NIST CSOR / OIW).
    pub fn oid(self) -> &'static str {
        match self {
            Hash::Sha1 => "1.3.14.3.2.26",
            Hash::Sha256 => "2.16.840.1.101.3.4.2.1",
            Hash::Sha384 => "2.16.840.1.101.3.4.2.2",
            Hash::Sha512 => "2.16.840.1.101.3.4.2.3",
        }
    }

    /// ecdsa-with-SHAxxx (RFC 5758 §3.2; SHA-1: ANSI X9.62).
    pub fn ecdsa_oid(self) -> &'static str {
        match self {
            Hash::Sha1 => "1.2.840.10045.4.1",
            Hash::Sha256 => "1.2.840.10045.4.3.2",
            Hash::Sha384 => "1.2.840.10045.4.3.3",
            Hash::Sha512 => "1.2.840.10045.4.3.4",
        }
    }

    /// The lower-case name used in file names and `expected.json`.
    pub fn name(self) -> &'static str {
        match self {
            Hash::Sha1 => "sha1",
            Hash::Sha256 => "sha256",
            Hash::Sha384 => "sha384",
            Hash::Sha512 => "sha512",
        }
    }

    /// AlgorithmIdentifier { hash OID, NULL } (parameters NULL, as RFC 4055 §2.1 allows and
    /// as most eMRTD SODs encode them).
    pub fn alg_id(self) -> Vec<u8> {
        crate::der::seq(&[crate::der::oid(self.oid()), crate::der::null()])
    }

    pub fn hmac(self, key: &[u8], msg: &[u8]) -> Vec<u8> {
        let b = self.block();
        let mut k = if key.len() > b {
            self.digest(key)
        } else {
            key.to_vec()
        };
        k.resize(b, 0);
        let ipad: Vec<u8> = k.iter().map(|x| x ^ 0x36).collect();
        let opad: Vec<u8> = k.iter().map(|x| x ^ 0x5C).collect();
        let inner = self.digest(&[ipad, msg.to_vec()].concat());
        self.digest(&[opad, inner].concat())
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_rfc4231_case_2() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let mac = Hash::Sha256.hmac(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
