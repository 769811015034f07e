#!/usr/bin/env python3
"""Builds the signature test vectors in tests/data/crypto/ with the OpenSSL command-line tool,
independently of the Rust code under test. Run from the repository root:

    python3 tools/crypto-vectors/gen.py

Every run makes new keys and signatures; the expected outcomes stay the same. Each file holds one
algorithm family; each test names its key (SubjectPublicKeyInfo DER, hex), message, signature,
encoding, the algorithm to verify with, and the expected result: "valid", or the name of the
`CryptoError` variant (`key_error` when reading the key itself must fail).
"""

import json
import os
import subprocess
import sys
import tempfile

OUT = os.path.join("tests", "data", "crypto")
TMP = tempfile.mkdtemp(prefix="crypto-vectors-")


def openssl(*args, data=None):
    return subprocess.run(["openssl", *args], input=data, check=True, capture_output=True).stdout


def path(name):
    return os.path.join(TMP, name)


# --- minimal DER -------------------------------------------------------------------------------


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def der_int(v):
    b = v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big")  # always room for a sign bit
    while len(b) > 1 and b[0] == 0 and b[1] < 0x80:
        b = b[1:]
    return tlv(0x02, b)


def parse_tlv(b, i=0):
    tag = b[i]
    n = b[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(b[i : i + k], "big")
        i += k
    return tag, b[i : i + n], i + n


def ecdsa_sig_der(der):
    _, body, _ = parse_tlv(der)
    _, r, i = parse_tlv(body)
    _, s, _ = parse_tlv(body, i)
    return int.from_bytes(r, "big"), int.from_bytes(s, "big")


def ecdsa_der(r, s):
    return tlv(0x30, der_int(r) + der_int(s))


# --- keys --------------------------------------------------------------------------------------


def ec_key(curve, name, explicit=False):
    pem = path(name + ".pem")
    openssl("ecparam", "-name", curve, "-genkey", "-noout", "-out", pem)
    args = ["ec", "-in", pem, "-pubout", "-outform", "DER"]
    if explicit:
        args += ["-param_enc", "explicit"]
    spki = openssl(*args)
    return pem, spki


def spki_point(spki):
    """The BIT STRING contents (0 unused bits, then the SEC1 point) and its offset in `spki`."""
    _, body, _ = parse_tlv(spki)
    _, _, i = parse_tlv(body)  # AlgorithmIdentifier
    tag, bits, _ = parse_tlv(body, i)
    assert tag == 0x03 and bits[0] == 0
    off = spki.index(bits)
    return bits[1:], off + 1


def off_curve(spki):
    point, off = spki_point(spki)
    b = bytearray(spki)
    b[off + len(point) - 1] ^= 0x01  # y + 1 or y - 1: off the curve
    return bytes(b)


def curve_order(curve):
    der = openssl("ecparam", "-name", curve, "-param_enc", "explicit", "-outform", "DER")
    _, body, _ = parse_tlv(der)
    i = 0
    for _ in range(4):  # version, fieldID, curve, base
        _, _, i = parse_tlv(body, i)
    _, n, _ = parse_tlv(body, i)
    return int.from_bytes(n, "big")


HASH_ARG = {"SHA-1": "-sha1", "SHA-224": "-sha224", "SHA-256": "-sha256", "SHA-384": "-sha384", "SHA-512": "-sha512"}


def sign_ecdsa(pem, msg, hash_name):
    mpath = path("msg")
    with open(mpath, "wb") as f:
        f.write(msg)
    return openssl("dgst", HASH_ARG[hash_name], "-sign", pem, mpath)


def test(tests, comment, spki, msg, sig, encoding, alg, result, **extra):
    t = {
        "id": len(tests) + 1,
        "comment": comment,
        "key": spki.hex(),
        "msg": msg.hex(),
        "sig": sig.hex(),
        "encoding": encoding,
        "alg": alg,
        "result": result,
    }
    t.update(extra)
    tests.append(t)


MESSAGES = [b"", b"abc", bytes(range(256)) * 3]


def ecdsa_file(file, curve, curve_name, hashes, other_curve, other_name, explicit_too=False, explicit=False):
    """Valid and invalid ECDSA vectors for one curve, with each of `hashes`. With `explicit`, the
    keys carry the curve as explicit parameters (`curve_name` is then "explicit")."""
    n = curve_order(curve)
    width = (n.bit_length() + 7) // 8
    pem, spki = ec_key(curve, curve_name, explicit=explicit)
    _, other_spki = ec_key(other_curve, other_name)
    tests = []

    def raw(r, s):
        return r.to_bytes(width, "big") + s.to_bytes(width, "big")

    for h in hashes:
        alg = {"ecdsa": curve_name, "hash": h}
        for msg in MESSAGES:
            der = sign_ecdsa(pem, msg, h)
            r, s = ecdsa_sig_der(der)
            test(tests, f"valid, {len(msg)}-byte message, DER", spki, msg, der, "der", alg, "valid")
            test(tests, f"valid, {len(msg)}-byte message, r||s", spki, msg, raw(r, s), "raw", alg, "valid")
        msg = b"sample message"
        der = sign_ecdsa(pem, msg, h)
        r, s = ecdsa_sig_der(der)
        test(tests, "tampered message", spki, msg + b".", der, "der", alg, "SignatureInvalid")
        s2 = s ^ 1 if 1 <= (s ^ 1) < n else s ^ 2
        test(tests, "tampered s", spki, msg, ecdsa_der(r, s2), "der", alg, "SignatureInvalid")
        test(tests, "tampered r, r||s", spki, msg, raw(r ^ 1 if (r ^ 1) else r ^ 2, s), "raw", alg, "SignatureInvalid")
        # High s: n - s verifies with the same equation. Accepted, as OpenSSL and WebCrypto do.
        test(tests, "high-s (n - s) accepted", spki, msg, ecdsa_der(r, n - s), "der", alg, "valid")
        test(tests, "r = 0", spki, msg, ecdsa_der(0, s), "der", alg, "SignatureMalformed")
        test(tests, "s = 0", spki, msg, ecdsa_der(r, 0), "der", alg, "SignatureMalformed")
        test(tests, "r = n", spki, msg, ecdsa_der(n, s), "der", alg, "SignatureMalformed")
        test(tests, "s = n", spki, msg, ecdsa_der(r, n), "der", alg, "SignatureMalformed")
        test(tests, "s = s + n", spki, msg, ecdsa_der(r, s + n), "der", alg, "SignatureMalformed")
        test(tests, "r = 0, r||s", spki, msg, raw(0, s), "raw", alg, "SignatureMalformed")
        test(tests, "s = n, r||s", spki, msg, raw(r, n), "raw", alg, "SignatureMalformed")
        test(tests, "r||s one byte short", spki, msg, raw(r, s)[:-1], "raw", alg, "SignatureMalformed")
        test(tests, "r||s one byte long", spki, msg, raw(r, s) + b"\0", "raw", alg, "SignatureMalformed")
        test(tests, "DER given as r||s", spki, msg, der, "raw", alg, "SignatureMalformed")
        test(tests, "r||s given as DER", spki, msg, raw(r, s), "der", alg, "SignatureMalformed")
        # Non-canonical DER of a valid signature.
        body = der_int(r) + der_int(s)
        test(tests, "DER: trailing byte", spki, msg, der + b"\0", "der", alg, "SignatureMalformed")
        padded = tlv(0x02, b"\0" + der_int(r)[2:])  # a superfluous leading zero on r
        test(tests, "DER: non-minimal INTEGER", spki, msg, tlv(0x30, padded + der_int(s)), "der", alg, "SignatureMalformed")
        long_len = bytes([0x30, 0x81, len(body)]) + body if len(body) < 0x80 else bytes([0x30, 0x82, 0, len(body)]) + body
        test(tests, "DER: non-minimal length", spki, msg, long_len, "der", alg, "SignatureMalformed")
        neg = tlv(0x02, der_int(r)[2:].lstrip(b"\0")) if r.bit_length() % 8 == 0 else None
        if neg is not None:  # r with its top bit set, without the 00 sign byte: negative
            test(tests, "DER: negative r", spki, msg, tlv(0x30, neg + der_int(s)), "der", alg, "SignatureMalformed")
        test(tests, "DER: wrong outer tag", spki, msg, bytes([0x31]) + der[1:], "der", alg, "SignatureMalformed")
        test(tests, "DER: indefinite length", spki, msg, bytes([0x30, 0x80]) + body + b"\0\0", "der", alg, "SignatureMalformed")
        test(tests, "key of another curve", other_spki, msg, der, "der", alg, "KeyMismatch")
        test(tests, "point not on the curve", off_curve(spki), msg, der, "der", alg, "KeyInvalid", key_error=True)
        test(tests, "signature by another key", spki, msg, sign_ecdsa(ec_key(curve, "k2")[0], msg, h), "der", alg, "SignatureInvalid")
        if explicit:
            named = openssl("ec", "-in", pem, "-pubout", "-outform", "DER")
            test(tests, "same point, named curve OID unknown to us", named, msg, der, "der", alg, "KeyUnsupported", key_error=True)

    if explicit_too:
        msg = b"explicit parameters"
        h = hashes[0]
        alg = {"ecdsa": curve_name, "hash": h}
        _, spki_x = ec_key(curve, curve_name, explicit=False)
        pem_x = path(curve_name + ".pem")
        spki_x = openssl("ec", "-in", pem_x, "-pubout", "-outform", "DER", "-param_enc", "explicit")
        der = sign_ecdsa(pem_x, msg, h)
        test(tests, "key with explicit parameters equal to the named curve", spki_x, msg, der, "der", alg, "valid")

    write(file, {"family": "ECDSA", "curve": curve if explicit else curve_name, "explicit": explicit, "tests": tests})


def probable_prime(bits):
    import secrets
    while True:
        c = secrets.randbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if all(c % p for p in range(3, 2000, 2)) and all(pow(secrets.randbelow(c - 3) + 2, c - 1, c) == 1 for _ in range(20)):
            return c


def rsa_key_odd_bits(bits, name):
    """OpenSSL only makes even-sized moduli: build one of `bits` (odd) bits with Python's
    `cryptography` (prime search here, Fermat-tested; the key is then checked by OpenSSL)."""
    from cryptography.hazmat.primitives.asymmetric import rsa as crsa
    from cryptography.hazmat.primitives import serialization
    e = 65537
    while True:
        p, q = probable_prime(bits // 2 + 1), probable_prime(bits // 2)
        n = p * q
        if n.bit_length() == bits and p != q and (p - 1) % e and (q - 1) % e:
            break
    d = pow(e, -1, (p - 1) * (q - 1))
    key = crsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), crsa.RSAPublicNumbers(e, n)).private_key()
    pem = path(name + ".pem")
    with open(pem, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    openssl("pkey", "-in", pem, "-check", "-noout")
    return pem, openssl("pkey", "-in", pem, "-pubout", "-outform", "DER")


def rsa_key(bits, name, pss=False):
    if bits % 2:
        return rsa_key_odd_bits(bits, name)
    pem = path(name + ".pem")
    openssl("genpkey", "-algorithm", "RSA-PSS" if pss else "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}", "-out", pem)
    return pem, openssl("pkey", "-in", pem, "-pubout", "-outform", "DER")


def sign_rsa(pem, msg, hash_name, pss_salt=None):
    mpath = path("msg")
    with open(mpath, "wb") as f:
        f.write(msg)
    opts = []
    if pss_salt is not None:
        opts = ["-sigopt", "rsa_padding_mode:pss", "-sigopt", f"rsa_pss_saltlen:{pss_salt}", "-sigopt", f"rsa_mgf1_md:{HASH_ARG[hash_name][1:]}"]
    return openssl("dgst", HASH_ARG[hash_name], *opts, "-sign", pem, mpath)


def rsa_raw_sign(pem, block):
    """PKCS #1 v1.5 type-1 padding of `block` as given (no DigestInfo added)."""
    ipath = path("raw")
    with open(ipath, "wb") as f:
        f.write(block)
    return openssl("pkeyutl", "-sign", "-inkey", pem, "-in", ipath, "-pkeyopt", "rsa_padding_mode:pkcs1")


def rsa_modulus(spki):
    point, _ = spki_point(spki)  # the BIT STRING contents: RSAPublicKey
    _, body, _ = parse_tlv(point)
    _, n, _ = parse_tlv(body)
    return int.from_bytes(n, "big")


def flip_last(b):
    return b[:-1] + bytes([b[-1] ^ 1])


def rsa_file():
    tests = []
    _, ec_spki = ec_key("prime256v1", "ec-for-rsa")
    for bits in (2048, 3072, 4096, 2049):
        pem, spki = rsa_key(bits, f"rsa{bits}")
        n = rsa_modulus(spki)
        k = (n.bit_length() + 7) // 8
        for h in (["SHA-256", "SHA-384", "SHA-512", "SHA-224", "SHA-1"] if bits == 2048 else ["SHA-256"]):
            pk = {"rsa": "pkcs1", "hash": h}
            hlen = {"SHA-1": 20, "SHA-224": 28, "SHA-256": 32, "SHA-384": 48, "SHA-512": 64}[h]
            for msg in MESSAGES:
                test(tests, f"RSA-{bits} PKCS#1 v1.5 valid, {len(msg)}-byte message", spki, msg, sign_rsa(pem, msg, h), "raw", pk, "valid")
            msg = b"sample message"
            sig = sign_rsa(pem, msg, h)
            test(tests, f"RSA-{bits} PKCS#1 v1.5 tampered message", spki, msg + b".", sig, "raw", pk, "SignatureInvalid")
            test(tests, f"RSA-{bits} PKCS#1 v1.5 tampered signature", spki, msg, flip_last(sig), "raw", pk, "SignatureInvalid")
            for salt in sorted({hlen, 0, 20}):
                ps = {"rsa": "pss", "hash": h, "salt": salt}
                psig = sign_rsa(pem, msg, h, pss_salt=salt)
                test(tests, f"RSA-{bits} PSS salt {salt} valid", spki, msg, psig, "raw", ps, "valid")
                test(tests, f"RSA-{bits} PSS salt {salt} tampered message", spki, msg + b".", psig, "raw", ps, "SignatureInvalid")
                test(tests, f"RSA-{bits} PSS salt {salt} tampered signature", spki, msg, flip_last(psig), "raw", ps, "SignatureInvalid")
                test(tests, f"RSA-{bits} PSS salt {salt} checked with salt {salt + 1}", spki, msg, psig, "raw", {**ps, "salt": salt + 1}, "SignatureInvalid")
                test(tests, f"RSA-{bits} PSS signature checked as PKCS#1 v1.5", spki, msg, psig, "raw", pk, "SignatureInvalid")
            test(tests, f"RSA-{bits} PKCS#1 v1.5 signature checked as PSS", spki, msg, sig, "raw", {"rsa": "pss", "hash": h, "salt": hlen}, "SignatureInvalid")
        pk = {"rsa": "pkcs1", "hash": "SHA-256"}
        msg = b"sample message"
        sig = sign_rsa(pem, msg, "SHA-256")
        test(tests, f"RSA-{bits} signature one byte short", spki, msg, sig[1:], "raw", pk, "SignatureMalformed")
        test(tests, f"RSA-{bits} signature with a leading zero byte", spki, msg, b"\0" + sig, "raw", pk, "SignatureMalformed")
        test(tests, f"RSA-{bits} signature = n", spki, msg, n.to_bytes(k, "big"), "raw", pk, "SignatureMalformed")
        test(tests, f"RSA-{bits} signature = n - 1", spki, msg, (n - 1).to_bytes(k, "big"), "raw", pk, "SignatureInvalid")
        test(tests, f"RSA-{bits} signature = 0", spki, msg, bytes(k), "raw", pk, "SignatureInvalid")
    # DigestInfo without the NULL parameters: refused (we compare with the NULL form only).
    pem, spki = rsa_key(2048, "rsa-noparams")
    msg = b"sample message"
    import hashlib
    no_null = bytes.fromhex("302f300b0609608648016503040201" + "0420") + hashlib.sha256(msg).digest()
    test(tests, "PKCS#1 v1.5 DigestInfo without NULL parameters", spki, msg, rsa_raw_sign(pem, no_null), "raw", {"rsa": "pkcs1", "hash": "SHA-256"}, "SignatureInvalid")
    with_null = bytes.fromhex("3031300d060960864801650304020105000420") + hashlib.sha256(msg).digest()
    test(tests, "PKCS#1 v1.5 built by hand with the NULL DigestInfo", spki, msg, rsa_raw_sign(pem, with_null), "raw", {"rsa": "pkcs1", "hash": "SHA-256"}, "valid")
    # Key sizes outside 2048-4096, key/algorithm mismatches.
    for bits in (1024, 2046, 4100):
        pem_s, spki_s = rsa_key(bits, f"rsa{bits}")
        test(tests, f"RSA-{bits} key refused", spki_s, msg, sign_rsa(pem_s, msg, "SHA-256"), "raw", {"rsa": "pkcs1", "hash": "SHA-256"}, "KeyUnsupported", key_error=True)
    test(tests, "RSA key with an ECDSA algorithm", spki, msg, rsa_raw_sign(pem, with_null), "der", {"ecdsa": "P-256", "hash": "SHA-256"}, "KeyMismatch")
    test(tests, "EC key with an RSA algorithm", ec_spki, msg, rsa_raw_sign(pem, with_null), "raw", {"rsa": "pkcs1", "hash": "SHA-256"}, "KeyMismatch")
    # An id-RSASSA-PSS key: PSS only.
    pem_p, spki_p = rsa_key(2048, "rsa-pss-key", pss=True)
    psig = sign_rsa(pem_p, msg, "SHA-256", pss_salt=32)
    test(tests, "id-RSASSA-PSS key, PSS signature", spki_p, msg, psig, "raw", {"rsa": "pss", "hash": "SHA-256", "salt": 32}, "valid")
    test(tests, "id-RSASSA-PSS key with PKCS#1 v1.5", spki_p, msg, psig, "raw", {"rsa": "pkcs1", "hash": "SHA-256"}, "KeyMismatch")
    write("rsa.json", {"family": "RSA", "tests": tests})


ED_P = 2**255 - 19
ED_L = 2**252 + 27742317777372353535851937790883648493
ED_D = (-121665 * pow(121666, -1, ED_P)) % ED_P


def ed25519_undecodable():
    """A 32-byte y (sign bit 0) for which x² = (y² - 1) / (d·y² + 1) has no square root."""
    for y in range(2, 1000):
        u, v = (y * y - 1) % ED_P, (ED_D * y * y + 1) % ED_P
        x2 = u * pow(v, -1, ED_P) % ED_P
        if x2 and pow(x2, (ED_P - 1) // 2, ED_P) != 1:
            return y.to_bytes(32, "little")
    raise SystemExit("no undecodable y found")


def ed25519_spki(raw):
    return bytes.fromhex("302a300506032b6570032100") + raw


def sign_ed25519(pem, msg):
    mpath = path("msg")
    with open(mpath, "wb") as f:
        f.write(msg)
    return openssl("pkeyutl", "-sign", "-inkey", pem, "-rawin", "-in", mpath)


def ed25519_file():
    tests = []
    alg = {"eddsa": "Ed25519"}
    pem = path("ed.pem")
    openssl("genpkey", "-algorithm", "ed25519", "-out", pem)
    spki = openssl("pkey", "-in", pem, "-pubout", "-outform", "DER")
    # (The OpenSSL command line cannot sign an empty message; RFC 8032 test 1 covers it.)
    for msg in MESSAGES[1:] + [b"x", bytes(range(33)), b"y" * 1000]:
        test(tests, f"valid, {len(msg)}-byte message", spki, msg, sign_ed25519(pem, msg), "raw", alg, "valid")
    msg = b"sample message"
    sig = sign_ed25519(pem, msg)
    test(tests, "tampered message", spki, msg + b".", sig, "raw", alg, "SignatureInvalid")
    test(tests, "tampered R", spki, msg, bytes([sig[0] ^ 1]) + sig[1:], "raw", alg, "SignatureInvalid")
    test(tests, "tampered S", spki, msg, sig[:32] + bytes([sig[32] ^ 1]) + sig[33:], "raw", alg, "SignatureInvalid")
    s = int.from_bytes(sig[32:], "little")
    test(tests, "S + L (non-canonical S)", spki, msg, sig[:32] + (s + ED_L).to_bytes(32, "little"), "raw", alg, "SignatureInvalid")
    test(tests, "signature one byte short", spki, msg, sig[:-1], "raw", alg, "SignatureMalformed")
    test(tests, "signature one byte long", spki, msg, sig + b"\0", "raw", alg, "SignatureMalformed")
    openssl("genpkey", "-algorithm", "ed25519", "-out", path("ed2.pem"))
    test(tests, "signature by another key", spki, msg, sign_ed25519(path("ed2.pem"), msg), "raw", alg, "SignatureInvalid")
    # The identity point (y = 1) as the key: small order, refused by strict verification.
    identity = (1).to_bytes(32, "little")
    test(tests, "small-order key (identity)", ed25519_spki(identity), msg, identity + bytes(32), "raw", alg, "SignatureInvalid")
    test(tests, "key not on the curve", ed25519_spki(ed25519_undecodable()), msg, sig, "raw", alg, "KeyInvalid", key_error=True)
    test(tests, "key of 31 bytes", ed25519_spki(spki[-32:])[:-1], msg, sig, "raw", alg, "KeyInvalid", key_error=True)
    _, ec = ec_key("prime256v1", "ec-for-ed")
    test(tests, "EC key with Ed25519", ec, msg, sig, "raw", alg, "KeyMismatch")
    test(tests, "Ed25519 key with ECDSA", spki, msg, sig, "raw", {"ecdsa": "P-256", "hash": "SHA-256"}, "KeyMismatch")
    write("ed25519.json", {"family": "EdDSA", "tests": tests})


def tlv_spans(b):
    """(start, end) of each TLV in the contents `b`."""
    out, i = [], 0
    while i < len(b):
        _, _, j = parse_tlv(b, i)
        out.append((i, j))
        i = j
    return out


def x509_file():
    """Self-signed certificates made by `openssl req -x509`: TBSCertificate, signature
    AlgorithmIdentifier, signature and the key, for `SigAlg::from_algorithm_identifier`."""
    tests = []
    cases = [
        ("ECDSA P-256 SHA-256", ["ecparam", "-name", "prime256v1", "-genkey", "-noout"], ["-sha256"]),
        ("ECDSA P-384 SHA-384", ["ecparam", "-name", "secp384r1", "-genkey", "-noout"], ["-sha384"]),
        ("ECDSA P-521 SHA-512", ["ecparam", "-name", "secp521r1", "-genkey", "-noout"], ["-sha512"]),
        ("ECDSA brainpoolP256r1 SHA-256", ["ecparam", "-name", "brainpoolP256r1", "-genkey", "-noout"], ["-sha256"]),
        ("ECDSA brainpoolP384r1 SHA-384", ["ecparam", "-name", "brainpoolP384r1", "-genkey", "-noout"], ["-sha384"]),
        ("ECDSA brainpoolP512r1 explicit parameters SHA-512 (ICAO 9303 style)", ["ecparam", "-name", "brainpoolP512r1", "-param_enc", "explicit", "-genkey", "-noout"], ["-sha512"]),
        ("ECDSA secp256k1 explicit parameters SHA-256", ["ecparam", "-name", "secp256k1", "-param_enc", "explicit", "-genkey", "-noout"], ["-sha256"]),
        ("ECDSA P-256 SHA-1", ["ecparam", "-name", "prime256v1", "-genkey", "-noout"], ["-sha1"]),
        ("RSA-2048 PKCS#1 v1.5 SHA-256", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], ["-sha256"]),
        ("RSA-2048 PKCS#1 v1.5 SHA-1", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], ["-sha1"]),
        ("RSA-3072 PSS SHA-256 salt 32", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"], ["-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32"]),
        ("RSA-4096 PSS SHA-512 salt 64", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096"], ["-sha512", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:64"]),
        ("RSA-2048 PSS SHA-384 salt 20", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], ["-sha384", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:20"]),
        ("Ed25519", ["genpkey", "-algorithm", "ed25519"], []),
    ]
    for name, keygen, sign in cases:
        pem = path("x509.pem")
        openssl(*keygen, "-out", pem)
        cert = openssl("req", "-x509", "-new", "-key", pem, "-subj", "/CN=crypto vector", "-days", "1", *sign, "-outform", "DER")
        _, body, _ = parse_tlv(cert)
        (t0, t1), (a0, a1), (s0, s1) = tlv_spans(body)
        tbs, algid = body[t0:t1], body[a0:a1]
        _, bits, _ = parse_tlv(body, s0)
        assert bits[0] == 0
        sig = bits[1:]
        spki = openssl("pkey", "-in", pem, "-pubout", "-outform", "DER")
        if "explicit" in name:
            spki = openssl("ec", "-in", pem, "-pubout", "-outform", "DER", "-param_enc", "explicit")
        entry = {"comment": name, "key": spki.hex(), "algorithm_identifier": algid.hex(), "tbs": tbs.hex(), "sig": sig.hex()}
        tests.append({**entry, "id": len(tests) + 1, "result": "valid"})
        bad = bytearray(tbs)
        bad[-1] ^= 1
        tests.append({**entry, "id": len(tests) + 1, "comment": name + ", tampered TBSCertificate", "tbs": bytes(bad).hex(), "result": "SignatureInvalid"})
    write("x509_certificates.json", {"family": "X.509 signatures", "tests": tests})


def write(file, doc):
    doc = {"generator": "tools/crypto-vectors/gen.py (OpenSSL " + openssl("version").decode().split()[1] + ")", **doc}
    with open(os.path.join(OUT, file), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(file, len(doc["tests"]), "tests", file=sys.stderr)


def main():
    os.makedirs(OUT, exist_ok=True)
    ecdsa_file("ecdsa_p256.json", "prime256v1", "P-256", ["SHA-256", "SHA-384", "SHA-512", "SHA-224", "SHA-1"], "secp384r1", "P-384", explicit_too=True)
    ecdsa_file("ecdsa_p384.json", "secp384r1", "P-384", ["SHA-384", "SHA-256", "SHA-512"], "prime256v1", "P-256")
    ecdsa_file("ecdsa_p521.json", "secp521r1", "P-521", ["SHA-512", "SHA-256", "SHA-1"], "secp384r1", "P-384", explicit_too=True)
    ecdsa_file("ecdsa_brainpoolp256r1.json", "brainpoolP256r1", "brainpoolP256r1", ["SHA-256", "SHA-224", "SHA-1", "SHA-512"], "prime256v1", "P-256", explicit_too=True)
    ecdsa_file("ecdsa_brainpoolp384r1.json", "brainpoolP384r1", "brainpoolP384r1", ["SHA-384", "SHA-256"], "brainpoolP256r1", "brainpoolP256r1")
    # ICAO 9303 chips carry their curve as explicit parameters: brainpoolP512r1 that way.
    ecdsa_file("ecdsa_brainpoolp512r1.json", "brainpoolP512r1", "brainpoolP512r1", ["SHA-512", "SHA-256"], "brainpoolP384r1", "brainpoolP384r1", explicit_too=True)
    # Curves we do not name, given as explicit parameters: a = 0 (secp256k1), a field of 224 bits
    # (not a multiple of 64), and an order one bit longer than the field (secp160r1).
    ecdsa_file("ecdsa_explicit_secp256k1.json", "secp256k1", "explicit", ["SHA-256", "SHA-512"], "prime256v1", "P-256", explicit=True)
    ecdsa_file("ecdsa_explicit_secp224r1.json", "secp224r1", "explicit", ["SHA-224", "SHA-256"], "prime256v1", "P-256", explicit=True)
    rsa_file()
    ed25519_file()
    x509_file()
    ecdsa_file("ecdsa_explicit_secp160r1.json", "secp160r1", "explicit", ["SHA-1", "SHA-256"], "prime256v1", "P-256", explicit=True)


if __name__ == "__main__":
    main()
