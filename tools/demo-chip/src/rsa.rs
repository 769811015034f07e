//! RSA from a published seed: deterministic prime search, RSASSA-PKCS1-v1_5 and RSASSA-PSS
//! (RFC 8017 §8–9), and ISO/IEC 9796-2 digital signature scheme 1 (partial message recovery),
//! which ICAO 9303 Part 11 §6.1 Active Authentication uses with RSA.

use crate::der;
use crate::hash::Hash;
use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};

pub struct RsaKey {
    pub n: BigUint,
    pub e: BigUint,
    d: BigUint,
    p: BigUint,
    q: BigUint,
    pub bits: u64,
}

const SMALL_PRIMES: [u32; 54] = [
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193,
    197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257,
];

/// `len` bytes from SHA-512 in counter mode over a label.
pub fn expand(label: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut counter = 0u32;
    while out.len() < len {
        out.extend(Hash::Sha512.digest(&[label, &counter.to_be_bytes()].concat()));
        counter += 1;
    }
    out.truncate(len);
    out
}

/// Miller–Rabin with the first 24 prime bases: enough for candidates nobody chose adversarially.
fn probably_prime(c: &BigUint) -> bool {
    for sp in SMALL_PRIMES {
        if (c % sp).is_zero() {
            return c == &BigUint::from(sp);
        }
    }
    let one = BigUint::one();
    let c1 = c - 1u32;
    let s = c1.trailing_zeros().unwrap_or(0);
    let dd = &c1 >> s;
    'bases: for a in SMALL_PRIMES.iter().take(24) {
        let mut x = BigUint::from(*a).modpow(&dd, c);
        if x == one || x == c1 {
            continue;
        }
        for _ in 1..s {
            x = (&x * &x) % c;
            if x == c1 {
                continue 'bases;
            }
        }
        return false;
    }
    true
}

fn prime_from(label: &[u8], bits: u64, e: &BigUint) -> BigUint {
    let bytes = expand(label, (bits / 8) as usize);
    let mut c = BigUint::from_bytes_be(&bytes);
    // Top two bits set (so p·q has exactly 2·bits bits), odd.
    c.set_bit(bits - 1, true);
    c.set_bit(bits - 2, true);
    c.set_bit(0, true);
    loop {
        if probably_prime(&c) && (&c - 1u32).gcd(e).is_one() {
            return c;
        }
        c += 2u32;
    }
}

impl RsaKey {
    /// The DEMO key of a published seed byte: p and q are the first primes (with gcd(e, p−1) = 1)
    /// at or after SHA-512 counter-mode expansions of "cccd-verify demo-chip rsa ‹seed› p|q",
    /// top two bits and the low bit set; e = 65537.
    pub fn from_seed(seed: u8, bits: u64) -> RsaKey {
        let e = BigUint::from(65_537u32);
        let label = |which: &str| {
            let mut l = b"cccd-verify demo-chip rsa ".to_vec();
            l.push(seed);
            l.extend(format!(" {which}").as_bytes());
            l
        };
        let p = prime_from(&label("p"), bits / 2, &e);
        let q = prime_from(&label("q"), bits / 2, &e);
        let phi = (&p - 1u32) * (&q - 1u32);
        let d = e.modinv(&phi).unwrap_or_default();
        let n = &p * &q;
        RsaKey {
            bits: n.bits(),
            n,
            e,
            d,
            p,
            q,
        }
    }

    pub fn k(&self) -> usize {
        (self.bits as usize).div_ceil(8)
    }

    /// RSAPublicKey inside SubjectPublicKeyInfo with rsaEncryption (RFC 3279 §2.3.1).
    pub fn spki(&self) -> Vec<u8> {
        der::seq(&[
            der::seq(&[der::oid("1.2.840.113549.1.1.1"), der::null()]),
            der::bits(&der::seq(&[
                der::uint(&self.n.to_bytes_be()),
                der::uint(&self.e.to_bytes_be()),
            ])),
        ])
    }

    /// The RSA private operation, with the CRT.
    pub fn private(&self, m: &BigUint) -> BigUint {
        let dp = &self.d % (&self.p - 1u32);
        let dq = &self.d % (&self.q - 1u32);
        let qinv = self.q.modinv(&self.p).unwrap_or_default();
        let m1 = m.modpow(&dp, &self.p);
        let m2 = m.modpow(&dq, &self.q);
        let hh = ((&m1 + &self.p - (&m2 % &self.p)) * qinv) % &self.p;
        m2 + hh * &self.q
    }

    #[cfg(test)]
    pub fn public(&self, s: &BigUint) -> BigUint {
        s.modpow(&self.e, &self.n)
    }

    fn sign_em(&self, em: &[u8]) -> Vec<u8> {
        let s = self.private(&BigUint::from_bytes_be(em));
        crate::ec::fixed(&s, self.k())
    }

    /// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2, EMSA-PKCS1-v1_5 §9.2).
    pub fn sign_pkcs1(&self, hash: Hash, msg: &[u8]) -> Vec<u8> {
        let t = der::seq(&[hash.alg_id(), der::octets(&hash.digest(msg))]);
        let k = self.k();
        let mut em = vec![0x00, 0x01];
        em.extend(vec![0xFF; k - t.len() - 3]);
        em.push(0x00);
        em.extend(t);
        self.sign_em(&em)
    }

    /// RSASSA-PSS (RFC 8017 §8.1, EMSA-PSS §9.1.1), MGF1 with the same hash, salt length = hash
    /// length. The salt is not random: SHA-256("cccd-verify demo-chip PSS salt" ‖ mHash),
    /// truncated or repeated to the hash length.
    pub fn sign_pss(&self, hash: Hash, msg: &[u8]) -> Vec<u8> {
        let hl = hash.len();
        let m_hash = hash.digest(msg);
        let salt = expand(
            &[b"cccd-verify demo-chip PSS salt".as_slice(), &m_hash].concat(),
            hl,
        );
        let em_bits = self.bits - 1;
        let em_len = (em_bits as usize).div_ceil(8);
        let m_prime = [vec![0u8; 8], m_hash, salt.clone()].concat();
        let hh = hash.digest(&m_prime);
        let mut db = vec![0u8; em_len - salt.len() - hl - 2];
        db.push(0x01);
        db.extend(salt);
        let mask = mgf1(hash, &hh, db.len());
        let mut masked: Vec<u8> = db.iter().zip(mask.iter()).map(|(a, b)| a ^ b).collect();
        let zero_bits = 8 * em_len as u64 - em_bits;
        if let Some(first) = masked.first_mut() {
            *first &= 0xFFu8 >> zero_bits;
        }
        masked.extend(hh);
        masked.push(0xBC);
        self.sign_em(&masked)
    }

    /// ISO/IEC 9796-2 digital signature scheme 1 with partial recovery, as an eMRTD chip
    /// answers Active Authentication (ICAO 9303 Part 11 §6.1): F = 0x6A ‖ M1 ‖ H(M1 ‖ M2) ‖ T,
    /// M2 = the terminal's challenge, M1 the chip's nonce filling the block, T = 0xBC (SHA-1,
    /// implicit) or 0x34 0xCC (SHA-256, explicit hash identifier). Returns (signature, M1).
    pub fn sign_9796_2(&self, hash: Hash, m1_seed: &[u8], challenge: &[u8]) -> (Vec<u8>, Vec<u8>) {
        let k = self.k();
        let trailer: Vec<u8> = match hash {
            Hash::Sha1 => vec![0xBC],
            Hash::Sha256 => vec![0x34, 0xCC],
            Hash::Sha384 => vec![0x36, 0xCC],
            Hash::Sha512 => vec![0x35, 0xCC],
        };
        let m1_len = k - 1 - hash.len() - trailer.len();
        let m1 = expand(m1_seed, m1_len);
        let hh = hash.digest(&[m1.as_slice(), challenge].concat());
        let f = [vec![0x6A], m1.clone(), hh, trailer].concat();
        (self.sign_em(&f), m1)
    }
}

pub fn mgf1(hash: Hash, seed: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut c = 0u32;
    while out.len() < len {
        out.extend(hash.digest(&[seed, &c.to_be_bytes()].concat()));
        c += 1;
    }
    out.truncate(len);
    out
}

/// RSASSA-PSS-params (RFC 4055 §3.1) for `hash` with MGF1(`hash`), salt = hash length.
pub fn pss_alg_id(hash: Hash) -> Vec<u8> {
    der::seq(&[
        der::oid("1.2.840.113549.1.1.10"),
        der::seq(&[
            der::ctx(0, &hash.alg_id()),
            der::ctx(
                1,
                &der::seq(&[der::oid("1.2.840.113549.1.1.8"), hash.alg_id()]),
            ),
            der::ctx(2, &der::int(hash.len() as u64)),
        ]),
    ])
}

/// sha256WithRSAEncryption and friends (RFC 4055 §5).
pub fn pkcs1_alg_id(hash: Hash) -> Vec<u8> {
    let oid = match hash {
        Hash::Sha1 => "1.2.840.113549.1.1.5",
        Hash::Sha256 => "1.2.840.113549.1.1.11",
        Hash::Sha384 => "1.2.840.113549.1.1.12",
        Hash::Sha512 => "1.2.840.113549.1.1.13",
    };
    der::seq(&[der::oid(oid), der::null()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_deterministic_and_consistent() {
        let a = RsaKey::from_seed(0x42, 1024);
        let b = RsaKey::from_seed(0x42, 1024);
        assert_eq!(a.n, b.n);
        assert_eq!(a.bits, 1024);
        let m = BigUint::from(123_456_789u32);
        assert_eq!(a.public(&a.private(&m)), m);
    }

    #[test]
    fn iso9796_2_block_recovers() {
        let key = RsaKey::from_seed(0x42, 1024);
        let challenge = [1u8, 2, 3, 4, 5, 6, 7, 8];
        for hash in [Hash::Sha1, Hash::Sha256] {
            let (sig, m1) = key.sign_9796_2(hash, b"nonce", &challenge);
            let f = crate::ec::fixed(&key.public(&BigUint::from_bytes_be(&sig)), key.k());
            assert_eq!(f.first(), Some(&0x6A));
            let tlen = if hash == Hash::Sha1 { 1 } else { 2 };
            let digest = f
                .get(f.len() - tlen - hash.len()..f.len() - tlen)
                .unwrap_or_default();
            let rec = f.get(1..f.len() - tlen - hash.len()).unwrap_or_default();
            assert_eq!(rec, m1.as_slice());
            assert_eq!(digest, hash.digest(&[rec, &challenge].concat()).as_slice());
        }
    }
}
