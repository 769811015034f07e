//! THE table of error codes: one section per domain, one row per code. From it `error_table!`
//! (`define.rs`) makes the `Error` enum, `code()`, `message()` and `params()`, and
//! `make codes` writes `js/codes.js`, `js/codes.d.ts` and the error section of
//! `docs/findings.md`. Codes are stable: never rename or reuse one. To add a code, add a row here
//! and run `make codes` (docs/architecture.md, "Error codes").

use serde_json::{Map, Value};

use super::meta::{ApiErrors, ErrorInfo, ParamInfo, Sample};
use super::{to_value, Field, Lang, MrzField};
// Only the rows of the verify domains use these; without `verify` those rows have no variant
// (`if(feature = "verify")` in the table), so the scan module links none of their code.
#[cfg(feature = "verify")]
use super::{capitalize, json_type_vi, CertRef, KeyUsageBit, ListOrigin};
#[cfg(feature = "verify")]
use crate::date::format_unix_utc;
#[cfg(feature = "verify")]
use crate::purpose::Purpose;

error_table! {
    message(lang);

    domain Input "Input, QR payload and card fields" if(all()) {
        InputEmpty => "ERR_INPUT_EMPTY", "The input is empty (after trimming surrounding whitespace).",
            en "The input is empty.", vi "Dữ liệu đầu vào trống.";

        InputTooLarge { len: usize = "Input length in bytes.", max: usize = "The limit in bytes." }
            => "ERR_INPUT_TOO_LARGE", "The input is larger than the parser accepts: over 4096 bytes (QR) or 1024 (MRZ).",
            params { "len": "number" "bytes" = len, "max": "number" "bytes" = max },
            en "The input is {len} bytes; at most {max} are accepted.",
            vi "Dữ liệu dài {len} byte; tối đa chỉ nhận {max} byte.";

        PayloadEncoding { offset: usize = "Byte offset of the first invalid sequence." }
            => "ERR_PAYLOAD_ENCODING", "The bytes are not valid UTF-8 (the QR payload is UTF-8, `cccd.md` §1.4).",
            params { "offset": "number" "byte offset of the first invalid sequence" = offset },
            en "The QR bytes are not valid UTF-8 (at byte {offset}).",
            vi "Dữ liệu QR không phải UTF-8 hợp lệ (tại byte {offset}).";

        NotCccdPayload => "ERR_NOT_CCCD_PAYLOAD", "The text has no `|` separator at all: it is not a CCCD QR payload.",
            en "This QR code is not a CCCD / Căn cước code.",
            vi "Mã QR này không phải mã QR trên thẻ CCCD / Căn cước.";

        FieldMissing { field: Field = "The first missing field.", found: usize = "How many fields were found." }
            => "ERR_FIELD_MISSING", "The payload has fewer than the 7 fields every card carries.",
            params {
                "field": "FieldName" "the first missing field" = field.name(),
                "index": "number" "its 0-based position" = field.index(),
                "found": "number" "how many fields there are" = found,
            },
            let { label = field.label(lang); number = field.index() + 1; },
            en "The QR payload has {found} fields; the {label} (field {number}) is missing.",
            vi "Dữ liệu QR chỉ có {found} trường; thiếu {label} (trường thứ {number}).";

        FieldEmpty { field: Field = "The empty field." }
            => "ERR_FIELD_EMPTY", "A field that is never empty on a card (the ID number, the name) is empty.",
            params { "field": "FieldName" = field.name(), "index": "number" "0-based position" = field.index() },
            let { label = field.label(lang); },
            en "The {label} in the QR code is empty.",
            vi "Trường {label} trong mã QR bị trống.";

        IdNumberFormat => "ERR_ID_NUMBER_FORMAT", "The ID number is not 12 ASCII digits.",
            en "The ID number must be exactly 12 digits.",
            vi "Số định danh phải gồm đúng 12 chữ số.";

        DateFormat { field: Field = "The date field." }
            => "ERR_DATE_FORMAT", "A date field is not `DDMMYYYY`, or names a day that does not exist.",
            params { "field": "FieldName" = field.name(), "index": "number" "0-based position" = field.index() },
            let { label = field.label(lang); },
            en "The {label} is not a date in DDMMYYYY form.",
            vi "Trường {label} không phải ngày hợp lệ dạng DDMMYYYY.";

        SexValue => "ERR_SEX_VALUE", "The sex field is neither `Nam` nor `Nữ`.",
            en "The sex field must be \"Nam\" or \"Nữ\".",
            vi "Giới tính phải là \"Nam\" hoặc \"Nữ\".";
    }

    domain Mrz "Machine-readable zone (TD1)" if(all()) {
        MrzFormat { line: u8 = "1-based line number, or 0 when the line count or length is wrong." }
            => "ERR_MRZ_FORMAT", "The MRZ is not three lines of 30 characters of the TD1 alphabet, or a field has the wrong shape.",
            params { "line": "number" "1-based line, or 0 when the shape is wrong" = line },
            when *line == 0 =>
                en "The MRZ must be three lines of 30 characters (TD1).",
                vi "Vùng MRZ phải gồm ba dòng, mỗi dòng 30 ký tự (TD1).",
            en "MRZ line {line} is malformed.",
            vi "Dòng {line} của MRZ sai định dạng.";

        MrzCheckDigit { field: MrzField = "The protected field." }
            => "ERR_MRZ_CHECK_DIGIT", "An MRZ check digit does not match (ICAO 9303 Part 3, §4.9).",
            params { "field": "MrzFieldName" = field },
            let { label = field.label(lang); },
            en "The MRZ check digit of the {label} does not match.",
            vi "Chữ số kiểm tra MRZ của {label} không khớp.";
    }

    domain Image "Images and QR decoding" if(all()) {
        ImageFormat => "ERR_IMAGE_FORMAT", "The image has a zero dimension or its pixel buffer is shorter than its dimensions say.",
            en "The image is empty or its pixel buffer does not match its size.",
            vi "Ảnh trống hoặc dữ liệu điểm ảnh không khớp kích thước.";

        ImageTooLarge {
            width: usize = "Width in pixels.",
            height: usize = "Height in pixels.",
            max_pixels: usize = "The limit in pixels.",
        }
            => "ERR_IMAGE_TOO_LARGE", "The image has more pixels than the decoder accepts (16,777,216).",
            params { "width": "number" = width, "height": "number" = height, "maxPixels": "number" = max_pixels },
            en "The image is {width}×{height} pixels; at most {max_pixels} pixels are accepted.",
            vi "Ảnh có kích thước {width}×{height}; tối đa chỉ nhận {max_pixels} điểm ảnh.";

        ImageDecode => "ERR_IMAGE_DECODE", "An image file could not be decoded as PNG or JPEG.",
            en "The file is not a PNG or JPEG image that can be read.",
            vi "Tệp không phải ảnh PNG hoặc JPEG đọc được.";

        ImageTooComplex { finders: usize = "Finder-like patterns found.", max: usize = "The most the decoder examines." }
            => "ERR_IMAGE_TOO_COMPLEX", "No code was read, and the image holds more finder-like patterns than the decoder examines (its work budget): a crafted image, or a sheet of many codes.",
            params { "finders": "number" "finder-like patterns found" = finders, "max": "number" "the most examined" = max },
            en "No QR code was read: the image has {finders} finder-like patterns, more than the {max} the decoder examines.",
            vi "Không đọc được mã QR: ảnh có {finders} mẫu giống ô định vị, nhiều hơn mức {max} mà bộ giải mã xem xét.";

        NoQrFound => "ERR_NO_QR_FOUND", "No QR code could be read in the image.",
            en "No QR code was found in the image.",
            vi "Không tìm thấy mã QR trong ảnh.";
    }

    domain Cert "X.509 certificates and paths" if(feature = "verify") {
        CertChainEmpty => "ERR_CERT_CHAIN_EMPTY", "The certificate chain (`x5c`) has no certificate.",
            en "The certificate chain (x5c) is empty.",
            vi "Chuỗi chứng thư số (x5c) trống.";

        ChainTooLong { len: usize = "Number of certificates given.", max: usize = "The limit." }
            => "ERR_CERT_CHAIN_TOO_LONG", "The chain has more certificates than the budget allows (default 5).",
            params { "len": "number" = len, "max": "number" = max },
            en "The certificate chain has {len} certificates; at most {max} are accepted.",
            vi "Chuỗi chứng thư số có {len} chứng thư; tối đa chỉ nhận {max}.";

        CertTooLarge { cert: CertRef = "The certificate.", len: usize = "Its size in bytes.", max: usize = "The limit in bytes." }
            => "ERR_CERT_TOO_LARGE", "A certificate is larger than 16 KiB.",
            params { ..cert.params() => "CertParams", "len": "number" "bytes" = len, "max": "number" "bytes" = max },
            let { cert_label = capitalize(&cert.label(lang)); },
            en "{cert_label} is {len} bytes; at most {max} are accepted.",
            vi "{cert_label} dài {len} byte; tối đa chỉ nhận {max} byte.";

        CertParse {
            cert: CertRef = "The certificate.",
            reason: &'static str = "`malformed`, or the DER rule it breaks (`src/x509/der.rs`)."
        }
            => "ERR_CERT_PARSE", "Not one well-formed DER X.509 v3 certificate (RFC 5280 §4.1): trailing bytes, a malformed or duplicated extension, mismatched signature algorithm fields, an invalid public key, or an encoding DER forbids (`params.reason`).",
            params {
                ..cert.params() => "CertParams",
                "reason": "string" "`malformed`, or the DER rule broken: `der-length`, `der-integer`, `der-boolean`, `der-default`, `der-primitive` (non-minimal length, non-minimal or empty INTEGER, BOOLEAN other than 00/FF, an explicit DEFAULT value, a constructed primitive)" = reason,
            },
            let { cert_label = capitalize(&cert.label(lang)); },
            en "{cert_label} is not a well-formed X.509 certificate (DER).",
            vi "{cert_label} không phải chứng thư số X.509 (DER) hợp lệ.";

        CertAlgorithmUnsupported { cert: CertRef = "The certificate." }
            => "ERR_CERT_ALGORITHM_UNSUPPORTED", "The certificate's key or signature algorithm is not supported (ECDSA P-256 with SHA-256 and P-384 with SHA-384 are), or does not match its issuer's key.",
            params { ..cert.params() => "CertParams", },
            let { cert_label = capitalize(&cert.label(lang)); },
            en "{cert_label} uses an unsupported key or signature algorithm (ECDSA P-256/SHA-256 and P-384/SHA-384 are supported).",
            vi "{cert_label} dùng thuật toán khóa hoặc chữ ký không được hỗ trợ (hỗ trợ ECDSA P-256/SHA-256 và P-384/SHA-384).";

        CertSignatureInvalid { cert: CertRef = "The certificate whose signature failed." }
            => "ERR_CERT_SIGNATURE_INVALID", "The certificate's signature does not verify with its issuer's public key.",
            params { ..cert.params() => "CertParams", },
            let { cert_label = cert.label(lang); },
            en "The signature on {cert_label} does not verify with its issuer's key.",
            vi "Chữ ký trên {cert_label} không khớp với khóa của bên cấp.";

        CertExpired { cert: CertRef = "The certificate.", not_after: i64 = "`notAfter`, seconds since the Unix epoch." }
            => "ERR_CERT_EXPIRED", "`now` is after the certificate's `notAfter` (RFC 5280 §4.1.2.5).",
            params { ..cert.params() => "CertParams", "notAfter": "number" "Unix seconds" = not_after },
            let { cert_label = capitalize(&cert.label(lang)); date = format_unix_utc(*not_after); },
            en "{cert_label} expired on {date}.",
            vi "{cert_label} đã hết hạn từ {date}.";

        CertNotYetValid { cert: CertRef = "The certificate.", not_before: i64 = "`notBefore`, seconds since the Unix epoch." }
            => "ERR_CERT_NOT_YET_VALID", "`now` is before the certificate's `notBefore` (RFC 5280 §4.1.2.5).",
            params { ..cert.params() => "CertParams", "notBefore": "number" "Unix seconds" = not_before },
            let { cert_label = capitalize(&cert.label(lang)); date = format_unix_utc(*not_before); },
            en "{cert_label} is not valid before {date}.",
            vi "{cert_label} chưa có hiệu lực trước {date}.";

        UnknownIssuer { purpose: Purpose = "The purpose of the chain that failed (whose anchors were tried).", anchors: usize = "How many anchors were held for that purpose." }
            => "ERR_CERT_UNKNOWN_ISSUER", "The last certificate of the chain was issued by none of the trust anchors given for its purpose (`params.purpose` names which chain: SD-JWT VC issuer, status list, trust list, mdoc, chip).",
            params { "purpose": "PurposeName" "which chain failed: the purpose its anchors are held for" = purpose.name(), "anchors": "number" "anchors held for that purpose (0: none was given)" = anchors },
            let { label = purpose.label(lang); },
            when *anchors == 0 =>
                en "No trusted certificate was given for {label}, so this certificate chain cannot be checked.",
                vi "Chưa có chứng thư số gốc tin cậy nào cho {label} nên không kiểm tra được chuỗi chứng thư số này.",
            en "The certificate chain does not lead to any of the {anchors} trusted certificates for {label}.",
            vi "Chuỗi chứng thư số không dẫn tới chứng thư số gốc nào trong {anchors} chứng thư số tin cậy cho {label}.";

        ChainOrder { index: usize = "The certificate whose successor is not its issuer." }
            => "ERR_CERT_CHAIN_ORDER", "`x5c[index + 1]` is not the issuer of `x5c[index]` (its subject is not `x5c[index]`'s issuer name): `x5c` must be ordered from the end entity up (RFC 7515 §4.1.6).",
            params { "index": "number" = index },
            let { next = index.saturating_add(1); },
            en "Certificate x5c[{next}] is not the issuer of x5c[{index}]; x5c must be ordered from the signer's certificate up.",
            vi "Chứng thư số x5c[{next}] không phải bên cấp của x5c[{index}]; x5c phải xếp từ chứng thư của bên ký trở lên.";

        CertNotCa { cert: CertRef = "The certificate." }
            => "ERR_CERT_NOT_CA", "An issuing certificate (or an anchor) is not a CA: no basicConstraints with `cA` true (RFC 5280 §4.2.1.9).",
            params { ..cert.params() => "CertParams", },
            let { cert_label = capitalize(&cert.label(lang)); },
            en "{cert_label} is not a certification authority (CA) certificate, so it cannot issue certificates.",
            vi "{cert_label} không phải chứng thư số của tổ chức cấp (CA) nên không được cấp chứng thư khác.";

        PathLenExceeded { cert: CertRef = "The CA whose constraint is violated." }
            => "ERR_CERT_PATH_LEN_EXCEEDED", "A CA's pathLenConstraint allows fewer intermediate certificates below it than the chain has (RFC 5280 §4.2.1.9, §6.1.4 (l)).",
            params { ..cert.params() => "CertParams", },
            let { cert_label = cert.label(lang); },
            en "The chain has more intermediate certificates below {cert_label} than its path length constraint allows.",
            vi "Chuỗi có nhiều chứng thư trung gian dưới {cert_label} hơn giới hạn độ dài đường dẫn của nó.";

        KeyUsageMissing { cert: CertRef = "The certificate.", usage: KeyUsageBit = "The missing bit." }
            => "ERR_CERT_KEY_USAGE_MISSING", "The certificate has a keyUsage extension without the bit its role needs (RFC 5280 §4.2.1.3).",
            params { ..cert.params() => "CertParams", "usage": "KeyUsageName" = usage.name() },
            let { cert_label = capitalize(&cert.label(lang)); usage = usage.name(); },
            en "{cert_label} does not allow the key usage {usage}.",
            vi "{cert_label} không cho phép mục đích sử dụng khóa {usage}.";

        UnsupportedCriticalExtension { cert: CertRef = "The certificate.", oid: String = "The extension's OID, dotted." }
            => "ERR_CERT_UNSUPPORTED_CRITICAL_EXTENSION", "The certificate has a critical extension that the verifier does not process (RFC 5280 §4.2).",
            params { ..cert.params() => "CertParams", "oid": "string" "dotted" = oid },
            let { cert_label = capitalize(&cert.label(lang)); },
            en "{cert_label} has a critical extension ({oid}) that this verifier does not process.",
            vi "{cert_label} có phần mở rộng bắt buộc ({oid}) mà bộ kiểm tra không xử lý được.";

        NameConstraintsUnsupported { cert: CertRef = "The certificate." }
            => "ERR_CERT_NAME_CONSTRAINTS_UNSUPPORTED", "The certificate has a nameConstraints extension (RFC 5280 §4.2.1.10), which the verifier does not implement.",
            params { ..cert.params() => "CertParams", },
            let { cert_label = capitalize(&cert.label(lang)); },
            en "{cert_label} has name constraints, which this verifier does not support.",
            vi "{cert_label} có ràng buộc tên (name constraints), bộ kiểm tra chưa hỗ trợ.";

        SignatureBudgetExceeded { max: usize = "The limit." }
            => "ERR_CERT_SIGNATURE_BUDGET_EXCEEDED", "Checking the chain would take more signature verifications than the budget allows (default 16).",
            params { "max": "number" = max },
            en "Checking this certificate chain needs more than {max} signature verifications.",
            vi "Kiểm tra chuỗi chứng thư số này cần hơn {max} lần xác minh chữ ký.";

        AnchorPurposeMismatch { expected: Purpose = "The purpose asked for.", found: Purpose = "The purpose of the anchor the chain leads to." }
            => "ERR_CERT_ANCHOR_PURPOSE_MISMATCH", "The chain is valid, but only up to a trust anchor held for another purpose.",
            params { "expected": "PurposeName" = expected.name(), "found": "PurposeName" = found.name() },
            let { found = found.label(lang); expected = expected.label(lang); },
            en "The chain leads to a trusted certificate held for {found}, not for {expected}.",
            vi "Chuỗi dẫn tới chứng thư số gốc dùng cho {found}, không phải cho {expected}.";

        AnchorInChain { index: usize = "Where in `x5c`." }
            => "ERR_CERT_ANCHOR_IN_CHAIN", "`x5c` contains a trust anchor (the same certificate, or the same subject and key); HAIP 1.0 §6.1.1 forbids it.",
            params { "index": "number" = index },
            en "Certificate x5c[{index}] is a trust anchor; the chain must not include it.",
            vi "Chứng thư số x5c[{index}] là chứng thư số gốc tin cậy; chuỗi không được chứa nó.";

        EndEntityIsCa => "ERR_CERT_END_ENTITY_IS_CA", "The end-entity certificate (`x5c[0]`) is a CA (basicConstraints `cA` true, or keyUsage keyCertSign).",
            en "The signer's certificate (x5c[0]) is a CA certificate, not an end-entity certificate.",
            vi "Chứng thư số của bên ký (x5c[0]) là chứng thư của tổ chức cấp (CA), không phải chứng thư cuối.";

        SelfSignedEndEntity => "ERR_CERT_SELF_SIGNED_END_ENTITY", "The end-entity certificate (`x5c[0]`) is self-signed (HAIP 1.0 §6.1.1 forbids it).",
            en "The signer's certificate (x5c[0]) is self-signed.",
            vi "Chứng thư số của bên ký (x5c[0]) là chứng thư tự ký.";

        EkuMissing { cert: CertRef = "The end-entity certificate.", oid: String = "The extended key usage required, dotted." }
            => "ERR_CERT_EKU_MISSING", "The end-entity certificate's extKeyUsage is absent or does not list the usage the profile requires (RFC 5280 §4.2.1.12; `docs/x509.md`, \"Profiles\").",
            params { ..cert.params() => "CertParams", "oid": "string" "dotted" = oid },
            let { cert_label = capitalize(&cert.label(lang)); },
            en "{cert_label} is not authorised for this use: extended key usage {oid} is required.",
            vi "{cert_label} không được phép dùng cho việc này: cần mục đích sử dụng khóa mở rộng {oid}.";

        ProfileViolation { cert: CertRef = "The certificate.", rule: &'static str = "The profile rule broken (`params.rule`)." }
            => "ERR_CERT_PROFILE_VIOLATION", "A certificate of the path (or the anchor) breaks a rule of the certificate profile asked for (`docs/x509.md`, \"Profiles\").",
            params {
                ..cert.params() => "CertParams",
                "rule": "string" "`key-usage-absent`, `key-usage-not-critical`, `eku-not-critical`, `key-identifier-missing`, `extension-forbidden`, `intermediate-forbidden`, `intermediate-not-link`, `anchor-not-self-signed`, `basic-constraints-not-critical`, `path-len-not-zero`, `crl-sign-missing`" = rule,
            },
            let { cert_label = capitalize(&cert.label(lang)); },
            en "{cert_label} does not meet the certificate profile required here ({rule}).",
            vi "{cert_label} không đáp ứng hồ sơ chứng thư số được yêu cầu ở đây ({rule}).";
    }

    domain Jose "JOSE, SD-JWT VC and key binding" if(feature = "verify") {
        JwsFormat => "ERR_JWS_FORMAT", "A JWS is not `header.payload.signature` of base64url JSON (RFC 7515 §7.1).",
            en "The signed token is malformed.",
            vi "Mã thông báo có chữ ký sai định dạng.";

        JwsAlgorithmNotAllowed => "ERR_JWS_ALG_NOT_ALLOWED", "The JWS `alg` is not in the caller's allow-list (`none` never is; RFC 8725 §3.1).",
            en "The token's signature algorithm is not allowed.",
            vi "Thuật toán chữ ký của mã thông báo không được phép.";

        JwsSignatureInvalid => "ERR_JWS_SIGNATURE_INVALID", "A signature does not verify.",
            en "The signature is not valid.",
            vi "Chữ ký không hợp lệ.";

        JwsCritUnsupported => "ERR_JWS_CRIT_UNSUPPORTED", "The JWS header has a `crit` parameter this verifier does not understand (RFC 7515 §4.1.11).",
            en "The token requires an extension this verifier does not support.",
            vi "Mã thông báo yêu cầu phần mở rộng mà bộ kiểm tra không hỗ trợ.";

        JwkInvalid => "ERR_JWK_INVALID", "A JWK is not a public EC P-256 or P-384 key (or carries private members).",
            en "The key is not a valid public key.",
            vi "Khóa không phải khóa công khai hợp lệ.";

        JsonTooDeep { max: usize = "The limit." }
            => "ERR_JSON_TOO_DEEP", "JSON nests deeper than the limit.",
            params { "max": "number" = max },
            en "The data nests deeper than {max} levels.",
            vi "Dữ liệu lồng sâu quá {max} cấp.";

        JsonDuplicateMember { name: String = "The member name (at most its first 64 characters)." }
            => "ERR_JSON_DUPLICATE_MEMBER", "A JSON object names the same member twice (refused, as RFC 7515 §4 allows): JOSE headers, payloads, disclosures, trust and status lists.",
            params { "name": "string" "the member name, at most 64 characters" = name },
            en "The data names the member \"{name}\" more than once.",
            vi "Dữ liệu có trường \"{name}\" xuất hiện nhiều lần.";

        JsonForbiddenMember { name: String = "The member name (`__proto__`)." }
            => "ERR_JSON_FORBIDDEN_MEMBER", "Signed JSON names the member `__proto__`, which a JavaScript object cannot carry safely (copying it changes the copy's prototype).",
            params { "name": "string" = name },
            en "The data names the member \"{name}\", which is refused: a JavaScript object cannot carry it safely.",
            vi "Dữ liệu có trường \"{name}\" bị từ chối: đối tượng JavaScript không thể mang trường này một cách an toàn.";

        SdJwtFormat => "ERR_SDJWT_FORMAT", "The presentation is not `<JWT>~<disclosure>~…~[<KB-JWT>]` (RFC 9901 §4).",
            en "The credential presentation is malformed.",
            vi "Bản trình bày chứng chỉ sai định dạng.";

        SdJwtTypInvalid => "ERR_SDJWT_TYP", "The issuer JWT `typ` is not `dc+sd-jwt` (SD-JWT VC §2.2.1; legacy `vc+sd-jwt` only by option).",
            en "The credential has the wrong type header.",
            vi "Chứng chỉ có tiêu đề loại không đúng.";

        SdJwtSdAlgNotAllowed => "ERR_SDJWT_SD_ALG", "`_sd_alg` is unknown or not allowed by policy (RFC 9901 §4.1.1, §7.1).",
            en "The credential's digest algorithm is not allowed.",
            vi "Thuật toán băm của chứng chỉ không được phép.";

        SdJwtSdAlgNested => "ERR_SDJWT_SD_ALG_NESTED", "`_sd_alg` appears below the top level (RFC 9901 §4.1.1).",
            en "The credential declares its digest algorithm in the wrong place.",
            vi "Chứng chỉ khai báo thuật toán băm sai vị trí.";

        SdJwtDisclosureInvalid => "ERR_SDJWT_DISCLOSURE_INVALID", "A disclosure is not base64url JSON of the right shape and arity (RFC 9901 §4.2, §7.1).",
            en "A disclosed claim is malformed.",
            vi "Một thông tin được tiết lộ sai định dạng.";

        SdJwtDuplicateDigest => "ERR_SDJWT_DUPLICATE_DIGEST", "A digest occurs more than once (RFC 9901 §7.1 step 4).",
            en "The credential repeats a claim digest.",
            vi "Chứng chỉ lặp lại một giá trị băm.";

        SdJwtUnreferencedDisclosure => "ERR_SDJWT_UNREFERENCED_DISCLOSURE", "A presented disclosure is referenced by no digest (RFC 9901 §7.1 step 5).",
            en "The presentation contains a disclosure that the credential does not reference.",
            vi "Bản trình bày chứa thông tin tiết lộ không thuộc chứng chỉ.";

        SdJwtReservedClaimName => "ERR_SDJWT_RESERVED_CLAIM_NAME", "A disclosure names `_sd` or `...` (RFC 9901 §7.1).",
            en "A disclosed claim uses a reserved name.",
            vi "Một thông tin được tiết lộ dùng tên dành riêng.";

        SdJwtClaimNameCollision { name: String = "The claim name." }
            => "ERR_SDJWT_CLAIM_NAME_COLLISION", "A disclosed claim name already exists at its level (RFC 9901 §7.1).",
            params { "name": "string" = name },
            en "The disclosed claim \"{name}\" collides with another claim.",
            vi "Thông tin \"{name}\" được tiết lộ trùng tên với thông tin khác.";

        SdJwtNonDisclosableClaim { name: String = "The claim name." }
            => "ERR_SDJWT_NON_DISCLOSABLE_CLAIM", "A claim SD-JWT VC forbids making selectively disclosable (`iss`, `nbf`, `exp`, `cnf`, `vct`, `vct#integrity`, `status`) was disclosed (draft §2.2.2.3).",
            params { "name": "string" = name },
            en "The claim \"{name}\" must not be selectively disclosable.",
            vi "Thông tin \"{name}\" không được phép tiết lộ có chọn lọc.";

        SdJwtTooManyDisclosures { max: usize = "The limit." }
            => "ERR_SDJWT_TOO_MANY_DISCLOSURES", "More disclosures than the budget allows.",
            params { "max": "number" = max },
            en "The presentation has more than {max} disclosures.",
            vi "Bản trình bày có hơn {max} thông tin tiết lộ.";

        ClaimMissing { name: String = "The claim name." }
            => "ERR_CLAIM_MISSING", "A claim the policy requires is missing after processing (RFC 9901 §7.1 step 6).",
            params { "name": "string" = name },
            en "The required claim \"{name}\" is missing.",
            vi "Thiếu thông tin bắt buộc \"{name}\".";

        ClaimType { name: String = "The claim.", expected: &'static str = "The JSON type it must have: `string`, `number` or `object`." }
            => "ERR_CLAIM_TYPE", "A registered claim is present but not of its JSON type (`iss: 5`, `cnf: []`).",
            params { "name": "string" = name, "expected": "string" "`string`, `number` or `object`" = expected },
            let { expected_vi = json_type_vi(expected); },
            en "The claim \"{name}\" must be a JSON {expected}.",
            vi "Thông tin \"{name}\" phải có kiểu JSON {expected_vi}.";

        TokenExpired { exp: i64 = "`exp`, seconds since the Unix epoch." }
            => "ERR_TOKEN_EXPIRED", "The credential's `exp` is past.",
            params { "exp": "number" "Unix seconds" = exp },
            en "The credential expired (exp {exp}).",
            vi "Chứng chỉ đã hết hạn (exp {exp}).";

        TokenNotYetValid { nbf: i64 = "`nbf`, seconds since the Unix epoch." }
            => "ERR_TOKEN_NOT_YET_VALID", "The credential's `nbf` is in the future.",
            params { "nbf": "number" "Unix seconds" = nbf },
            en "The credential is not valid yet (nbf {nbf}).",
            vi "Chứng chỉ chưa có hiệu lực (nbf {nbf}).";

        KbMissing => "ERR_KB_MISSING", "Key binding is required by policy but the presentation has no KB-JWT (a stripped key binding; RFC 9901 §7.3).",
            en "The presentation is not bound to the holder's key.",
            vi "Bản trình bày không được ràng buộc với khóa của người giữ.";

        KbUnexpected => "ERR_KB_UNEXPECTED", "Key binding is not expected by policy but a KB-JWT is present (RFC 9901 §7.1).",
            en "The presentation carries an unexpected key-binding proof.",
            vi "Bản trình bày có bằng chứng ràng buộc khóa không mong đợi.";

        KbTypInvalid => "ERR_KB_TYP", "The KB-JWT `typ` is not `kb+jwt` (RFC 9901 §4.3).",
            en "The key-binding proof has the wrong type header.",
            vi "Bằng chứng ràng buộc khóa có tiêu đề loại không đúng.";

        KbNonceMismatch => "ERR_KB_NONCE_MISMATCH", "The KB-JWT `nonce` is not this verifier's nonce.",
            en "The presentation was made for another request (nonce mismatch).",
            vi "Bản trình bày được tạo cho yêu cầu khác (nonce không khớp).";

        KbAudienceMismatch => "ERR_KB_AUDIENCE_MISMATCH", "The KB-JWT `aud` is not exactly this verifier (one string; `origin:<origin>` over the Digital Credentials API).",
            en "The presentation was made for another verifier (audience mismatch).",
            vi "Bản trình bày được tạo cho bên kiểm tra khác (aud không khớp).";

        KbIatOutOfWindow {
            bound: &'static str = "Which bound `iat` broke: `missing`, `future` (after `now` + leeway) or `maxAge` (before `now` − `maxAgeSeconds`).",
            iat: i64 = "The KB-JWT `iat`, Unix seconds (0 when missing).",
            limit: i64 = "The bound it broke, Unix seconds (0 when missing).",
        }
            => "ERR_KB_IAT", "The KB-JWT `iat` is missing, in the future or older than allowed (`params.bound` says which).",
            params {
                "bound": "string" "which bound `iat` broke: `missing`, `future` (after `now` + leeway) or `maxAge` (before `now` − `keyBinding.maxAgeSeconds`)" = bound,
                "iat": "number" "the KB-JWT `iat`, Unix seconds; 0 when missing" = iat,
                "limit": "number" "the bound broken, Unix seconds; 0 when missing" = limit,
            },
            en "The presentation is too old or dated in the future.",
            vi "Bản trình bày quá cũ hoặc có thời điểm ở tương lai.";

        KbSdHashMismatch => "ERR_KB_SD_HASH_MISMATCH", "The KB-JWT `sd_hash` does not cover the presented SD-JWT (RFC 9901 §4.3.1).",
            en "The key-binding proof does not cover the presented data.",
            vi "Bằng chứng ràng buộc khóa không khớp với dữ liệu được trình bày.";

        KbNoHolderKey => "ERR_KB_NO_HOLDER_KEY", "Key binding is required but the credential has no `cnf.jwk`.",
            en "The credential names no holder key to check the key binding against.",
            vi "Chứng chỉ không có khóa của người giữ để kiểm tra ràng buộc.";

        IssuerKeyUnresolved => "ERR_ISSUER_KEY_UNRESOLVED", "The issuer JWT has no `x5c` header, the only key resolution that works offline.",
            en "The credential does not carry its issuer's certificate (x5c).",
            vi "Chứng chỉ không kèm chứng thư số của bên cấp (x5c).";

        IssuerBindingMismatch => "ERR_ISSUER_BINDING_MISMATCH", "`iss` matches no subjectAltName URI or DNS name of the issuer certificate (the `san` binding).",
            en "The credential's issuer does not match its certificate.",
            vi "Bên cấp ghi trong chứng chỉ không khớp với chứng thư số.";
    }

    domain Decrypt "Encrypted wallet responses: HPKE (ISO 18013-7 Annex C) and JWE (OpenID4VP `dc_api.jwt`)" if(feature = "verify") {
        DecryptFailed { scheme: &'static str = "`hpke` (ISO 18013-7 Annex C) or `jwe` (OpenID4VP)." }
            => "ERR_DECRYPT_FAILED", "The encrypted response does not open with this request's key: another key, another SessionTranscript (HPKE `info`: origin, nonce, `encryptionInfo`), another JWE header, or altered bytes (the AEAD tag does not verify).",
            params { "scheme": "string" "`hpke` or `jwe`" = scheme },
            en "The response could not be decrypted with this request's key (another key or session, or altered in transit).",
            vi "Không giải mã được phản hồi bằng khóa của yêu cầu này (khóa hoặc phiên khác, hoặc đã bị thay đổi trên đường truyền).";

        ResponseNotEncrypted => "ERR_RESPONSE_NOT_ENCRYPTED", "The request asked for an encrypted response, but the wallet answered in the clear (a `vp_token` without `response`, or a DeviceResponse instead of the Annex C envelope).",
            en "The wallet's response is not encrypted, but encryption was requested.",
            vi "Phản hồi của ví không được mã hóa, trong khi yêu cầu đòi mã hóa.";

        DecryptionKeyInvalid => "ERR_DECRYPTION_KEY_INVALID", "The request's private key is not a P-256 scalar in 1 … n−1 (32 bytes), or fewer than 32 random bytes were given to make one.",
            en "The request's decryption key is invalid.",
            vi "Khóa giải mã của yêu cầu không hợp lệ.";

        DcapiFormat { reason: &'static str = "What is wrong: `base64url`, `shape`, `enc` or `recipient-key`." }
            => "ERR_DCAPI_FORMAT", "An ISO 18013-7 Annex C structure is malformed: the response is not base64url CBOR `[\"dcapi\", {\"enc\": bstr, \"cipherText\": bstr}]` with `enc` an uncompressed P-256 point, or an `EncryptionInfo` is not `[\"dcapi\", {\"nonce\": bstr, \"recipientPublicKey\": COSE_Key}]` with an EC2 P-256 key.",
            params { "reason": "string" "`base64url`, `shape`, `enc` or `recipient-key`" = reason },
            en "The org-iso-mdoc response is malformed ({reason}).",
            vi "Phản hồi org-iso-mdoc sai định dạng ({reason}).";

        JweFormat { reason: &'static str = "What is wrong: `parts`, `base64url`, `header`, `encrypted-key`, `iv`, `tag`, `epk`, `apu`, `apv` or `payload`." }
            => "ERR_JWE_FORMAT", "The encrypted response is not a compact JWE this verifier reads (RFC 7516 §7.1): five base64url parts, a JSON object header with `alg`, `enc` and an `epk` public P-256 key, an empty encrypted key (ECDH-ES direct agreement), a 96-bit IV and a 128-bit tag; after decryption, a JSON object.",
            params { "reason": "string" "`parts`, `base64url`, `header`, `encrypted-key`, `iv`, `tag`, `epk`, `apu`, `apv` or `payload`" = reason },
            en "The encrypted response is malformed ({reason}).",
            vi "Phản hồi được mã hóa sai định dạng ({reason}).";

        JweUnsupported {
            parameter: &'static str = "The header parameter: `alg`, `enc`, `epk.kty`, `epk.crv`, `zip` or `crit`.",
            value: String = "Its value (at most 64 characters; JSON text when not a string)."
        }
            => "ERR_JWE_UNSUPPORTED", "The JWE uses what this verifier does not accept: only `alg` `ECDH-ES` with an `EC` `P-256` `epk` and `enc` `A128GCM` or `A256GCM` (HAIP 1.0 §5), no `zip`, no `crit`.",
            params {
                "parameter": "string" "`alg`, `enc`, `epk.kty`, `epk.crv`, `zip` or `crit`" = parameter,
                "value": "string" "its value, at most 64 characters" = value,
            },
            en "The encrypted response uses an unsupported {parameter} ({value}).",
            vi "Phản hồi được mã hóa dùng {parameter} không được hỗ trợ ({value}).";

        JweKidMismatch { kid: String = "The header's `kid` (at most 64 characters)." }
            => "ERR_JWE_KID_MISMATCH", "The JWE header's `kid` is not the `kid` of this request's encryption key (OpenID4VP 1.0 §8.3).",
            params { "kid": "string" "the header's `kid`, at most 64 characters" = kid },
            en "The encrypted response names another key (\"{kid}\") than this request's.",
            vi "Phản hồi được mã hóa chỉ định khóa khác (\"{kid}\") với khóa của yêu cầu này.";

        DcapiProtocol { protocol: String = "The credential's `protocol` (at most 64 characters)." }
            => "ERR_DCAPI_PROTOCOL", "The Digital Credentials API answer's `protocol` is not one this request asked for (`org-iso-mdoc`, `openid4vp-v1-unsigned`; `shared/domain/presentations.md` §3.4).",
            params { "protocol": "string" "the credential's protocol, at most 64 characters" = protocol },
            en "The wallet answered with a protocol this request did not ask for ({protocol}).",
            vi "Ví trả lời bằng giao thức mà yêu cầu này không đề nghị ({protocol}).";

        DcapiCredential { reason: &'static str = "What is wrong: `json`, `shape`, `data` or `response`." }
            => "ERR_DCAPI_CREDENTIAL", "The Digital Credentials API answer is not `{ protocol, data }` with `data` an object (`{ response }` for `org-iso-mdoc`).",
            params { "reason": "string" "`json`, `shape`, `data` or `response`" = reason },
            en "The wallet's answer is malformed ({reason}).",
            vi "Câu trả lời của ví sai định dạng ({reason}).";

        DcapiWalletError { error: String = "The OpenID4VP `error` value (at most 64 characters)." }
            => "ERR_DCAPI_WALLET_ERROR", "The wallet answered with an OpenID4VP error response (`error`, OpenID4VP 1.0 §8.5) instead of a `vp_token`.",
            params { "error": "string" "the wallet's `error` code, at most 64 characters" = error },
            en "The wallet returned an error ({error}).",
            vi "Ví trả về lỗi ({error}).";

        DcapiVpToken { reason: &'static str = "What is wrong: `missing`, `shape`, `unknown-id`, `count` or `presentation`." }
            => "ERR_DCAPI_VP_TOKEN", "The `vp_token` is not an object mapping this request's DCQL credential ids to arrays of presentation strings with exactly one presentation in all (OpenID4VP 1.0 §8.1).",
            params { "reason": "string" "`missing`, `shape`, `unknown-id`, `count` or `presentation`" = reason },
            en "The wallet's vp_token is not what this request asked for ({reason}).",
            vi "vp_token của ví không đúng như yêu cầu ({reason}).";

        DcapiCredentialMismatch { expected: String = "The `vct` requested.", found: String = "The `vct` presented (at most 128 characters)." }
            => "ERR_DCAPI_CREDENTIAL_MISMATCH", "The SD-JWT VC presented has another `vct` than the one the request's DCQL query asked for.",
            params { "expected": "string" "the vct requested" = expected, "found": "string" "the vct presented, at most 128 characters" = found },
            en "The wallet presented another credential type ({found}) than the one requested ({expected}).",
            vi "Ví xuất trình loại chứng chỉ khác ({found}) với loại được yêu cầu ({expected}).";

        DcapiState { reason: &'static str = "What is wrong: `json`, `version`, `key`, `encryption-info` or `protocol`." }
            => "ERR_DCAPI_STATE", "The request state is not the JSON `createCredentialRequest` returned (or its keys do not match its request).",
            params { "reason": "string" "`json`, `version`, `key`, `encryption-info` or `protocol`" = reason },
            en "The request state is invalid ({reason}).",
            vi "Trạng thái của yêu cầu không hợp lệ ({reason}).";

        DcapiStateExpired { age: i64 = "Seconds since the request was created (negative: created after `now`).", max: i64 = "`maxAgeSeconds`." }
            => "ERR_DCAPI_STATE_EXPIRED", "The request was created longer than `maxAgeSeconds` before `now` (or more than a minute after it): answer with a new request.",
            params { "age": "number" "seconds since the request was created" = age, "max": "number" "the most accepted" = max },
            en "The request is {age} seconds old; at most {max} are accepted.",
            vi "Yêu cầu đã tạo cách đây {age} giây; tối đa chỉ chấp nhận {max} giây.";
    }

    domain Status "Token Status Lists (revocation)" if(feature = "verify") {
        StatusListFormat {
            claim: String = "The claim: `sub`, `iat`, `exp`, `nbf`, `ttl`, `status_list`, `status_list.lst` or `status_list.aggregation_uri`.",
        }
            => "ERR_STATUS_LIST_FORMAT", "A Status List Token claim is missing or malformed (draft-ietf-oauth-status-list §5.1; docs/status-list.md).",
            params { "claim": "string" "`sub`, `iat`, `exp`, `nbf`, `ttl`, `status_list`, `status_list.lst`…" = claim },
            en "The status list token has a missing or malformed \"{claim}\" claim.",
            vi "Danh sách trạng thái thiếu hoặc sai định dạng thông tin \"{claim}\".";

        StatusListTyp => "ERR_STATUS_LIST_TYP", "The Status List Token's `typ` is not `statuslist+jwt`.",
            en "The token is not a status list token (typ must be statuslist+jwt).",
            vi "Mã thông báo không phải danh sách trạng thái (typ phải là statuslist+jwt).";

        StatusListSubjectMismatch => "ERR_STATUS_LIST_SUBJECT_MISMATCH", "The Status List Token's `sub` is not the `uri` in the credential's `status.status_list`.",
            en "The status list is not the one the credential refers to (sub does not match uri).",
            vi "Danh sách trạng thái không phải danh sách mà chứng chỉ tham chiếu (sub không khớp uri).";

        StatusListExpired { exp: i64 = "`exp`, seconds since the Unix epoch." }
            => "ERR_STATUS_LIST_EXPIRED", "`now` is at or after the Status List Token's `exp`.",
            params { "exp": "number" "Unix seconds" = exp },
            let { date = format_unix_utc(*exp); },
            en "The status list expired on {date}.",
            vi "Danh sách trạng thái đã hết hạn từ {date}.";

        StatusListNotYetValid { nbf: i64 = "`nbf`, seconds since the Unix epoch." }
            => "ERR_STATUS_LIST_NOT_YET_VALID", "`now` is before the Status List Token's `nbf`.",
            params { "nbf": "number" "Unix seconds" = nbf },
            let { date = format_unix_utc(*nbf); },
            en "The status list is not valid before {date}.",
            vi "Danh sách trạng thái chưa có hiệu lực trước {date}.";

        StatusListStale { refresh_at: i64 = "When a fresh copy was due (`iat` or fetch time, plus `ttl`), Unix seconds." }
            => "ERR_STATUS_LIST_STALE", "The Status List Token is older than its `ttl` allows (default: `iat + ttl < now`).",
            params { "refreshAt": "number" "Unix seconds" = refresh_at },
            let { date = format_unix_utc(*refresh_at); },
            en "The status list is out of date: a fresh copy was due on {date} (ttl).",
            vi "Danh sách trạng thái đã cũ: cần lấy bản mới từ {date} (ttl).";

        StatusListBits => "ERR_STATUS_LIST_BITS", "`status_list.bits` is missing or not 1, 2, 4 or 8.",
            en "The status list's bits value must be 1, 2, 4 or 8.",
            vi "Giá trị bits của danh sách trạng thái phải là 1, 2, 4 hoặc 8.";

        StatusListDecompress => "ERR_STATUS_LIST_DECOMPRESS", "`status_list.lst` is not one valid zlib (RFC 1950) stream (bad header, data or Adler-32, truncated, trailing bytes).",
            en "The status list data is not valid zlib-compressed data.",
            vi "Dữ liệu danh sách trạng thái không phải dữ liệu nén zlib hợp lệ.";

        StatusListTooLarge { max: usize = "The limit in bytes." }
            => "ERR_STATUS_LIST_TOO_LARGE", "The status list decompresses to more bytes than the budget allows (default 16 MiB).",
            params { "max": "number" "bytes" = max },
            en "The status list decompresses to more than {max} bytes.",
            vi "Danh sách trạng thái khi giải nén vượt quá {max} byte.";

        StatusIndexOutOfRange { index: u64 = "The index (`idx`).", len: u64 = "Number of entries in the list." }
            => "ERR_STATUS_INDEX_OUT_OF_RANGE", "The credential's status index is past the end of the status list: no statement, reject.",
            params { "index": "number" = index, "len": "number" "entries in the list" = len },
            en "Status index {index} is outside the status list ({len} entries).",
            vi "Chỉ số trạng thái {index} nằm ngoài danh sách trạng thái ({len} mục).";

        StatusClaimInvalid => "ERR_STATUS_CLAIM_INVALID", "The credential's `status` claim is not `{\"status_list\": {\"idx\": uint, \"uri\": string}}`.",
            en "The credential's status reference (status.status_list with idx and uri) is malformed.",
            vi "Tham chiếu trạng thái của chứng chỉ (status.status_list gồm idx và uri) sai định dạng.";

        StatusListKeyUnresolved => "ERR_STATUS_LIST_KEY_UNRESOLVED", "The Status List Token has no `x5c` certificate chain to take the signer's key from.",
            en "The status list token does not carry its signer's certificate (x5c).",
            vi "Danh sách trạng thái không kèm chứng thư số của bên ký (x5c).";

        StatusListConflict { iat: i64 = "The `iat` both tokens carry, seconds since the Unix epoch." }
            => "ERR_STATUS_LIST_CONFLICT", "Two Status List Tokens for the credential's list have the same `iat` but different statuses: which one is current cannot be told.",
            params { "iat": "number" "Unix seconds" = iat },
            let { date = format_unix_utc(*iat); },
            en "Two status lists for this credential were issued at the same time ({date}) with different statuses.",
            vi "Có hai danh sách trạng thái cho chứng chỉ này cùng thời điểm phát hành ({date}) nhưng trạng thái khác nhau.";

        StatusRevoked { uri: String = "The status list's URI (`status.status_list.uri`).", idx: u64 = "The credential's index in it." }
            => "ERR_STATUS_REVOKED", "The status list gives the credential `invalid` (0x01): its issuer revoked it. Thrown under the default status policy (`status: 'enforce'` or `'required'`); `status: 'report'` returns the verdict instead (docs/status-list.md).",
            params { "uri": "string" "the status list" = uri, "idx": "number" "the credential's index in it" = idx },
            en "The issuer has revoked this credential (status list {uri}, index {idx}).",
            vi "Bên cấp đã thu hồi chứng chỉ này (danh sách trạng thái {uri}, chỉ số {idx}).";

        StatusSuspended { uri: String = "The status list's URI (`status.status_list.uri`).", idx: u64 = "The credential's index in it." }
            => "ERR_STATUS_SUSPENDED", "The status list gives the credential `suspended` (0x02). Thrown unless `status: 'report'` (docs/status-list.md).",
            params { "uri": "string" "the status list" = uri, "idx": "number" "the credential's index in it" = idx },
            en "The issuer has suspended this credential (status list {uri}, index {idx}).",
            vi "Bên cấp đã tạm đình chỉ chứng chỉ này (danh sách trạng thái {uri}, chỉ số {idx}).";

        StatusNotValid { uri: String = "The status list's URI (`status.status_list.uri`).", idx: u64 = "The credential's index in it.", value: u8 = "The status value." }
            => "ERR_STATUS_NOT_VALID", "The status list gives the credential a status other than valid, invalid or suspended (application-specific or unassigned): not accepted unless `status: 'report'` (docs/status-list.md).",
            params { "uri": "string" "the status list" = uri, "idx": "number" "the credential's index in it" = idx, "value": "number" "the status value" = value },
            en "The status list gives this credential status {value}, which is not \"valid\" (status list {uri}, index {idx}).",
            vi "Danh sách trạng thái ghi trạng thái {value} cho chứng chỉ này, không phải \"hợp lệ\" (danh sách trạng thái {uri}, chỉ số {idx}).";

        StatusListMissing { uri: String = "The status list the credential refers to.", idx: u64 = "The credential's index in it." }
            => "ERR_STATUS_LIST_MISSING", "Under `status: 'required'`, the credential refers to a status list and none of the lists given is that list (`sub` = `uri`).",
            params { "uri": "string" "the status list to fetch" = uri, "idx": "number" "the credential's index in it" = idx },
            en "The credential refers to the status list {uri}, which was not given: fetch it and pass it in statusLists.",
            vi "Chứng chỉ tham chiếu danh sách trạng thái {uri} nhưng danh sách này không được cung cấp: hãy tải về và truyền vào statusLists.";

        StatusListAnchorMissing { uri: String = "The status list the credential refers to.", anchors: usize = "How many status-list anchors were given." }
            => "ERR_STATUS_LIST_ANCHOR_MISSING", "A status list was given for the credential's `uri`, but its signer's chain leads to none of the status-list anchors (`trust.statusAnchors`, or the trust list's status-list signers); with none given, `anchors` is 0.",
            params { "uri": "string" "the status list" = uri, "anchors": "number" "status-list anchors given" = anchors },
            when *anchors == 0 =>
                en "No status-list anchor was given for the status list {uri}: pass the root certificate of its signer in trust.statusAnchors.",
                vi "Chưa có chứng thư số gốc nào cho danh sách trạng thái {uri}: hãy truyền chứng thư số gốc của bên ký vào trust.statusAnchors.",
            en "The status list {uri} is not signed under any of the {anchors} status-list anchors given (trust.statusAnchors).",
            vi "Danh sách trạng thái {uri} không được ký dưới chứng thư số gốc nào trong {anchors} chứng thư số gốc đã cung cấp (trust.statusAnchors).";
    }

    domain Trust "Signed trust lists" if(feature = "verify") {
        TrustListTyp => "ERR_TRUST_LIST_TYP", "The trust list's JWS `typ` is not `trust-list+jwt` (docs/trust-list.md).",
            en "The token is not a trust list (typ must be trust-list+jwt).",
            vi "Mã thông báo không phải danh sách tin cậy (typ phải là trust-list+jwt).";

        TrustListKeyUnresolved => "ERR_TRUST_LIST_KEY_UNRESOLVED", "The trust list has no `x5c` certificate chain to take the signer's key from.",
            en "The trust list does not carry its signer's certificate (x5c).",
            vi "Danh sách tin cậy không kèm chứng thư số của bên ký (x5c).";

        TrustListFormat {
            field: String = "The field, as a path from the payload root (e.g. `LoTE.ListAndSchemeInformation.NextUpdate`).",
        }
            => "ERR_TRUST_LIST_FORMAT", "A trust list field is missing or malformed (docs/trust-list.md).",
            params { "field": "string" "path from the payload root, e.g. `LoTE.ListAndSchemeInformation.NextUpdate`" = field },
            en "The trust list has a missing or malformed field \"{field}\".",
            vi "Danh sách tin cậy thiếu hoặc sai định dạng trường \"{field}\".";

        TrustListTooManyEntries { max: usize = "The limit." }
            => "ERR_TRUST_LIST_TOO_MANY_ENTRIES", "The trust list has more trusted entities, or services, than the budget allows (default 512).",
            params { "max": "number" = max },
            en "The trust list has more than {max} entities or services.",
            vi "Danh sách tin cậy có hơn {max} tổ chức hoặc dịch vụ.";

        TrustListTooManyCerts { max: usize = "The limit." }
            => "ERR_TRUST_LIST_TOO_MANY_CERTS", "A trust list service has more certificates than the budget allows (default 8).",
            params { "max": "number" = max },
            en "A trust list service has more than {max} certificates.",
            vi "Một dịch vụ trong danh sách tin cậy có hơn {max} chứng thư số.";

        TrustListRollback { sequence: u64 = "The list's sequence number.", accepted: u64 = "The sequence number last accepted." }
            => "ERR_TRUST_LIST_ROLLBACK", "The trust list's `LoTESequenceNumber` is lower than the one last accepted (rollback).",
            params { "sequence": "number" = sequence, "accepted": "number" = accepted },
            en "The trust list is older (number {sequence}) than the one already accepted (number {accepted}).",
            vi "Danh sách tin cậy cũ hơn (số {sequence}) bản đã chấp nhận (số {accepted}).";

        TrustListEquivocation { sequence: u64 = "The sequence number." }
            => "ERR_TRUST_LIST_EQUIVOCATION", "The trust list has the sequence number last accepted but another signed payload (equivocation).",
            params { "sequence": "number" = sequence },
            en "The trust list differs from the one already accepted under the same number ({sequence}).",
            vi "Danh sách tin cậy khác với bản đã chấp nhận dù cùng số ({sequence}).";

        TrustListIssuedInFuture { issued_at: i64 = "`ListIssueDateTime`, seconds since the Unix epoch." }
            => "ERR_TRUST_LIST_ISSUED_IN_FUTURE", "The trust list's `ListIssueDateTime` is later than `now` plus the leeway.",
            params { "issuedAt": "number" "Unix seconds" = issued_at },
            let { date = format_unix_utc(*issued_at); },
            en "The trust list is dated in the future ({date}).",
            vi "Danh sách tin cậy có ngày phát hành ở tương lai ({date}).";

        TrustListStale { next_update: i64 = "`NextUpdate`, seconds since the Unix epoch." }
            => "ERR_TRUST_LIST_STALE", "`now` is past the trust list's `NextUpdate` and the stale policy (`hard`, or a grace period that ended) rejects it.",
            params { "nextUpdate": "number" "Unix seconds" = next_update },
            let { date = format_unix_utc(*next_update); },
            en "The trust list is out of date: a new one was due on {date}.",
            vi "Danh sách tin cậy đã cũ: cần bản mới từ {date}.";

        TrustListVctNotAllowed { vct: String = "The credential's `vct`." }
            => "ERR_TRUST_LIST_VCT_NOT_ALLOWED", "The credential's issuer is in the trust list, but its entry does not allow this credential type (`vct`).",
            params { "vct": "string" = vct },
            en "The trust list does not allow this issuer to issue credentials of type \"{vct}\".",
            vi "Danh sách tin cậy không cho phép bên cấp này cấp chứng chỉ loại \"{vct}\".";

        TrustListDocTypeNotAllowed { doc_type: String = "The mdoc's docType.", iaca: String = "The subject of the IACA the Document Signer chains to." }
            => "ERR_TRUST_LIST_DOCTYPE_NOT_ALLOWED", "The mdoc's Document Signer chains to an IACA that came from a VICAL whose entry for it does not list the document's `docType` (ISO 18013-5 VICAL `certificateInfos[].docType`; docs/mdoc.md).",
            params { "docType": "string" = doc_type, "iaca": "string" "the IACA's subject" = iaca },
            en "The VICAL does not allow the IACA \"{iaca}\" to issue documents of type \"{doc_type}\".",
            vi "VICAL không cho phép IACA \"{iaca}\" cấp giấy tờ loại \"{doc_type}\".";
    }

    domain Cbor "CBOR (RFC 8949): the reader for ISO 18013-5 mdoc" if(all()) {
        CborFormat {
            offset: usize = "Byte offset of the offending data item (from the start of the outermost input).",
            reason: &'static str = "The rule broken (see the row's `params.reason`)."
        }
            => "ERR_CBOR_FORMAT", "Not exactly one well-formed CBOR data item under the reader's rules (`src/cbor/`): `truncated`, `trailing-bytes`, `reserved` (additional information 28–30, or 31 on an integer or tag), `indefinite-length`, `break` (a stray 0xff), `simple-value` (0xf8 with a value below 32), `utf8` (a text string that is not UTF-8), `non-preferred` (a head or float longer than needed, in strict mode), `tag-content` (tag 0/1004 not on a text string, tag 1 not on a number, tag 24 not on a byte string).",
            params {
                "offset": "number" "byte offset of the offending data item" = offset,
                "reason": "string" "`truncated`, `trailing-bytes`, `reserved`, `indefinite-length`, `break`, `simple-value`, `utf8`, `non-preferred` or `tag-content`" = reason,
            },
            en "The CBOR data is malformed at byte {offset} ({reason}).",
            vi "Dữ liệu CBOR sai định dạng tại byte {offset} ({reason}).";

        CborTooDeep { offset: usize = "Byte offset of the item that went too deep.", max: usize = "The limit." }
            => "ERR_CBOR_TOO_DEEP", "CBOR arrays, maps and tags nest deeper than the budget allows (default 32).",
            params { "offset": "number" "byte offset" = offset, "max": "number" = max },
            en "The CBOR data nests deeper than {max} levels (at byte {offset}).",
            vi "Dữ liệu CBOR lồng sâu quá {max} cấp (tại byte {offset}).";

        CborBudgetExceeded {
            what: &'static str = "Which budget: `input-bytes`, `items` or `string-bytes`.",
            max: usize = "The limit."
        }
            => "ERR_CBOR_BUDGET_EXCEEDED", "CBOR input exceeds a budget (`src/cbor/`, `Budget`): its size (default 4 MiB), its number of data items (default 100 000) or one string's length (default 1 MiB).",
            params {
                "what": "string" "which budget: `input-bytes`, `items` or `string-bytes`" = what,
                "max": "number" = max,
            },
            en "The CBOR data exceeds the limit of {max} ({what}).",
            vi "Dữ liệu CBOR vượt giới hạn {max} ({what}).";

        CborDuplicateKey { offset: usize = "Byte offset of the second occurrence of the key." }
            => "ERR_CBOR_DUPLICATE_KEY", "A CBOR map has the same key twice (refused; docs/architecture.md, Encodings).",
            params { "offset": "number" "byte offset of the repeated key" = offset },
            en "The CBOR data repeats a map key (at byte {offset}).",
            vi "Dữ liệu CBOR có khóa bị lặp trong một bảng (tại byte {offset}).";
    }

    domain Mdoc "COSE (RFC 9052) and ISO 18013-5 mdoc presentations" if(feature = "verify") {
        CoseFormat { reason: &'static str = "The rule broken." }
            => "ERR_COSE_FORMAT", "A COSE_Sign1 or COSE_Mac0 is not the RFC 9052 structure: `structure` (not a 4-element array, optionally tag 18/17), `protected` (the protected header is not a byte string, empty or holding a map), `header-label-in-both` (a label in both headers), `crit` (a critical header this verifier does not process).",
            params { "reason": "string" "`structure`, `protected`, `header-label-in-both` or `crit`" = reason },
            en "The COSE structure is malformed ({reason}).",
            vi "Cấu trúc COSE sai định dạng ({reason}).";

        CoseAlgNotAllowed { alg: String = "The `alg` label's value, or `missing` when the protected header has none." }
            => "ERR_COSE_ALG_NOT_ALLOWED", "The COSE `alg` is absent from the protected header (it is only ever read there), unknown, or not in the caller's allow-list (ES256, ES384, ES512; HMAC 256/256 for COSE_Mac0).",
            params { "alg": "string" "the COSE algorithm number, or `missing`" = alg },
            en "The COSE algorithm ({alg}) is not allowed.",
            vi "Thuật toán COSE ({alg}) không được chấp nhận.";

        CoseSignatureInvalid
            => "ERR_COSE_SIGNATURE_INVALID", "The COSE_Sign1 signature (issuerAuth) is malformed or does not verify with the Document Signer key over `Sig_structure` built from the received protected-header bytes (RFC 9052 §4.4).",
            en "The COSE signature does not verify.",
            vi "Chữ ký COSE không hợp lệ.";

        CoseKeyUnsupported { reason: &'static str = "What is wrong with the key." }
            => "ERR_COSE_KEY_UNSUPPORTED", "A COSE_Key is not a public EC2 key on P-256, P-384 or P-521 (RFC 9053 §7.1): `kty` (another key type, e.g. OKP), `crv`, `coordinates` (x/y missing, of the wrong length, compressed, or not a point on the curve), `private` (it carries `d`), `format` (not a map with integer labels).",
            params { "reason": "string" "`kty`, `crv`, `coordinates`, `private` or `format`" = reason },
            en "The COSE key is not supported ({reason}): only public EC2 keys on P-256, P-384 and P-521 are.",
            vi "Khóa COSE không được hỗ trợ ({reason}): chỉ nhận khóa công khai EC2 trên P-256, P-384, P-521.";

        CoseX5chain { reason: &'static str = "What is wrong." }
            => "ERR_COSE_X5CHAIN", "The COSE `x5chain` header (label 33, RFC 9360) is `missing`, or `malformed` (neither one byte string nor a non-empty array of byte strings).",
            params { "reason": "string" "`missing` or `malformed`" = reason },
            en "The COSE certificate chain (x5chain) is {reason}.",
            vi "Chuỗi chứng thư COSE (x5chain) bị lỗi ({reason}).";

        CosePayload { reason: &'static str = "What is wrong." }
            => "ERR_COSE_PAYLOAD", "The COSE payload is `missing` (nil with no detached payload given) or `not-bytes`.",
            params { "reason": "string" "`missing` or `not-bytes`" = reason },
            en "The COSE payload is {reason}.",
            vi "Nội dung COSE bị lỗi ({reason}).";

        MdocFormat { path: String = "Where, as `documents[0].issuerSigned.nameSpaces`.", reason: &'static str = "The rule broken." }
            => "ERR_MDOC_FORMAT", "A DeviceResponse, Document, MSO or IssuerSignedItem member is missing or of the wrong CBOR type (ISO 18013-5 §8.3.2.1.2.2, §9.1.2.4; `shared/domain/presentations.md` §2.1), or an element is disclosed twice: `missing`, `type`, `duplicate-element`, `not-tag24` (a `…Bytes` member that is not `#6.24(bstr)`).",
            params {
                "path": "string" "where in the structure" = path,
                "reason": "string" "`missing`, `type`, `duplicate-element` or `not-tag24`" = reason,
            },
            en "The mdoc is malformed at {path} ({reason}).",
            vi "mdoc sai định dạng tại {path} ({reason}).";

        MdocVersion { what: &'static str = "`DeviceResponse` or `MobileSecurityObject`.", found: String = "The version received." }
            => "ERR_MDOC_VERSION", "The DeviceResponse or MSO `version` is not one this verifier reads (`1.0`; DeviceResponse also `1.x`).",
            params { "what": "string" "`DeviceResponse` or `MobileSecurityObject`" = what, "found": "string" = found },
            en "The {what} version \"{found}\" is not supported.",
            vi "Phiên bản {what} \"{found}\" không được hỗ trợ.";

        MdocDigestAlgorithm { found: String = "The MSO's `digestAlgorithm`." }
            => "ERR_MDOC_DIGEST_ALG", "The MSO `digestAlgorithm` is not in the allow-list (SHA-256, SHA-384, SHA-512 by default).",
            params { "found": "string" = found },
            en "The mdoc digest algorithm \"{found}\" is not allowed.",
            vi "Thuật toán băm \"{found}\" của mdoc không được chấp nhận.";

        MdocDocTypeMismatch { expected: String = "The docType required (the document's, or the caller's).", found: String = "The docType found (the MSO's, or the document's)." }
            => "ERR_MDOC_DOCTYPE_MISMATCH", "The MSO `docType` differs from the Document's `docType`, or the Document's differs from the one the caller asked for.",
            params { "expected": "string" = expected, "found": "string" = found },
            en "The mdoc type is \"{found}\", not \"{expected}\".",
            vi "Loại mdoc là \"{found}\", không phải \"{expected}\".";

        MdocDigestMismatch { namespace: String = "The namespace.", element: String = "The element identifier.", digest_id: u64 = "The item's digestID." }
            => "ERR_MDOC_DIGEST_MISMATCH", "A disclosed IssuerSignedItem's digest (over its tag-24 bytes as received) differs from the MSO `valueDigests` entry of its digestID: the element was altered.",
            params { "namespace": "string" = namespace, "element": "string" = element, "digestId": "number" = digest_id },
            en "The mdoc element {namespace}/{element} does not match its signed digest.",
            vi "Trường {namespace}/{element} của mdoc không khớp với giá trị băm đã ký.";

        MdocDigestUnknown { namespace: String = "The namespace.", digest_id: u64 = "The digestID." }
            => "ERR_MDOC_DIGEST_UNKNOWN", "A disclosed IssuerSignedItem's digestID (or its namespace) has no entry in the MSO `valueDigests`.",
            params { "namespace": "string" = namespace, "digestId": "number" = digest_id },
            en "The mdoc element with digest ID {digest_id} in {namespace} is not signed by the issuer.",
            vi "Trường có mã băm {digest_id} trong {namespace} không được bên cấp ký.";

        MdocDigestDuplicate { namespace: String = "The namespace.", digest_id: u64 = "The digestID." }
            => "ERR_MDOC_DIGEST_DUPLICATE", "Two disclosed IssuerSignedItems of one namespace carry the same digestID.",
            params { "namespace": "string" = namespace, "digestId": "number" = digest_id },
            en "Two mdoc elements in {namespace} use digest ID {digest_id}.",
            vi "Hai trường trong {namespace} dùng chung mã băm {digest_id}.";

        MdocValidity { reason: &'static str = "`not-yet-valid` or `expired`.", valid_from: i64 = "`validFrom`, Unix seconds.", valid_until: i64 = "`validUntil`, Unix seconds." }
            => "ERR_MDOC_VALIDITY", "`now` is outside the MSO `validityInfo`: before `validFrom` or after `validUntil`.",
            params {
                "reason": "string" "`not-yet-valid` or `expired`" = reason,
                "validFrom": "number" "Unix seconds" = valid_from,
                "validUntil": "number" "Unix seconds" = valid_until,
            },
            let { from = format_unix_utc(*valid_from); until = format_unix_utc(*valid_until); },
            en "The mdoc is valid from {from} until {until}, not now ({reason}).",
            vi "mdoc chỉ có hiệu lực từ {from} đến {until}, không phải lúc này ({reason}).";

        MdocSignedOutsideCert { signed: i64 = "The MSO `signed`, Unix seconds.", not_before: i64 = "The DS certificate's `notBefore`.", not_after: i64 = "The DS certificate's `notAfter`." }
            => "ERR_MDOC_SIGNED_OUTSIDE_DS_VALIDITY", "The MSO `validityInfo.signed` is outside the Document Signer certificate's validity period.",
            params {
                "signed": "number" "Unix seconds" = signed,
                "notBefore": "number" "Unix seconds" = not_before,
                "notAfter": "number" "Unix seconds" = not_after,
            },
            let { at = format_unix_utc(*signed); },
            en "The mdoc was signed on {at}, outside its signing certificate's validity.",
            vi "mdoc được ký lúc {at}, ngoài thời hạn của chứng thư ký.";

        MdocDeviceAuth { reason: &'static str = "Which device-authentication rule failed." }
            => "ERR_MDOC_DEVICE_AUTH", "Device authentication failed (ISO 18013-5 §9.1.3): `signature-invalid` (deviceSignature over DeviceAuthenticationBytes), `mac-invalid` (deviceMac with the EMacKey), `payload-differs` (an embedded payload that is not the DeviceAuthenticationBytes computed here), `mac-not-allowed` (deviceMac where the flow forbids it), `no-reader-key` (deviceMac, but no reader ephemeral key was given), `reader-key-invalid` (not a P-256 private key), `mac-curve` (deviceMac with a device key not on P-256), `missing` or `both` (deviceAuth needs exactly one of the two).",
            params { "reason": "string" "`signature-invalid`, `mac-invalid`, `payload-differs`, `mac-not-allowed`, `no-reader-key`, `reader-key-invalid`, `mac-curve`, `missing` or `both`" = reason },
            en "The wallet's device authentication failed ({reason}).",
            vi "Xác thực thiết bị của ví không thành công ({reason}).";

        MdocKeyUnauthorized { namespace: String = "The namespace.", element: String = "The element identifier." }
            => "ERR_MDOC_KEY_UNAUTHORIZED", "A device-signed element is not allowed by the MSO `keyAuthorizations` (neither its namespace nor the element is listed).",
            params { "namespace": "string" = namespace, "element": "string" = element },
            en "The device key may not sign {namespace}/{element}.",
            vi "Khóa thiết bị không được phép ký {namespace}/{element}.";

        MdocNoDocument { status: u64 = "The DeviceResponse `status`.", errors: usize = "How many `documentErrors` entries it has." }
            => "ERR_MDOC_NO_DOCUMENT", "The DeviceResponse has no document (its `status` and `documentErrors` say why).",
            params { "status": "number" "the DeviceResponse status (0 OK, 10 general error, 11 CBOR decoding, 12 CBOR validation)" = status, "errors": "number" "documentErrors entries" = errors },
            en "The wallet returned no document (status {status}).",
            vi "Ví không trả về giấy tờ nào (trạng thái {status}).";

        MdocTooManyDocuments { count: usize = "Documents in the response.", max: usize = "The policy's limit." }
            => "ERR_MDOC_TOO_MANY_DOCUMENTS", "The DeviceResponse has more documents than the policy accepts (default 1).",
            params { "count": "number" = count, "max": "number" = max },
            en "The response has {count} documents; at most {max} are accepted.",
            vi "Phản hồi có {count} giấy tờ; chỉ nhận tối đa {max}.";

        MdocSessionTranscript { reason: &'static str = "What is wrong." }
            => "ERR_MDOC_SESSION_TRANSCRIPT", "The SessionTranscript bytes given are not one CBOR array of three items (`[DeviceEngagementBytes, EReaderKeyBytes, Handover]`), bare or as tag-24 SessionTranscriptBytes.",
            params { "reason": "string" "`format`" = reason },
            en "The session transcript is malformed ({reason}).",
            vi "Bản ghi phiên (session transcript) sai định dạng ({reason}).";
    }

    domain Chip "ICAO 9303 chip data: EF.SOD, data groups, active authentication, CSCA master lists" if(feature = "verify") {
        ChipDumpFormat { reason: String = "What is wrong, naming the member (`dataGroups.DG1: not base64`)." }
            => "ERR_CHIP_DUMP_FORMAT", "The chip-data hand-off is not an `icao9303-dump/1` document (`docs/chip-data.md`): not JSON, an unknown or missing member, a value that is not base64 or hex.",
            params { "reason": "string" "what is wrong, naming the member" = reason },
            en "The chip data is not in the expected format: {reason}.",
            vi "Dữ liệu chip không đúng định dạng: {reason}.";

        ChipSodFormat {
            offset: usize = "Byte offset in EF.SOD.",
            reason: &'static str = "The rule broken (see the row's `params.reason`)."
        }
            => "ERR_CHIP_SOD_FORMAT", "EF.SOD is not tag `0x77` around one CMS SignedData (one signer, signed attributes with content-type and message-digest) holding an LDSSecurityObject v0/v1 (ICAO 9303 Part 10 §4.6.2; `docs/chip-data.md`).",
            params {
                "offset": "number" "byte offset in EF.SOD" = offset,
                "reason": "string" "`truncated`, `trailing-bytes`, `unexpected-tag`, `indefinite-length`, `not-signed-data`, `signer-count`, `no-signed-attributes`, `signed-attribute`, `hash-algorithm`, `content-type`, `lds-version`, …" = reason,
            },
            en "EF.SOD is malformed at byte {offset} ({reason}).",
            vi "EF.SOD sai định dạng tại byte {offset} ({reason}).";

        ChipSodAttributeMismatch { attribute: &'static str = "`contentType` or `messageDigest`." }
            => "ERR_CHIP_SOD_ATTRIBUTE_MISMATCH", "A signed attribute of EF.SOD does not match its content: content-type is not the eContentType, or message-digest is not the digest of the LDSSecurityObject (RFC 5652 §11.1–§11.2).",
            params { "attribute": "string" "`contentType` or `messageDigest`" = attribute },
            en "The signed attribute {attribute} of EF.SOD does not match the signed content.",
            vi "Thuộc tính đã ký {attribute} của EF.SOD không khớp với nội dung được ký.";

        ChipDscMissing
            => "ERR_CHIP_DSC_MISSING", "EF.SOD names a document signer that none of its certificates (nor the one given) is: no key to check its signature with.",
            en "The document signer certificate of EF.SOD is missing.",
            vi "Thiếu chứng thư của bên ký dữ liệu (DSC) trong EF.SOD.";

        ChipAlgorithmNotAllowed {
            what: &'static str = "`sodSignature`, `dataGroupHash`, `activeAuthentication` or `masterListSignature`.",
            algorithm: String = "The algorithm, e.g. `ecdsa-brainpoolP256r1-sha1`."
        }
            => "ERR_CHIP_ALGORITHM_NOT_ALLOWED", "A chip signature or hash uses an algorithm outside the caller's allow-list (default: no SHA-1, no explicit curves other than the named ones; `docs/chip-data.md`), or one this build does not include.",
            params {
                "what": "string" "`sodSignature`, `dataGroupHash`, `activeAuthentication` or `masterListSignature`" = what,
                "algorithm": "string" = algorithm,
            },
            en "The algorithm {algorithm} ({what}) is not allowed.",
            vi "Thuật toán {algorithm} ({what}) không được phép.";

        ChipSodSignature
            => "ERR_CHIP_SOD_SIGNATURE", "The EF.SOD signature does not verify with the document signer's key (the chip data was altered or re-signed).",
            en "The signature of EF.SOD does not verify with the document signer's key.",
            vi "Chữ ký của EF.SOD không hợp lệ với khóa của bên ký dữ liệu.";

        ChipDgHashMismatch { data_group: u8 = "The data group number (1–16)." }
            => "ERR_CHIP_DG_HASH_MISMATCH", "A data group's hash, computed over its bytes as read, differs from the one EF.SOD signs: the data group was altered.",
            params { "dataGroup": "number" "1–16" = data_group },
            let { n = data_group; },
            en "Data group DG{n} does not match its hash in EF.SOD.",
            vi "Nhóm dữ liệu DG{n} không khớp với giá trị băm trong EF.SOD.";

        ChipDgNotInSod { data_group: u8 = "The data group number (1–16)." }
            => "ERR_CHIP_DG_NOT_IN_SOD", "A data group was handed over that EF.SOD does not list: its content is not covered by the signature (BSI TR-03105-5 set A: DG15 missing from the SOD).",
            params { "dataGroup": "number" "1–16" = data_group },
            let { n = data_group; },
            en "Data group DG{n} is not covered by EF.SOD.",
            vi "Nhóm dữ liệu DG{n} không được EF.SOD bảo vệ.";

        ChipDgFormat {
            data_group: u8 = "The data group number (1–16).",
            offset: usize = "Byte offset in the data group.",
            reason: &'static str = "The rule broken."
        }
            => "ERR_CHIP_DG_FORMAT", "A data group is not the structure ICAO 9303 Part 10 (or `cccd.md` §5.4 for DG13) gives it: wrong outer tag, malformed BER, a field of the wrong type.",
            params {
                "dataGroup": "number" "1–16" = data_group,
                "offset": "number" "byte offset in the data group" = offset,
                "reason": "string" = reason,
            },
            let { n = data_group; },
            en "Data group DG{n} is malformed at byte {offset} ({reason}).",
            vi "Nhóm dữ liệu DG{n} sai định dạng tại byte {offset} ({reason}).";

        ChipAaFailed { reason: &'static str = "`no-dg15`, `key`, `signature-malformed`, `signature-invalid`, `trailer`, `challenge`." }
            => "ERR_CHIP_AA_FAILED", "Active Authentication failed: the chip's answer to the relying party's challenge does not verify with the DG15 key (ICAO 9303 Part 11 §6.1), so the data may come from a copy, not the genuine chip.",
            params { "reason": "string" "`no-dg15`, `key`, `signature-malformed`, `signature-invalid`, `trailer`, `challenge`" = reason },
            en "Active authentication of the chip failed ({reason}).",
            vi "Xác thực chủ động (AA) của chip thất bại ({reason}).";

        ChipDscRevoked { revoked_at: i64 = "The revocation date the CRL gives, Unix seconds." }
            => "ERR_CHIP_DSC_REVOKED", "A CRL of the CSCA (given with the trust) lists the document signer's certificate as revoked.",
            params { "revokedAt": "number" "Unix seconds" = revoked_at },
            let { date = format_unix_utc(*revoked_at); },
            en "The document signer's certificate was revoked on {date}.",
            vi "Chứng thư của bên ký dữ liệu (DSC) đã bị thu hồi từ {date}.";

        ChipCrlInvalid { reason: &'static str = "`malformed` or `signature`." }
            => "ERR_CHIP_CRL_INVALID", "A CRL given for a CSCA is not one well-formed X.509 CRL, or its signature does not verify with that CSCA's key: revocation cannot be checked.",
            params { "reason": "string" "`malformed` or `signature`" = reason },
            en "A revocation list (CRL) of the CSCA is invalid ({reason}).",
            vi "Danh sách thu hồi (CRL) của CSCA không hợp lệ ({reason}).";

        MasterListFormat {
            offset: usize = "Byte offset in the master list.",
            reason: &'static str = "The rule broken."
        }
            => "ERR_MASTER_LIST_FORMAT", "The CSCA master list is not CMS SignedData of a `CscaMasterList` (version 0, a SET of certificates) with one signer and its certificate (ICAO 9303 Part 12 §9).",
            params {
                "offset": "number" "byte offset in the master list" = offset,
                "reason": "string" = reason,
            },
            en "The CSCA master list is malformed at byte {offset} ({reason}).",
            vi "Danh sách CSCA (master list) sai định dạng tại byte {offset} ({reason}).";

        MasterListSignature
            => "ERR_MASTER_LIST_SIGNATURE", "The master list's signature, or its signed attributes, do not verify with its signer's key.",
            en "The signature of the CSCA master list does not verify.",
            vi "Chữ ký của danh sách CSCA (master list) không hợp lệ.";

        MasterListStale {
            signed_at: i64 = "When the list was signed (signingTime, else the signer's notBefore), Unix seconds.",
            minimum: i64 = "The oldest signing time the caller accepts, Unix seconds."
        }
            => "ERR_MASTER_LIST_STALE", "The master list was signed before the caller's minimum (a rollback to an older list; `docs/chip-data.md`, \"Master lists\").",
            params {
                "signedAt": "number" "Unix seconds" = signed_at,
                "minimum": "number" "Unix seconds" = minimum,
            },
            let { date = format_unix_utc(*signed_at); min = format_unix_utc(*minimum); },
            en "The CSCA master list was signed on {date}, before the accepted minimum {min}.",
            vi "Danh sách CSCA (master list) được ký ngày {date}, trước mốc tối thiểu được chấp nhận {min}.";
    }

    local Js "Made by the JS layer (no Rust variant)" {
        "ERR_CAMERA_UNAVAILABLE", "The camera could not be opened for a reason none of the precise camera codes covers (no camera API in this browser, a failure the browser did not name). Thrown by `start()` / `setCamera()` / `scanOnce()` of `cccd-verify/scan`, never emitted.",
            params { "name?": "string" "the browser's error name, when it gave one" },
            en "The camera could not be opened in this browser. Try another browser, or pick a photo of the card instead.",
            vi "Không mở được camera trên trình duyệt này. Hãy thử trình duyệt khác, hoặc chọn ảnh chụp thẻ.";

        "ERR_NOT_INITIALIZED", "A function was called before `await init()` loaded its wasm module (browsers and bundlers; `params.capability` names the module). The modules are shared by every entry: `init()` of any entry that offers the capability loads it for all; calling the functions `init()` resolves to cannot meet this error.",
            params { "capability": "'scan' | 'verify' | 'image'" "the wasm module the function needs" },
            en "cccd-verify is not initialised: its wasm module (params.capability) is not loaded. Call init() of the entry you import and use the functions it resolves to: const api = await init(); api.parseCccd(…).",
            vi "cccd-verify chưa được khởi tạo: mô-đun wasm (params.capability) chưa được tải. Hãy gọi init() của entry bạn import và dùng các hàm nó trả về: const api = await init(); api.parseCccd(…).";

        "ERR_INTERNAL", "The wasm module trapped; it has been restarted and the next call works.",
            en "Internal error in the verifier; it has been restarted. Please try again.",
            vi "Lỗi nội bộ trong bộ kiểm tra; đã khởi động lại. Vui lòng thử lại.";

        "ERR_CAMERA_PERMISSION_DENIED", "The user or the browser refused camera access (`NotAllowedError`, or a permissions policy). Thrown by `start()` / `setCamera()` / `scanOnce()` of `cccd-verify/scan`, never emitted.",
            params { "name?": "string" "the browser's error name" },
            en "Camera access was refused. Allow the camera for this site in the browser's settings (the camera icon in the address bar), then try again.",
            vi "Quyền dùng camera đã bị từ chối. Hãy cho phép trang này dùng camera trong cài đặt trình duyệt (biểu tượng camera trên thanh địa chỉ), rồi thử lại.";

        "ERR_CAMERA_NOT_FOUND", "No camera matches (`NotFoundError`, or `OverconstrainedError` for a `deviceId` that is gone). Thrown by `start()` / `setCamera()` / `scanOnce()`, never emitted.",
            params { "name?": "string" "the browser's error name" },
            en "No camera was found. Connect a camera or choose another one, or pick a photo of the card instead.",
            vi "Không tìm thấy camera. Hãy kết nối hoặc chọn camera khác, hoặc chọn ảnh chụp thẻ.";

        "ERR_CAMERA_IN_USE", "The camera exists but could not be started (`NotReadableError`, `AbortError`): usually another application or tab holds it. Thrown by `start()` / `setCamera()` / `scanOnce()`, never emitted.",
            params { "name?": "string" "the browser's error name" },
            en "The camera could not be started; another application or tab may be using it. Close it and try again.",
            vi "Không khởi động được camera; có thể ứng dụng hoặc tab khác đang dùng nó. Hãy đóng ứng dụng đó rồi thử lại.";

        "ERR_INSECURE_CONTEXT", "The page is not a secure context (https or localhost), so browsers offer no camera. Thrown by `start()` / `scanOnce()`, never emitted.",
            en "The camera needs a secure page: open this page over https (or on localhost).",
            vi "Camera chỉ dùng được trên trang bảo mật: hãy mở trang này qua https (hoặc trên localhost).";

        "ERR_WASM_BLOCKED", "The browser refused to compile WebAssembly: the page's Content Security Policy lacks `'wasm-unsafe-eval'` in `script-src`. Thrown by the call that loads the wasm (`start()`, `preload()`, `scanOnce()`, `scanImageFile()`), before the camera is opened; never emitted.",
            en "The page's security policy blocks WebAssembly. The site must allow 'wasm-unsafe-eval' in script-src of its Content-Security-Policy.",
            vi "Chính sách bảo mật của trang chặn WebAssembly. Trang web cần cho phép 'wasm-unsafe-eval' trong script-src của Content-Security-Policy.";

        "ERR_TORCH_UNSUPPORTED", "`setTorch()` on a camera that has no torch (or none is open). Thrown by `setTorch()`, never emitted.",
            en "This camera has no flash light.",
            vi "Camera này không có đèn flash.";

        "ERR_CAMERA_ENDED", "The open camera stopped delivering video while scanning (unplugged, taken by the system, permission revoked): the scanner has stopped. Emitted as an `error` event (no call to throw from); during a `start()` or `setCamera()` that call rejects with it instead.",
            en "The camera stopped. Check that it is connected and allowed, then start scanning again.",
            vi "Camera đã ngừng hoạt động. Hãy kiểm tra camera còn kết nối và được cho phép, rồi bắt đầu quét lại.";

        "ERR_WASM_LOAD", "A wasm module could not be fetched or compiled: a network failure, an HTTP error, or something else served in its place (an HTML 404 page). `params.url` says which file; thrown by the call that loads it (`init()`, `preload()`, `start()`, the first call of the async and worker APIs). `docs/deployment.md` says where each file must be served.",
            params { "url": "string" "the module's URL (empty when it was given as bytes)", "reason": "string" "what the browser or Node said" },
            en "A wasm file of cccd-verify could not be loaded. Check that it is served next to the package's JavaScript (see docs/deployment.md), then reload.",
            vi "Không tải được tệp wasm của cccd-verify. Hãy kiểm tra tệp được phục vụ cạnh mã JavaScript của gói (xem docs/deployment.md), rồi tải lại trang.";
    }
    wrapper if(feature = "verify") {
        InList {
            origin: ListOrigin = "Which kind of list.",
            uri: Option<String> = "The list's URI (a status list's `sub`), when known.",
            error: Box<Error> = "What went wrong in it."
        } => "`error` arose in a status list or trust list consulted while verifying a credential, not in the credential itself. It has `error`'s code; its params are `error`'s plus `in` (`statusList` or `trustList`) and, when known, `uri`. [`Error::root`] gives `error`.";
    }
}

/// Which codes each function of the JS API can throw (`ThrownBy` in `js/codes.d.ts`, the table
/// in `docs/findings.md`): every code of the listed domains, plus the single codes listed. A
/// function's documented error is this union, not every code. `tests/codes_by_function.rs`
/// runs the Rust side of each function over the test data and fuzz corpora and fails when it
/// returns a code outside its union.
pub static API_ERRORS: &[ApiErrors] = &[
    ApiErrors {
        function: "parseCccd",
        domains: &["Input", "Mrz"],
        codes: &["ERR_NOT_INITIALIZED", "ERR_INTERNAL"],
    },
    ApiErrors {
        function: "parseMrz",
        domains: &["Mrz"],
        codes: &["ERR_INPUT_TOO_LARGE", "ERR_NOT_INITIALIZED", "ERR_INTERNAL"],
    },
    ApiErrors {
        function: "compareNames",
        domains: &[],
        codes: &["ERR_INPUT_TOO_LARGE", "ERR_NOT_INITIALIZED", "ERR_INTERNAL"],
    },
    ApiErrors {
        function: "foldName",
        domains: &[],
        codes: &["ERR_INPUT_TOO_LARGE", "ERR_NOT_INITIALIZED", "ERR_INTERNAL"],
    },
    ApiErrors {
        function: "icaoTransliterate",
        domains: &[],
        codes: &["ERR_INPUT_TOO_LARGE", "ERR_NOT_INITIALIZED", "ERR_INTERNAL"],
    },
    ApiErrors {
        function: "decodeQr",
        domains: &["Image"],
        codes: &["ERR_INPUT_TOO_LARGE", "ERR_NOT_INITIALIZED", "ERR_INTERNAL"],
    },
    ApiErrors {
        function: "scanCccd",
        domains: &["Input", "Image"],
        codes: &["ERR_NOT_INITIALIZED", "ERR_INTERNAL"],
    },
    ApiErrors {
        function: "loadTrustList",
        domains: &["Cert", "Jose", "Trust"],
        codes: &["ERR_INPUT_TOO_LARGE", "ERR_NOT_INITIALIZED", "ERR_INTERNAL"],
    },
    ApiErrors {
        function: "verifySdJwtVc",
        domains: &["Cert", "Jose", "Status", "Trust"],
        codes: &["ERR_INPUT_TOO_LARGE", "ERR_NOT_INITIALIZED", "ERR_INTERNAL"],
    },
    ApiErrors {
        function: "verifySdJwtVcAsync",
        domains: &["Cert", "Jose", "Status", "Trust"],
        codes: &["ERR_INPUT_TOO_LARGE", "ERR_NOT_INITIALIZED", "ERR_INTERNAL"],
    },
    ApiErrors {
        function: "loadVical",
        domains: &["Cert", "Trust", "Cbor", "Mdoc"],
        codes: &["ERR_INPUT_TOO_LARGE", "ERR_NOT_INITIALIZED", "ERR_INTERNAL"],
    },
    // A TrustList in `trust` is re-checked at each use (its JWS: the Jose codes).
    ApiErrors {
        function: "verifyMdoc",
        domains: &["Cert", "Jose", "Trust", "Cbor", "Mdoc"],
        codes: &["ERR_INPUT_TOO_LARGE", "ERR_NOT_INITIALIZED", "ERR_INTERNAL"],
    },
    // The Digital Credentials API flow: wrong options are TypeErrors; the request's key is made
    // from the caller's random bytes.
    ApiErrors {
        function: "createCredentialRequest",
        domains: &[],
        codes: &[
            "ERR_DECRYPTION_KEY_INVALID",
            "ERR_INPUT_TOO_LARGE",
            "ERR_NOT_INITIALIZED",
            "ERR_INTERNAL",
        ],
    },
    // Either protocol, either format: the answer is decrypted, then verified as an mdoc or an
    // SD-JWT VC (with its status).
    ApiErrors {
        function: "verifyCredentialResponse",
        domains: &["Cert", "Jose", "Status", "Trust", "Cbor", "Mdoc", "Decrypt"],
        codes: &["ERR_INPUT_TOO_LARGE", "ERR_NOT_INITIALIZED", "ERR_INTERNAL"],
    },
    // cccd-verify/scan: the scanner's calls (the local rows say which call throws them).
    ApiErrors {
        function: "CameraScanner.start",
        domains: &[],
        codes: &[
            "ERR_CAMERA_PERMISSION_DENIED",
            "ERR_CAMERA_NOT_FOUND",
            "ERR_CAMERA_IN_USE",
            "ERR_CAMERA_UNAVAILABLE",
            "ERR_CAMERA_ENDED",
            "ERR_INSECURE_CONTEXT",
            "ERR_WASM_BLOCKED",
            "ERR_WASM_LOAD",
            "ERR_INTERNAL",
        ],
    },
    ApiErrors {
        function: "CameraScanner.preload",
        domains: &[],
        codes: &["ERR_WASM_BLOCKED", "ERR_WASM_LOAD", "ERR_INTERNAL"],
    },
    ApiErrors {
        function: "CameraScanner.setTorch",
        domains: &[],
        codes: &["ERR_TORCH_UNSUPPORTED"],
    },
    ApiErrors {
        function: "CameraScanner.scanOnce",
        domains: &["Input"],
        codes: &[
            "ERR_CAMERA_PERMISSION_DENIED",
            "ERR_CAMERA_NOT_FOUND",
            "ERR_CAMERA_IN_USE",
            "ERR_CAMERA_UNAVAILABLE",
            "ERR_CAMERA_ENDED",
            "ERR_INSECURE_CONTEXT",
            "ERR_WASM_BLOCKED",
            "ERR_WASM_LOAD",
            "ERR_INTERNAL",
            "ERR_NO_QR_FOUND",
        ],
    },
    ApiErrors {
        function: "scanImageFile",
        domains: &["Input", "Image"],
        codes: &["ERR_WASM_BLOCKED", "ERR_WASM_LOAD", "ERR_INTERNAL"],
    },
];
