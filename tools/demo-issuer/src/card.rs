//! The CCCD / Căn cước QR payload (shared/domain/cccd.md §1.2–1.3, §3) and its mapping to the
//! claims of the "CCCD PID" demo profile (docs/cccd-pid-profile.md).

use serde_json::{json, Value};

/// The `vct` of the profile: this project's demo type, not an official one.
pub const VCT: &str = "urn:cccd-verify:pid:vn:1";
/// `iss`, equal to the SAN URI of the demo issuer certificate.
pub const ISS: &str = "https://issuer.demo.cccd-verify.invalid";
/// `issuing_authority` of every demo credential.
pub const ISSUING_AUTHORITY: &str = "cccd-verify DEMO PID Issuer (not a government authority)";
/// The `age_equal_or_over` thresholds the profile issues.
pub const AGE_THRESHOLDS: [i32; 5] = [14, 16, 18, 21, 65];

/// Place-of-birth-registration codes (Thông tư 07/2016/TT-BCA, Phụ lục 1; cccd.md §3.2), as the
/// province was named at registration (before the 2025 merger).
const PROVINCES: [(u16, &str); 63] = [
    (1, "Hà Nội"),
    (2, "Hà Giang"),
    (4, "Cao Bằng"),
    (6, "Bắc Kạn"),
    (8, "Tuyên Quang"),
    (10, "Lào Cai"),
    (11, "Điện Biên"),
    (12, "Lai Châu"),
    (14, "Sơn La"),
    (15, "Yên Bái"),
    (17, "Hòa Bình"),
    (19, "Thái Nguyên"),
    (20, "Lạng Sơn"),
    (22, "Quảng Ninh"),
    (24, "Bắc Giang"),
    (25, "Phú Thọ"),
    (26, "Vĩnh Phúc"),
    (27, "Bắc Ninh"),
    (30, "Hải Dương"),
    (31, "Hải Phòng"),
    (33, "Hưng Yên"),
    (34, "Thái Bình"),
    (35, "Hà Nam"),
    (36, "Nam Định"),
    (37, "Ninh Bình"),
    (38, "Thanh Hóa"),
    (40, "Nghệ An"),
    (42, "Hà Tĩnh"),
    (44, "Quảng Bình"),
    (45, "Quảng Trị"),
    (46, "Thừa Thiên Huế"),
    (48, "Đà Nẵng"),
    (49, "Quảng Nam"),
    (51, "Quảng Ngãi"),
    (52, "Bình Định"),
    (54, "Phú Yên"),
    (56, "Khánh Hòa"),
    (58, "Ninh Thuận"),
    (60, "Bình Thuận"),
    (62, "Kon Tum"),
    (64, "Gia Lai"),
    (66, "Đắk Lắk"),
    (67, "Đắk Nông"),
    (68, "Lâm Đồng"),
    (70, "Bình Phước"),
    (72, "Tây Ninh"),
    (74, "Bình Dương"),
    (75, "Đồng Nai"),
    (77, "Bà Rịa - Vũng Tàu"),
    (79, "Hồ Chí Minh"),
    (80, "Long An"),
    (82, "Tiền Giang"),
    (83, "Bến Tre"),
    (84, "Trà Vinh"),
    (86, "Vĩnh Long"),
    (87, "Đồng Tháp"),
    (89, "An Giang"),
    (91, "Kiên Giang"),
    (92, "Cần Thơ"),
    (93, "Hậu Giang"),
    (94, "Sóc Trăng"),
    (95, "Bạc Liêu"),
    (96, "Cà Mau"),
];

/// A calendar date (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i64,
    pub month: i64,
    pub day: i64,
}

impl Date {
    /// `YYYY-MM-DD` (ISO 8601 full-date, as EUDI PID `birthdate` and the date claims use).
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The UTC date of a Unix time.
    pub fn from_unix(secs: i64) -> Date {
        let z = secs.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        Date {
            year: yoe + era * 400 + i64::from(month <= 2),
            month,
            day,
        }
    }

    /// `DDMMYYYY` as in the QR (cccd.md §1.2), checked against the calendar.
    fn parse_qr(s: &str, field: &str) -> Result<Date, String> {
        let bad = || format!("{field}: expected DDMMYYYY, got {s:?}");
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<i64, String> {
            s.get(r).and_then(|t| t.parse().ok()).ok_or_else(bad)
        };
        let d = Date {
            day: num(0..2)?,
            month: num(2..4)?,
            year: num(4..8)?,
        };
        let leap = d.year % 4 == 0 && (d.year % 100 != 0 || d.year % 400 == 0);
        let days_in_month = match d.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(bad()),
        };
        if d.day < 1 || d.day > days_in_month || d.year < 1900 {
            return Err(bad());
        }
        Ok(d)
    }

    /// Completed years from `self` to `on`.
    pub fn age_on(self, on: Date) -> i64 {
        on.year - self.year - i64::from((on.month, on.day) < (self.month, self.day))
    }
}

/// Sex as on the card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// ISO/IEC 5218 code, as EUDI PID `sex` uses: 1 male, 2 female.
    pub fn iso5218(self) -> u8 {
        match self {
            Sex::Male => 1,
            Sex::Female => 2,
        }
    }
}

/// A parsed, consistency-checked QR payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    pub id_number: String,
    pub old_id_number: Option<String>,
    pub full_name: String,
    pub birth: Date,
    pub sex: Sex,
    pub address: String,
    pub issued: Date,
    /// 7 (2021 chip CCCD) or 11 (Căn cước from 1 Jul 2024).
    pub field_count: usize,
}

impl Card {
    /// Splits on `|` keeping empty fields (cccd.md §7 pitfall 1); 7 or 11 fields; fields 7–10
    /// must be empty (their meaning is unknown, so the demo issuer refuses to drop data).
    pub fn parse(payload: &str) -> Result<Card, String> {
        let payload = payload.trim_end_matches(['\r', '\n']);
        let f: Vec<&str> = payload.split('|').collect();
        if f.len() != 7 && f.len() != 11 {
            return Err(format!(
                "a CCCD QR payload has 7 or 11 '|'-separated fields, this one has {}",
                f.len()
            ));
        }
        if f.iter().skip(7).any(|x| !x.is_empty()) {
            return Err("fields 8-11 are not empty: unknown content, refusing to issue".into());
        }
        let field = |i: usize| f.get(i).copied().unwrap_or_default().trim();
        let id = field(0);
        if id.len() != 12 || !id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "field 1 (ID number): expected 12 digits, got {id:?}"
            ));
        }
        let old = field(1);
        if !old.is_empty() && (old.len() != 9 || !old.bytes().all(|b| b.is_ascii_digit())) {
            return Err(format!(
                "field 2 (old CMND number): expected 9 digits or empty, got {old:?}"
            ));
        }
        let full_name = field(2).split_whitespace().collect::<Vec<_>>().join(" ");
        if full_name.split(' ').count() < 2 {
            return Err(format!(
                "field 3 (full name): expected family and given names, got {full_name:?}"
            ));
        }
        let birth = Date::parse_qr(field(3), "field 4 (date of birth)")?;
        let sex = match field(4) {
            "Nam" => Sex::Male,
            // NFC, and NFD as some scanners produce.
            "Nữ" | "Nu\u{31b}\u{303}" => Sex::Female,
            other => return Err(format!("field 5 (sex): expected Nam or Nữ, got {other:?}")),
        };
        let address = field(5);
        if address.is_empty() {
            return Err("field 6 (address) is empty".into());
        }
        let issued = Date::parse_qr(field(6), "field 7 (date of issue)")?;
        let card = Card {
            id_number: id.to_owned(),
            old_id_number: (!old.is_empty()).then(|| old.to_owned()),
            full_name,
            birth,
            sex,
            address: address.to_owned(),
            issued,
            field_count: f.len(),
        };
        card.check_id_number()?;
        if issued < birth {
            return Err("date of issue is before the date of birth".into());
        }
        Ok(card)
    }

    fn digit(&self, i: usize) -> i64 {
        self.id_number
            .as_bytes()
            .get(i)
            .map_or(0, |b| i64::from(b.wrapping_sub(b'0')))
    }

    /// The ID number's century/sex digit and birth year must match fields 4 and 5 (cccd.md
    /// §3.1); a domestic place code must be one of the 63.
    fn check_id_number(&self) -> Result<(), String> {
        let g = self.digit(3);
        let year = 1900 + 100 * (g / 2) + 10 * self.digit(4) + self.digit(5);
        if year != self.birth.year {
            return Err(format!(
                "ID number encodes birth year {year}, the date of birth says {}",
                self.birth.year
            ));
        }
        let female = g % 2 == 1;
        if female != (self.sex == Sex::Female) {
            return Err("ID number's century/sex digit disagrees with the sex field".into());
        }
        if self.digit(0) == 0 && self.birth_province().is_none() {
            return Err(format!(
                "ID number place code {} is not a province code",
                self.id_number.get(..3).unwrap_or_default()
            ));
        }
        Ok(())
    }

    /// The province where the birth was registered, for domestic codes (first digit 0).
    pub fn birth_province(&self) -> Option<&'static str> {
        if self.digit(0) != 0 {
            return None;
        }
        let code = self.digit(1) * 10 + self.digit(2);
        PROVINCES
            .iter()
            .find(|(c, _)| i64::from(*c) == code)
            .map(|(_, name)| *name)
    }

    /// (family_name, given_name): the first word, then the rest (middle and given names).
    /// Compound family names ("Tôn Thất …") cannot be told apart: see the profile.
    pub fn split_name(&self) -> (String, String) {
        match self.full_name.split_once(' ') {
            Some((family, given)) => (family.to_owned(), given.to_owned()),
            None => (self.full_name.clone(), String::new()),
        }
    }
}

/// How a claim is made selectively disclosable.
#[derive(Clone, Debug, PartialEq)]
pub enum Sd {
    /// One disclosure `[salt, name, value]`.
    Plain(Value),
    /// One disclosure for the object, whose members are each a disclosure of their own
    /// (recursive disclosure, RFC 9901 §4.2.6).
    Object(Vec<(String, Value)>),
}

/// One selectively disclosable top-level claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub name: String,
    pub value: Sd,
}

fn plain(name: &str, value: Value) -> Claim {
    Claim {
        name: name.into(),
        value: Sd::Plain(value),
    }
}

fn object(name: &str, members: Vec<(String, Value)>) -> Claim {
    Claim {
        name: name.into(),
        value: Sd::Object(members),
    }
}

/// The profile's selectively disclosable claims for `card`, issued at `iat`, expiring at `exp`
/// (both Unix seconds). Order = the profile's table order.
pub fn claims(card: &Card, iat: i64, exp: i64) -> Vec<Claim> {
    let (family, given) = card.split_name();
    let today = Date::from_unix(iat);
    let age = card.birth.age_on(today);
    let mut out = vec![
        plain("family_name", json!(family)),
        plain("given_name", json!(given)),
        plain("birthdate", json!(card.birth.iso())),
        object(
            "age_equal_or_over",
            AGE_THRESHOLDS
                .iter()
                .map(|&t| (t.to_string(), json!(age >= i64::from(t))))
                .collect(),
        ),
        plain("sex", json!(card.sex.iso5218())),
        plain("nationalities", json!(["VN"])),
    ];
    if let Some(province) = card.birth_province() {
        out.push(object(
            "place_of_birth",
            vec![
                ("country".into(), json!("VN")),
                ("region".into(), json!(province)),
            ],
        ));
    }
    out.extend([
        object(
            "address",
            vec![
                ("formatted".into(), json!(card.address)),
                ("country".into(), json!("VN")),
            ],
        ),
        plain("personal_administrative_number", json!(card.id_number)),
        plain("vn_full_name", json!(card.full_name)),
    ]);
    if let Some(old) = &card.old_id_number {
        out.push(plain("vn_old_id_number", json!(old)));
    }
    out.extend([
        plain("vn_card_date_of_issue", json!(card.issued.iso())),
        plain("issuing_authority", json!(ISSUING_AUTHORITY)),
        plain("issuing_country", json!("VN")),
        plain("date_of_issuance", json!(today.iso())),
        plain("date_of_expiry", json!(Date::from_unix(exp).iso())),
    ]);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const CUC: &str = "079301000789||Lê Thị Cúc|30112001|Nữ|12/3 Đường Số 5, Phường 7, Quận Gò Vấp, TP. Hồ Chí Minh|15082024||||";
    const AN: &str = "001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|20042021";
    const NOW: i64 = 1_795_737_600;

    #[test]
    fn parses_both_field_counts() {
        let c = Card::parse(CUC).unwrap();
        assert_eq!(c.field_count, 11);
        assert_eq!(c.old_id_number, None);
        assert_eq!(c.split_name(), ("Lê".into(), "Thị Cúc".into()));
        assert_eq!(c.birth_province(), Some("Hồ Chí Minh"));
        let a = Card::parse(AN).unwrap();
        assert_eq!(a.field_count, 7);
        assert_eq!(a.old_id_number.as_deref(), Some("012345678"));
        assert_eq!(a.sex, Sex::Male);
    }

    #[test]
    fn rejects_inconsistent_cards() {
        // Sex digit 3 (female, 2000s) with "Nam".
        assert!(Card::parse(&CUC.replace("|Nữ|", "|Nam|")).is_err());
        // Birth year 2001 in the ID, 2002 in the date.
        assert!(Card::parse(&CUC.replace("30112001", "30112002")).is_err());
        // 6 fields (the wrong layout of cccd.md §1.3).
        assert!(Card::parse("079301000789|Lê Thị Cúc|30112001|Nữ|X|15082024").is_err());
        assert!(Card::parse(&CUC.replace("30112001", "31112001")).is_err());
        assert!(Card::parse(&CUC.replace("079301", "003301")).is_err());
    }

    #[test]
    fn maps_card_fields_to_profile_claims() {
        let c = Card::parse(CUC).unwrap();
        let claims = claims(&c, NOW, NOW + 365 * 86_400);
        let get = |n: &str| claims.iter().find(|c| c.name == n).map(|c| c.value.clone());
        assert_eq!(get("family_name"), Some(Sd::Plain(json!("Lê"))));
        assert_eq!(get("given_name"), Some(Sd::Plain(json!("Thị Cúc"))));
        assert_eq!(get("birthdate"), Some(Sd::Plain(json!("2001-11-30"))));
        assert_eq!(get("sex"), Some(Sd::Plain(json!(2))));
        assert_eq!(get("nationalities"), Some(Sd::Plain(json!(["VN"]))));
        assert_eq!(
            get("personal_administrative_number"),
            Some(Sd::Plain(json!("079301000789")))
        );
        assert_eq!(get("vn_old_id_number"), None);
        assert_eq!(
            get("vn_card_date_of_issue"),
            Some(Sd::Plain(json!("2024-08-15")))
        );
        assert_eq!(
            get("date_of_issuance"),
            Some(Sd::Plain(json!("2026-11-27")))
        );
        assert_eq!(get("date_of_expiry"), Some(Sd::Plain(json!("2027-11-27"))));
        // 24 on 2026-11-27 (25 on 2026-11-30).
        assert_eq!(
            get("age_equal_or_over"),
            Some(Sd::Object(vec![
                ("14".into(), json!(true)),
                ("16".into(), json!(true)),
                ("18".into(), json!(true)),
                ("21".into(), json!(true)),
                ("65".into(), json!(false)),
            ]))
        );
        assert_eq!(
            get("place_of_birth"),
            Some(Sd::Object(vec![
                ("country".into(), json!("VN")),
                ("region".into(), json!("Hồ Chí Minh")),
            ]))
        );
        let a = Card::parse(AN).unwrap();
        let claims = super::claims(&a, NOW, NOW + 1);
        assert!(claims
            .iter()
            .any(|c| c.name == "vn_old_id_number" && c.value == Sd::Plain(json!("012345678"))));
    }

    #[test]
    fn age_counts_completed_years() {
        let b = Date {
            year: 2008,
            month: 11,
            day: 28,
        };
        assert_eq!(b.age_on(Date::from_unix(NOW)), 17);
        assert_eq!(
            b.age_on(Date {
                year: 2026,
                month: 11,
                day: 28
            }),
            18
        );
        assert_eq!(Date::from_unix(NOW).iso(), "2026-11-27");
    }
}
