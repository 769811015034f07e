//! EF.SOD (ICAO 9303 Part 10 §4.6.2): tag `0x77` around CMS SignedData whose content is an
//! `LDSSecurityObject` (v0, or v1 with `LDSVersionInfo`), the hashes of the data groups.

use super::ber::{self, Reader};
use super::cms::{self, CmsError, SignedData};
use crate::crypto::Hash;
use crate::error::Error;

/// id-icao-mrtd-security-ldsSecurityObject, 2.23.136.1.1.1.
pub(super) const OID_LDS_SECURITY_OBJECT: &[u8] = &[0x67, 0x81, 0x08, 0x01, 0x01, 0x01];

/// Largest EF.SOD accepted (real ones are 1.5–3 KB; a few DSCs with long chains stay well
/// under 64 KiB).
pub const MAX_SOD_BYTES: usize = 64 * 1024;

/// An EF.SOD as read: the CMS structure and the data-group hashes it signs.
#[derive(Clone, Debug)]
pub struct Sod<'a> {
    /// The SignedData.
    pub cms: SignedData<'a>,
    /// `LDSSecurityObject.version`: 0, or 1 with `ldsVersionInfo`.
    pub version: u8,
    /// The hash algorithm of the data-group hashes.
    pub hash: Hash,
    /// `(data group number, hash)`, in the order listed.
    pub hashes: Vec<(u8, Vec<u8>)>,
    /// `ldsVersionInfo` of a v1 object: `(ldsVersion, unicodeVersion)`.
    pub lds_version: Option<(String, String)>,
}

/// A structural failure at `offset`: the reader works in [`CmsError`] and makes it an
/// [`Error::ChipSodFormat`] once.
fn format(offset: usize, reason: &'static str) -> CmsError {
    CmsError { offset, reason }
}

impl From<CmsError> for Error {
    fn from(e: CmsError) -> Self {
        Error::ChipSodFormat {
            offset: e.offset,
            reason: e.reason,
        }
    }
}

/// Reads EF.SOD.
#[inline(never)]
pub fn parse(bytes: &[u8]) -> Result<Sod<'_>, Error> {
    read(bytes).map_err(Error::from)
}

fn read(bytes: &[u8]) -> Result<Sod<'_>, CmsError> {
    if bytes.len() > MAX_SOD_BYTES {
        return Err(format(MAX_SOD_BYTES, "too-large"));
    }
    let outer = ber::single(bytes, false)?;
    if outer.tag != 0x77 {
        return Err(format(0, ber::reason::UNEXPECTED_TAG));
    }
    let cms = cms::parse(outer.contents, outer.contents_offset)?;
    if cms.content_type != OID_LDS_SECURITY_OBJECT {
        return Err(format(outer.contents_offset, "content-type"));
    }
    // The LDSSecurityObject is DER (ICAO 9303 Part 10 §4.6.2.2); offsets count in EF.SOD.
    let content = cms.content.clone();
    let base = cms.content_offset;
    let (version, hash, hashes, lds_version) = lds_security_object(&content, base)?;
    Ok(Sod {
        cms,
        version,
        hash,
        hashes,
        lds_version,
    })
}

type Lds = (u8, Hash, Vec<(u8, Vec<u8>)>, Option<(String, String)>);

fn lds_security_object(content: &[u8], base: usize) -> Result<Lds, CmsError> {
    let mut top = Reader::at(content, base, true);
    let seq = top.expect(0x30)?;
    top.finish()?;
    let mut r = seq.children(true);
    let v = r.expect(0x02)?;
    let version = match ber::small_uint(&v)? {
        0 => 0u8,
        1 => 1,
        _ => return Err(format(v.offset, "lds-version")),
    };
    let alg = r.expect(0x30)?;
    let hash = cms::hash_of(&alg)?;
    let list = r.expect(0x30)?;
    let mut hashes: Vec<(u8, Vec<u8>)> = Vec::new();
    let mut lr = list.children(true);
    while !lr.is_empty() {
        let item = lr.expect(0x30)?;
        let mut ir = item.children(true);
        let n = ir.expect(0x02)?;
        let number = ber::small_uint(&n)?;
        let value = ir.expect(0x04)?;
        ir.finish()?;
        // ICAO 9303 Part 10 §4.6.2.2: DataGroupNumber is 1..16; each listed once.
        let number = u8::try_from(number)
            .ok()
            .filter(|n| (1..=16).contains(n))
            .ok_or(format(n.offset, "data-group-number"))?;
        if hashes.iter().any(|(m, _)| *m == number) {
            return Err(format(n.offset, "data-group-repeated"));
        }
        if value.contents.len() != hash.len() {
            return Err(format(value.offset, "hash-length"));
        }
        hashes.push((number, value.contents.to_vec()));
    }
    if hashes.is_empty() {
        return Err(format(list.offset, "no-data-groups"));
    }
    let lds_version = if version == 1 {
        let info = r.expect(0x30)?;
        let mut ir = info.children(true);
        let a = ir.expect(0x13)?;
        let b = ir.expect(0x13)?;
        ir.finish()?;
        Some((
            String::from_utf8_lossy(a.contents).into_owned(),
            String::from_utf8_lossy(b.contents).into_owned(),
        ))
    } else {
        None
    };
    r.finish()?;
    Ok((version, hash, hashes, lds_version))
}
