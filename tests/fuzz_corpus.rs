//! Replays the fuzz corpora (`fuzz/corpus/<target>/`) on stable Rust as an ordinary test: every
//! file goes through exactly the checks its cargo-fuzz target runs (`fuzz/src/harness.rs`,
//! included here by path), so a crash once found by the fuzzer and kept in the corpus stays fixed.
//!
//! On top of the harness's own invariants (no panic, codes in 1..=17 with a message, no secret in
//! messages, decode/check agreement, v2 model agreement), this test asserts that the corpus is
//! really there, that each input is handled quickly, and that the `valid-*` seeds are genuine
//! tickets that pass.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[allow(dead_code)]
#[path = "../fuzz/src/harness.rs"]
mod harness;

use tls_sig::verify::{check, CheckKind, CheckRequest, VerificationKey};

/// A corpus input is small (libFuzzer `-max_len=4096`); any one taking longer than this to go
/// through a whole target (up to 18 checks) means something is quadratic or worse. Generous for
/// an unoptimised test build on a busy 2-core machine.
const PER_INPUT: Duration = Duration::from_secs(5);

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("corpus {} missing: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `run` on every corpus file of `target`, collecting every failure (panic or slowness) so
/// one run reports them all. Returns the number of files.
fn replay(target: &str, min_files: usize, run: fn(&[u8])) -> usize {
    let files = corpus(target);
    assert!(files.len() >= min_files, "corpus {target} has only {} files", files.len());
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, PathBuf::new());
    for file in &files {
        let data = std::fs::read(file).unwrap();
        let start = Instant::now();
        let outcome = std::panic::catch_unwind(|| run(&data));
        let took = start.elapsed();
        if took > slowest.0 {
            slowest = (took, file.clone());
        }
        match outcome {
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{}: panicked: {msg}", file.display()));
            }
            Ok(()) if took > PER_INPUT => failures.push(format!("{}: took {took:?}", file.display())),
            Ok(()) => {}
        }
    }
    eprintln!("{target}: {} files replayed, slowest {:?} ({})", files.len(), slowest.0, slowest.1.display());
    assert!(failures.is_empty(), "{} of {} {target} inputs failed:\n{}", failures.len(), files.len(), failures.join("\n"));
    files.len()
}

#[test]
fn verify_ticket_corpus() {
    replay("verify_ticket", 10, harness::verify_ticket);
}

#[test]
fn dump_corpus() {
    replay("dump", 10, harness::dump);
}

#[test]
fn parse_key_corpus() {
    replay("parse_key", 20, harness::parse_key);
}

#[test]
fn v2_structured_corpus() {
    replay("v2_structured", 5, harness::v2_structured);
}

/// The `valid-*` ticket seeds are real tickets: each passes the check with one of the fixture
/// keys or the v2 secret (so the fuzzer starts from inputs that reach every check), and the
/// other seeds do not pass with any key.
#[test]
fn valid_ticket_seeds_pass_and_others_fail() {
    let mut valid = 0;
    for file in corpus("verify_ticket") {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("valid-") && !name.starts_with("v1-") && !name.starts_with("v2-") && !name.starts_with("not-") {
            continue; // fuzzer-found inputs: covered by verify_ticket_corpus
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let userbuf = name.contains("userbuf");
        let kind = if userbuf { CheckKind::Userbuf { expected: Some(harness::USERBUF) } } else { CheckKind::Plain };
        let request = CheckRequest { sdkappid: harness::APPID, identifier: harness::IDENT, kind, now: Some(harness::NOW) };
        let results: Vec<_> = [harness::P256_PUBLIC_PEM, harness::K256_PUBLIC_PEM, harness::SECRET]
            .iter()
            .map(|key| check(&text, VerificationKey::Text(key), &request))
            .collect();
        let passes = results.iter().filter(|r| r.is_ok()).count();
        if name.starts_with("valid-") {
            assert_eq!(passes, 1, "{name} should pass with exactly one key: {results:?}");
            if userbuf {
                let v = results.iter().find_map(|r| r.as_ref().ok()).unwrap();
                assert_eq!(v.userbuf.as_deref(), Some(harness::USERBUF));
            }
            valid += 1;
        } else {
            assert_eq!(passes, 0, "{name} should not pass: {results:?}");
        }
    }
    assert!(valid >= 10, "only {valid} valid seeds");
}

/// The structured v2 seeds named valid-* build tickets that pass; the near misses do not.
#[test]
fn v2_structured_seeds_reach_success() {
    for file in corpus("v2_structured") {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(&file).unwrap();
        let code = harness::v2_structured_code(&data);
        match name.as_str() {
            "valid-plain" | "valid-userbuf" | "pretty-wrapped-mac" | "duplicates" => assert_eq!(code, 0, "{name}"),
            "flipped-mac" => assert_eq!(code, 8, "{name}"),
            "expired" => assert_eq!(code, 9, "{name}"),
            _ => {}
        }
    }
}
