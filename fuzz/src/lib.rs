//! The fuzz harness, as a library so that the fuzz targets and the stable corpus replay
//! (`tests/fuzz_corpus.rs`, which includes `harness.rs` by path) run exactly the same checks.

pub mod harness;
