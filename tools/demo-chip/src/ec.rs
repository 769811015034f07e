//! ECDSA over short-Weierstrass curves y² = x³ + ax + b (mod p), from the curve parameters
//! alone, so brainpoolP512r1 (which no crate signs with) works like P-256. Jacobian
//! coordinates, RFC 6979 deterministic nonces. Not constant time: a DEMO tool with public keys.

use crate::der;
use crate::hash::Hash;
use num_bigint::BigUint;
use num_traits::{One, Zero};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurveId {
    P256,
    BrainpoolP256r1,
    BrainpoolP384r1,
    BrainpoolP512r1,
}

pub struct Curve {
    pub id: CurveId,
    pub p: BigUint,
    pub a: BigUint,
    pub b: BigUint,
    pub gx: BigUint,
    pub gy: BigUint,
    pub n: BigUint,
    /// Field element length in bytes.
    pub size: usize,
}

fn h(s: &str) -> BigUint {
    BigUint::parse_bytes(s.as_bytes(), 16).unwrap_or_default()
}

impl CurveId {
    pub fn curve(self) -> Curve {
        // Parameters: SEC 2 / FIPS 186-4 (P-256) and RFC 5639 §3.4, §3.6, §3.7 (brainpool).
        let (p, a, b, gx, gy, n, size) = match self {
            CurveId::P256 => (
                "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF",
                "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC",
                "5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B",
                "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296",
                "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5",
                "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551",
                32,
            ),
            CurveId::BrainpoolP256r1 => (
                "A9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377",
                "7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9",
                "26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6",
                "8BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262",
                "547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997",
                "A9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7",
                32,
            ),
            CurveId::BrainpoolP384r1 => (
                "8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B412B1DA197FB71123ACD3A729901D1A71874700133107EC53",
                "7BC382C63D8C150C3C72080ACE05AFA0C2BEA28E4FB22787139165EFBA91F90F8AA5814A503AD4EB04A8C7DD22CE2826",
                "04A8C7DD22CE28268B39B55416F0447C2FB77DE107DCD2A62E880EA53EEB62D57CB4390295DBC9943AB78696FA504C11",
                "1D1C64F068CF45FFA2A63A81B7C13F6B8847A3E77EF14FE3DB7FCAFE0CBD10E8E826E03436D646AAEF87B2E247D4AF1E",
                "8ABE1D7520F9C2A45CB1EB8E95CFD55262B70B29FEEC5864E19C054FF99129280E4646217791811142820341263C5315",
                "8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B31F166E6CAC0425A7CF3AB6AF6B7FC3103B883202E9046565",
                48,
            ),
            CurveId::BrainpoolP512r1 => (
                "AADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA703308717D4D9B009BC66842AECDA12AE6A380E62881FF2F2D82C68528AA6056583A48F3",
                "7830A3318B603B89E2327145AC234CC594CBDD8D3DF91610A83441CAEA9863BC2DED5D5AA8253AA10A2EF1C98B9AC8B57F1117A72BF2C7B9E7C1AC4D77FC94CA",
                "3DF91610A83441CAEA9863BC2DED5D5AA8253AA10A2EF1C98B9AC8B57F1117A72BF2C7B9E7C1AC4D77FC94CADC083E67984050B75EBAE5DD2809BD638016F723",
                "81AEE4BDD82ED9645A21322E9C4C6A9385ED9F70B5D916C1B43B62EEF4D0098EFF3B1F78E2D0D48D50D1687B93B97D5F7C6D5047406A5E688B352209BCB9F822",
                "7DDE385D566332ECC0EABFA9CF7822FDF209F70024A57B1AA000C55B881F8111B2DCDE494A5F485E5BCA4BD88A2763AED1CA2B2FA8F0540678CD1E0F3AD80892",
                "AADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA70330870553E5C414CA92619418661197FAC10471DB1D381085DDADDB58796829CA90069",
                64,
            ),
        };
        Curve {
            id: self,
            p: h(p),
            a: h(a),
            b: h(b),
            gx: h(gx),
            gy: h(gy),
            n: h(n),
            size,
        }
    }

    pub fn oid(self) -> &'static str {
        match self {
            CurveId::P256 => "1.2.840.10045.3.1.7",
            CurveId::BrainpoolP256r1 => "1.3.36.3.3.2.8.1.1.7",
            CurveId::BrainpoolP384r1 => "1.3.36.3.3.2.8.1.1.11",
            CurveId::BrainpoolP512r1 => "1.3.36.3.3.2.8.1.1.13",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            CurveId::P256 => "P-256",
            CurveId::BrainpoolP256r1 => "brainpoolP256r1",
            CurveId::BrainpoolP384r1 => "brainpoolP384r1",
            CurveId::BrainpoolP512r1 => "brainpoolP512r1",
        }
    }
}

/// Jacobian point (X, Y, Z); Z = 0 is the point at infinity.
#[derive(Clone)]
struct Jac {
    x: BigUint,
    y: BigUint,
    z: BigUint,
}

impl Curve {
    fn add_m(&self, a: &BigUint, b: &BigUint) -> BigUint {
        (a + b) % &self.p
    }
    fn sub_m(&self, a: &BigUint, b: &BigUint) -> BigUint {
        ((a + &self.p) - (b % &self.p)) % &self.p
    }
    fn mul_m(&self, a: &BigUint, b: &BigUint) -> BigUint {
        (a * b) % &self.p
    }
    fn inv_m(&self, a: &BigUint) -> BigUint {
        a.modpow(&(&self.p - 2u32), &self.p)
    }

    fn double(&self, q: &Jac) -> Jac {
        if q.z.is_zero() || q.y.is_zero() {
            return Jac {
                x: BigUint::one(),
                y: BigUint::one(),
                z: BigUint::zero(),
            };
        }
        let yy = self.mul_m(&q.y, &q.y);
        let s = self.mul_m(&(&q.x * 4u32), &yy);
        let zz = self.mul_m(&q.z, &q.z);
        let z4 = self.mul_m(&zz, &zz);
        let m = self.add_m(&self.mul_m(&(&q.x * 3u32), &q.x), &self.mul_m(&self.a, &z4));
        let x3 = self.sub_m(&self.mul_m(&m, &m), &(&s * 2u32));
        let y4 = self.mul_m(&yy, &yy);
        let y3 = self.sub_m(&self.mul_m(&m, &self.sub_m(&s, &x3)), &(&y4 * 8u32));
        let z3 = self.mul_m(&(&q.y * 2u32), &q.z);
        Jac {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    fn add(&self, p1: &Jac, p2: &Jac) -> Jac {
        if p1.z.is_zero() {
            return p2.clone();
        }
        if p2.z.is_zero() {
            return p1.clone();
        }
        let z1z1 = self.mul_m(&p1.z, &p1.z);
        let z2z2 = self.mul_m(&p2.z, &p2.z);
        let u1 = self.mul_m(&p1.x, &z2z2);
        let u2 = self.mul_m(&p2.x, &z1z1);
        let s1 = self.mul_m(&p1.y, &self.mul_m(&p2.z, &z2z2));
        let s2 = self.mul_m(&p2.y, &self.mul_m(&p1.z, &z1z1));
        if u1 == u2 {
            if s1 == s2 {
                return self.double(p1);
            }
            return Jac {
                x: BigUint::one(),
                y: BigUint::one(),
                z: BigUint::zero(),
            };
        }
        let hh = self.sub_m(&u2, &u1);
        let r = self.sub_m(&s2, &s1);
        let h2 = self.mul_m(&hh, &hh);
        let h3 = self.mul_m(&h2, &hh);
        let u1h2 = self.mul_m(&u1, &h2);
        let x3 = self.sub_m(&self.sub_m(&self.mul_m(&r, &r), &h3), &(&u1h2 * 2u32));
        let y3 = self.sub_m(
            &self.mul_m(&r, &self.sub_m(&u1h2, &x3)),
            &self.mul_m(&s1, &h3),
        );
        let z3 = self.mul_m(&hh, &self.mul_m(&p1.z, &p2.z));
        Jac {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// k·(x, y) in affine coordinates; None for the point at infinity.
    pub fn mul(&self, k: &BigUint, x: &BigUint, y: &BigUint) -> Option<(BigUint, BigUint)> {
        let base = Jac {
            x: x.clone(),
            y: y.clone(),
            z: BigUint::one(),
        };
        let mut acc = Jac {
            x: BigUint::one(),
            y: BigUint::one(),
            z: BigUint::zero(),
        };
        for i in (0..k.bits()).rev() {
            acc = self.double(&acc);
            if k.bit(i) {
                acc = self.add(&acc, &base);
            }
        }
        self.affine(&acc)
    }

    fn affine(&self, q: &Jac) -> Option<(BigUint, BigUint)> {
        if q.z.is_zero() {
            return None;
        }
        let zi = self.inv_m(&q.z);
        let zi2 = self.mul_m(&zi, &zi);
        Some((
            self.mul_m(&q.x, &zi2),
            self.mul_m(&q.y, &self.mul_m(&zi2, &zi)),
        ))
    }

    #[cfg(test)]
    pub fn on_curve(&self, x: &BigUint, y: &BigUint) -> bool {
        let lhs = self.mul_m(y, y);
        let rhs = self.add_m(
            &self.add_m(&self.mul_m(&self.mul_m(x, x), x), &self.mul_m(&self.a, x)),
            &self.b,
        );
        lhs == rhs
    }

    pub fn fe(&self, v: &BigUint) -> Vec<u8> {
        fixed(v, self.size)
    }

    pub fn order_len(&self) -> usize {
        (self.n.bits() as usize).div_ceil(8)
    }

    /// ECParameters (RFC 3279 §2.3.5, the form ICAO CSCAs use): version 1, prime field,
    /// curve a, b (no seed), uncompressed base point, order, cofactor 1.
    pub fn explicit_params(&self) -> Vec<u8> {
        let mut g = vec![0x04];
        g.extend(self.fe(&self.gx));
        g.extend(self.fe(&self.gy));
        der::seq(&[
            der::int(1),
            der::seq(&[
                der::oid("1.2.840.10045.1.1"),
                der::uint(&self.p.to_bytes_be()),
            ]),
            der::seq(&[
                der::octets(&self.fe(&self.a)),
                der::octets(&self.fe(&self.b)),
            ]),
            der::octets(&g),
            der::uint(&self.n.to_bytes_be()),
            der::int(1),
        ])
    }
}

/// Big-endian, left-padded to `len` bytes (the value always fits in the tool's uses).
pub fn fixed(v: &BigUint, len: usize) -> Vec<u8> {
    let b = v.to_bytes_be();
    let mut out = vec![0u8; len.saturating_sub(b.len())];
    out.extend(b);
    out
}

pub struct EcKey {
    pub curve: Curve,
    pub d: BigUint,
    pub qx: BigUint,
    pub qy: BigUint,
    /// Whether certificates and DG15 carry the explicit curve parameters instead of the OID.
    pub explicit: bool,
}

impl EcKey {
    /// The DEMO key of a published seed byte: the seed repeated to the order's length,
    /// reduced modulo n − 1, plus 1.
    pub fn from_seed(id: CurveId, seed: u8, explicit: bool) -> EcKey {
        let curve = id.curve();
        let raw = BigUint::from_bytes_be(&vec![seed; curve.order_len()]);
        let d = raw % (&curve.n - 1u32) + 1u32;
        let (qx, qy) = curve.mul(&d, &curve.gx, &curve.gy).unwrap_or_default();
        EcKey {
            curve,
            d,
            qx,
            qy,
            explicit,
        }
    }

    pub fn point(&self) -> Vec<u8> {
        let mut out = vec![0x04];
        out.extend(self.curve.fe(&self.qx));
        out.extend(self.curve.fe(&self.qy));
        out
    }

    /// SubjectPublicKeyInfo (RFC 5480), named curve or explicit parameters.
    pub fn spki(&self) -> Vec<u8> {
        let params = if self.explicit {
            self.curve.explicit_params()
        } else {
            der::oid(self.curve.id.oid())
        };
        der::seq(&[
            der::seq(&[der::oid("1.2.840.10045.2.1"), params]),
            der::bits(&self.point()),
        ])
    }

    fn bits2int(&self, b: &[u8]) -> BigUint {
        let v = BigUint::from_bytes_be(b);
        let blen = b.len() as u64 * 8;
        let qlen = self.curve.n.bits();
        if blen > qlen {
            v >> (blen - qlen)
        } else {
            v
        }
    }

    /// ECDSA with an RFC 6979 nonce over `hash`; returns (r, s).
    pub fn sign_rs(&self, hash: Hash, msg: &[u8]) -> (BigUint, BigUint) {
        let n = &self.curve.n;
        let rlen = self.curve.order_len();
        let h1 = hash.digest(msg);
        let e = self.bits2int(&h1);
        let x_oct = fixed(&self.d, rlen);
        let h_oct = fixed(&(&e % n), rlen);
        let hl = hash.len();
        let mut v = vec![0x01u8; hl];
        let mut k = vec![0x00u8; hl];
        k = hash.hmac(
            &k,
            &[v.clone(), vec![0x00], x_oct.clone(), h_oct.clone()].concat(),
        );
        v = hash.hmac(&k, &v);
        k = hash.hmac(&k, &[v.clone(), vec![0x01], x_oct, h_oct].concat());
        v = hash.hmac(&k, &v);
        loop {
            let mut t = Vec::new();
            while t.len() < rlen {
                v = hash.hmac(&k, &v);
                t.extend_from_slice(&v);
            }
            t.truncate(rlen);
            let kk = self.bits2int(&t);
            if !kk.is_zero() && &kk < n {
                if let Some((x1, _)) = self.curve.mul(&kk, &self.curve.gx, &self.curve.gy) {
                    let r = x1 % n;
                    let kinv = kk.modpow(&(n - 2u32), n);
                    let s = (kinv * ((&e % n) + (&self.d * &r) % n)) % n;
                    if !r.is_zero() && !s.is_zero() {
                        return (r, s);
                    }
                }
            }
            k = hash.hmac(&k, &[v.clone(), vec![0x00]].concat());
            v = hash.hmac(&k, &v);
        }
    }

    /// ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3).
    pub fn sign_der(&self, hash: Hash, msg: &[u8]) -> Vec<u8> {
        let (r, s) = self.sign_rs(hash, msg);
        der::seq(&[der::uint(&r.to_bytes_be()), der::uint(&s.to_bytes_be())])
    }

    /// The plain format r ‖ s, each the order's length (BSI TR-03111 §5.2.1), as ICAO 9303
    /// Active Authentication with ECDSA returns it.
    pub fn sign_plain(&self, hash: Hash, msg: &[u8]) -> Vec<u8> {
        let (r, s) = self.sign_rs(hash, msg);
        let l = self.curve.order_len();
        [fixed(&r, l), fixed(&s, l)].concat()
    }

    /// Verification, for the tool's self-checks (the independent check is OpenSSL in the tests).
    #[cfg(test)]
    pub fn verify_rs(&self, hash: Hash, msg: &[u8], r: &BigUint, s: &BigUint) -> bool {
        let n = &self.curve.n;
        if r.is_zero() || s.is_zero() || r >= n || s >= n {
            return false;
        }
        let e = self.bits2int(&hash.digest(msg)) % n;
        let w = s.modpow(&(n - 2u32), n);
        let u1 = (&e * &w) % n;
        let u2 = (r * &w) % n;
        let c = &self.curve;
        let p1 = c.mul(&u1, &c.gx, &c.gy);
        let p2 = c.mul(&u2, &self.qx, &self.qy);
        let sum = match (p1, p2) {
            (Some((x1, y1)), Some((x2, y2))) => {
                let j1 = Jac {
                    x: x1,
                    y: y1,
                    z: BigUint::one(),
                };
                let j2 = Jac {
                    x: x2,
                    y: y2,
                    z: BigUint::one(),
                };
                c.affine(&c.add(&j1, &j2))
            }
            (Some(p), None) | (None, Some(p)) => Some(p),
            (None, None) => None,
        };
        matches!(sum, Some((x, _)) if &(&x % n) == r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_points_are_on_their_curves_and_have_order_n() {
        for id in [
            CurveId::P256,
            CurveId::BrainpoolP256r1,
            CurveId::BrainpoolP384r1,
            CurveId::BrainpoolP512r1,
        ] {
            let c = id.curve();
            assert!(c.on_curve(&c.gx, &c.gy), "{id:?}");
            assert!(
                c.mul(&c.n, &c.gx, &c.gy).is_none(),
                "{id:?}: n·G must be the point at infinity"
            );
        }
    }

    #[test]
    fn rfc6979_p256_sha256_sample() {
        // RFC 6979 A.2.5: P-256, message "sample", SHA-256.
        let c = CurveId::P256.curve();
        let d = h("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
        let (qx, qy) = c.mul(&d, &c.gx, &c.gy).unwrap_or_default();
        assert_eq!(
            qx,
            h("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6")
        );
        let key = EcKey {
            curve: c,
            d,
            qx,
            qy,
            explicit: false,
        };
        let (r, s) = key.sign_rs(Hash::Sha256, b"sample");
        assert_eq!(
            r,
            h("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716")
        );
        assert_eq!(
            s,
            h("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8")
        );
        assert!(key.verify_rs(Hash::Sha256, b"sample", &r, &s));
        assert!(!key.verify_rs(Hash::Sha256, b"samplf", &r, &s));
    }

    #[test]
    fn brainpool_p512_signs_and_verifies() {
        let key = EcKey::from_seed(CurveId::BrainpoolP512r1, 0xc1, true);
        assert!(key.curve.on_curve(&key.qx, &key.qy));
        let (r, s) = key.sign_rs(Hash::Sha512, b"cccd");
        assert!(key.verify_rs(Hash::Sha512, b"cccd", &r, &s));
        assert_eq!(key.sign_rs(Hash::Sha512, b"cccd"), (r, s), "deterministic");
    }
}
