//! Cross-checks between the chip and the card's other faces (issue: chip ↔ QR ↔ printed MRZ):
//! the chip's DG13 against the QR code, and the chip's DG1 against the MRZ printed on the back
//! (and, through `crate::cross_check`, against the QR). The chip is the reference: it is the
//! only signed source.

use crate::wire::wire_struct;

use super::dg::{Dg13, Dg13Date};
use super::ChipVerification;
use crate::cccd::mrz::{cross_check, Mrz};
use crate::cccd::names::{fold_name, normalize_name};
use crate::cccd::{Card, PartialDate, Sex};
use crate::date::Date;

wire_struct! {
    /// One disagreement.
    #[ts = "ChipCrossFinding"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct CrossFinding {
        /// `CHIP_QR_MISMATCH` (error), `CHIP_QR_NAME_DIACRITICS` (warning: the same name once
        /// folded, different accents), `CHIP_MRZ_MISMATCH` (error, the printed MRZ against DG1),
        /// or a QR↔MRZ finding code of the card (`MRZ_ID_MISMATCH`, …) for the chip's DG1 against
        /// the QR.
        pub code: &'static str,
        /// `error` or `warning`.
        pub severity: &'static str,
        /// `idNumber`, `fullName`, `dateOfBirth`, `sex`, `dateOfIssue`, `dateOfExpiry`,
        /// `oldIdNumber`, or `mrz` (the whole MRZ), or `dg1` for the card's own QR↔MRZ codes.
        pub field: &'static str,
        /// The chip's value, as text.
        pub chip: String,
        /// The other source's value, as text.
        pub other: String,
    }
}

wire_struct! {
    /// The cross-checks' outcome.
    #[ts = "ChipConsistency"]
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct Consistency {
        /// Whether the QR agrees with the chip (no error finding); `None` without a QR or DG13.
        pub qr_consistent: Option<bool>,
        /// Whether the printed MRZ agrees with DG1; `None` without one or the other.
        pub mrz_consistent: Option<bool>,
        /// Every disagreement.
        pub findings: Vec<CrossFinding>,
    }
}

fn sex_text(s: Sex) -> &'static str {
    match s {
        Sex::M => "Nam",
        Sex::F => "Nữ",
    }
}

fn partial_matches(chip: &Dg13Date, qr: &PartialDate) -> bool {
    match chip.date {
        Some(d) => {
            d.year() == qr.year
                && qr.month.is_none_or(|m| m == d.month())
                && qr.day.is_none_or(|x| x == d.day())
        }
        // A partial date on the chip ("00/00/1990"): compare the text's year.
        None => chip.text.get(6..) == Some(qr.year.to_string().as_str()),
    }
}

fn date_text(d: Option<Date>) -> String {
    d.map_or_else(|| "none".to_owned(), |d| d.to_string())
}

/// Compares a verified chip with the QR code's card and the printed MRZ; either may be absent.
#[inline(never)]
pub fn cross_check_chip(
    chip: &ChipVerification,
    qr: Option<&Card>,
    printed_mrz: Option<&Mrz>,
) -> Consistency {
    let mut out = Consistency::default();
    if let (Some(card), Some(dg13)) = (qr, chip.dg13.as_ref()) {
        chip_vs_qr(dg13, card, &mut out.findings);
    }
    if let (Some(card), Some(td1)) = (qr, chip.mrz.as_ref().and_then(|m| m.td1.as_ref())) {
        for f in cross_check(card, td1) {
            out.findings.push(CrossFinding {
                code: f.code(),
                severity: "error",
                field: "dg1",
                chip: td1.name_field.clone(),
                other: card.id_number.value.clone(),
            });
        }
    }
    if qr.is_some() && (chip.dg13.is_some() || chip.mrz.is_some()) {
        out.qr_consistent = Some(!out.findings.iter().any(|f| f.severity == "error"));
    }
    if let (Some(printed), Some(dg1)) = (printed_mrz, chip.mrz.as_ref()) {
        let same = dg1.td1.as_ref() == Some(printed);
        if !same {
            out.findings.push(CrossFinding {
                code: "CHIP_MRZ_MISMATCH",
                severity: "error",
                field: "mrz",
                chip: dg1.mrz_text.clone(),
                other: format!(
                    "{} {} {} {}",
                    printed.id_number,
                    printed.date_of_birth.iso,
                    printed.name_field,
                    date_text(printed.date_of_expiry)
                ),
            });
        }
        out.mrz_consistent = Some(same);
    }
    out
}

/// A `CHIP_QR_MISMATCH` of `field` (one function for the seven comparisons).
#[inline(never)]
fn mismatch(out: &mut Vec<CrossFinding>, field: &'static str, chip: &str, other: &str) {
    out.push(CrossFinding {
        code: "CHIP_QR_MISMATCH",
        severity: "error",
        field,
        chip: chip.to_owned(),
        other: other.to_owned(),
    });
}

#[inline(never)]
fn chip_vs_qr(dg13: &Dg13, card: &Card, out: &mut Vec<CrossFinding>) {
    if let Some(id) = &dg13.id_number {
        if *id != card.id_number.value {
            mismatch(out, "idNumber", id, &card.id_number.value);
        }
    }
    if let Some(dob) = &dg13.date_of_birth {
        if !partial_matches(dob, &card.date_of_birth) {
            mismatch(out, "dateOfBirth", &dob.text, &card.date_of_birth.iso);
        }
    }
    if let Some(sex) = &dg13.sex {
        if normalize_name(sex) != sex_text(card.sex) {
            mismatch(out, "sex", sex, sex_text(card.sex));
        }
    }
    if let Some(issue) = &dg13.date_of_issue {
        if issue.date != Some(card.issue_date) {
            mismatch(
                out,
                "dateOfIssue",
                &issue.text,
                &card.issue_date.to_string(),
            );
        }
    }
    if let Some(expiry) = &dg13.date_of_expiry {
        // A text that is no date ("Không thời hạn") matches a card that does not expire.
        if expiry.date != card.expiry.date() {
            mismatch(
                out,
                "dateOfExpiry",
                &expiry.text,
                &date_text(card.expiry.date()),
            );
        }
    }
    if let (Some(chip), Some(qr)) = (&dg13.old_id_number, &card.old_id_number) {
        if chip != qr {
            mismatch(out, "oldIdNumber", chip, qr);
        }
    }
    if let Some(name) = &dg13.full_name {
        match (fold_name(name), fold_name(&card.full_name)) {
            (Ok(a), Ok(b)) if a == b => {
                if normalize_name(name) != normalize_name(&card.full_name) {
                    out.push(CrossFinding {
                        code: "CHIP_QR_NAME_DIACRITICS",
                        severity: "warning",
                        field: "fullName",
                        chip: name.clone(),
                        other: card.full_name.clone(),
                    });
                }
            }
            _ => mismatch(out, "fullName", name, &card.full_name),
        }
    }
}
