use p256::ecdsa::signature::Signer;

use super::*;
use crate::cbor::Encoder;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn hmac_sha256_rfc4231() {
    // RFC 4231 §4.2, §4.3, §4.7 (test cases 1, 2, 6).
    assert_eq!(
        hmac_sha256(&[0x0b; 20], b"Hi There").to_vec(),
        hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    );
    assert_eq!(
        hmac_sha256(b"Jefe", b"what do ya want for nothing?").to_vec(),
        hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    );
    assert_eq!(
        hmac_sha256(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First"
        )
        .to_vec(),
        hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    );
}

#[test]
fn hkdf_sha256_rfc5869() {
    // RFC 5869 Appendix A.1 (test case 1).
    let okm = hkdf_sha256(
        &[0x0b; 22],
        &hex("000102030405060708090a0b0c"),
        &hex("f0f1f2f3f4f5f6f7f8f9"),
        42,
    )
    .unwrap();
    assert_eq!(
        okm,
        hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
    );
    assert!(hkdf_sha256(b"k", b"", b"", 255 * 32 + 1).is_none());
}

fn signing_key() -> p256::ecdsa::SigningKey {
    p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).unwrap()
}

fn public(sk: &p256::ecdsa::SigningKey) -> PublicKey {
    let point = sk.verifying_key().to_sec1_point(false);
    PublicKey::from_sec1(Curve::P256, point.as_bytes()).unwrap()
}

/// A COSE_Sign1 over `payload` with the given protected-header bytes and unprotected map
/// bytes; `detached` writes nil instead of the payload.
fn sign1(protected: &[u8], unprotected: &[u8], payload: &[u8], detached: bool) -> Vec<u8> {
    let sig: p256::ecdsa::Signature = signing_key().sign(&sig_structure(protected, payload));
    let mut e = Encoder::new();
    e.array(4).bytes(protected).raw(unprotected);
    if detached {
        e.null();
    } else {
        e.bytes(payload);
    }
    e.bytes(&sig.to_bytes());
    e.into_bytes()
}

fn verify_bytes(bytes: &[u8], detached: Option<&[u8]>) -> Result<(), Error> {
    let s = Sign1::decode(bytes, &Options::default())?;
    s.verify(&public(&signing_key()), &DEFAULT_SIG_ALGS, detached)
}

const ES256: &[u8] = &[0xa1, 0x01, 0x26];

#[test]
fn sign1_embedded_and_detached() {
    let msg = b"payload";
    assert_eq!(
        verify_bytes(&sign1(ES256, &[0xa0], msg, false), None),
        Ok(())
    );
    let detached = sign1(ES256, &[0xa0], msg, true);
    assert_eq!(verify_bytes(&detached, Some(msg)), Ok(()));
    assert_eq!(
        verify_bytes(&detached, None),
        Err(Error::CosePayload { reason: "missing" })
    );
    assert_eq!(
        verify_bytes(&detached, Some(b"other")),
        Err(Error::CoseSignatureInvalid)
    );
    // Tagged 18 is the same message.
    let mut tagged = vec![0xd2];
    tagged.extend(sign1(ES256, &[0xa0], msg, false));
    assert_eq!(verify_bytes(&tagged, None), Ok(()));
    // Another tag is not.
    tagged[0] = 0xd1;
    assert_eq!(
        verify_bytes(&tagged, None),
        Err(Error::CoseFormat {
            reason: "structure"
        })
    );
}

#[test]
fn sig_structure_uses_the_received_protected_bytes() {
    // {1: -7} with a non-preferred head for the map (b9 0001): signed over these bytes, it
    // verifies; a verifier that re-encoded the header (a1 01 26) would reject it.
    let protected = [0xb9, 0x00, 0x01, 0x01, 0x26];
    let signed = sign1(&protected, &[0xa0], b"m", false);
    assert_eq!(verify_bytes(&signed, None), Ok(()));
    // Signed over the re-encoding but sent with the long head: refused.
    let sig: p256::ecdsa::Signature = signing_key().sign(&sig_structure(ES256, b"m"));
    let mut e = Encoder::new();
    e.array(4)
        .bytes(&protected)
        .map(0)
        .bytes(b"m")
        .bytes(&sig.to_bytes());
    assert_eq!(
        verify_bytes(e.as_bytes(), None),
        Err(Error::CoseSignatureInvalid)
    );
}

#[test]
fn alg_only_from_the_protected_header() {
    // alg in the unprotected header only: missing.
    let bytes = sign1(&[], &[0xa1, 0x01, 0x26], b"m", false);
    assert_eq!(
        verify_bytes(&bytes, None),
        Err(Error::CoseAlgNotAllowed {
            alg: "missing".into()
        })
    );
    // An algorithm outside the allow-list (EdDSA, -8).
    let bytes = sign1(&[0xa1, 0x01, 0x27], &[0xa0], b"m", false);
    assert_eq!(
        verify_bytes(&bytes, None),
        Err(Error::CoseAlgNotAllowed { alg: "-8".into() })
    );
    // ES256 not in a narrowed allow-list.
    let bytes = sign1(ES256, &[0xa0], b"m", false);
    let s = Sign1::decode(&bytes, &Options::default()).unwrap();
    assert_eq!(
        s.verify(&public(&signing_key()), &[SigAlg::ES384], None),
        Err(Error::CoseAlgNotAllowed { alg: "-7".into() })
    );
    // A label in both headers, and crit, are refused.
    let bytes = sign1(ES256, &[0xa1, 0x01, 0x26], b"m", false);
    assert_eq!(
        verify_bytes(&bytes, None),
        Err(Error::CoseFormat {
            reason: "header-label-in-both"
        })
    );
    let bytes = sign1(&[0xa2, 0x01, 0x26, 0x02, 0x81, 0x01], &[0xa0], b"m", false);
    assert_eq!(
        verify_bytes(&bytes, None),
        Err(Error::CoseFormat { reason: "crit" })
    );
    // An empty map as protected bytes is an empty protected header: alg is missing.
    let bytes = sign1(&[0xa0], &[0xa1, 0x01, 0x26], b"m", false);
    assert_eq!(
        verify_bytes(&bytes, None),
        Err(Error::CoseAlgNotAllowed {
            alg: "missing".into()
        })
    );
}

#[test]
fn structure_is_checked() {
    for bad in [
        &[0x83, 0x40, 0xa0, 0xf6][..],             // three elements
        &[0x84, 0xa0, 0xa0, 0xf6, 0x40][..],       // protected not a bstr
        &[0x84, 0x40, 0x80, 0xf6, 0x40][..],       // unprotected not a map
        &[0x84, 0x40, 0xa0, 0xf6, 0x60][..],       // signature not a bstr
        &[0x84, 0x41, 0x01, 0xa0, 0xf6, 0x40][..], // protected not a map
    ] {
        assert!(
            matches!(
                Sign1::decode(bad, &Options::default()),
                Err(Error::CoseFormat { .. })
            ),
            "{bad:02x?}"
        );
    }
    assert_eq!(
        Sign1::decode(&[0x84, 0x40, 0xa0, 0x61, 0x61, 0x40], &Options::default()).err(),
        Some(Error::CosePayload {
            reason: "not-bytes"
        })
    );
}

#[test]
fn x5chain_one_or_many() {
    let one = cbor::decode(
        &[0x84, 0x40, 0xa1, 0x18, 0x21, 0x42, 1, 2, 0xf6, 0x40],
        &Options::default(),
    )
    .unwrap();
    let s = Sign1::from_item(&one).unwrap();
    assert_eq!(s.headers.x5chain().unwrap(), vec![&[1u8, 2][..]]);
    let two = cbor::decode(
        &[
            0x84, 0x40, 0xa1, 0x18, 0x21, 0x82, 0x41, 1, 0x41, 2, 0xf6, 0x40,
        ],
        &Options::default(),
    )
    .unwrap();
    let s = Sign1::from_item(&two).unwrap();
    assert_eq!(s.headers.x5chain().unwrap(), vec![&[1u8][..], &[2u8][..]]);
    for (bytes, reason) in [
        (&[0x84, 0x40, 0xa0, 0xf6, 0x40][..], "missing"),
        (
            &[0x84, 0x40, 0xa1, 0x18, 0x21, 0x80, 0xf6, 0x40][..],
            "malformed",
        ),
        (
            &[0x84, 0x40, 0xa1, 0x18, 0x21, 0x81, 0x01, 0xf6, 0x40][..],
            "malformed",
        ),
        (
            &[0x84, 0x40, 0xa1, 0x18, 0x21, 0x01, 0xf6, 0x40][..],
            "malformed",
        ),
    ] {
        let item = cbor::decode(bytes, &Options::default()).unwrap();
        let s = Sign1::from_item(&item).unwrap();
        assert_eq!(s.headers.x5chain(), Err(Error::CoseX5chain { reason }));
    }
}

#[test]
fn mac0_checks_alg_and_tag() {
    let key = [9u8; 32];
    let payload = b"device authentication";
    let protected = [0xa1, 0x01, 0x05];
    let tag = hmac_sha256(&key, &mac_structure(&protected, payload));
    let build = |protected: &[u8], tag: &[u8]| {
        let mut e = Encoder::new();
        e.tag(TAG_MAC0)
            .array(4)
            .bytes(protected)
            .map(0)
            .null()
            .bytes(tag);
        e.into_bytes()
    };
    let ok = build(&protected, &tag);
    let item = cbor::decode(&ok, &Options::default()).unwrap();
    let m = Mac0::from_item(&item).unwrap();
    assert_eq!(m.verify(&key, Some(payload)), Ok(true));
    assert_eq!(m.verify(&key, Some(b"other")), Ok(false));
    assert_eq!(m.verify(&[8u8; 32], Some(payload)), Ok(false));
    assert_eq!(
        m.verify(&key, None),
        Err(Error::CosePayload { reason: "missing" })
    );
    // HMAC 384/384 (6) is not accepted.
    let other = build(&[0xa1, 0x01, 0x06], &tag);
    let item = cbor::decode(&other, &Options::default()).unwrap();
    assert_eq!(
        Mac0::from_item(&item).unwrap().verify(&key, Some(payload)),
        Err(Error::CoseAlgNotAllowed { alg: "6".into() })
    );
}

fn key_bytes(entries: &[(i64, Vec<u8>)]) -> Vec<u8> {
    let mut e = Encoder::new();
    e.map(entries.len());
    for (k, v) in entries {
        e.int(*k).raw(v);
    }
    e.into_bytes()
}

#[test]
fn cose_key_ec2_only() {
    let point = signing_key().verifying_key().to_sec1_point(false);
    let xy = point.as_bytes();
    let bstr = |b: &[u8]| {
        let mut e = Encoder::new();
        e.bytes(b);
        e.into_bytes()
    };
    let x = bstr(&xy[1..33]);
    let y = bstr(&xy[33..]);
    let good = key_bytes(&[
        (1, vec![2]),
        (-1, vec![1]),
        (-2, x.clone()),
        (-3, y.clone()),
    ]);
    let item = cbor::decode(&good, &Options::default()).unwrap();
    assert_eq!(cose_key(&item).unwrap(), public(&signing_key()));
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            key_bytes(&[(1, vec![1]), (-1, vec![6]), (-2, x.clone())]),
            "kty",
        ),
        (
            key_bytes(&[
                (1, vec![2]),
                (-1, vec![8]),
                (-2, x.clone()),
                (-3, y.clone()),
            ]),
            "crv",
        ),
        (
            key_bytes(&[
                (1, vec![2]),
                (-1, vec![1]),
                (-2, x.clone()),
                (-3, vec![0xf5]),
            ]),
            "coordinates",
        ),
        (
            key_bytes(&[
                (1, vec![2]),
                (-1, vec![1]),
                (-2, x.clone()),
                (-3, x.clone()),
            ]),
            "coordinates",
        ),
        (
            key_bytes(&[
                (1, vec![2]),
                (-1, vec![2]),
                (-2, x.clone()),
                (-3, y.clone()),
            ]),
            "coordinates",
        ),
        (
            key_bytes(&[
                (1, vec![2]),
                (-1, vec![1]),
                (-2, x.clone()),
                (-3, y.clone()),
                (-4, x.clone()),
            ]),
            "private",
        ),
        (vec![0x80], "format"),
        (vec![0xa1, 0x61, 0x61, 0x01], "format"),
    ];
    for (bytes, reason) in cases {
        let item = cbor::decode(&bytes, &Options::default()).unwrap();
        assert_eq!(
            cose_key(&item),
            Err(Error::CoseKeyUnsupported { reason }),
            "{reason}"
        );
    }
}

/// `COSE_Key` bytes of an EC2 key on curve `crv` with the SEC1 point `sec1`.
fn ec2_key(crv: i64, sec1: &[u8]) -> Vec<u8> {
    let n = (sec1.len() - 1) / 2;
    let mut e = Encoder::new();
    e.map(4)
        .int(1)
        .int(2)
        .int(-1)
        .int(crv)
        .int(-2)
        .bytes(&sec1[1..=n])
        .int(-3)
        .bytes(&sec1[n + 1..]);
    e.into_bytes()
}

/// A COSE_Sign1 with `alg`, signed with `sig` over the Sig_structure, verified with the key read
/// from its COSE_Key.
fn check_curve(alg: u8, key: &[u8], sign: impl Fn(&[u8]) -> Vec<u8>) -> Result<(), Error> {
    let protected = [0xa1, 0x01, 0x38, alg];
    let tbs = sig_structure(&protected, b"m");
    let mut e = Encoder::new();
    e.array(4)
        .bytes(&protected)
        .map(0)
        .bytes(b"m")
        .bytes(&sign(&tbs));
    let bytes = e.into_bytes();
    let k = cose_key(&cbor::decode(key, &Options::default()).unwrap())?;
    Sign1::decode(&bytes, &Options::default())?.verify(&k, &DEFAULT_SIG_ALGS, None)
}

#[cfg(feature = "crypto-p521")]
#[test]
fn es384_and_es512_with_p384_and_p521_cose_keys() {
    let k384 = p384::ecdsa::SigningKey::from_slice(&[5u8; 48]).unwrap();
    let key = ec2_key(2, k384.verifying_key().to_sec1_point(false).as_bytes());
    // ES384 is -35 (0x38 0x22).
    let sign384 = |m: &[u8]| {
        let s: p384::ecdsa::Signature = k384.sign(m);
        s.to_bytes().to_vec()
    };
    assert_eq!(check_curve(0x22, &key, sign384), Ok(()));
    // The same key under ES512 (-36): the key does not go with the algorithm.
    assert_eq!(
        check_curve(0x23, &key, sign384),
        Err(Error::CoseSignatureInvalid)
    );

    let mut d = [6u8; 66];
    d[0] = 1; // below the group order
    let k521 = p521::ecdsa::SigningKey::from_slice(&d).unwrap();
    let point = p521::ecdsa::VerifyingKey::from(&k521).to_sec1_point(false);
    let key = ec2_key(3, point.as_bytes());
    let sign521 = |m: &[u8]| {
        let s: p521::ecdsa::Signature = k521.sign(m);
        s.to_bytes().to_vec()
    };
    assert_eq!(check_curve(0x23, &key, sign521), Ok(()));
    let mut bad = sign521(b"x");
    bad.truncate(10);
    assert_eq!(
        check_curve(0x23, &key, |_| bad.clone()),
        Err(Error::CoseSignatureInvalid)
    );
}
