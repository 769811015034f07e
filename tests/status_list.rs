//! Token Status List (draft-ietf-oauth-status-list, JWT form) verification as `src/status/`
//! implements it (see `docs/status-list.md`). Every token is signed here with fixed P-256 keys
//! (RFC 6979 deterministic ECDSA) and every list compressed here with miniz_oxide, at one fixed
//! clock. Vectors marked "draft" are copied from the draft: its §4.1 examples and its
//! Appendix "Test vectors" (statuses from the text, `lst` strings from the examples it includes).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "support/certs.rs"]
mod certs;
#[path = "support/jws.rs"]
mod jws;

use std::collections::HashMap;

use cccd_verify::jose::{b64, Algorithm};
use cccd_verify::status::{
    check_credential_status, check_status, Status, StatusArray, StatusBudget, StatusList,
    StatusListToken, StatusOutcome, StatusReference, TtlPolicy, DEFAULT_MAX_DECOMPRESSED_BYTES,
};
use cccd_verify::x509::{Purpose, TrustAnchor};
use cccd_verify::{Error, Lang};
use certs::{CertBuilder, Key};
// `key(seed)`: the P-256 key of scalar [seed; 32] (as `certs::Key::p256`); `sign`: compact ES256
// JWS over the JSON texts of a header and a payload.
use jws::{jws as sign, jws_raw, p256_key as key, public};
use p256::ecdsa::SigningKey;
use serde_json::{json, Value};

/// The clock of every test: 2026-11-27T00:00:00Z.
const NOW: i64 = certs::NOW;
const URI: &str = "https://status.example.vn/statuslists/1";
const ES256: &[Algorithm] = &[Algorithm::Es256];
/// 2^20: the size of the draft's test-vector lists.
const VECTOR_ENTRIES: u64 = 1 << 20;

// ---- building tokens --------------------------------------------------------------------------

/// zlib (RFC 1950) at the highest level, as the draft recommends.
fn zlib(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, 10)
}

/// A `status_list` claim over uncompressed `bytes`.
fn list_claim(bits: u8, bytes: &[u8]) -> Value {
    json!({ "bits": bits, "lst": b64::encode_url(&zlib(bytes)) })
}

fn header() -> Value {
    json!({ "alg": "ES256", "typ": "statuslist+jwt" })
}

/// Valid claims at [`NOW`]: issued an hour ago, `exp` in a day, `ttl` 12 hours.
fn payload(status_list: Value) -> Value {
    json!({
        "sub": URI,
        "iat": NOW - 3600,
        "exp": NOW + 86_400,
        "ttl": 43_200,
        "status_list": status_list,
    })
}

/// The default list for the claim tests: 1 bit, 16 entries, the draft's §4.1 bytes.
fn default_list() -> Value {
    list_claim(1, &[0xB9, 0xA3])
}

fn token(payload: &Value) -> String {
    sign(&key(1), &header(), payload)
}

fn verify(jwt: &str) -> Result<StatusList, Error> {
    verify_with(jwt, StatusBudget::default())
}

fn verify_with(jwt: &str, budget: StatusBudget) -> Result<StatusList, Error> {
    StatusListToken::verify(jwt, &public(&key(1)), ES256, NOW, URI, budget)
}

/// `payload()` with `f` applied to its claims.
fn edited(f: impl FnOnce(&mut serde_json::Map<String, Value>)) -> String {
    let mut p = payload(default_list());
    f(p.as_object_mut().unwrap());
    token(&p)
}

fn statuses(list: &StatusList, n: u64) -> Vec<u8> {
    (0..n).map(|i| list.get(i).unwrap()).collect()
}

// ---- draft vectors ------------------------------------------------------------------------------

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Checks a draft vector: the `lst` string inflates to 2^20 entries of `bits` bits whose values
/// are `expected` at the listed indices and 0 everywhere else; also through a signed token.
fn check_vector(bits: u8, lst: &str, expected: &[(u64, u8)]) {
    let zlib = b64::decode_url(lst).unwrap();
    let array = StatusArray::decompress(bits, &zlib, DEFAULT_MAX_DECOMPRESSED_BYTES).unwrap();
    assert_eq!(array.len(), VECTOR_ENTRIES);
    let want: HashMap<u64, u8> = expected.iter().copied().collect();
    assert_eq!(want.len(), expected.len(), "duplicate index in the vector");
    for i in 0..VECTOR_ENTRIES {
        assert_eq!(
            array.get(i).unwrap(),
            want.get(&i).copied().unwrap_or(0),
            "index {i}"
        );
    }
    assert_eq!(
        array.get(VECTOR_ENTRIES),
        Err(Error::StatusIndexOutOfRange {
            index: VECTOR_ENTRIES,
            len: VECTOR_ENTRIES
        })
    );
    let list = verify(&token(&payload(json!({ "bits": bits, "lst": lst })))).unwrap();
    assert_eq!(list.statuses(), &array);
}
/// The draft's one-bit test vector (Appendix "Test vectors"): every other entry is 0.
const ONE_BIT_STATUSES: [(u64, u8); 11] = [
    (0, 1),
    (1993, 1),
    (25460, 1),
    (159495, 1),
    (495669, 1),
    (554353, 1),
    (645645, 1),
    (723232, 1),
    (854545, 1),
    (934534, 1),
    (1000345, 1),
];
/// The draft's two-bit test vector (Appendix "Test vectors"): every other entry is 0.
const TWO_BIT_STATUSES: [(u64, u8); 11] = [
    (0, 1),
    (1993, 2),
    (25460, 1),
    (159495, 3),
    (495669, 1),
    (554353, 1),
    (645645, 2),
    (723232, 1),
    (854545, 1),
    (934534, 2),
    (1000345, 3),
];
/// The draft's four-bit test vector (Appendix "Test vectors"): every other entry is 0.
const FOUR_BIT_STATUSES: [(u64, u8); 15] = [
    (0, 1),
    (1993, 2),
    (35460, 3),
    (459495, 4),
    (595669, 5),
    (754353, 6),
    (845645, 7),
    (923232, 8),
    (924445, 9),
    (934534, 10),
    (1004534, 11),
    (1000345, 12),
    (1030203, 13),
    (1030204, 14),
    (1030205, 15),
];
/// The draft's eight-bit test vector (Appendix "Test vectors"): every other entry is 0.
const EIGHT_BIT_STATUSES: [(u64, u8); 256] = [
    (233478, 0),
    (52451, 1),
    (576778, 2),
    (513575, 3),
    (468106, 4),
    (292632, 5),
    (214947, 6),
    (182323, 7),
    (884834, 8),
    (66653, 9),
    (62489, 10),
    (196493, 11),
    (458517, 12),
    (487925, 13),
    (55649, 14),
    (416992, 15),
    (879796, 16),
    (462297, 17),
    (942059, 18),
    (583408, 19),
    (13628, 20),
    (334829, 21),
    (886286, 22),
    (713557, 23),
    (582738, 24),
    (326064, 25),
    (451545, 26),
    (705889, 27),
    (214350, 28),
    (194502, 29),
    (796765, 30),
    (202828, 31),
    (752834, 32),
    (721327, 33),
    (554740, 34),
    (91122, 35),
    (963483, 36),
    (261779, 37),
    (793844, 38),
    (165255, 39),
    (614839, 40),
    (758403, 41),
    (403258, 42),
    (145867, 43),
    (96100, 44),
    (477937, 45),
    (606890, 46),
    (167335, 47),
    (488197, 48),
    (211815, 49),
    (797182, 50),
    (582952, 51),
    (950870, 52),
    (765108, 53),
    (341110, 54),
    (776325, 55),
    (745056, 56),
    (439368, 57),
    (559893, 58),
    (149741, 59),
    (358903, 60),
    (513405, 61),
    (342679, 62),
    (969429, 63),
    (795775, 64),
    (566121, 65),
    (460566, 66),
    (680070, 67),
    (117310, 68),
    (480348, 69),
    (67319, 70),
    (661552, 71),
    (841303, 72),
    (561493, 73),
    (138807, 74),
    (442463, 75),
    (659927, 76),
    (445910, 77),
    (1046963, 78),
    (829700, 79),
    (962282, 80),
    (299623, 81),
    (555493, 82),
    (292826, 83),
    (517215, 84),
    (551009, 85),
    (898490, 86),
    (837603, 87),
    (759161, 88),
    (459948, 89),
    (290102, 90),
    (1034977, 91),
    (190650, 92),
    (98810, 93),
    (229950, 94),
    (320531, 95),
    (335506, 96),
    (885333, 97),
    (133227, 98),
    (806915, 99),
    (800313, 100),
    (981571, 101),
    (527253, 102),
    (24077, 103),
    (240232, 104),
    (559572, 105),
    (713399, 106),
    (233941, 107),
    (615514, 108),
    (911768, 109),
    (331680, 110),
    (951527, 111),
    (6805, 112),
    (552366, 113),
    (374660, 114),
    (223159, 115),
    (625884, 116),
    (417146, 117),
    (320527, 118),
    (784154, 119),
    (338792, 120),
    (1199, 121),
    (679804, 122),
    (1024680, 123),
    (40845, 124),
    (234603, 125),
    (761225, 126),
    (644903, 127),
    (502167, 128),
    (121477, 129),
    (505144, 130),
    (165165, 131),
    (179628, 132),
    (1019195, 133),
    (145149, 134),
    (263738, 135),
    (269256, 136),
    (996739, 137),
    (346296, 138),
    (555864, 139),
    (887384, 140),
    (444173, 141),
    (421844, 142),
    (653716, 143),
    (836747, 144),
    (783119, 145),
    (918762, 146),
    (946835, 147),
    (253764, 148),
    (519895, 149),
    (471224, 150),
    (134272, 151),
    (709016, 152),
    (44112, 153),
    (482585, 154),
    (461829, 155),
    (15080, 156),
    (148883, 157),
    (123467, 158),
    (480125, 159),
    (141348, 160),
    (65877, 161),
    (692958, 162),
    (148598, 163),
    (499131, 164),
    (584009, 165),
    (1017987, 166),
    (449287, 167),
    (277478, 168),
    (991262, 169),
    (509602, 170),
    (991896, 171),
    (853666, 172),
    (399318, 173),
    (197815, 174),
    (203278, 175),
    (903979, 176),
    (743015, 177),
    (888308, 178),
    (862143, 179),
    (979421, 180),
    (113605, 181),
    (206397, 182),
    (127113, 183),
    (844358, 184),
    (711569, 185),
    (229153, 186),
    (521470, 187),
    (401793, 188),
    (398896, 189),
    (940810, 190),
    (293983, 191),
    (884749, 192),
    (384802, 193),
    (584151, 194),
    (970201, 195),
    (523882, 196),
    (158093, 197),
    (929312, 198),
    (205329, 199),
    (106091, 200),
    (30949, 201),
    (195586, 202),
    (495723, 203),
    (348779, 204),
    (852312, 205),
    (1018463, 206),
    (1009481, 207),
    (448260, 208),
    (841042, 209),
    (122967, 210),
    (345269, 211),
    (794764, 212),
    (4520, 213),
    (818773, 214),
    (556171, 215),
    (954221, 216),
    (598210, 217),
    (887110, 218),
    (1020623, 219),
    (324632, 220),
    (398244, 221),
    (622241, 222),
    (456551, 223),
    (122648, 224),
    (127837, 225),
    (657676, 226),
    (119884, 227),
    (105156, 228),
    (999897, 229),
    (330160, 230),
    (119285, 231),
    (168005, 232),
    (389703, 233),
    (143699, 234),
    (142524, 235),
    (493258, 236),
    (846778, 237),
    (251420, 238),
    (516351, 239),
    (83344, 240),
    (171931, 241),
    (879178, 242),
    (663475, 243),
    (546865, 244),
    (428362, 245),
    (658891, 246),
    (500560, 247),
    (557034, 248),
    (830023, 249),
    (274471, 250),
    (629139, 251),
    (958869, 252),
    (663071, 253),
    (152133, 254),
    (19535, 255),
];

/// Draft, 1-bit test vector, JSON `lst` (line breaks of the draft removed).
const ONE_BIT_LST: &str = concat!(
    "eNrt3AENwCAMAEGogklACtKQPg9LugC9k_ACvreiogE",
    "AAKkeCQAAAAAAAAAAAAAAAAAAAIBylgQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAXG9IAAAAAAAAAPwsJAAAAAAAAAAAAAAAvhsSAAAAAAAAAAA",
    "A7KpLAAAAAAAAAAAAAAAAAAAAAJsLCQAAAAAAAAAAADjelAAAAAAAAAAAKjDMAQAAA",
    "ACAZC8L2AEb",
);

/// Draft, 2-bit test vector.
const TWO_BIT_LST: &str = concat!(
    "eNrt2zENACEQAEEuoaBABP5VIO01fCjIHTMStt9ovGV",
    "IAAAAAABAbiEBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEB5WwIAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAID0ugQAAAAAAAAAAAAAAAAAQG12SgAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAOCSIQEAAAAAAAAAAAAAAAAAAAAAAAD8ExIAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwJEuAQAAAAAAAAAAAAAAAAAAAAAAAMB9S",
    "wIAAAAAAAAAAAAAAAAAAACoYUoAAAAAAAAAAAAAAEBqH81gAQw",
);

/// Draft, 4-bit test vector.
const FOUR_BIT_LST: &str = concat!(
    "eNrt0EENgDAQADAIHwImkIIEJEwCUpCEBBQRHOy35Li",
    "1EjoOQGabAgAAAAAAAAAAAAAAAAAAACC1SQEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABADrsCAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAADoxaEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIIoCgAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACArpwKAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAGhqVkAzlwIAAAAAiGVRAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAABx3AoAgLpVAQAAAAAAAAAAAAAAwM89rwMAAAAAAAAAA",
    "AjsA9xMBMA",
);

/// Draft, 8-bit test vector.
const EIGHT_BIT_LST: &str = concat!(
    "eNrt0WOQM2kYhtGsbdu2bdu2bdu2bdu2bdu2jVnU1my",
    "-SWYm6U5enFPVf7ue97orFYAo7CQBAACQuuckAABStqUEAAAAAAAAtN6wEgAE71QJA",
    "AAAAIrwhwQAAAAAAdtAAgAAAAAAACLwkAQAAAAAAAAAAACUaFcJAACAeJwkAQAAAAA",
    "AAABQvL4kAAAAWmJwCQAAAAAAAAjAwBIAAAB06ywJoDKQBARpfgkAAAAAAAAAAAAAA",
    "AAAAACo50sJAAAAAAAAAOiRcSQAAAAAgAJNKgEAAG23mgQAAAAAAECw3pUAQvegBAA",
    "AAAAAAADduE4CAAAAyjSvBAAQiw8koHjvSABAb-wlARCONyVoxtMSZOd0CQAAAOjWD",
    "RKQmLckAAAAAACysLYEQGcnSAAAAAAQooUlAABI15kSAIH5RAIgLB9LABC4_SUgGZN",
    "IAABAmM6RoLbTJIASzCIBAEAhfpcAAAAAAABquk8CAAAAAAAAaJl9SvvzBOICAFWmk",
    "IBgfSgBAAAANOgrCQAAAAAAAADStK8EAAC03gASAAAAAAAAAADFWFUCAAAAMjOaBEA",
    "DHpYAQjCIBADduFwCAAAAAGitMSSI3BUSAECOHpAA6IHrJQAAAAAAsjeVBAAAKRpVA",
    "orWvwQAAAAAAAAAkKRtJAAAAAAAgCbcLAF0bXUJAAAAoF02kYDg7CYBAAAAAEB6NpQ",
    "AAAAAAAAAAAAAAEr1uQQAAF06VgIAAAAAAAAAqDaeBAAQqgMkAAAAAABogQMlAAAAA",
    "AAa87MEAAAQiwslAAAAAAAAAAAAAAAAMrOyBAAAiekv-hcsY0Sgne6QAAAAAAAgaUt",
    "JAAAAAAAAAAAAAAAAAAAAAAAAAADwt-07vjVkAAAAgDy8KgFAUEaSAAAAAJL3vgQAW",
    "dhcAgAAoBHDSUDo1pQAAACI2o4SAABZm14CALoyuwQAAPznGQkgZwdLAAAQukclAAA",
    "AAAAAAAAAgKbMKgEAAAAAAAAAAAAAAAAAAECftpYAAAAAAAAAAAAACnaXBAAAAADk7",
    "iMJAAAAAAAAAABqe00CAnGbBBG4TAIAgFDdKgFAXCaWAAAAAAAAAAAAAAAAAKAJQwR",
    "72XbGAQAAAKAhh0sAAAAAAABQgO8kAAAAAAAAAAAAACAaM0kAAAC5W0QCAIJ3mAQAx",
    "GwxCQAA6nhSAsjZBRIAANEbWQIAAAAAaJE3JACAwA0qAUBIVpKAlphbAiAPp0iQnKE",
    "kAAAAAAAgBP1KAAAAdOl4CQAAAAAAAPjLZBIAAG10RtrPm8_CAEBMTpYAAAAAAIjQY",
    "BL8z5QSAAAAAEDYPpUAACAsj0gAAADQkHMlAAjHDxIA0Lg9JQAAgHDsLQEAAABAQS6",
    "WAAAAgLjNFs2l_RgLAIAEfCEBlGZZCQAAaIHjJACgtlskAAAozb0SAAAAVFtfAgAAA",
    "AAAAAAAAAAAAAAAAAAAAKDDtxIAAAAAVZaTAKB5W0kAANCAsSUgJ0tL0GqHSNBbL0g",
    "AZflRAgCARG0kQXNmlgCABiwkAQAAAEB25pIAAAAAAAAAAAAAoFh9SwAAAAAAADWNm",
    "OSrpjFsEoaRgDKcF9Q1dxsEAAAAAAAAAAAAAAAAgPZ6SQIAAAAAAAAAgChMLgEAAAA",
    "AAAAAqZlQAsK2qQQAAAAAAAD06XUJAAAAqG9bCQAAgLD9IgEAAAAAAAAAAAAAAAAAA",
    "EBNe0gAAAAAAAAAAEBPHSEBAAAAlOZtCYA4fS8B0GFRCQAo0gISAOTgNwmC840EAAA",
    "AAAAAAAAAAAAAAAAAUJydJfjXPBIAAAAAAAAAAAAAAABk6WwJAAAAAAAAAAAAAAAAq",
    "G8UCQAAgPpOlAAAIA83SQAANWwc9HUjGAgAAAAAAACAusaSAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAqHKVBACQjxklAAAAAAAAAKBHxpQAAAAAACBME0lAdlaUAACyt7sEAAAA0",
    "Nl0EgAAAAAAAAAAAABA-8wgAQAAAAAAAKU4SgKgUtlBAgAAAAAAAAAAgMCMLwEE51k",
    "JICdzSgCJGl2CsE0tAQAA0L11JQAAAAAAAAjUOhIAAAAAAAAAAAAAAGTqeQkAAAAAA",
    "AAAAAAAKM8SEjTrJwkAAAAAAACocqQEULgVJAAAACjDUxJUKgtKAAAAqbpRAgCA0n0",
    "mAQAAAABAGzwmAUCTLpUAAAAAAAAAAEjZNRIAAAAAAAAAAAAAAAAAAAAA8I-vJaAlh",
    "pQAAAAAAHrvzjJ-OqCuuVlLAojP8BJAr70sQZVDJYAgXS0BAAAAAAAAAAAAtMnyEgA",
    "AAAAAFONKCQAAAAAAAADorc0kAAAAAAAAgDqOlgAAAAAAAAAAAADIwv0SAAAAAAAAA",
    "AAAAADBuV0CIFVDSwAAAABAAI6RAAAAAGIwrQSEZAsJAABouRclAAAAAKDDrxIAAAA",
    "0bkkJgFiMKwEAAAAAAHQyhwRk7h4JAAAAAAAAAAAgatdKAACUYj0JAAAAAAAAAAAAQ",
    "nORBLTFJRIAAAAAkIaDJAAAAJryngQAAAAAAAAAAAA98oQEAAAAAAAAAEC2zpcgWY9",
    "LQKL2kwAgGK9IAAAAAPHaRQIAAAAAAAAAAADIxyoSAAAAAAAAAAAAAADQFotLAECz_",
    "gQ1PX-B",
);

// ---- the draft's examples and test vectors -----------------------------------------------------

#[test]
fn draft_one_bit_example_is_decoded_bit_exact() {
    // Draft §4.1: statuses 1,0,0,1,1,1,0,1,1,1,0,0,0,1,0,1 → bytes B9 A3 → zlib
    // 78dadbb918000217015d, whose base64url is the `lst` of the draft's JSON example.
    let compressed = hex("78dadbb918000217015d");
    assert_eq!(b64::encode_url(&compressed), "eNrbuRgAAhcBXQ");
    let array = StatusArray::decompress(1, &compressed, 1024).unwrap();
    assert_eq!(array.as_bytes(), [0xB9, 0xA3]);
    let list = verify(&token(&payload(
        json!({ "bits": 1, "lst": "eNrbuRgAAhcBXQ" }),
    )))
    .unwrap();
    assert_eq!(list.len(), 16);
    assert_eq!(
        statuses(&list, 16),
        [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]
    );
}

#[test]
fn draft_two_bit_example_is_decoded_bit_exact() {
    // Draft §4.1: statuses 1,2,0,3,0,1,0,1,1,2,3,3 → bytes C9 44 F9 → zlib 78da3be9f2130003df0207.
    let compressed = hex("78da3be9f2130003df0207");
    assert_eq!(b64::encode_url(&compressed), "eNo76fITAAPfAgc");
    let list = verify(&token(&payload(
        json!({ "bits": 2, "lst": "eNo76fITAAPfAgc" }),
    )))
    .unwrap();
    assert_eq!(list.statuses().as_bytes(), [0xC9, 0x44, 0xF9]);
    assert_eq!(list.len(), 12);
    assert_eq!(statuses(&list, 12), [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]);
    assert_eq!(list.status(1), Ok(Status::Suspended));
    assert_eq!(list.status(3), Ok(Status::ApplicationSpecific(3)));
}

#[test]
fn draft_one_bit_test_vector_matches_every_entry() {
    check_vector(1, ONE_BIT_LST, &ONE_BIT_STATUSES);
}

#[test]
fn draft_two_bit_test_vector_matches_every_entry() {
    check_vector(2, TWO_BIT_LST, &TWO_BIT_STATUSES);
}

#[test]
fn draft_four_bit_test_vector_matches_every_entry() {
    check_vector(4, FOUR_BIT_LST, &FOUR_BIT_STATUSES);
}

#[test]
fn draft_eight_bit_test_vector_matches_every_entry() {
    check_vector(8, EIGHT_BIT_LST, &EIGHT_BIT_STATUSES);
}

#[test]
fn draft_jwt_example_verifies_and_surfaces_its_times() {
    // The draft's §5.1 example claims (re-signed with a test key; `kid` kept).
    let iat = 1_686_920_170;
    let claims = json!({
        "exp": 2_291_720_170_i64,
        "iat": iat,
        "status_list": { "bits": 1, "lst": "eNrbuRgAAhcBXQ" },
        "sub": "https://example.com/statuslists/1",
        "ttl": 43_200,
    });
    let jwt = sign(
        &key(1),
        &json!({ "alg": "ES256", "kid": "12", "typ": "statuslist+jwt" }),
        &claims,
    );
    let list = StatusListToken::verify(
        &jwt,
        &public(&key(1)),
        ES256,
        iat + 3600,
        "https://example.com/statuslists/1",
        StatusBudget::default(),
    )
    .unwrap();
    assert_eq!(list.uri(), "https://example.com/statuslists/1");
    assert_eq!(list.issued_at(), iat);
    assert_eq!(list.expires_at(), Some(2_291_720_170));
    assert_eq!(list.ttl(), Some(43_200));
    assert_eq!(list.refresh_due(None), Some(iat + 43_200));
    assert_eq!(list.refresh_due(Some(iat + 60)), Some(iat + 43_260));
    assert_eq!(list.aggregation_uri(), None);
    // The draft's §6.2 example Referenced Token points at index 0, which is INVALID here.
    let status = json!({ "status_list": { "idx": 0, "uri": "https://example.com/statuslists/1" } });
    assert_eq!(
        check_status(Some(&status), Some(&list)),
        Ok(StatusOutcome::Checked {
            reference: StatusReference {
                idx: 0,
                uri: "https://example.com/statuslists/1".into()
            },
            status: Status::Invalid,
        })
    );
}

// ---- bit order and bounds ------------------------------------------------------------------------

#[test]
fn entries_are_read_least_significant_bits_first_for_every_bits_value() {
    // Byte 0 = 0b1000_0001, byte 1 = 0b0110_1100.
    let bytes = [0x81, 0x6C];
    let expect: [(u8, &[u8]); 4] = [
        (1, &[1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0]),
        (2, &[1, 0, 0, 2, 0, 3, 2, 1]),
        (4, &[1, 8, 0xC, 6]),
        (8, &[0x81, 0x6C]),
    ];
    for (bits, want) in expect {
        let list = verify(&token(&payload(list_claim(bits, &bytes)))).unwrap();
        assert_eq!(list.bits(), bits);
        assert_eq!(list.len(), want.len() as u64, "bits {bits}");
        assert_eq!(statuses(&list, list.len()), want, "bits {bits}");
    }
}

#[test]
fn one_revoked_entry_is_found_at_its_own_index_only() {
    // Index 1000 revoked in a 2^16-entry 1-bit list: byte 125, bit 0.
    let mut bytes = vec![0u8; 8192];
    bytes[125] = 0x01;
    let list = verify(&token(&payload(list_claim(1, &bytes)))).unwrap();
    assert_eq!(list.status(1000), Ok(Status::Invalid));
    assert_eq!(list.status(999), Ok(Status::Valid));
    assert_eq!(list.status(1001), Ok(Status::Valid));
    assert_eq!(list.status(1007), Ok(Status::Valid));
}

#[test]
fn index_at_or_past_the_end_is_out_of_range() {
    for (bits, len) in [(1u8, 24u64), (2, 12), (4, 6), (8, 3)] {
        let list = verify(&token(&payload(list_claim(bits, &[0xFF; 3])))).unwrap();
        assert_eq!(list.len(), len);
        assert!(list.get(len - 1).is_ok());
        for index in [len, len + 1, u64::MAX] {
            assert_eq!(
                list.get(index),
                Err(Error::StatusIndexOutOfRange { index, len }),
                "bits {bits}"
            );
        }
    }
    let empty = verify(&token(&payload(list_claim(1, &[])))).unwrap();
    assert!(empty.is_empty());
    assert_eq!(
        empty.get(0),
        Err(Error::StatusIndexOutOfRange { index: 0, len: 0 })
    );
}

// ---- the token ---------------------------------------------------------------------------------

#[test]
fn wrong_or_missing_typ_is_rejected() {
    for typ in [
        Some("jwt"),
        Some("JWT"),
        Some("dc+sd-jwt"),
        Some("statuslist+cwt"),
        None,
    ] {
        let mut h = header();
        match typ {
            Some(t) => h["typ"] = json!(t),
            None => {
                h.as_object_mut().unwrap().remove("typ");
            }
        }
        let jwt = sign(&key(1), &h, &payload(default_list()));
        assert_eq!(verify(&jwt), Err(Error::StatusListTyp), "{typ:?}");
    }
}

#[test]
fn typ_with_application_prefix_is_accepted() {
    let h = json!({ "alg": "ES256", "typ": "application/statuslist+jwt" });
    assert!(verify(&sign(&key(1), &h, &payload(default_list()))).is_ok());
}

#[test]
fn sub_other_than_the_referenced_uri_is_rejected() {
    for sub in [
        "https://status.example.vn/statuslists/2",
        "https://status.example.vn/statuslists/1/",
        "HTTPS://status.example.vn/statuslists/1",
        "",
    ] {
        let jwt = edited(|c| {
            c.insert("sub".into(), json!(sub));
        });
        assert_eq!(verify(&jwt), Err(Error::StatusListSubjectMismatch), "{sub}");
    }
}

#[test]
fn missing_or_non_string_sub_is_a_format_error() {
    let missing = edited(|c| {
        c.remove("sub");
    });
    let number = edited(|c| {
        c.insert("sub".into(), json!(1));
    });
    for jwt in [missing, number] {
        assert_eq!(
            verify(&jwt),
            Err(Error::StatusListFormat {
                claim: "sub".into()
            })
        );
    }
}

#[test]
fn missing_or_non_numeric_iat_is_a_format_error() {
    for iat in [None, Some(json!("1795734000")), Some(json!(null))] {
        let jwt = edited(|c| match &iat {
            None => {
                c.remove("iat");
            }
            Some(v) => {
                c.insert("iat".into(), v.clone());
            }
        });
        assert_eq!(
            verify(&jwt),
            Err(Error::StatusListFormat {
                claim: "iat".into()
            }),
            "{iat:?}"
        );
    }
}

#[test]
fn fractional_numeric_dates_round_down_as_in_sd_jwt() {
    // One rule for sub-second NumericDates in the whole crate (src/date.rs): rounded down.
    // Was: refused here (`ERR_STATUS_LIST_FORMAT`) but accepted by SD-JWT VC verification.
    let half_past = edited(|c| {
        c.insert("exp".into(), json!(NOW as f64 + 0.5));
    });
    assert_eq!(
        verify(&half_past),
        Err(Error::StatusListExpired { exp: NOW })
    );
    let later = edited(|c| {
        c.insert("exp".into(), json!(NOW as f64 + 1.5));
        c.insert("iat".into(), json!(NOW as f64 - 60.25));
        c.insert("nbf".into(), json!(NOW as f64 - 0.5));
    });
    assert!(verify(&later).is_ok());
    let not_yet = edited(|c| {
        c.insert("nbf".into(), json!(NOW as f64 + 1.5));
    });
    assert_eq!(
        verify(&not_yet),
        Err(Error::StatusListNotYetValid { nbf: NOW + 1 })
    );
}

#[test]
fn expired_list_is_rejected_from_exp_on() {
    for exp in [NOW, NOW - 1, NOW - 86_400] {
        let jwt = edited(|c| {
            c.insert("exp".into(), json!(exp));
        });
        assert_eq!(verify(&jwt), Err(Error::StatusListExpired { exp }));
    }
    let jwt = edited(|c| {
        c.insert("exp".into(), json!(NOW + 1));
    });
    assert!(verify(&jwt).is_ok());
    let malformed = edited(|c| {
        c.insert("exp".into(), json!("tomorrow"));
    });
    assert_eq!(
        verify(&malformed),
        Err(Error::StatusListFormat {
            claim: "exp".into()
        })
    );
}

#[test]
fn list_without_exp_or_ttl_is_accepted() {
    let jwt = edited(|c| {
        c.remove("exp");
        c.remove("ttl");
    });
    let list = verify(&jwt).unwrap();
    assert_eq!(
        (list.expires_at(), list.ttl(), list.refresh_due(None)),
        (None, None, None)
    );
}

#[test]
fn list_before_its_nbf_is_rejected() {
    let jwt = edited(|c| {
        c.insert("nbf".into(), json!(NOW + 1));
    });
    assert_eq!(
        verify(&jwt),
        Err(Error::StatusListNotYetValid { nbf: NOW + 1 })
    );
    let jwt = edited(|c| {
        c.insert("nbf".into(), json!(NOW));
    });
    assert!(verify(&jwt).is_ok());
}

#[test]
fn list_older_than_iat_plus_ttl_is_stale_by_default() {
    // Issued an hour ago with a 12-hour ttl: fresh. Issued 13 hours ago: stale since 1 hour.
    let jwt = edited(|c| {
        c.insert("iat".into(), json!(NOW - 13 * 3600));
    });
    assert_eq!(
        verify(&jwt),
        Err(Error::StatusListStale {
            refresh_at: NOW - 3600
        })
    );
    // Exactly at iat + ttl it is still fresh (the draft: stale when resolved + ttl < now).
    let edge = edited(|c| {
        c.insert("iat".into(), json!(NOW - 43_200));
    });
    assert!(verify(&edge).is_ok());
}

#[test]
fn ttl_counts_from_the_fetch_time_or_is_ignored_when_asked() {
    let jwt = edited(|c| {
        c.insert("iat".into(), json!(NOW - 13 * 3600));
    });
    let mut budget = StatusBudget::default();
    budget.ttl = TtlPolicy::FromFetch {
        fetched_at: NOW - 3600,
    };
    assert!(verify_with(&jwt, budget).is_ok());
    budget.ttl = TtlPolicy::FromFetch {
        fetched_at: NOW - 12 * 3600 - 1,
    };
    assert_eq!(
        verify_with(&jwt, budget),
        Err(Error::StatusListStale {
            refresh_at: NOW - 1
        })
    );
    budget.ttl = TtlPolicy::Ignore;
    let list = verify_with(&jwt, budget).unwrap();
    assert_eq!(list.ttl(), Some(43_200));
}

#[test]
fn non_positive_or_non_integer_ttl_is_a_format_error() {
    for ttl in [json!(0), json!(-1), json!(1.5), json!("43200")] {
        let jwt = edited(|c| {
            c.insert("ttl".into(), ttl.clone());
        });
        assert_eq!(
            verify(&jwt),
            Err(Error::StatusListFormat {
                claim: "ttl".into()
            }),
            "{ttl}"
        );
    }
}

#[test]
fn bits_other_than_1_2_4_8_are_rejected() {
    let lst = b64::encode_url(&zlib(&[0xB9, 0xA3]));
    for bits in [
        json!(0),
        json!(3),
        json!(5),
        json!(16),
        json!(257),
        json!(-1),
        json!(1.0),
        json!("1"),
        json!(null),
    ] {
        let jwt = token(&payload(json!({ "bits": bits, "lst": lst })));
        assert_eq!(verify(&jwt), Err(Error::StatusListBits), "{bits}");
    }
    let missing = token(&payload(json!({ "lst": lst })));
    assert_eq!(verify(&missing), Err(Error::StatusListBits));
}

#[test]
fn missing_or_malformed_status_list_claim_is_a_format_error() {
    let cases = [
        (None, "status_list"),
        (Some(json!([1])), "status_list"),
        (Some(json!("eNrbuRgAAhcBXQ")), "status_list"),
        (Some(json!({ "bits": 1 })), "status_list.lst"),
        (Some(json!({ "bits": 1, "lst": 5 })), "status_list.lst"),
        (
            Some(json!({ "bits": 1, "lst": "eNrbuRgAAhcBXQ==" })),
            "status_list.lst",
        ),
        (
            Some(json!({ "bits": 1, "lst": "eNrbuRgAAhcBXQ+/" })),
            "status_list.lst",
        ),
        (
            Some(json!({ "bits": 1, "lst": "eNrbuRgAAhcBXQ", "aggregation_uri": 7 })),
            "status_list.aggregation_uri",
        ),
    ];
    for (claim, name) in cases {
        let jwt = edited(|c| match &claim {
            None => {
                c.remove("status_list");
            }
            Some(v) => {
                c.insert("status_list".into(), v.clone());
            }
        });
        assert_eq!(
            verify(&jwt),
            Err(Error::StatusListFormat { claim: name.into() }),
            "{claim:?}"
        );
    }
}

#[test]
fn aggregation_uri_is_surfaced() {
    let jwt = token(&payload(json!({
        "bits": 1,
        "lst": "eNrbuRgAAhcBXQ",
        "aggregation_uri": "https://status.example.vn/aggregation",
    })));
    assert_eq!(
        verify(&jwt).unwrap().aggregation_uri(),
        Some("https://status.example.vn/aggregation")
    );
}

#[test]
fn corrupt_zlib_is_rejected() {
    let good = zlib(&[0xB9, 0xA3]);
    let mut bad_adler = good.clone();
    *bad_adler.last_mut().unwrap() ^= 1;
    let mut bad_header_check = good.clone();
    bad_header_check[1] ^= 1;
    let mut bad_method = good.clone();
    bad_method[0] = 0x79; // CM 9 is not deflate
    let mut trailing = good.clone();
    trailing.push(0);
    let raw_deflate = miniz_oxide::deflate::compress_to_vec(&[0xB9, 0xA3], 10);
    let cases: [(&str, Vec<u8>); 8] = [
        ("empty", vec![]),
        ("bad Adler-32", bad_adler),
        ("bad header check bits", bad_header_check),
        ("bad compression method", bad_method),
        ("truncated", good[..good.len() - 3].to_vec()),
        ("trailing byte", trailing),
        ("raw deflate without zlib wrapper", raw_deflate),
        ("not compressed", vec![0xB9, 0xA3]),
    ];
    for (what, bytes) in cases {
        let jwt = token(&payload(
            json!({ "bits": 1, "lst": b64::encode_url(&bytes) }),
        ));
        assert_eq!(verify(&jwt), Err(Error::StatusListDecompress), "{what}");
    }
}

#[test]
fn decompression_bomb_is_rejected_at_the_budget() {
    // 4 MiB of zeros compress to about 4 KB; the budget is 1 MiB.
    let jwt = token(&payload(list_claim(1, &vec![0u8; 4 << 20])));
    assert!(
        jwt.len() < 16 * 1024,
        "the bomb token is {} bytes",
        jwt.len()
    );
    let mut budget = StatusBudget::default();
    budget.max_decompressed_bytes = 1 << 20;
    assert_eq!(
        verify_with(&jwt, budget),
        Err(Error::StatusListTooLarge { max: 1 << 20 })
    );
    // A list of exactly the budget is fine.
    let exact = token(&payload(list_claim(1, &vec![0u8; 1 << 20])));
    assert_eq!(verify_with(&exact, budget).unwrap().len(), 8 << 20);
}

#[test]
fn list_over_the_default_budget_is_rejected() {
    let jwt = token(&payload(list_claim(
        8,
        &vec![0u8; DEFAULT_MAX_DECOMPRESSED_BYTES + 1],
    )));
    assert_eq!(
        verify(&jwt),
        Err(Error::StatusListTooLarge {
            max: DEFAULT_MAX_DECOMPRESSED_BYTES
        })
    );
}

#[test]
fn token_over_the_size_budget_is_rejected_before_parsing() {
    let jwt = token(&payload(default_list()));
    let mut budget = StatusBudget::default();
    budget.max_token_bytes = 100;
    assert_eq!(
        verify_with(&jwt, budget),
        Err(Error::InputTooLarge {
            len: jwt.len(),
            max: 100
        })
    );
}

#[test]
fn token_larger_than_a_credential_is_accepted() {
    // 96 KiB of pseudo-random statuses barely compress: a token over the 64 KiB JWS limit
    // used for credentials, well within the status list budget.
    let mut x = 0x1234_5678_u32;
    let bytes: Vec<u8> = (0..96 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x.to_le_bytes()[0]
        })
        .collect();
    let jwt = token(&payload(list_claim(8, &bytes)));
    assert!(jwt.len() > cccd_verify::jose::MAX_JWS_BYTES);
    let list = verify(&jwt).unwrap();
    assert_eq!(list.statuses().as_bytes(), bytes);
}

// ---- signatures ----------------------------------------------------------------------------------

#[test]
fn list_signed_by_another_key_is_rejected() {
    let jwt = sign(&key(2), &header(), &payload(default_list()));
    assert_eq!(verify(&jwt), Err(Error::JwsSignatureInvalid));
}

#[test]
fn tampered_list_is_rejected() {
    let jwt = token(&payload(default_list()));
    let (head, rest) = jwt.split_once('.').unwrap();
    let (_, sig) = rest.split_once('.').unwrap();
    let mut other = payload(default_list());
    other["status_list"] = list_claim(1, &[0x00, 0x00]); // everything VALID
    let forged = format!(
        "{head}.{}.{sig}",
        b64::encode_url(other.to_string().as_bytes())
    );
    assert_eq!(verify(&forged), Err(Error::JwsSignatureInvalid));
}

#[test]
fn alg_none_and_unlisted_algorithms_are_rejected() {
    let none_header = json!({ "alg": "none", "typ": "statuslist+jwt" });
    let unsigned = format!(
        "{}.{}.",
        b64::encode_url(none_header.to_string().as_bytes()),
        b64::encode_url(payload(default_list()).to_string().as_bytes())
    );
    assert_eq!(verify(&unsigned), Err(Error::JwsAlgorithmNotAllowed));
    for alg in ["none", "HS256", "ES384", "es256"] {
        let h = json!({ "alg": alg, "typ": "statuslist+jwt" });
        let jwt = sign(&key(1), &h, &payload(default_list()));
        assert_eq!(verify(&jwt), Err(Error::JwsAlgorithmNotAllowed), "{alg}");
    }
    let jwt = token(&payload(default_list()));
    assert_eq!(
        StatusListToken::verify(
            &jwt,
            &public(&key(1)),
            &[],
            NOW,
            URI,
            StatusBudget::default()
        ),
        Err(Error::JwsAlgorithmNotAllowed)
    );
}

#[test]
fn malformed_compact_serialization_is_rejected() {
    for bad in ["", "a.b", "a.b.c.d", "!!.e30.AA"] {
        assert!(verify(bad).is_err(), "{bad}");
    }
    assert_eq!(verify("e30.e30.AA"), Err(Error::JwsFormat));
}

// ---- x5c and trust anchors -----------------------------------------------------------------------

/// Standard base64 with padding, as `x5c` requires (RFC 7515 §4.1.6).
fn std_b64(der: &[u8]) -> String {
    let mut s = b64::encode_url(der).replace('-', "+").replace('_', "/");
    while s.len() % 4 != 0 {
        s.push('=');
    }
    s
}

struct Pki {
    root: Vec<u8>,
    leaf: Vec<u8>,
}

/// A status list root (key 11) and the list signer's certificate under it (key 12).
fn pki() -> Pki {
    let root_key = Key::p256(11);
    let leaf_key = Key::p256(12);
    Pki {
        root: CertBuilder::ca("Status Root CA", &root_key).build(),
        leaf: CertBuilder::leaf("Status List Signer", &leaf_key)
            .issued_by("Status Root CA", &root_key)
            .serial(2)
            .build(),
    }
}

fn x5c_token(signer: u8, x5c: &[&[u8]]) -> String {
    let h = json!({
        "alg": "ES256",
        "typ": "statuslist+jwt",
        "x5c": x5c.iter().map(|c| std_b64(c)).collect::<Vec<_>>(),
    });
    sign(&key(signer), &h, &payload(default_list()))
}

fn verify_anchored(jwt: &str, anchors: &[TrustAnchor]) -> Result<StatusList, Error> {
    StatusListToken::verify_with_anchors(jwt, anchors, ES256, NOW, URI, StatusBudget::default())
        .map(cccd_verify::status::AnchoredStatusList::into_list)
}

#[test]
fn x5c_chained_to_a_status_list_anchor_is_accepted() {
    let p = pki();
    let anchors = [TrustAnchor::from_der(&p.root, Purpose::StatusListIssuer).unwrap()];
    let jwt = x5c_token(12, &[&p.leaf]);
    let anchored = StatusListToken::verify_with_anchors(
        &jwt,
        &anchors,
        ES256,
        NOW,
        URI,
        StatusBudget::default(),
    )
    .unwrap();
    assert_eq!(anchored.path().anchor_index(), 0);
    assert_eq!(anchored.list().status(0), Ok(Status::Invalid));
    assert_eq!(anchored.list().status(1), Ok(Status::Valid));
}

#[test]
fn x5c_chained_to_an_anchor_of_another_purpose_is_rejected() {
    let p = pki();
    let anchors = [TrustAnchor::from_der(&p.root, Purpose::SdJwtVcIssuer).unwrap()];
    assert_eq!(
        verify_anchored(&x5c_token(12, &[&p.leaf]), &anchors),
        Err(Error::AnchorPurposeMismatch {
            expected: Purpose::StatusListIssuer,
            found: Purpose::SdJwtVcIssuer,
        })
    );
}

#[test]
fn token_signed_by_a_key_other_than_its_x5c_is_rejected() {
    let p = pki();
    let anchors = [TrustAnchor::from_der(&p.root, Purpose::StatusListIssuer).unwrap()];
    assert_eq!(
        verify_anchored(&x5c_token(13, &[&p.leaf]), &anchors),
        Err(Error::JwsSignatureInvalid)
    );
}

#[test]
fn token_without_x5c_cannot_be_checked_against_anchors() {
    let p = pki();
    let anchors = [TrustAnchor::from_der(&p.root, Purpose::StatusListIssuer).unwrap()];
    assert_eq!(
        verify_anchored(&token(&payload(default_list())), &anchors),
        Err(Error::StatusListKeyUnresolved)
    );
    assert_eq!(
        verify_anchored(&x5c_token(12, &[]), &anchors),
        Err(Error::StatusListKeyUnresolved)
    );
}

#[test]
fn alg_none_is_refused_before_certificate_work() {
    let p = pki();
    // No anchors at all: a certificate check would fail with ERR_CERT_UNKNOWN_ISSUER.
    let h = json!({ "alg": "none", "typ": "statuslist+jwt", "x5c": [std_b64(&p.leaf)] });
    let jwt = sign(&key(12), &h, &payload(default_list()));
    assert_eq!(
        verify_anchored(&jwt, &[]),
        Err(Error::JwsAlgorithmNotAllowed)
    );
}

// ---- verdicts ------------------------------------------------------------------------------------

#[test]
fn status_values_map_to_the_registry() {
    for v in 0..=255u8 {
        let s = Status::from_value(v);
        assert_eq!(s.value(), v);
        let want = match v {
            0 => Status::Valid,
            1 => Status::Invalid,
            2 => Status::Suspended,
            3 | 0x0C..=0x0F => Status::ApplicationSpecific(v),
            _ => Status::Unknown(v),
        };
        assert_eq!(s, want, "{v:#04x}");
        assert_eq!(s.is_valid(), v == 0);
    }
    assert_eq!(Status::from_value(0x0B), Status::Unknown(0x0B));
    assert_eq!(
        [0, 1, 2, 3, 0x10].map(|v| Status::from_value(v).name()),
        [
            "VALID",
            "INVALID",
            "SUSPENDED",
            "APPLICATION_SPECIFIC",
            "UNKNOWN"
        ]
    );
}

fn reference(idx: u64) -> Value {
    json!({ "status_list": { "idx": idx, "uri": URI } })
}

#[test]
fn revoked_suspended_and_valid_credentials_get_their_verdicts() {
    let list = verify(&token(&payload(list_claim(2, &[0b0001_1001])))).unwrap();
    let verdict = |idx| match check_status(Some(&reference(idx)), Some(&list)).unwrap() {
        StatusOutcome::Checked { status, reference } => {
            assert_eq!(reference.idx, idx);
            status
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(verdict(0), Status::Invalid);
    assert_eq!(verdict(1), Status::Suspended);
    assert_eq!(verdict(2), Status::Invalid);
    assert_eq!(verdict(3), Status::Valid);
}

#[test]
fn no_list_supplied_is_not_checked_rather_than_valid_or_revoked() {
    assert_eq!(
        check_status(Some(&reference(5)), None),
        Ok(StatusOutcome::NotChecked {
            reference: StatusReference {
                idx: 5,
                uri: URI.into()
            }
        })
    );
}

#[test]
fn credential_without_status_list_reference_has_no_reference() {
    let list = verify(&token(&payload(default_list()))).unwrap();
    assert_eq!(
        check_status(None, Some(&list)),
        Ok(StatusOutcome::NoReference)
    );
    assert_eq!(check_status(None, None), Ok(StatusOutcome::NoReference));
    // Another status mechanism only.
    let other = json!({ "other_mechanism": { "id": 1 } });
    assert_eq!(
        check_status(Some(&other), Some(&list)),
        Ok(StatusOutcome::NoReference)
    );
    assert_eq!(StatusReference::from_claim(Some(&other)), Ok(None));
}

#[test]
fn list_for_another_uri_does_not_answer_for_the_credential() {
    let list = verify(&token(&payload(default_list()))).unwrap();
    let elsewhere =
        json!({ "status_list": { "idx": 0, "uri": "https://status.example.vn/statuslists/2" } });
    assert_eq!(
        check_status(Some(&elsewhere), Some(&list)),
        Err(Error::StatusListSubjectMismatch)
    );
}

#[test]
fn credential_index_past_the_list_is_out_of_range() {
    let list = verify(&token(&payload(default_list()))).unwrap();
    assert_eq!(
        check_status(Some(&reference(16)), Some(&list)),
        Err(Error::StatusIndexOutOfRange { index: 16, len: 16 })
    );
}

#[test]
fn malformed_status_claims_are_invalid() {
    let bad = [
        json!("https://status.example.vn/statuslists/1"),
        json!([]),
        json!({ "status_list": "x" }),
        json!({ "status_list": { "uri": URI } }),
        json!({ "status_list": { "idx": -1, "uri": URI } }),
        json!({ "status_list": { "idx": 1.5, "uri": URI } }),
        json!({ "status_list": { "idx": "0", "uri": URI } }),
        json!({ "status_list": { "idx": 0 } }),
        json!({ "status_list": { "idx": 0, "uri": "" } }),
        json!({ "status_list": { "idx": 0, "uri": 5 } }),
    ];
    for claim in bad {
        assert_eq!(
            check_status(Some(&claim), None),
            Err(Error::StatusClaimInvalid),
            "{claim}"
        );
    }
}

#[test]
fn errors_carry_codes_params_and_both_languages() {
    let e = Error::StatusIndexOutOfRange { index: 16, len: 16 };
    let j = e.to_json(Lang::Vi);
    assert_eq!(j["code"], "ERR_STATUS_INDEX_OUT_OF_RANGE");
    assert_eq!(j["params"], json!({ "index": 16, "len": 16 }));
    let stale = Error::StatusListStale { refresh_at: NOW };
    assert_eq!(stale.params()["refreshAt"], json!(NOW));
    assert!(stale.message(Lang::En).contains("2026-11-27 00:00:00 UTC"));
    assert!(stale.message(Lang::Vi).contains("2026-11-27 00:00:00 UTC"));
}

// ---- seeds for the fuzz target -------------------------------------------------------------------

/// Seeds for `fuzz/bodies/status_list.rs`: a selector byte (`% 5`: 0 → 1 bit, 1 → 2,
/// 2 → 4, 3 → 8, else the byte itself as `bits`) then a zlib stream; or a token signed with the
/// private scalar 1, whose public key (the base point) is the target's fixed key.
fn fuzz_seeds() -> Vec<(&'static str, Vec<u8>)> {
    let with_selector = |sel: u8, zlib: Vec<u8>| [vec![sel], zlib].concat();
    let mut one = [0u8; 32];
    one[31] = 1;
    let fuzz_key = SigningKey::from_slice(&one).unwrap();
    vec![
        (
            "seed_draft_1bit",
            with_selector(0, hex("78dadbb918000217015d")),
        ),
        (
            "seed_draft_2bit",
            with_selector(1, hex("78da3be9f2130003df0207")),
        ),
        (
            "seed_draft_8bit_vector",
            with_selector(3, b64::decode_url(EIGHT_BIT_LST).unwrap()),
        ),
        ("seed_bad_bits", with_selector(9, zlib(&[0xB9, 0xA3]))),
        (
            "seed_over_budget",
            with_selector(0, zlib(&vec![0u8; 2 << 20])),
        ),
        (
            "seed_token_valid",
            sign(&fuzz_key, &header(), &payload(default_list())).into_bytes(),
        ),
        (
            "seed_token_other_key",
            token(&payload(default_list())).into_bytes(),
        ),
    ]
}

#[test]
fn fuzz_key_is_the_public_key_of_scalar_one() {
    let mut one = [0u8; 32];
    one[31] = 1;
    let k = SigningKey::from_slice(&one).unwrap();
    let sec1 = k.verifying_key().to_sec1_point(false);
    assert_eq!(
        sec1.as_bytes(),
        hex(concat!(
            "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
            "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"
        ))
    );
    let jwt = String::from_utf8(fuzz_seeds()[5].1.clone()).unwrap();
    assert!(
        StatusListToken::verify(&jwt, &public(&k), ES256, NOW, URI, StatusBudget::default())
            .is_ok()
    );
}

/// `REGENERATE_STATUS_LIST_SEEDS=1 cargo test --test status_list fuzz_seeds` writes the seeds to
/// `fuzz/corpus/status_list/`; once that directory exists they must match this builder.
#[test]
fn fuzz_seeds_match_the_builder() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/status_list");
    if std::env::var_os("REGENERATE_STATUS_LIST_SEEDS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in fuzz_seeds() {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
    for (name, bytes) in fuzz_seeds() {
        let on_disk = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            on_disk == bytes,
            "{name} is stale: run with REGENERATE_STATUS_LIST_SEEDS=1"
        );
    }
}

#[test]
fn duplicate_member_names_are_refused() {
    let text = payload(default_list()).to_string();
    let sign_text = |payload: &str| jws_raw(&key(1), header().to_string(), payload);
    assert!(verify(&sign_text(&text)).is_ok());
    // A second `status_list` whose entries are all VALID after the real one.
    let twice = text.replacen(
        r#""status_list":"#,
        &format!(r#""status_list":{},"status_list":"#, list_claim(1, &[0, 0])),
        1,
    );
    assert_ne!(twice, text);
    assert_eq!(
        verify(&sign_text(&twice)).unwrap_err(),
        Error::JsonDuplicateMember {
            name: "status_list".into()
        }
    );
}

/// A token for [`URI`] signed by the x5c leaf (key 12), with `iat` and a 1-bit list of `bytes`.
fn x5c_list(iat: i64, bytes: &[u8]) -> String {
    let p = pki();
    let h = json!({ "alg": "ES256", "typ": "statuslist+jwt", "x5c": [std_b64(&p.leaf)] });
    let mut claims = payload(list_claim(1, bytes));
    claims["iat"] = json!(iat);
    sign(&key(12), &h, &claims)
}

fn status_of(tokens: &[&str]) -> Result<StatusOutcome, Error> {
    let anchors = [TrustAnchor::from_der(&pki().root, Purpose::StatusListIssuer).unwrap()];
    let claims = json!({ "status": reference(3) });
    check_credential_status(
        claims.as_object().unwrap(),
        tokens,
        &anchors,
        ES256,
        NOW,
        StatusBudget::default(),
    )
}

fn verdict(outcome: Result<StatusOutcome, Error>) -> Status {
    match outcome.unwrap() {
        StatusOutcome::Checked { status, .. } => status,
        other => panic!("{other:?}"),
    }
}

#[test]
fn of_several_lists_for_one_uri_the_newest_is_used_in_any_order() {
    // Entry 3 is VALID in the older list and revoked in the newer one; both are unexpired.
    let older = x5c_list(NOW - 7200, &[0x00]);
    let newer = x5c_list(NOW - 600, &[0x08]);
    assert_eq!(verdict(status_of(&[&older])), Status::Valid);
    assert_eq!(verdict(status_of(&[&older, &newer])), Status::Invalid);
    assert_eq!(verdict(status_of(&[&newer, &older])), Status::Invalid);
    // A list for another URI in between changes nothing.
    let p = pki();
    let h = json!({ "alg": "ES256", "typ": "statuslist+jwt", "x5c": [std_b64(&p.leaf)] });
    let mut other = payload(list_claim(1, &[0x00]));
    other["sub"] = json!("https://status.example.vn/statuslists/2");
    other["iat"] = json!(NOW - 60);
    let other = sign(&key(12), &h, &other);
    assert_eq!(
        verdict(status_of(&[&older, &other, &newer])),
        Status::Invalid
    );
}

#[test]
fn two_lists_with_the_same_iat_and_different_statuses_are_a_conflict() {
    let a = x5c_list(NOW - 600, &[0x00]);
    let b = x5c_list(NOW - 600, &[0x08]);
    assert_eq!(
        status_of(&[&a, &b]),
        Err(Error::StatusListConflict { iat: NOW - 600 })
    );
    assert_eq!(
        status_of(&[&b, &a]),
        Err(Error::StatusListConflict { iat: NOW - 600 })
    );
    // The same content twice (e.g. fetched twice) is no conflict.
    assert_eq!(verdict(status_of(&[&b, &b])), Status::Invalid);
}

#[test]
fn errors_from_a_status_list_say_they_are_about_the_list() {
    let good = x5c_list(NOW - 600, &[0x00]);
    // Signed by a key whose certificate chains to no status anchor.
    let stranger_key = Key::p256(21);
    let stranger = CertBuilder::leaf("Stranger", &stranger_key)
        .issued_by("Stranger CA", &Key::p256(20))
        .build();
    let h = json!({ "alg": "ES256", "typ": "statuslist+jwt", "x5c": [std_b64(&stranger)] });
    let untrusted = sign(&key(21), &h, &payload(list_claim(1, &[0x00])));
    // No anchor for its signer: its own code, naming the list (not the issuer's
    // ERR_CERT_UNKNOWN_ISSUER), with how many status anchors there were.
    let e = status_of(&[&good, &untrusted]).unwrap_err();
    assert_eq!(e.code(), "ERR_STATUS_LIST_ANCHOR_MISSING");
    assert_eq!(
        Value::Object(e.params()),
        json!({ "uri": URI, "anchors": 1 })
    );
    assert!(e.message(Lang::En).contains(URI));
    assert!(e.message(Lang::Vi).contains(URI));
    // A token that is not even a JWS.
    let e = status_of(&[&good, "not.a.jws"]).unwrap_err();
    assert_eq!(e.code(), "ERR_JWS_FORMAT");
    assert_eq!(e.params()["in"], "statusList");
    // Params of the error itself are kept (here the list's `exp`).
    let p = pki();
    let h = json!({ "alg": "ES256", "typ": "statuslist+jwt", "x5c": [std_b64(&p.leaf)] });
    let mut expired = payload(list_claim(1, &[0x00]));
    expired["exp"] = json!(NOW - 1);
    let e = status_of(&[&sign(&key(12), &h, &expired)]).unwrap_err();
    assert_eq!(
        e,
        Error::in_list(
            cccd_verify::ListOrigin::StatusList,
            Some(URI),
            Error::StatusListExpired { exp: NOW - 1 }
        )
    );
    assert_eq!(
        Value::Object(e.params()),
        json!({ "exp": NOW - 1, "in": "statusList", "uri": URI })
    );
}
