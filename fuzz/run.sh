#!/usr/bin/env bash
# Runs the cargo-fuzz targets on stable Rust, one at a time (one process: the machine has 2 cores).
#
#   bash fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     default: 300 s each, every target
#   bash fuzz/run.sh --merge [TARGET...]                  fold new coverage into fuzz/corpus/
#
# libFuzzer needs nightly-only rustc flags (-Zsanitizer=address, sancov); RUSTC_BOOTSTRAP=1 lets the
# stable toolchain accept them (the AddressSanitizer runtime ships with stable rustup toolchains).
# New inputs go to fuzz/corpus-local/<target>/ (not committed); --merge keeps, of those, only the
# ones that add coverage to fuzz/corpus/<target>/ (set-cover merge), committed and replayed by
# `cargo test --test fuzz_corpus`. Crashes land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
targets_all=(verify_ticket dump parse_key v2_structured)
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

if [ "${1:-}" = "--merge" ]; then
    shift
    targets=("$@")
    [ ${#targets[@]} -eq 0 ] && targets=("${targets_all[@]}")
    cargo fuzz build -O
    for t in "${targets[@]}"; do
        mkdir -p "corpus-local/$t"
        "target/x86_64-unknown-linux-gnu/release/$t" -set_cover_merge=1 -max_len=4096 "corpus/$t" "corpus-local/$t"
    done
    exit 0
fi

secs=300
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then secs=$1; shift; fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${targets_all[@]}")
for t in "${targets[@]}"; do
    mkdir -p "corpus-local/$t"
    echo "== fuzz $t for $secs s" >&2
    TIMEFORMAT="fuzz $t: cpu user %U s, sys %S s, wall %R s"
    time cargo fuzz run -O "$t" "corpus-local/$t" "corpus/$t" -- \
        -max_total_time="$secs" -print_final_stats=1 -max_len=4096 -timeout=10 -rss_limit_mb=2048
done
