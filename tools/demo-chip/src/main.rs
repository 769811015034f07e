//! demo-chip: DEMO ICAO 9303 PKI and CCCD chip dumps for cccd-verify (README.md).

#[path = "../../demo-issuer/src/b64.rs"]
#[allow(dead_code)]
mod b64;
mod card;
mod der;
mod ec;
mod fixtures;
mod hash;
mod jpeg;
mod pki;
mod rsa;

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: demo-chip fixtures --out DIR\n       demo-chip mrz --person SLUG\n\
DEMO ONLY: every key comes from a published seed.";

fn write_all(out: &Path) -> std::io::Result<usize> {
    let files = fixtures::all();
    for (name, bytes) in &files {
        let path = out.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
    }
    Ok(files.len())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["fixtures", "--out", dir] => match write_all(Path::new(dir)) {
            Ok(n) => {
                println!("demo-chip: wrote {n} files to {dir}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("demo-chip: {e}");
                ExitCode::from(1)
            }
        },
        ["mrz", "--person", slug] => match card::people().into_iter().find(|p| p.slug == *slug) {
            Some(p) => {
                for line in p.mrz() {
                    println!("{line}");
                }
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("demo-chip: unknown person {slug}");
                ExitCode::from(1)
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests;
