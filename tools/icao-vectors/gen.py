#!/usr/bin/env python3
"""Builds the synthetic chip vectors in tests/data/icao/ with Python `cryptography`, independently
of the Rust code under test (its own DER writer, ISO/IEC 9796-2 encoder and CMS layout, from ICAO
9303 Parts 10-11 and RFC 5652). Run from the repository root:

    python3 tools/icao-vectors/gen.py

A DEMO CSCA (brainpoolP512r1, like Vietnam's), a document signer (brainpoolP384r1), and chip
dumps (`icao9303-dump/1`) of a synthetic person: DG1 (TD1 MRZ), DG2 (a tiny JPEG in an ISO/IEC
19794-5 record), DG13 (Vietnamese fields, an address over 127 bytes), DG14, DG15, and an
Active Authentication answer to a fixed challenge: RSA-2048 with ISO/IEC 9796-2 scheme 1
(SHA-256 trailer 34CC), RSA-1024 (SHA-1 trailer BC) and ECDSA brainpoolP256r1 (plain r||s).
Also a master list of the DEMO CSCA and two CRLs of it (one revoking the document signer). Keys
and ECDSA signatures are new on every run; the expected outcomes stay the same.
"""

import base64
import datetime
import hashlib
import json
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa, utils
from cryptography.x509.oid import NameOID

OUT = os.path.join("tests", "data", "icao")


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    t = tag.to_bytes((tag.bit_length() + 7) // 8, "big") if tag > 0xFF else bytes([tag])
    return t + der_len(len(body)) + body


def seq(*items):
    return tlv(0x30, b"".join(items))


def set_(*items):
    return tlv(0x31, b"".join(items))


def integer(v):
    b = v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big")
    return tlv(0x02, b)


def oid(dotted):
    arcs = [int(x) for x in dotted.split(".")]
    body = [40 * arcs[0] + arcs[1]] + arcs[2:]
    out = b""
    for a in body:
        chunk = [a & 0x7F]
        a >>= 7
        while a:
            chunk.insert(0, 0x80 | (a & 0x7F))
            a >>= 7
        out += bytes(chunk)
    return tlv(0x06, out)


def octets(b):
    return tlv(0x04, b)


def utf8(s):
    return tlv(0x0C, s.encode("utf-8"))


def printable(s):
    return tlv(0x13, s.encode("ascii"))


def b64(b):
    return base64.b64encode(b).decode()


SHA256 = seq(oid("2.16.840.1.101.3.4.2.1"))
SHA384 = seq(oid("2.16.840.1.101.3.4.2.2"))
NOW = datetime.datetime(2025, 6, 1, tzinfo=datetime.timezone.utc)


def name(cn):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "DEMO"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


CSCA_KEY = []


def make_pki():
    csca_key = ec.generate_private_key(ec.BrainpoolP512R1())
    ski = x509.SubjectKeyIdentifier.from_public_key(csca_key.public_key())
    csca = (
        x509.CertificateBuilder()
        .subject_name(name("DEMO CSCA"))
        .issuer_name(name("DEMO CSCA"))
        .public_key(csca_key.public_key())
        .serial_number(1)
        .not_valid_before(datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc))
        .not_valid_after(datetime.datetime(2039, 1, 1, tzinfo=datetime.timezone.utc))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(ski, critical=False)
        .sign(csca_key, hashes.SHA512())
    )
    CSCA_KEY.append(csca_key)
    dsc_key = ec.generate_private_key(ec.BrainpoolP384R1())
    dsc = (
        x509.CertificateBuilder()
        .subject_name(name("DEMO Document Signer"))
        .issuer_name(name("DEMO CSCA"))
        .public_key(dsc_key.public_key())
        .serial_number(2)
        .not_valid_before(datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc))
        .not_valid_after(datetime.datetime(2035, 1, 1, tzinfo=datetime.timezone.utc))
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(csca_key, hashes.SHA512())
    )
    return csca, dsc, dsc_key


def dg1():
    mrz = (
        "IDVNM0900001233001090000123<<4"
        "9003152M3003150VNM<<<<<<<<<<<0"
        "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<"
    )
    return tlv(0x61, tlv(0x5F1F, mrz.encode()))


def dg2():
    jpeg = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
    header = b"FAC\x00" + b"010\x00"
    info = (0).to_bytes(4, "big") + (0).to_bytes(2, "big") + bytes(14)  # 20 bytes, no points
    image_info = bytes([1, 0]) + (240).to_bytes(2, "big") + (320).to_bytes(2, "big") + bytes(6)
    body = info + image_info + jpeg
    record = header + (14 + len(body)).to_bytes(4, "big") + (1).to_bytes(2, "big") + body
    bht = tlv(0xA1, tlv(0x80, b"\x01\x01") + tlv(0x87, b"\x01\x01") + tlv(0x88, b"\x00\x08"))
    return tlv(0x75, tlv(0x7F61, integer(1) + tlv(0x7F60, bht + tlv(0x5F2E, record))))


ADDRESS = (
    "Số 123, Ngõ 45, Đường Nguyễn Chí Thanh, Tổ dân phố 7, Phường Láng Thượng, "
    "Quận Đống Đa, Thành phố Hà Nội"
)


def dg13():
    def field(n, value):
        return seq(integer(n), value)

    fields = [
        field(1, printable("001090000123")),
        field(2, utf8("Nguyễn Văn An")),
        field(3, printable("15/03/1990")),
        field(4, utf8("Nam")),
        field(5, utf8("Việt Nam")),
        field(6, utf8("Kinh")),
        field(7, utf8("Không")),
        field(8, utf8("Xã Tân Hội, Huyện Đan Phượng, Hà Nội")),
        field(9, utf8(ADDRESS)),
        field(10, utf8("Nốt ruồi C:2cm trên sau đầu lông mày phải")),
        field(11, printable("20/04/2021")),
        field(12, utf8("15/03/2030")),
        seq(integer(13), seq(utf8("Nguyễn Văn Bình")), seq(utf8("Trần Thị Cúc"))),
        seq(integer(14)),
        field(15, printable("012345678")),
        field(16, printable("0123456789ABCDEF")),
    ]
    return tlv(0x6D, seq(integer(1), oid("1.0.10646.1.0.8"), set_(*fields)))


def dg14(aa_alg=None):
    infos = [seq(oid("0.4.0.127.0.7.2.2.3.2.1"), integer(1))]
    if aa_alg:
        infos.append(seq(oid("2.23.136.1.1.5"), integer(1), oid(aa_alg)))
    return tlv(0x6E, set_(*infos))


def dg15(public_key):
    return tlv(0x6F, public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo))


def iso9796_2_sign(key, m2, hash_name):
    """ISO/IEC 9796-2 scheme 1, partial recovery: F = 6A || M1 || H(M1 || M2) || trailer."""
    n = key.private_numbers().public_numbers.n
    d = key.private_numbers().d
    k = (n.bit_length() + 7) // 8
    h, trailer = {
        "sha1": (hashlib.sha1, b"\xbc"),
        "sha256": (hashlib.sha256, b"\x34\xcc"),
    }[hash_name]
    hlen = h().digest_size
    m1 = os.urandom(k - 1 - hlen - len(trailer))
    f = b"\x6a" + m1 + h(m1 + m2).digest() + trailer
    s = pow(int.from_bytes(f, "big"), d, n)
    return s.to_bytes(k, "big")


def ecdsa_plain(key, msg, hash_alg):
    der = key.sign(msg, ec.ECDSA(hash_alg))
    r, s = utils.decode_dss_signature(der)
    size = (key.curve.key_size + 7) // 8
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def sod(dsc, dsc_key, groups):
    lds = seq(
        integer(0),
        SHA256,
        seq(*[seq(integer(n), octets(hashlib.sha256(b).digest())) for n, b in sorted(groups.items())]),
    )
    lds_oid = oid("2.23.136.1.1.1")
    attrs = [
        seq(oid("1.2.840.113549.1.9.3"), set_(lds_oid)),
        seq(oid("1.2.840.113549.1.9.5"), set_(tlv(0x17, b"250601000000Z"))),
        seq(oid("1.2.840.113549.1.9.4"), set_(octets(hashlib.sha384(lds).digest()))),
    ]
    signed = set_(*attrs)
    sig = dsc_key.sign(signed, ec.ECDSA(hashes.SHA384()))
    dsc_der = dsc.public_bytes(serialization.Encoding.DER)
    cert = x509.load_der_x509_certificate(dsc_der)
    issuer_der = cert.issuer.public_bytes()
    signer_info = seq(
        integer(1),
        seq(issuer_der, integer(cert.serial_number)),
        SHA384,
        tlv(0xA0, b"".join(attrs)),
        seq(oid("1.2.840.10045.4.3.3")),
        octets(sig),
    )
    signed_data = seq(
        integer(3),
        set_(SHA384),
        seq(lds_oid, tlv(0xA0, octets(lds))),
        tlv(0xA0, dsc_der),
        set_(signer_info),
    )
    return tlv(0x77, seq(oid("1.2.840.113549.1.7.2"), tlv(0xA0, signed_data)))


def master_list(csca, csca_key, certs):
    """A CSCA master list (ICAO 9303 Part 12 §9) of `certs`, signed by a DEMO master list
    signer under the DEMO CSCA."""
    signer_key = ec.generate_private_key(ec.BrainpoolP256R1())
    signer = (
        x509.CertificateBuilder()
        .subject_name(name("DEMO Master List Signer"))
        .issuer_name(csca.subject)
        .public_key(signer_key.public_key())
        .serial_number(3)
        .not_valid_before(datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc))
        .not_valid_after(datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc))
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(x509.ExtendedKeyUsage([x509.ObjectIdentifier("2.23.136.1.1.3")]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(signer_key.public_key()), critical=False)
        .sign(csca_key, hashes.SHA512())
    )
    content = seq(integer(0), set_(*[c.public_bytes(serialization.Encoding.DER) for c in certs]))
    ml_oid = oid("2.23.136.1.1.2")
    attrs = [
        seq(oid("1.2.840.113549.1.9.3"), set_(ml_oid)),
        seq(oid("1.2.840.113549.1.9.5"), set_(tlv(0x17, b"250601000000Z"))),
        seq(oid("1.2.840.113549.1.9.4"), set_(octets(hashlib.sha256(content).digest()))),
    ]
    sig = signer_key.sign(set_(*attrs), ec.ECDSA(hashes.SHA256()))
    signer_der = signer.public_bytes(serialization.Encoding.DER)
    ski = x509.SubjectKeyIdentifier.from_public_key(signer_key.public_key()).digest
    signer_info = seq(
        integer(3),
        tlv(0x80, ski),
        SHA256,
        tlv(0xA0, b"".join(attrs)),
        seq(oid("1.2.840.10045.4.3.2")),
        octets(sig),
    )
    signed_data = seq(
        integer(3),
        set_(SHA256),
        seq(ml_oid, tlv(0xA0, octets(content))),
        tlv(0xA0, signer_der),
        set_(signer_info),
    )
    return seq(oid("1.2.840.113549.1.7.2"), tlv(0xA0, signed_data))


def seeds(target, items):
    d = os.path.join("fuzz", "corpus", target)
    os.makedirs(d, exist_ok=True)
    for label, b in items.items():
        with open(os.path.join(d, label), "wb") as f:
            f.write(b)


def dump(sod_bytes, groups, challenge=None, signature=None):
    d = {
        "format": "icao9303-dump/1",
        "sod": b64(sod_bytes),
        "dataGroups": {f"DG{n}": b64(b) for n, b in sorted(groups.items())},
    }
    if challenge is not None:
        d["activeAuthentication"] = {"challenge": challenge.hex(), "signature": b64(signature)}
    return d


def main():
    os.makedirs(OUT, exist_ok=True)
    csca, dsc, dsc_key = make_pki()
    challenge = bytes.fromhex("0102030405060708")
    out = {
        "about": "Synthetic chips made by tools/icao-vectors/gen.py; the person is fictitious.",
        "validateAt": int(NOW.timestamp()),
        "challenge": challenge.hex(),
        "csca": b64(csca.public_bytes(serialization.Encoding.DER)),
        "dsc": b64(dsc.public_bytes(serialization.Encoding.DER)),
        "address": ADDRESS,
        "dumps": {},
    }
    rsa2048 = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    rsa1024 = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    ec256 = ec.generate_private_key(ec.BrainpoolP256R1())
    cases = {
        "rsa2048-sha256": (rsa2048, dg14(), lambda: iso9796_2_sign(rsa2048, challenge, "sha256")),
        "rsa1024-sha1": (rsa1024, dg14(), lambda: iso9796_2_sign(rsa1024, challenge, "sha1")),
        "ecdsa-brainpoolP256r1-sha256": (
            ec256,
            dg14("0.4.0.127.0.7.1.1.4.1.3"),
            lambda: ecdsa_plain(ec256, challenge, hashes.SHA256()),
        ),
    }
    sods = {}
    for label, (key, d14, sign) in cases.items():
        groups = {1: dg1(), 2: dg2(), 13: dg13(), 14: d14, 15: dg15(key.public_key())}
        s = sod(dsc, dsc_key, groups)
        sods[label] = s
        out["dumps"][label] = dump(s, groups, challenge, sign())
    def crl(serial):
        revoked = (
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(datetime.datetime(2025, 5, 1, tzinfo=datetime.timezone.utc))
            .build()
        )
        return (
            x509.CertificateRevocationListBuilder()
            .issuer_name(csca.subject)
            .last_update(datetime.datetime(2025, 5, 1, tzinfo=datetime.timezone.utc))
            .next_update(datetime.datetime(2025, 8, 1, tzinfo=datetime.timezone.utc))
            .add_revoked_certificate(revoked)
            .sign(CSCA_KEY[0], hashes.SHA512())
            .public_bytes(serialization.Encoding.DER)
        )

    # A CRL of the CSCA revoking the document signer (serial 2), and one revoking another.
    out["crlRevokingDsc"] = b64(crl(2))
    out["crlRevokingOther"] = b64(crl(99))
    ml = master_list(csca, CSCA_KEY[0], [csca])
    out["masterList"] = b64(ml)
    seeds("icao_sod", {f"synthetic_{k}": v for k, v in sods.items()})
    seeds("icao_master_list", {"synthetic": ml})
    seeds("icao_dg13", {"synthetic": dg13()})
    seeds("icao_dg1", {"synthetic_td1": dg1()})
    with open(os.path.join(OUT, "synthetic.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
