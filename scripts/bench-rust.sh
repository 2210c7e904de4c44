#!/usr/bin/env bash
# Rust benchmarks: runs the criterion benches (benches/stages.rs, benches/paths.rs) with modest
# measurement times and prints one table of medians (µs and ops/s) from target/criterion.
#
#   bash scripts/bench-rust.sh [measurement-seconds]     (default 3)
#
# See BENCHMARKS.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
secs="${1:-3}"
target="${CARGO_TARGET_DIR:-$root/target}"
rm -rf "$target/criterion"
for bench in stages paths; do
    cargo bench --quiet --bench "$bench" -- --warm-up-time 1 --measurement-time "$secs" >/dev/null
done
python3 - "$target/criterion" <<'PY'
import json, os, sys
root = sys.argv[1]
rows = []
for group in sorted(os.listdir(root)):
    gdir = os.path.join(root, group)
    if not os.path.isdir(gdir) or group == "report":
        continue
    for case in sorted(os.listdir(gdir)):
        est = os.path.join(gdir, case, "new", "estimates.json")
        if os.path.isfile(est):
            with open(est) as f:
                ns = json.load(f)["median"]["point_estimate"]
            rows.append((group, case, ns))
print(f"{'group':<16} {'case':<28} {'median':>12} {'ops/s':>12}")
for group, case, ns in rows:
    print(f"{group:<16} {case:<28} {ns/1000:>10.2f}µs {1e9/ns:>12.0f}")
PY
