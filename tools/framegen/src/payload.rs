//! Synthetic CCCD / Căn cước QR payloads in the observed wire format
//! (`ID|oldCMND|Full Name|DDMMYYYY|Nam/Nữ|address|DDMMYYYY` plus `||||` on
//! cards issued from 1 July 2024). Every person generated here is fictional:
//! names, numbers and addresses are drawn at random from short generic lists.

use crate::rng::Rng;

/// The 63 place-of-birth-registration codes (Thông tư 07/2016/TT-BCA, Phụ lục 1)
/// with province names, as in `shared/domain/provinces.csv`.
pub const PROVINCES: [(&str, &str); 63] = [
    ("001", "Hà Nội"),
    ("002", "Hà Giang"),
    ("004", "Cao Bằng"),
    ("006", "Bắc Kạn"),
    ("008", "Tuyên Quang"),
    ("010", "Lào Cai"),
    ("011", "Điện Biên"),
    ("012", "Lai Châu"),
    ("014", "Sơn La"),
    ("015", "Yên Bái"),
    ("017", "Hòa Bình"),
    ("019", "Thái Nguyên"),
    ("020", "Lạng Sơn"),
    ("022", "Quảng Ninh"),
    ("024", "Bắc Giang"),
    ("025", "Phú Thọ"),
    ("026", "Vĩnh Phúc"),
    ("027", "Bắc Ninh"),
    ("030", "Hải Dương"),
    ("031", "Hải Phòng"),
    ("033", "Hưng Yên"),
    ("034", "Thái Bình"),
    ("035", "Hà Nam"),
    ("036", "Nam Định"),
    ("037", "Ninh Bình"),
    ("038", "Thanh Hóa"),
    ("040", "Nghệ An"),
    ("042", "Hà Tĩnh"),
    ("044", "Quảng Bình"),
    ("045", "Quảng Trị"),
    ("046", "Thừa Thiên Huế"),
    ("048", "Đà Nẵng"),
    ("049", "Quảng Nam"),
    ("051", "Quảng Ngãi"),
    ("052", "Bình Định"),
    ("054", "Phú Yên"),
    ("056", "Khánh Hòa"),
    ("058", "Ninh Thuận"),
    ("060", "Bình Thuận"),
    ("062", "Kon Tum"),
    ("064", "Gia Lai"),
    ("066", "Đắk Lắk"),
    ("067", "Đắk Nông"),
    ("068", "Lâm Đồng"),
    ("070", "Bình Phước"),
    ("072", "Tây Ninh"),
    ("074", "Bình Dương"),
    ("075", "Đồng Nai"),
    ("077", "Bà Rịa - Vũng Tàu"),
    ("079", "Hồ Chí Minh"),
    ("080", "Long An"),
    ("082", "Tiền Giang"),
    ("083", "Bến Tre"),
    ("084", "Trà Vinh"),
    ("086", "Vĩnh Long"),
    ("087", "Đồng Tháp"),
    ("089", "An Giang"),
    ("091", "Kiên Giang"),
    ("092", "Cần Thơ"),
    ("093", "Hậu Giang"),
    ("094", "Sóc Trăng"),
    ("095", "Bạc Liêu"),
    ("096", "Cà Mau"),
];

const FAMILY: [&str; 16] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const MIDDLE_M: [&str; 12] = [
    "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công", "Xuân", "Hoàng", "Ngọc", "Anh", "Gia",
];
const MIDDLE_F: [&str; 12] = [
    "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Kim", "Hoài", "Bảo", "Khánh", "Mỹ", "Diệu",
];
const GIVEN_M: [&str; 24] = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khoa", "Long", "Minh", "Nam",
    "Phong", "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Trung", "Hiếu", "Khánh", "Lộc", "Tùng",
    "Vinh",
];
const GIVEN_F: [&str; 24] = [
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc",
    "Nhung", "Phương", "Quỳnh", "Thảo", "Trang", "Vy", "Yến", "Thủy", "Tuyết", "Uyên", "Nga",
    "Cúc",
];
const STREETS: [&str; 16] = [
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Nguyễn Huệ",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Quang Trung",
    "Hùng Vương",
    "Điện Biên Phủ",
    "Phan Chu Trinh",
    "Ngô Quyền",
    "Lạc Long Quân",
    "Bạch Đằng",
    "Số 5",
    "Số 12",
    "Hoa Sữa",
    "Cây Keo",
];
const PLACES: [&str; 20] = [
    "An Phú",
    "Tân Định",
    "Bình Minh",
    "Hòa Khánh",
    "Phú Lợi",
    "Thạnh Mỹ",
    "Long Bình",
    "Tân Lập",
    "Trung Hòa",
    "Hiệp Phước",
    "Đông Hưng",
    "Vĩnh Ninh",
    "Phước Long",
    "Thuận An",
    "Mỹ Xuyên",
    "Cát Tường",
    "Hưng Lộc",
    "Thanh Xuân",
    "Yên Thế",
    "Kim Sơn",
];
const HAMLETS: [&str; 8] = [
    "Đông",
    "Tây",
    "Trung",
    "Nam",
    "Bắc",
    "Thượng",
    "Hạ",
    "Phú Mỹ",
];

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub y: i64,
    /// Month 1..=12.
    pub m: i64,
    /// Day 1..=31.
    pub d: i64,
}

/// Leap year test.
pub fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month.
pub fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// Constructs a date (no validation beyond debug asserts).
    pub const fn new(y: i64, m: i64, d: i64) -> Self {
        Date { y, m, d }
    }

    /// Days since 1970-01-01 (H. Hinnant's days_from_civil).
    pub fn to_days(self) -> i64 {
        let y = if self.m <= 2 { self.y - 1 } else { self.y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (self.m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + self.d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Date::to_days`].
    pub fn from_days(z: i64) -> Self {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date { y, m, d }
    }

    /// The date `years` later on the same month/day (29 Feb -> 1 Mar when needed).
    pub fn add_years(self, years: i64) -> Self {
        let y = self.y + years;
        if self.m == 2 && self.d == 29 && !is_leap(y) {
            Date::new(y, 3, 1)
        } else {
            Date::new(y, self.m, self.d)
        }
    }

    /// `DDMMYYYY`.
    pub fn ddmmyyyy(self) -> String {
        format!("{:02}{:02}{:04}", self.d, self.m, self.y)
    }

    /// Uniform random date in [lo, hi] inclusive.
    pub fn random_between(rng: &mut Rng, lo: Date, hi: Date) -> Date {
        let (a, b) = (lo.to_days(), hi.to_days());
        Date::from_days(rng.int(a, b))
    }
}

/// Issue-date window of 7-field payloads (2021 chip CCCD).
pub const WINDOW_7: (Date, Date) = (Date::new(2021, 1, 1), Date::new(2024, 6, 30));
/// Issue-date window of 11-field payloads (Căn cước, from 1 July 2024).
pub const WINDOW_11: (Date, Date) = (Date::new(2024, 7, 1), Date::new(2026, 10, 31));

/// A generated payload and the facts it encodes.
#[derive(Clone, Debug)]
pub struct Payload {
    /// Exact QR text (UTF-8, NFC).
    pub text: String,
    /// 7 or 11.
    pub field_count: usize,
    /// 12-digit personal ID.
    pub id: String,
    /// Date of birth.
    pub dob: Date,
    /// True for `Nữ`.
    pub female: bool,
    /// Issue date.
    pub issued: Date,
}

fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect()
}

fn province_for_address(name: &str) -> String {
    if name == "Hồ Chí Minh" {
        "TP. Hồ Chí Minh".to_string()
    } else {
        name.to_string()
    }
}

fn address(rng: &mut Rng, province: &str) -> String {
    let prov = province_for_address(province);
    match rng.below(4) {
        0 | 1 => {
            let ward = if rng.chance(0.4) {
                format!("Phường {}", rng.int(1, 15))
            } else {
                format!("Phường {}", rng.pick(&PLACES))
            };
            let district = if rng.chance(0.4) {
                format!("Quận {}", rng.int(1, 12))
            } else {
                format!("Quận {}", rng.pick(&PLACES))
            };
            let house = if rng.chance(0.25) {
                format!("Số {}/{}", rng.int(1, 250), rng.int(1, 40))
            } else {
                format!("Số {}", rng.int(1, 250))
            };
            format!(
                "{house}, Đường {}, {ward}, {district}, {prov}",
                rng.pick(&STREETS)
            )
        }
        2 => {
            let hamlet = if rng.chance(0.5) {
                format!("Thôn {}", rng.int(1, 12))
            } else {
                format!("Thôn {}", rng.pick(&HAMLETS))
            };
            format!(
                "{hamlet}, Xã {}, Huyện {}, {prov}",
                rng.pick(&PLACES),
                rng.pick(&PLACES)
            )
        }
        _ => format!(
            "Tổ {}, Khu phố {}, Phường {}, Thành phố {}, {prov}",
            rng.int(1, 30),
            rng.int(1, 9),
            rng.pick(&PLACES),
            rng.pick(&PLACES)
        ),
    }
}

fn full_name(rng: &mut Rng, female: bool) -> String {
    let family = *rng.pick(&FAMILY);
    let (middles, givens): (&[&str], &[&str]) = if female {
        (&MIDDLE_F, &GIVEN_F)
    } else {
        (&MIDDLE_M, &GIVEN_M)
    };
    let m1 = *rng.pick(middles);
    let given = *rng.pick(givens);
    if rng.chance(0.2) {
        let mut m2 = *rng.pick(middles);
        if m2 == m1 {
            m2 = if female { "Thu" } else { "Đình" };
        }
        format!("{family} {m1} {m2} {given}")
    } else {
        format!("{family} {m1} {given}")
    }
}

/// Generates one synthetic payload.
pub fn generate(rng: &mut Rng) -> Payload {
    let female = rng.chance(0.5);
    let dob = Date::random_between(rng, Date::new(1950, 1, 1), Date::new(2008, 12, 31));
    let eleven = rng.chance(0.5);
    let (lo, hi) = if eleven { WINDOW_11 } else { WINDOW_7 };
    let fourteen = dob.add_years(14);
    let issued = Date::random_between(rng, lo.max(fourteen), hi);

    let (code, province) = *rng.pick(&PROVINCES);
    let century = dob.y.div_euclid(100) - 19; // 0 for 1900s, 1 for 2000s
    let g = century * 2 + i64::from(female);
    let id = format!("{code}{g}{:02}{}", dob.y.rem_euclid(100), digits(rng, 6));
    let cmnd = if rng.chance(0.4) {
        String::new()
    } else {
        digits(rng, 9)
    };
    let name = full_name(rng, female);
    // Most people live in the province where their birth was registered.
    let home = if rng.chance(0.75) {
        province
    } else {
        rng.pick(&PROVINCES).1
    };
    let addr = address(rng, home);
    let sex = if female { "Nữ" } else { "Nam" };
    let mut text = format!(
        "{id}|{cmnd}|{name}|{}|{sex}|{addr}|{}",
        dob.ddmmyyyy(),
        issued.ddmmyyyy()
    );
    if eleven {
        text.push_str("||||");
    }
    Payload {
        text,
        field_count: if eleven { 11 } else { 7 },
        id,
        dob,
        female,
        issued,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_date(s: &str) -> Date {
        assert_eq!(s.len(), 8, "{s}");
        assert!(s.bytes().all(|b| b.is_ascii_digit()), "{s}");
        let n = |a: usize, b: usize| s[a..b].parse::<i64>().unwrap();
        let d = Date::new(n(4, 8), n(2, 4), n(0, 2));
        assert!(d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= days_in_month(d.y, d.m));
        d
    }

    #[test]
    fn dates_round_trip() {
        for z in -30_000..30_000 {
            assert_eq!(Date::from_days(z).to_days(), z);
        }
        assert_eq!(Date::new(1970, 1, 1).to_days(), 0);
        assert_eq!(Date::new(2000, 2, 29).add_years(14), Date::new(2014, 3, 1));
    }

    #[test]
    fn payload_format_and_id_consistency() {
        let mut seen = [false; 2];
        let mut empty_cmnd = 0;
        let n = 2000;
        for i in 0..n {
            let mut rng = Rng::new(crate::rng::derive(99, &[i]));
            let p = generate(&mut rng);
            let f: Vec<&str> = p.text.split('|').collect();
            assert!(f.len() == 7 || f.len() == 11, "{}", p.text);
            assert_eq!(f.len(), p.field_count);
            if f.len() == 11 {
                assert!(f[7..].iter().all(|x| x.is_empty()));
                assert!(p.text.ends_with("||||"));
            }
            seen[usize::from(f.len() == 11)] = true;

            // ID: PPP G YY RRRRRR
            let id = f[0];
            assert_eq!(id.len(), 12);
            assert!(id.bytes().all(|b| b.is_ascii_digit()));
            assert!(PROVINCES.iter().any(|(c, _)| *c == &id[..3]), "{id}");
            let g: i64 = id[3..4].parse().unwrap();
            let yy: i64 = id[4..6].parse().unwrap();
            let dob = parse_date(f[3]);
            assert_eq!(1900 + 100 * (g / 2) + yy, dob.y, "{}", p.text);
            let female = g % 2 == 1;
            assert_eq!(f[4], if female { "Nữ" } else { "Nam" });
            assert!((1950..=2008).contains(&dob.y));

            // Old CMND: empty or 9 digits.
            assert!(
                f[1].is_empty() || (f[1].len() == 9 && f[1].bytes().all(|b| b.is_ascii_digit()))
            );
            empty_cmnd += usize::from(f[1].is_empty());

            // Name: title case words, NFC (no combining marks), no pipes.
            let words: Vec<&str> = f[2].split(' ').collect();
            assert!(words.len() >= 3 && words.len() <= 4);
            for w in words {
                let first = w.chars().next().unwrap();
                assert!(first.is_uppercase(), "{w}");
                assert!(w.chars().skip(1).all(|c| c.is_lowercase()), "{w}");
            }
            assert!(
                !p.text.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)),
                "combining mark in {}",
                p.text
            );
            assert!(!f[5].is_empty());

            // Issue date: window by field count, not before the 14th birthday.
            let issued = parse_date(f[6]);
            let (lo, hi) = if f.len() == 11 { WINDOW_11 } else { WINDOW_7 };
            assert!(issued >= lo && issued <= hi, "{}", p.text);
            assert!(issued >= dob.add_years(14), "{}", p.text);
        }
        assert!(seen[0] && seen[1]);
        let frac = empty_cmnd as f64 / n as f64;
        assert!((0.35..0.45).contains(&frac), "{frac}");
    }
}
