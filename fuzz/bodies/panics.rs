//! Where a panic happened, and whether it may be tolerated.
//!
//! Only a panic located inside the `rqrr` crate (whose grid detector the QR front end still calls
//! in its fallbacks) is tolerated, and only by the `qr_image` body, which then skips that decoder
//! attempt as the JS layer does after a trap. A panic anywhere else — our binarisation, crops,
//! sampler, `src/qr/symbol.rs`, the parsers, the standard library on our behalf — is a bug: under
//! libFuzzer it aborts (a crash), in `tests/fuzz_corpus.rs` it fails the test with its file:line.
//!
//! Shared by the fuzz targets (`fuzz/fuzz_targets/`) and `tests/fuzz_corpus.rs` through
//! `#[path]` modules.
#![allow(dead_code)]

use std::cell::RefCell;
use std::sync::Once;

/// The source location of a panic, as the panic hook saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    pub file: String,
    pub line: u32,
    pub message: String,
}

impl Site {
    /// True when the panic happened in rqrr's own source.
    pub fn in_rqrr(&self) -> bool {
        is_rqrr_file(&self.file)
    }
}

impl std::fmt::Display for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// True when `file` (a panic location) is a source file of the rqrr crate as cargo unpacks it:
/// `…/registry/src/<index>/rqrr-<version>/…` (or cargo's `vendor/rqrr-<version>/…`). A file of
/// this crate, whatever its directory, is not.
pub fn is_rqrr_file(file: &str) -> bool {
    let parts: Vec<&str> = file.split(['/', '\\']).collect();
    parts.iter().enumerate().any(|(i, part)| {
        let versioned = part
            .strip_prefix("rqrr-")
            .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()));
        versioned
            && parts
                .get(..i)
                .is_some_and(|before| before.iter().any(|p| *p == "registry" || *p == "vendor"))
    })
}

thread_local! {
    static LAST: RefCell<Option<Site>> = const { RefCell::new(None) };
}

/// Installs (once per process) a panic hook that records each panic's site for its thread. A
/// panic in rqrr is recorded silently; any other goes on to the hook that was there before
/// (libFuzzer's, which aborts: a crash; or the default one, which prints it).
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let site = Site {
                file: info
                    .location()
                    .map(|l| l.file().to_string())
                    .unwrap_or_default(),
                line: info.location().map_or(0, |l| l.line()),
                message,
            };
            let tolerated = site.in_rqrr();
            LAST.with(|last| *last.borrow_mut() = Some(site));
            if !tolerated {
                previous(info);
            }
        }));
    });
}

/// Forgets the last recorded panic of this thread.
pub fn clear() {
    LAST.with(|last| *last.borrow_mut() = None);
}

/// The last panic recorded on this thread since [`clear`], if any.
pub fn last() -> Option<Site> {
    LAST.with(|last| last.borrow().clone())
}
