//! cargo-fuzz target `parse_key`: the checks live in `src/harness.rs`, shared with the stable-Rust
//! corpus replay in `tests/fuzz_corpus.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tls_sig_fuzz::harness::parse_key(data);
});
